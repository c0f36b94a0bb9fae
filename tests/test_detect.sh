#!/bin/sh
# test_detect.sh - end-to-end tests of `gpu-advisor detect` and `recommend
# --upgrade-from` against the NVML stub (tests/nvml_stub.c, a shared
# library that answers as its NVML_STUB_* environment says), pointed to by
# GPU_ADVISOR_NVML: text and JSON, a GPU the catalogue does not know, a
# variant it does not list, a failing device query, and the failures that
# must be one line on stderr with the documented exit code (no driver: 69).
#
#   tests/test_detect.sh GPU-ADVISOR-BINARY NVML-STUB SOURCE-DIR
set -u

bin=$1
stub=$2
src=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gpuadv-detect.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
unset NVML_STUB_GPUS NVML_STUB_INIT NVML_STUB_COUNT NVML_STUB_FAIL NVML_STUB_NAME_RAW \
	GPU_ADVISOR_CATALOG
export GPU_ADVISOR_NVML="$stub" NO_COLOR=1

# run NAME WANT-EXIT [ENV=VALUE ...] -- ARGS...: runs the binary with the
# environment given, keeps stdout and stderr in $out and $err, checks the
# exit code and the error contract (exit 0: stderr empty; else one line
# starting "gpu-advisor: ").
run() {
	name=$1 want=$2
	shift 2
	out="$tmp/out" err="$tmp/err"
	(
		while [ "$1" != "--" ]; do
			export "$1"
			shift
		done
		shift
		exec "$bin" "$@"
	) >"$out" 2>"$err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: exit $got, want $want"; cat "$err"; failed=1
	elif [ "$want" = 0 ] && [ -s "$err" ]; then
		echo "FAIL $name: exit 0 with stderr"; cat "$err"; failed=1
	elif [ "$want" != 0 ] && { [ "$(wc -l <"$err")" != 1 ] ||
				  ! grep -q '^gpu-advisor: ' "$err"; }; then
		echo "FAIL $name: stderr is not one 'gpu-advisor: ' line"; cat "$err"; failed=1
	else
		echo "ok   $name"
	fi
}

# has NAME FILE TEXT: FILE contains TEXT (a fixed string).
has() {
	if ! grep -qF -- "$3" "$2"; then
		echo "FAIL $1: no '$3' in:"; cat "$2"; failed=1
	fi
}

# json NAME PYTHON-EXPR: the expression over d (stdout parsed) is true.
json() {
	if command -v python3 >/dev/null 2>&1 &&
	   ! python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$out"; then
		echo "FAIL $1: not ($2):"; cat "$out"; failed=1
	fi
}

two="NVML_STUB_GPUS=2204:NVIDIA GeForce RTX 3090:24576;abcd:NVIDIA Mystery GPU:4096"

run "detect: two GPUs, text" 0 "$two" -- detect
has "detect text" "$out" "NVIDIA driver 550.54.15, CUDA 12.4: 2 GPUs"
has "detect text" "$out" "PCI device id  0x2204 (vendor 0x10de), bus 00000000:01:00.0"
has "detect text" "$out" "memory         24576 MiB"
has "detect text" "$out" "catalogue      rtx-3090 (GeForce RTX 3090), matched by PCI device id"
has "detect text: unknown GPU" "$out" "catalogue      not in the catalogue (no entry lists PCI device id 0xabcd or this name)"

run "detect: two GPUs, JSON" 0 "$two" -- detect --format json
json "detect JSON" "d['gpu_count'] == 2 and d['driver_version'] == '550.54.15' and d['cuda_version'] == '12.4'"
json "detect JSON: match" "d['gpus'][0]['pci_device_id'] == '0x2204' and d['gpus'][0]['match'] == 'pci_device_id' and d['gpus'][0]['gpu']['id'] == 'rtx-3090' and d['gpus'][0]['memory_mib'] == 24576"
json "detect JSON: unknown" "d['gpus'][1]['match'] == 'none' and d['gpus'][1]['gpu'] is None"

run "detect: a variant the catalogue lacks" 0 "NVML_STUB_GPUS=2d04:NVIDIA GeForce RTX 5060 Ti:8151" -- detect
has "variant" "$out" "the catalogue's 16 GB is not this card's memory"

