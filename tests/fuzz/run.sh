#!/bin/sh
# run.sh - build the libFuzzer harnesses (the `fuzz` preset: clang, ASan +
# UBSan) and run each for a bounded time from its corpus and seeds; any
# crash, leak, timeout or sanitizer report fails the run. CI runs it; by hand:
#   tests/fuzz/run.sh [SECONDS-PER-HARNESS]      (default 60)
#
# What the fuzzer finds is kept, and listed at the end:
#  - inputs that reach code the corpus did not (edges; merged with
#    -use_counters=0, so only a few) go into tests/fuzz/corpus/HARNESS/,
#    for you to commit: ctest replays that folder in every build;
#  - crash, leak and timeout inputs go into FUZZ_ARTIFACTS (default
#    build-fuzz/artifacts/), which no run empties.
# FUZZ_BUILD_DIR (default: build-fuzz) may be set.
set -eu
secs=${1:-60}
case $secs in '' | *[!0-9]*)
	echo "usage: tests/fuzz/run.sh [SECONDS-PER-HARNESS]" >&2
	exit 64 ;;
esac
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD_DIR:-$src/build-fuzz}
kept=${FUZZ_ARTIFACTS:-$build/artifacts}
jobs=$(nproc 2>/dev/null || echo 2)

(cd "$src" && cmake --preset fuzz -B "$build" >/dev/null)
cmake --build "$build" -j "$jobs" --target fuzz_catalog fuzz_config fuzz_request fuzz_resolve fuzz_signature

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$kept"
touch "$work/start"
status=0
added=""
for h in catalog config request resolve signature; do
	fuzzer="$build/tests/fuzz/fuzz_$h"
	corpus="$src/tests/fuzz/corpus/$h"
	seeds="$work/$h-seeds"
	new="$work/$h-new"
	mkdir -p "$corpus" "$seeds" "$new"
	# The seeds beside the corpus, as tests/fuzz/CMakeLists.txt gives ctest.
	case $h in
	catalog)
		cp "$src/tests/fixtures/"*.yaml "$seeds/"
		cp "$src/data/catalog.yaml" "$seeds/shipped.yaml"
		;;
	config)
		for f in "$src/tests/fixtures/"xdg-*/gpu-advisor/config.yaml; do
			cp "$f" "$seeds/$(basename "$(dirname "$(dirname "$f")")").yaml"
		done
		;;
	esac
	dict=""
	[ -f "$src/tests/fuzz/$h.dict" ] && dict="-dict=$src/tests/fuzz/$h.dict"
	echo "fuzz: $h for ${secs}s"
	# New inputs go to the first folder ($new), never into the seeds.
	# -rss_limit_mb: a harness that balloons is a bug too.
	if ! (cd "$work" && "$fuzzer" $dict -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$kept/$h-" "$new" "$corpus" "$seeds" \
		>"$work/$h.log" 2>&1); then
		echo "fuzz: $h FAILED; the last lines of its log:"
		tail -n 40 "$work/$h.log"
		status=1
	else
		grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/$h.log" | sed "s/^/fuzz: $h: /"
	fi
	# Keep the inputs that add edges to the corpus and seeds: merge into a
	# copy of both, and take what the merge added (named by SHA-1).
	merged="$work/$h-merged"
	mkdir -p "$merged"
	cp -R "$corpus/." "$merged/"
	cp -R "$seeds/." "$merged/"
	ls -A "$merged" >"$work/$h-before"
	if (cd "$work" && "$fuzzer" -merge=1 -use_counters=0 -timeout=10 -rss_limit_mb=2048 \
		"$merged" "$new" >"$work/$h-merge.log" 2>&1); then
		for f in $(ls -A "$merged" | grep -vxF -f "$work/$h-before" || true); do
			cp "$merged/$f" "$corpus/$f"
			added="$added tests/fuzz/corpus/$h/$f"
		done
	else
		echo "fuzz: $h: merging what it found failed; its log ends:"
		tail -n 10 "$work/$h-merge.log"
		status=1
	fi
done

n=$(echo $added | wc -w)
if [ "$n" -gt 0 ]; then
	echo "fuzz: $n new corpus inputs kept in tests/fuzz/corpus/ (commit them to keep them; ctest replays them):"
	printf '  %s\n' $added | head -n 20
	[ "$n" -gt 20 ] && echo "  ..."
fi
found=$(find "$kept" -type f -newer "$work/start" | sort)
if [ -n "$found" ]; then
	echo "fuzz: inputs that failed, kept (replay one: $build/tests/fuzz/fuzz_HARNESS FILE):"
	printf '  %s\n' $found
fi
exit $status
