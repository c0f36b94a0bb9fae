#!/bin/sh
# test_install_tree.sh BUILD-DIR - `cmake --install` into a scratch prefix:
# the program, the charts module, the data, the manual page and the three
# completion scripts are where the standard places are, `man -l` renders
# the installed page, and the installed program finds its charts module.
set -u
build=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

cmake --install "$build" --prefix "$dir/p" >/dev/null || { echo "FAIL: cmake --install"; exit 1; }
man=$(ls "$dir"/p/share/man/man1/gpu-advisor.1* 2>/dev/null | head -1)
for f in bin/gpu-advisor share/bash-completion/completions/gpu-advisor \
	 share/fish/vendor_completions.d/gpu-advisor.fish share/doc/gpu-advisor/examples/catalog.yaml \
	 share/doc/gpu-advisor/README.md; do
	[ -f "$dir/p/$f" ] || bad "no $f"
done
ls "$dir"/p/share/zsh/*/_gpu-advisor >/dev/null 2>&1 || bad "no zsh completion"
find "$dir/p" -path '*/gpu-advisor/gpu-advisor-charts.so' | grep -q . || bad "no charts module"
[ -n "$man" ] || bad "no manual page in share/man/man1"
if [ -n "$man" ] && command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -l "$man" 2>/dev/null | grep -q "^NAME" || bad "man -l cannot read $man"
fi
"$dir/p/bin/gpu-advisor" compare rtx3090 a100 --format svg >"$dir/out.svg" 2>"$dir/err" ||
	bad "the installed program draws no SVG: $(cat "$dir/err")"
head -c 200 "$dir/out.svg" | grep -q "<svg" || bad "not an SVG"
exit $fail
