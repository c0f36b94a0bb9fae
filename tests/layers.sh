#!/bin/sh
# layers.sh - every #include "..." in src/ and include/gpu_advisor/ points
# down the layers (docs/conventions.md): a file includes headers of its own
# layer and of lower ranks only, never a higher rank nor another folder of
# the same rank; the CLI includes the core's public headers only.
#
#   tests/layers.sh [SRCDIR]             check; ctest runs this
#   tests/layers.sh --self-test SRCDIR   plant violations in a copy, expect failure
#
# The ranks and each layer's public headers (include/gpu_advisor/X.h) are
# read from the table in docs/conventions.md, the one place they are
# written: base 0, catalog 1, model 2, update 2, query 3, engine 4, render 5,
# cli 6. A new folder or public header goes into that table first.
#
# tests/layers-allow.txt lists the violations still being removed, one
# `file -> header` a line, the header as the #include writes it. The check
# fails on a violation it does not list, and on a listed one that no longer
# occurs: the list only shrinks.
set -eu

check() {
	root=$1
	allow=$2
	rules=$root/docs/conventions.md
	cd "$root"
	{ find src -name '*.[ch]'; ls include/gpu_advisor/*.h; } | LC_ALL=C sort |
	awk -v allowfile="$allow" -v rules="$rules" '
	function rank(l) { return (l in ranks) ? ranks[l] : -1 }
	function public_layer(h) { return (h in owner) ? owner[h] : "" }
	function exists(p,   line, r) {
		r = (getline line < p) >= 0
		close(p)
		return r
	}
	# Sets LAYER and PUBLIC for a path under src/ or include/gpu_advisor/.
	function classify(p,   parts) {
		split(p, parts, "/")
		if (parts[1] == "include") {
			LAYER = public_layer(parts[3]); PUBLIC = 1
		} else {
			LAYER = parts[2]; PUBLIC = 0
		}
	}
	function fail(msg) { print "layers: " msg; bad = 1 }
	BEGIN {
		# Rows like: | 1 | `src/catalog/` | ... | `catalog.h`, `models.h` |
		while ((getline line < rules) > 0) {
			n = split(line, col, "|")
			r = col[2]; gsub(/[ \t]/, "", r)
			folder = col[3]; gsub(/[ \t`]/, "", folder)
			if (n < 5 || r !~ /^[0-9]+$/ || folder !~ /^src\/[a-z_]+\/$/) continue
			split(folder, f, "/")
			ranks[f[2]] = r + 0
			layers++
			rest = col[n - 1]
			while (match(rest, /`[A-Za-z0-9_]+\.h`/)) {
				owner[substr(rest, RSTART + 1, RLENGTH - 2)] = f[2]
				rest = substr(rest, RSTART + RLENGTH)
			}
		}
		close(rules)
		if (layers < 2) {
			print "layers: no layer table found in " rules
			fatal = 2
			exit
		}
		while ((getline line < allowfile) > 0) {
			sub(/#.*/, "", line)
			gsub(/^[ \t]+|[ \t]+$/, "", line)
			gsub(/[ \t]+/, " ", line)
			if (line != "") allowed[line] = 1
		}
		close(allowfile)
	}
	{
		file = $0
		classify(file)
		from = LAYER
		if (rank(from) < 0) {
			fail(file ": no layer for this file (a new src/ folder or public header? see tests/layers.sh)")
			next
		}
		dir = file; sub(/\/[^\/]*$/, "", dir)
		while ((getline line < file) > 0) {
			if (line !~ /^[ \t]*#[ \t]*include[ \t]*"/) continue
			name = line; sub(/^[^"]*"/, "", name); sub(/".*/, "", name)
			if (name ~ /^gpu_advisor\//) target = "include/" name
			else if (exists(dir "/" name)) target = dir "/" name
			else if (exists("src/" name)) target = "src/" name
			else { fail(file ": cannot find \"" name "\""); continue }
			includes++
			classify(target)
			to = LAYER
			if (rank(to) < 0) { fail(target ": no layer for this header (see tests/layers.sh)"); continue }
			why = ""
			if (to == from) continue
			if (rank(to) > rank(from)) why = from " includes higher-ranked " to
			else if (rank(to) == rank(from)) why = from " and " to " have the same rank"
			else if (from == "cli" && !PUBLIC) why = "cli includes an internal header of " to
			if (why == "") continue
			key = file " -> " name
			if (key in seen) continue
			seen[key] = 1
			if (key in allowed) { listed++; continue }
			fail(key "   (" why ")")
		}
		close(file)
		files++
	}
	END {
		if (fatal)
			exit fatal
		for (key in allowed)
			if (!(key in seen))
				fail(key "   is listed in tests/layers-allow.txt but no longer occurs: remove the line")
		printf "layers: %d includes in %d files; %d listed violations still to remove\n",
			includes, files, listed
		exit bad
	}'
}

self_test() {
	src=$1
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	status=0
	# file to plant into | the line | what the output must name
	while IFS='|' read -r file plant expect; do
		rm -rf "$work/t" && mkdir "$work/t"
		cp -R "$src/src" "$src/include" "$src/docs" "$work/t/"
		cp "$src/tests/layers-allow.txt" "$work/allow"
		case $file in
		ALLOW) printf '%s\n' "$plant" >>"$work/allow" ;;
		DOCS) printf '%s\n' "$plant" >"$work/t/docs/conventions.md" ;;
		*) printf '%s\n' "$plant" >>"$work/t/$file" ;;
		esac
		if out=$(check "$work/t" "$work/allow" 2>&1); then
			echo "layers self-test: '$plant' in $file was not caught"
			status=1
		elif ! printf '%s\n' "$out" | grep -qF -- "$expect"; then
			echo "layers self-test: '$plant' in $file failed without naming '$expect':"
			printf '%s\n' "$out"
			status=1
		else
			echo "layers self-test: caught: $expect"
		fi
	done <<'EOF'
src/base/planted.c|#include "gpu_advisor/render.h"|src/base/planted.c -> gpu_advisor/render.h   (base includes higher-ranked render)
src/model/planted.c|#include "gpu_advisor/fetch.h"|src/model/planted.c -> gpu_advisor/fetch.h   (model and update have the same rank)
src/cli/planted.c|#include "catalog/yamltree.h"|src/cli/planted.c -> catalog/yamltree.h   (cli includes an internal header of catalog)
include/gpu_advisor/catalog.h|#include "gpu_advisor/engine.h"|include/gpu_advisor/catalog.h -> gpu_advisor/engine.h
src/engine/planted.c|#include "no_such.h"|cannot find "no_such.h"
DOCS|# no table|no layer table found
ALLOW|src/base/planted.c -> gpu_advisor/engine.h|src/base/planted.c -> gpu_advisor/engine.h   is listed
EOF
	return $status
}

if [ "${1:-}" = --self-test ]; then
	self_test "$(cd "${2:-.}" && pwd)"
else
	root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
	check "$root" "$root/tests/layers-allow.txt"
fi
