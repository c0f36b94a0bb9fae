#!/usr/bin/env python3
"""List the GPUs whose price in data/prices.yaml is missing or older than six
months before the file's as_of, for the next price refresh.

Usage: tools/stale-prices.py [PRICES_YAML] [--catalog CATALOG_YAML] [--months N]

Uses PyYAML (Debian python3-yaml) when present, else a small reader that
understands the layout prices.yaml is written in.  A date given as YYYY-MM
counts as the first day of that month, so a month-only price is never taken
for newer than it is.  Exit status: 0 when nothing is stale or missing, 1 when
something is, 2 on bad input.
"""
import argparse
import datetime
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_date(text):
    text = str(text).strip().strip('"')
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not m:
        raise ValueError("not a YYYY-MM-DD or YYYY-MM date: %r" % text)
    return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))


def months_before(day, months):
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m]
    return datetime.date(y, m + 1, min(day.day, last))


def tiny_load(text):
    """Reads the subset of YAML prices.yaml uses: top-level scalars, a list of
    GPU mappings, each with a list of flat price mappings."""
    doc, gpus, gpu, price = {}, [], None, None
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        m = re.match(r"^(\s*)(- )?([a-z_0-9]+):\s*(.*)$", line)
        if not m:
            raise ValueError("cannot read line: %r" % raw)
        indent, dash, key, value = len(m.group(1)), m.group(2), m.group(3), m.group(4)
        if value.startswith('"'):
            value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if indent == 0:
            doc[key] = gpus if key == "gpus" else value
        elif indent == 2 and dash:
            gpu = {key: value, "prices": []}
            gpus.append(gpu)
        elif indent == 4:
            if key == "prices":
                gpu["prices"] = []
            else:
                gpu[key] = value
        elif indent == 6 and dash:
            price = {key: value}
            gpu["prices"].append(price)
        elif indent == 8:
            price[key] = value
        else:
            raise ValueError("unexpected layout: %r" % raw)
    return doc


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        import yaml
    except ImportError:
        return tiny_load(text)
    return yaml.safe_load(text)


def catalog_info(path):
    """id -> segment, read with a regex so the catalogue needs no YAML library."""
    info, gid = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^  - id: (\S+)", line)
            if m:
                gid = m.group(1)
                continue
            m = re.match(r"^    segment: (\S+)", line)
            if m and gid:
                info[gid] = m.group(1)
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("prices", nargs="?", default=os.path.join(ROOT, "data", "prices.yaml"))
    ap.add_argument("--catalog", default=os.path.join(ROOT, "data", "catalog.yaml"))
    ap.add_argument("--months", type=int, default=6)
    args = ap.parse_args()
    try:
        doc = load(args.prices)
        as_of = parse_date(doc["as_of"])
        segments = catalog_info(args.catalog) if os.path.exists(args.catalog) else {}
    except (OSError, ValueError, KeyError) as e:
        print("stale-prices: %s" % e, file=sys.stderr)
        return 2
    cutoff = months_before(as_of, args.months)
    missing, stale, fresh_by_basis, thin_cloud = [], [], {}, []
    listed = set()
    for g in doc.get("gpus") or []:
        gid = g["gpu"]
        listed.add(gid)
        prices = g.get("prices") or []
        try:
            dated = [(parse_date(p["as_of"]), p["basis"]) for p in prices]
        except (KeyError, ValueError) as e:
            print("stale-prices: %s: %s" % (gid, e), file=sys.stderr)
            return 2
        clouds = [d for d, b in dated if b == "cloud"]
        if segments.get(gid) == "datacenter" and len(clouds) < 2:
            thin_cloud.append((gid, len(clouds)))
        if not dated:
            missing.append(gid)
            continue
        newest = max(d for d, _ in dated)
        if newest < cutoff:
            stale.append((gid, newest))
        for d, basis in dated:
            if d >= cutoff:
                fresh_by_basis.setdefault(basis, set()).add(gid)
    for gid in sorted(set(segments) - listed):
        missing.append(gid + " (not in prices.yaml)")

    print("prices as of %s; stale if the newest price is before %s" % (as_of, cutoff))
    print("\nmissing (%d):" % len(missing))
    for gid in missing:
        print("  " + gid)
    print("\nstale (%d):" % len(stale))
    for gid, d in sorted(stale, key=lambda x: x[1]):
        print("  %-32s newest %s" % (gid, d))
    print("\ndatacenter GPUs with fewer than two cloud rates (%d):" % len(thin_cloud))
    for gid, n in thin_cloud:
        print("  %-32s %d" % (gid, n))
    print("\nGPUs with a price on or after %s, by basis:" % cutoff)
    for basis in sorted(fresh_by_basis):
        print("  %-7s %d" % (basis, len(fresh_by_basis[basis])))
    return 1 if missing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
