#!/bin/sh
# run.sh - the speed benchmark (run by hand; it prints figures and never
# fails on a slow machine):
#  1. `recommend` end to end on the built-in catalogue, against the start-up
#     of a trivial C program, with peak memory; `memory` and `recommend
#     --model X --max-gpus 8` (goal: within twice the trivial program);
#  2. `recommend` with a generated catalogue of 10,000 GPUs compiled in (the
#     way the real one is), and the same file read with --catalog (YAML
#     parsed at run time);
#  3. `query` throughput on a JSON Lines batch of 100,000 requests.
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

echo "== query: 100,000 JSON Lines requests"
python3 - "$tmp/q.jsonl" <<'PY'
import json, sys
wl = ["cnn", "transformer", "lstm", "llm-inference"]
with open(sys.argv[1], "w") as f:
    for i in range(100000):
        f.write(json.dumps({"id": "ci-%d" % i, "command": "recommend", "workload": wl[i % 4],
                            "budget_usd": 1000 + i % 4000, "min_memory_gb": 16, "top": 3}) + "\n")
PY
start=$(date +%s.%N)
"$build/gpu-advisor" query "$tmp/q.jsonl" > "$tmp/answers.jsonl" || true
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print('query: 100000 requests in %.2f s: %.0f requests/s, %.1f MB of answers' % (s, 100000/s, int(sys.argv[3])/1e6))" \
	"$start" "$end" "$(wc -c < "$tmp/answers.jsonl")"
