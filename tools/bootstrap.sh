#!/bin/sh
# bootstrap.sh - set up, build and run gpu-advisor on a fresh Debian 12
# machine: installs the missing Debian packages, configures and builds with
# CMake, then runs the main job, the test suite, or the deeper checks.
#
#   tools/bootstrap.sh run     build, then: gpu-advisor recommend --workload cnn --budget 1500
#                              (or the gpu-advisor arguments given after 'run')
#   tools/bootstrap.sh test    build, run ctest; then build with ASan+UBSan and run ctest again
#   tools/bootstrap.sh check   the suite under valgrind memcheck, then each libFuzzer
#                              harness for FUZZ_SECONDS (default 60); CI runs it after 'test'
#
# BUILD_DIR (default: build) and JOBS (default: nproc) may be set.
set -eu

mode=${1:-run}
src=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$src/build}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

# To build and run; the tests add theirs (a real HTTPS server, minisign);
# the checks add valgrind and clang's libFuzzer.
build_packages="gcc make cmake pkg-config libyaml-dev libcjson-dev libsmartcols-dev libcurl4-openssl-dev libsodium-dev libcairo2-dev"
test_packages="libcmocka-dev python3 openssl minisign"
check_packages="valgrind clang libclang-rt-14-dev"
case "$mode" in
run) packages=$build_packages ;;
test) packages="$build_packages $test_packages" ;;
*) packages="$build_packages $test_packages $check_packages" ;;
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
	echo "bootstrap: cmocka summaries ($1):"
	awk '/^[0-9]+\/[0-9]+ Testing: / { name = $3 }
	     /^\[  (PASSED|FAILED)  \] [0-9]+ test/ { printf "  %-12s %s\n", name, $0 }' \
		"$1/Testing/Temporary/LastTest.log"
}

configure_build() {
	dir=$1; shift
	cmake -S "$src" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
	cmake --build "$dir" -j "$jobs"
}

install_missing
case "$mode" in
run)
	configure_build "$build" -DGPUADV_TESTS=OFF
	shift 2>/dev/null || true
	if [ $# -gt 0 ]; then
		exec "$build/gpu-advisor" "$@"
	fi
	exec "$build/gpu-advisor" recommend --workload cnn --budget 1500
	;;
test)
	configure_build "$build" -DGPUADV_TESTS=ON
	(cd "$build" && ctest --output-on-failure -j "$jobs") || { cmocka_summary "$build"; exit 1; }
	cmocka_summary "$build"
	echo "bootstrap: again under AddressSanitizer and UndefinedBehaviorSanitizer"
	configure_build "$build-sanitize" -DGPUADV_TESTS=ON -DGPUADV_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	(cd "$build-sanitize" && ctest --output-on-failure -j "$jobs") ||
		{ cmocka_summary "$build-sanitize"; exit 1; }
	cmocka_summary "$build-sanitize"
	;;
check)
	# CMake runs every test program through the launcher: valgrind here.
	configure_build "$build-valgrind" -DGPUADV_TESTS=ON -DCMAKE_BUILD_TYPE=Debug \
		"-DCMAKE_CROSSCOMPILING_EMULATOR=valgrind;--error-exitcode=99;--leak-check=full;--errors-for-leak-kinds=definite,indirect;--trace-children=yes;--trace-children-skip=*/sh,*/bash,*/python3*,*/openssl,*/setpriv,*/minisign;--quiet"
	# alloc replaces malloc itself, which valgrind cannot share.
	(cd "$build-valgrind" && ctest --output-on-failure -j "$jobs" -E '^alloc$')
	FUZZ_BUILD_DIR="$build-fuzz" "$src/tests/fuzz/run.sh" "${FUZZ_SECONDS:-60}"
	;;
*)
	echo "usage: tools/bootstrap.sh run [GPU-ADVISOR ARGS...] | test | check" >&2
	exit 64
	;;
esac
