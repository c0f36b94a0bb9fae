#!/bin/sh
# run.sh - the speed benchmark (run by hand; it prints figures and never
# fails on a slow machine):
#  1. `recommend` end to end on the built-in catalogue, against the start-up
#     of a trivial C program, with peak memory; `memory` and `recommend
#     --model X --max-gpus 8` (goal: within twice the trivial program);
#  2. `recommend` with a generated catalogue of 10,000 GPUs compiled in (the
#     way the real one is), and the same file read with --catalog (YAML
#     parsed at run time);
#  3. `query` throughput on JSON Lines batches: 100,000 recommend
#     requests; 20,000 of recommend, compare and memory in turn; 200,000
#     that are parsed whole and refused (the parsing alone).
#   tests/bench/run.sh [BUILD_DIR]        (default: build)
# It turns GPUADV_BENCH on in BUILD_DIR, which builds its two helpers.
set -eu
build=$(cd "${1:-build}" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
cmake -S "$src" -B "$build" -DGPUADV_BENCH=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target gpu-advisor gpu-advisor-bench gpu-advisor-trivial >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bench="$build/gpu-advisor-bench"

echo "== start-up and recommend, built-in catalogue"
"$bench" 300 "$build/gpu-advisor-trivial"
"$bench" 300 "$build/gpu-advisor" --version
"$bench" 300 "$build/gpu-advisor" recommend --workload cnn --budget 1500
"$bench" 300 "$build/gpu-advisor" recommend --workload transformer --format json
echo "== models (issue 10): memory and recommend --model X --max-gpus 8"
"$bench" 300 "$build/gpu-advisor" memory --model llama-3.1-70b --quant q4_k_m --context 8192
"$bench" 300 "$build/gpu-advisor" recommend --model llama-3.1-70b --quant q4_k_m --max-gpus 8
"$bench" 300 "$build/gpu-advisor" recommend --model llama-3-8b --task finetune --max-gpus 8 --format json

echo "== 10,000 GPUs"
python3 "$src/tests/bench/gen_catalog.py" "$src/data/catalog.yaml" "$tmp/10k.yaml" 10000
# The price list names real GPUs, which the generated catalogue lacks: an
# empty one goes with it (and beside it, for --catalog below).
printf 'schema_version: 1\nas_of: 2026-11-30\ngpus: []\n' >"$tmp/prices.yaml"
cmake -S "$src" -B "$tmp/build-10k" -DCMAKE_BUILD_TYPE=Release -DGPUADV_TESTS=OFF \
	-DGPUADV_CATALOG="$tmp/10k.yaml" -DGPUADV_PRICES="$tmp/prices.yaml" >/dev/null
cmake --build "$tmp/build-10k" -j "$(nproc)" --target gpu-advisor >/dev/null
echo "compiled in:"
"$bench" 50 "$tmp/build-10k/gpu-advisor" recommend --workload cnn --budget 1500
"$bench" 50 "$tmp/build-10k/gpu-advisor" recommend --workload transformer --format json
echo "read with --catalog (YAML parsed at start-up):"
"$bench" 10 "$build/gpu-advisor" --catalog "$tmp/10k.yaml" recommend --workload cnn --budget 1500

echo "== query: JSON Lines batches (best of 3)"
python3 - "$tmp" <<'PY'
import json, os, sys
d = sys.argv[1]
wl = ["cnn", "transformer", "lstm", "llm-inference"]
with open(os.path.join(d, "q.jsonl"), "w") as f:
    for i in range(100000):
        f.write(json.dumps({"id": "ci-%d" % i, "command": "recommend", "workload": wl[i % 4],
                            "budget_usd": 1000 + i % 4000, "min_memory_gb": 16, "top": 3}) + "\n")
# recommend, compare and memory in turn: answers of 3 to 60 kB
with open(os.path.join(d, "mixed.jsonl"), "w") as f:
    for i in range(20000):
        r = [{"id": i, "command": "recommend", "workload": wl[i % 4], "budget_usd": 1000 + i % 4000},
             {"id": "c-%d" % i, "command": "compare", "gpus": ["rtx3090", "a100", "rtx4090"],
              "workload": wl[i % 4]},
             {"id": i, "command": "memory", "model": "llama-3.1-70b", "quant": "q4_k_m",
              "context_tokens": 8192}][i % 3]
        f.write(json.dumps(r) + "\n")
# every request parsed whole, then refused for its last key: the parsing
# alone, with a short answer
with open(os.path.join(d, "parse.jsonl"), "w") as f:
    for i in range(200000):
        f.write(json.dumps({"id": i, "command": "recommend", "workload": "cnn", "budget_usd": 1500,
                            "min_memory_gb": 16, "prices": {"rtx3090": 700}, "bogus": 1}) + "\n")
PY
# best3 NAME FILE: the fastest of three runs (answers to /dev/null), with
# the answers' size from a fourth
best3() {
	python3 - "$build/gpu-advisor" "$2" "$1" "$("$build/gpu-advisor" query "$2" | wc -c)" <<'PY'
import subprocess, sys, time
best = None
n, size = sum(1 for _ in open(sys.argv[2])), int(sys.argv[4])
for _ in range(3):
    t = time.monotonic()
    subprocess.run([sys.argv[1], "query", sys.argv[2]], stdout=subprocess.DEVNULL)
    best = min(best or 1e9, time.monotonic() - t)
print("query, %s: %d requests in %.2f s: %.0f requests/s, %.1f MB of answers"
      % (sys.argv[3], n, best, n / best, size / 1e6))
PY
}
best3 "recommend" "$tmp/q.jsonl"
best3 "recommend, compare, memory" "$tmp/mixed.jsonl"
best3 "parsed and refused" "$tmp/parse.jsonl"
