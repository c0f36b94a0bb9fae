#!/bin/sh
# bootstrap.sh - set up, build and run gpu-advisor on a fresh Debian 12
# machine: installs the missing Debian packages, configures and builds with
# CMake, then either runs the main job or the whole test suite.
#
#   tools/bootstrap.sh run     build, then: gpu-advisor recommend --workload cnn --budget 1500
#   tools/bootstrap.sh test    build, run ctest; then build with ASan+UBSan and run ctest again
#
# BUILD_DIR (default: build) and JOBS (default: nproc) may be set.
set -eu

mode=${1:-run}
src=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$src/build}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

packages="gcc make cmake pkg-config libyaml-dev libcjson-dev libsmartcols-dev libcmocka-dev libcurl4-openssl-dev libsodium-dev python3 openssl minisign"

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
	configure_build "$build"
	(cd "$build" && ctest --output-on-failure -j "$jobs")
	echo "bootstrap: again under AddressSanitizer and UndefinedBehaviorSanitizer"
	configure_build "$build-sanitize" -DGPUADV_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	(cd "$build-sanitize" && ctest --output-on-failure -j "$jobs")
	;;
*)
	echo "usage: tools/bootstrap.sh run [GPU-ADVISOR ARGS...] | test" >&2
	exit 64
	;;
esac