run "detect: PCI query fails, name matches" 0 "NVML_STUB_GPUS=2204:NVIDIA GeForce RTX 3090:24576" \
	"NVML_STUB_FAIL=pci:0" -- detect
has "pci fails" "$out" "PCI device id  unknown"
has "pci fails" "$out" "rtx-3090 (GeForce RTX 3090), matched by name"
has "pci fails" "$out" "problem        'nvmlDeviceGetPciInfo_v3' failed: Unknown Error (NVML error 999)"

run "detect: control characters from the driver" 0 "NVML_STUB_GPUS=2204:NVIDIA GeForce RTX 3090:24576" \
	"NVML_STUB_NAME_RAW=1" -- detect
if grep -q "$(printf '\033')" "$out"; then
	echo "FAIL escape: the driver's control character reached the output"; failed=1
fi

run "detect: no GPUs, text" 1 "NVML_STUB_GPUS=" -- detect
has "no GPUs" "$err" "gpu-advisor: the NVIDIA driver (550.54.15) reports no GPUs"
run "detect: no GPUs, JSON still answers" 1 "NVML_STUB_GPUS=" -- detect --format json
json "no GPUs JSON" "d['gpu_count'] == 0 and d['gpus'] == []"

# The default library: only where this machine has no NVIDIA driver.
if ! { command -v ldconfig >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q 'libnvidia-ml\.so\.1'; }; then
	run "detect: no driver" 69 "GPU_ADVISOR_NVML=" -- detect
	has "no driver" "$err" "gpu-advisor: no NVIDIA driver found (cannot load 'libnvidia-ml.so.1')"
	[ -s "$out" ] && { echo "FAIL no driver: stdout not empty"; failed=1; }
fi
run "detect: library missing" 69 "GPU_ADVISOR_NVML=$tmp/nope.so" -- detect
has "library missing" "$err" "no NVIDIA driver found (cannot load '$tmp/nope.so')"
# A FIFO (or a device) named as the library: dlopen would wait for a writer.
mkfifo "$tmp/fifo.so"
timeout 10 env GPU_ADVISOR_NVML="$tmp/fifo.so" "$bin" detect >"$tmp/out" 2>"$tmp/err"
got=$?
if [ "$got" = 69 ] && grep -qF "no NVIDIA driver found (cannot load '$tmp/fifo.so': it is not a regular file)" "$tmp/err"; then
	echo "ok   detect: a FIFO as the library, at once"
else
	echo "FAIL detect: a FIFO as the library: exit $got"; cat "$tmp/err"; failed=1
fi
run "detect: driver not loaded" 69 "$two" "NVML_STUB_INIT=9" -- detect
has "init" "$err" "gpu-advisor: the NVIDIA driver does not answer: 'nvmlInit_v2' failed: Driver Not Loaded (NVML error 9)"
run "detect: count fails" 69 "$two" "NVML_STUB_COUNT=999" -- detect --format json
has "count" "$err" "'nvmlDeviceGetCount_v2' failed"
run "detect: takes no GPU argument" 64 -- detect rtx3090

