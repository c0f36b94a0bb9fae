#!/usr/bin/env python3
"""replication.py - how far Lambda's own results for the same cards disagree
between benchmark sets (other software): the floor under any model's error.

Usage: tools/replication.py [data/catalog.yaml]

For each pair of sets and each (network, precision label), the cards
measured in both are divided by their geometric mean in each set; the
printed figure is the median |ratio(set 2) / ratio(set 1) - 1| over those
cards, overall and per network. docs/performance-model.md quotes it.
"""
import math
import re
import statistics
import sys
from collections import defaultdict

ROW = re.compile(r"^  - \{gpu: ([^,]+),.*? network: ([^,]+),.*? precision: ([^,]+), "
                 r"throughput: ([0-9.e+]+),.*? set: ([^,]+),")


def main(path):
    val = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = ROW.match(line)
            if m and "task: train" in line:
                gpu, net, prec, thr, bset = m.groups()
                val[(bset, gpu, net, prec)] = float(thr)
    sets = sorted({k[0] for k in val})
    for i, s1 in enumerate(sets):
        for s2 in sets[i + 1:]:
            diffs, by_net = [], defaultdict(list)
            keys = {(k[2], k[3]) for k in val if k[0] == s1}
            for net, prec in sorted(keys):
                gpus = [k[1] for k in val if k[0] == s1 and k[2] == net and k[3] == prec
                        and (s2, k[1], net, prec) in val]
                if len(gpus) < 2:
                    continue
                m1 = sum(math.log(val[(s1, g, net, prec)]) for g in gpus) / len(gpus)
                m2 = sum(math.log(val[(s2, g, net, prec)]) for g in gpus) / len(gpus)
                for g in gpus:
                    d = abs(math.exp(math.log(val[(s2, g, net, prec)]) - m2
                                     - math.log(val[(s1, g, net, prec)]) + m1) - 1)
                    diffs.append(d)
                    by_net[net].append(d)
            if not diffs:
                continue
            print(f"{s1} against {s2}: median {100 * statistics.median(diffs):.1f}% "
                  f"over {len(diffs)} results; "
                  + ", ".join(f"{n} {100 * statistics.median(v):.1f}%"
                              for n, v in sorted(by_net.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "data/catalog.yaml"))
