#!/bin/sh
# run.sh - golden outputs: runs every case in tests/golden/cases.txt against
# BINARY and compares stdout, stderr and the exit status with
# tests/golden/out/NAME.txt. With --record, writes those files anew instead:
# do that on purpose, then read the diff before committing it.
#
#   tests/golden/run.sh [--record] BINARY
set -u
record=0
if [ "${1:-}" = --record ]; then record=1; shift; fi
[ $# -eq 1 ] || { echo "usage: tests/golden/run.sh [--record] BINARY" >&2; exit 64; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." || exit 70
tmp=$(mktemp -d) || exit 70
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$here/out" "$tmp/config" "$tmp/data"

# Every case sees the same world: the frozen catalogue, a fixed date, no configuration,
# no colour, a fixed width, the C locale.
export GPU_ADVISOR_CATALOG=tests/golden/catalog.yaml GPU_ADVISOR_TODAY=2026-11-30 NO_COLOR=1 COLUMNS=120 LC_ALL=C
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" GA="$bin"
failed=0 passed=0
while IFS= read -r line; do
	case "$line" in ''|'#'*) continue ;; esac
	name=${line%%:*}
	args=${line#*:}
	out="$tmp/$name.txt"
	sh -c "exec \"\$GA\" $args" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
	rc=$?
	{ cat "$tmp/stdout"; echo "--- stderr"; cat "$tmp/stderr"; echo "--- exit $rc"; } >"$out"
	if [ $record = 1 ]; then
		cp "$out" "$here/out/$name.txt"
	elif cmp -s "$out" "$here/out/$name.txt"; then
		passed=$((passed + 1))
	else
		echo "golden: '$name' differs:" >&2
		diff -u "$here/out/$name.txt" "$out" | head -n 40 >&2
		failed=$((failed + 1))
	fi
done <"$here/cases.txt"
[ $record = 1 ] && { echo "golden: recorded $(ls "$here/out" | wc -l) cases"; exit 0; }
echo "$passed passed, $failed failed"
[ $failed = 0 ]
