#!/bin/sh
# check-deb.sh - build the Debian package with CPack and check it: the
# control fields (Depends from dpkg-shlibdeps, Recommends libcurl4), the
# files it holds, lintian (errors fail, warnings are reported), and the
# extracted program run from a scratch folder, charts module included.
#
#   tools/check-deb.sh      (into build-deb/; JOBS as in bootstrap.sh)
#
# The package is built by the preset deb (CMakePresets.json): installed
# into /usr, Debian's layout (-DGPUADV_DEBIAN=ON: changelog, copyright,
# zsh vendor-completions), with Debian's hardening flags (dpkg-buildflags).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=$src/build-deb
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
fail=0
bad() { echo "check-deb: FAIL: $*" >&2; fail=1; }

for tool in cpack dpkg-deb dpkg-shlibdeps lintian; do
	command -v "$tool" >/dev/null 2>&1 || { echo "check-deb: needs $tool (tools/bootstrap.sh package installs it)" >&2; exit 69; }
done

cd "$src"
CFLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
LDFLAGS="$(dpkg-buildflags --get LDFLAGS)" cmake --preset deb >/dev/null
cmake --build --preset deb -j "$jobs"
rm -f "$build"/gpu-advisor_*.deb
cpack --preset deb >/dev/null
deb=$(ls "$build"/gpu-advisor_*.deb)
echo "check-deb: $deb ($(du -k "$deb" | cut -f1) KiB)"

info=$(dpkg-deb --info "$deb")
printf '%s\n' "$info" | sed -n '/^ [A-Z]/,$p'
depends=$(dpkg-deb --field "$deb" Depends)
for lib in libc6 libyaml-0-2 libcjson1 libsmartcols1 libsodium23 libcairo2; do
	printf '%s\n' "$depends" | grep -qE "(^|, )$lib( |,|$)" || bad "Depends lacks $lib: $depends"
done
printf '%s\n' "$depends" | grep -q libcurl && bad "libcurl in Depends (it is dlopened: Recommends)"
[ "$(dpkg-deb --field "$deb" Recommends)" = libcurl4 ] || bad "Recommends is not libcurl4"
for field in Maintainer Section Description Installed-Size; do
	[ -n "$(dpkg-deb --field "$deb" "$field")" ] || bad "no $field"
done

contents=$(dpkg-deb --contents "$deb" | awk '{ print $NF }')
for path in ./usr/bin/gpu-advisor './usr/lib/*/gpu-advisor/gpu-advisor-charts.so' \
	    ./usr/share/man/man1/gpu-advisor.1.gz \
	    ./usr/share/bash-completion/completions/gpu-advisor \
	    ./usr/share/zsh/vendor-completions/_gpu-advisor \
	    ./usr/share/fish/vendor_completions.d/gpu-advisor.fish \
	    ./usr/share/doc/gpu-advisor/copyright ./usr/share/doc/gpu-advisor/changelog.Debian.gz \
	    ./usr/share/doc/gpu-advisor/README.md ./usr/share/doc/gpu-advisor/examples/catalog.yaml; do
	found=
	for f in $contents; do
		# shellcheck disable=SC2254
		case $f in $path) found=1 && break ;; esac
	done
	[ -n "$found" ] || bad "no $path in the package"
done
echo "check-deb: $(printf '%s\n' "$contents" | grep -cv '/$') files, the expected ones present"

# lintian: errors fail, warnings are shown (a root user needs --allow-root).
lintian_root=
[ "$(id -u)" = 0 ] && lintian_root=--allow-root
if ! lintian $lintian_root --fail-on error --tag-display-limit 0 "$deb"; then
	bad "lintian found errors"
fi

# The extracted program, its charts module found relative to itself.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
dpkg-deb -x "$deb" "$dir"
"$dir/usr/bin/gpu-advisor" recommend --workload cnn --budget 1500 >"$dir/out.txt" ||
	bad "the extracted program failed: recommend --workload cnn --budget 1500"
head -3 "$dir/out.txt"
"$dir/usr/bin/gpu-advisor" recommend --workload cnn --budget 1500 --format svg >"$dir/out.svg" ||
	bad "the extracted program drew no SVG"
head -c 300 "$dir/out.svg" | grep -q "<svg" || bad "--format svg wrote no SVG"
echo "check-deb: SVG of $(wc -c <"$dir/out.svg") bytes through the extracted charts module"
MANWIDTH=80 man -l "$dir/usr/share/man/man1/gpu-advisor.1.gz" 2>/dev/null | grep -q "^NAME" ||
	bad "man -l cannot read the packaged page"
[ $fail = 0 ] && echo "check-deb: ok"
exit $fail