# --upgrade-from
run "upgrade from detected" 0 "$two" -- recommend --workload cnn --top 3 --upgrade-from detected
has "upgrade text" "$out" "Upgrading from the detected GeForce RTX 3090, which runs this at 1.00"
has "upgrade text" "$out" "VS YOURS"
run "upgrade from detected, JSON" 0 "$two" -- recommend --workload cnn --upgrade-from detected --format json
json "upgrade JSON" "d['query']['upgrade_from'] == 'rtx-3090' and d['query']['upgrade_from_detected'] and d['upgrade_from']['id'] == 'rtx-3090'"
json "upgrade JSON: ratios" "all(abs(r['speedup'] - r['perf']['value'] / d['upgrade_from']['perf']['value']) < 1e-6 for r in d['results'])"
json "upgrade JSON: yours is 1" "all(abs(r['speedup'] - 1) < 1e-9 for r in d['results'] if r['id'] == 'rtx-3090')"
run "upgrade from an id" 0 -- recommend --workload cnn --top 2 --upgrade-from "GTX 1080 Ti"
has "upgrade id" "$out" "Upgrading from the GeForce GTX 1080 Ti"
run "upgrade: no driver" 69 "GPU_ADVISOR_NVML=$tmp/nope.so" -- recommend --workload cnn --upgrade-from detected
run "upgrade: unknown card" 64 "NVML_STUB_GPUS=abcd:NVIDIA Mystery GPU:4096" -- recommend --workload cnn --upgrade-from detected
has "upgrade unknown" "$err" "the detected GPU 'NVIDIA Mystery GPU' (PCI device id 0xabcd) is not in the catalogue; give --upgrade-from ID"
run "upgrade: no GPUs" 69 "NVML_STUB_GPUS=" -- recommend --workload cnn --upgrade-from detected
run "upgrade: unknown id" 64 -- recommend --workload cnn --upgrade-from rtx9999
printf '{"command": "recommend", "workload": "cnn", "upgrade_from": "detected"}\n' >"$tmp/req.json"
"$bin" query "$tmp/req.json" >"$out" 2>"$tmp/err"
json "request: detected refused" "'works with the --upgrade-from flag' in d['error']['message']" 2>/dev/null || true
has "request: detected refused" "$out" "works with the --upgrade-from flag"

# memory --on: the detected cards (as many as the machine has of the first
# known one), a catalogue id, and the failures.
twin="NVML_STUB_GPUS=2204:NVIDIA GeForce RTX 3090:24576;2204:NVIDIA GeForce RTX 3090:24576"
run "memory on detected, two cards" 0 "$twin" -- memory --model qwen2.5-32b --quant q4_k_m --on detected
has "memory on detected" "$out" "On this machine's 2 x GeForce RTX 3090: needs 21.0 GiB, 2 x 24 GB = 48 GiB: fits"
has "memory on detected: speed" "$out" "decode ~"
run "memory on detected, JSON" 0 "$twin" -- memory --model qwen2.5-32b --quant q4_k_m --on detected --format json
json "memory on detected JSON" "d['on']['gpu'] == 'rtx-3090' and d['on']['detected'] and d['on']['count'] == 2 and d['on']['fits'] and d['on']['memory']['available_gb'] == 48"
run "memory on detected, one known of two" 0 "$two" -- memory --model llama-3-8b --on detected --format json
json "memory on detected: the known card" "d['on']['gpu'] == 'rtx-3090' and d['on']['count'] == 1"
run "memory on detected, too small" 1 "$two" -- memory --model llama-3.1-70b --on detected
has "memory too small" "$out" "On this machine's 1 x GeForce RTX 3090: needs 133.5 GiB, 24 GB card: does not fit"
has "memory too small" "$err" "gpu-advisor: 'llama-3.1-70b' does not fit 1 x 'rtx-3090': it needs 133.5 GiB, the card holds 24"
run "memory on an id" 0 -- memory --model llama-3-8b --quant q4_k_m --on "GTX 1080 Ti"
has "memory on an id" "$out" "On 1 x GeForce GTX 1080 Ti: needs"
run "memory on detected: no driver" 69 "GPU_ADVISOR_NVML=$tmp/nope.so" -- memory --model llama-3-8b --on detected
run "memory on detected: no GPUs" 69 "NVML_STUB_GPUS=" -- memory --model llama-3-8b --on detected
has "memory no GPUs" "$err" "reports no GPUs; give --on ID"
run "memory on detected: unknown card" 64 "NVML_STUB_GPUS=abcd:NVIDIA Mystery GPU:4096" -- memory --model llama-3-8b --on detected
has "memory unknown" "$err" "is not in the catalogue; give --on ID"
printf '{"command": "memory", "model": "llama-3-8b", "on": "detected"}\n' >"$tmp/req.json"
"$bin" query "$tmp/req.json" >"$out" 2>"$tmp/err"
has "memory request: detected refused" "$out" "works with the --on flag"
printf '{"command": "memory", "model": "llama-3-8b", "on": "2x rtx-3090"}\n' >"$tmp/req.json"
"$bin" query "$tmp/req.json" >"$out" 2>"$tmp/err"
json "memory request: on" "d['on']['gpu'] == 'rtx-3090' and d['on']['count'] == 2 and not d['on']['detected']"

exit $failed
