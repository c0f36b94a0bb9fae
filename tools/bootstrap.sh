#!/bin/sh
# bootstrap.sh - set up, build and run gpu-advisor on a fresh Debian 12
# machine: installs the missing Debian packages, configures and builds with
# CMake's presets (CMakePresets.json), then runs the main job, the test
# suite, or the deeper checks.
#
#   tools/bootstrap.sh run     build (preset default, into build/), then:
#                              gpu-advisor recommend --workload cnn --budget 1500
#                              (or the gpu-advisor arguments given after 'run')
#   tools/bootstrap.sh test    build and run ctest (preset default; with CI=true,
#                              preset ci: warnings are errors); then again with
#                              ASan+UBSan (preset sanitize)
#   tools/bootstrap.sh check   the suite under valgrind memcheck (preset valgrind),
#                              then each libFuzzer harness for FUZZ_SECONDS (default
#                              60; preset fuzz); CI runs it after 'test'
#   tools/bootstrap.sh package the Debian package (preset deb, into build-deb/),
#                              checked by tools/check-deb.sh: control fields,
#                              contents, lintian, the extracted program; CI runs it
#
# JOBS (default: nproc) may be set.
set -eu

usage() {
	echo "usage: tools/bootstrap.sh run [GPU-ADVISOR ARGS...] | test | check | package"
}

# Everything is checked before anything is installed.
mode=${1:-run}
case "$mode" in
run | test | check | package) ;;
-h | --help | help) usage; exit 0 ;;
*) usage >&2; exit 64 ;;
esac
if [ "$mode" != run ] && [ $# -gt 1 ]; then
	echo "bootstrap: '$mode' takes no arguments" >&2
	usage >&2
	exit 64
fi
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
fuzz_seconds=${FUZZ_SECONDS:-60}
for v in "JOBS=$jobs" "FUZZ_SECONDS=$fuzz_seconds"; do
	case ${v#*=} in '' | *[!0-9]* | 0)
		echo "bootstrap: ${v%%=*} must be a positive whole number, not '${v#*=}'" >&2
		exit 64 ;;
	esac
done
src=$(cd "$(dirname "$0")/.." && pwd)

# To build and run; the tests add theirs (a real HTTPS server, minisign,
# groff and man for the manual page, the shells whose completion is
# tested); the checks add valgrind and clang's libFuzzer; the package adds
# Debian's packaging tools (dpkg-shlibdeps, lintian).
build_packages="gcc make cmake pkg-config libyaml-dev libcjson-dev libsmartcols-dev libcurl4-openssl-dev libsodium-dev libcairo2-dev"
test_packages="libcmocka-dev python3 openssl minisign groff-base man-db zsh fish"
check_packages="valgrind clang libclang-rt-14-dev"
package_packages="dpkg-dev lintian groff-base man-db"
case "$mode" in
run) packages=$build_packages ;;
test) packages="$build_packages $test_packages" ;;
check) packages="$build_packages $test_packages $check_packages" ;;
package) packages="$build_packages $package_packages" ;;
esac

install_missing() {
	missing=""
	for p in $packages; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
			missing="$missing $p"
		fi
	done
	[ -z "$missing" ] && return 0
	echo "bootstrap: installing:$missing"
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
	elif command -v sudo >/dev/null 2>&1; then
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
	else
		echo "bootstrap: missing packages and no root or sudo; run as root:" >&2
		echo "  apt-get install -y$missing" >&2
		exit 1
	fi
}

# After ctest: each cmocka suite's own summary, from ctest's log.
cmocka_summary() {
	log="$1/Testing/Temporary/LastTest.log"
	[ -f "$log" ] || return 0
	echo "bootstrap: cmocka summaries ($1):"
	awk '/^[0-9]+\/[0-9]+ Testing: / { name = $3 }
	     /^\[  (PASSED|FAILED)  \] [0-9]+ test/ { printf "  %-12s %s\n", name, $0 }' "$log"
}

# Configure, build and test with one preset (its workflow); its build
# folder is build/ for default, build-PRESET/ for the others.
workflow() {
	dir="$src/build-$1"
	[ "$1" = default ] && dir="$src/build"
	rm -f "$dir/Testing/Temporary/LastTest.log"
	if ! cmake --workflow --preset "$1"; then
		cmocka_summary "$dir"
		exit 1
	fi
	cmocka_summary "$dir"
}

install_missing
cd "$src"
export CMAKE_BUILD_PARALLEL_LEVEL="$jobs" CTEST_PARALLEL_LEVEL="$jobs"
case "$mode" in
run)
	cmake --preset default -DGPUADV_TESTS=OFF >/dev/null
	cmake --build --preset default
	shift 2>/dev/null || true
	if [ $# -gt 0 ]; then
		exec "$src/build/gpu-advisor" "$@"
	fi
	exec "$src/build/gpu-advisor" recommend --workload cnn --budget 1500
	;;
test)
	if [ "${CI:-}" = true ]; then
		workflow ci
	else
		workflow default
	fi
	echo "bootstrap: again under AddressSanitizer and UndefinedBehaviorSanitizer"
	workflow sanitize
	;;
check)
	# CMake runs every test program through valgrind; the preset leaves
	# out alloc, which replaces malloc itself.
	workflow valgrind
	"$src/tests/fuzz/run.sh" "$fuzz_seconds"
	;;
package)
	JOBS=$jobs "$src/tools/check-deb.sh"
	;;
esac
