#!/bin/sh
# run.sh - the speed benchmark of `recommend` (run by hand, prints figures):
# end to end on the embedded catalogue against a trivial C program's
# start-up, and on a generated catalogue of 10,000 GPUs; with peak memory.
#   tests/bench/run.sh [BUILD_DIR]        (default: build)
set -eu
build=${1:-build}
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bench="$build/gpu-advisor-bench"
"$bench" 200 "$build/gpu-advisor-trivial"
"$bench" 200 "$build/gpu-advisor" recommend --workload cnn --budget 1500
"$bench" 200 "$build/gpu-advisor" recommend --workload transformer --format json
python3 "$src/tests/bench/gen_catalog.py" "$src/data/catalog.yaml" "$tmp/10k.yaml" 10000
"$bench" 20 "$build/gpu-advisor" --catalog "$tmp/10k.yaml" recommend --workload cnn --budget 1500
"$bench" 20 "$build/gpu-advisor" --catalog "$tmp/10k.yaml" catalog info
