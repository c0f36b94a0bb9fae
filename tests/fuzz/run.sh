#!/bin/sh
# run.sh - build the libFuzzer harnesses with clang (ASan + UBSan) and run
# each for a bounded time on its seed corpus; any crash, leak, timeout or
# sanitizer report fails the run. CI runs it; by hand:
#   tests/fuzz/run.sh [SECONDS-PER-HARNESS]      (default 60)
set -eu
secs=${1:-60}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD_DIR:-$src/build-fuzz}
jobs=$(nproc 2>/dev/null || echo 2)

CC=clang cmake -S "$src" -B "$build" -DGPUADV_FUZZ=ON -DGPUADV_TESTS=OFF \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs" --target fuzz_catalog fuzz_config fuzz_request fuzz_resolve fuzz_signature

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for h in catalog config request resolve signature; do
	corpus="$work/$h"
	mkdir -p "$corpus"
	cp "$src/tests/fuzz/corpus/$h/"* "$corpus/" 2>/dev/null || true
	case $h in
	catalog)
		cp "$src/tests/fixtures/"*.yaml "$corpus/"
		cp "$src/data/catalog.yaml" "$corpus/shipped.yaml"
		;;
	config)
		for f in "$src/tests/fixtures/"xdg-*/gpu-advisor/config.yaml; do
			cp "$f" "$corpus/$(basename "$(dirname "$(dirname "$f")")").yaml"
		done
		;;
	esac
	dict=""
	[ -f "$src/tests/fuzz/$h.dict" ] && dict="-dict=$src/tests/fuzz/$h.dict"
	echo "fuzz: $h for ${secs}s"
	# -rss_limit_mb: a harness that balloons is a bug too.
	if ! (cd "$work" && "$build/fuzz_$h" $dict -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 "$corpus" \
		>"$work/$h.log" 2>&1); then
		echo "fuzz: $h FAILED; the last lines of its log:"
		tail -n 40 "$work/$h.log"
		ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* 2>/dev/null || true
		status=1
	else
		grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/$h.log" | sed "s/^/fuzz: $h: /"
	fi
done
exit $status
