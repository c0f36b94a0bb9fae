#!/bin/sh
# test_completion.sh bash|zsh|fish BINARY GENERATED-DIR SOURCE-DIR - the
# generated completion scripts. bash: the completion function, run in plain
# bash (no bash-completion package) with COMP_WORDS and COMP_CWORD set,
# offers commands, each command's every option that --help shows, choice
# and format values (the formats --help lists and its usage line names
# being the command's), and GPU, model and quantisation names from the
# catalogue in use (--catalog, GPU_ADVISOR_CATALOG). zsh: the script
# parses. fish: it parses, and `complete -C` offers the same kinds of
# candidates. Skipped (77) without the shell.
set -u
shell=$1 bin=$2 gen=$3 src=$4
fixture=$src/tests/fixtures/engine.yaml
command -v "$shell" >/dev/null 2>&1 || { echo "skipped: no $shell"; exit 77; }
fail=0 n=0
bad() { echo "FAIL: $*"; fail=1; }

# expect WANT|-UNWANTED... -- WORDS...: what completing the last word
# offers (one per line) must hold each WANT and no -UNWANTED.
expect() {
	wants=
	while [ "$1" != -- ]; do wants="$wants $1"; shift; done
	shift
	got=$(offer "$@")
	n=$((n + 1))
	for w in $wants; do
		case $w in
		-*) printf '%s\n' "$got" | grep -qxF -- "${w#-}" &&
			bad "'$*' offers '${w#-}': $(echo $got)" ;;
		*) printf '%s\n' "$got" | grep -qxF -- "$w" ||
			bad "'$*' does not offer '$w': $(echo $got)" ;;
		esac
	done
}

case $shell in
bash)
	offer() {
		bash --norc --noprofile -c '. "$1"; shift
			COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			_gpu_advisor; printf "%s\n" "${COMPREPLY[@]}"' sh "$gen/gpu-advisor.bash" "$bin" "$@"
	}
	expect recommend compare list help -man -__complete -options-doc -- ""
	expect recommend -compare -- rec
	expect --catalog --no-color --help --version -- --
	expect --precision -- recommend --prec
	expect fp32 fp32-strict tf32 fp16 bf16 int8 fp8 -- recommend --precision ""
	expect --precision=bf16 -- recommend --precision=b
	expect bf16 -fp16 -- recommend --precision = b
	expect perf value memory -bandwidth -- recommend --sort ""
	expect name price bandwidth -perf -- list --sort ""
	expect text json csv markdown svg png -- recommend --format ""
	expect text json csv markdown -svg -png -- list --format ""
	expect text json -csv -- show --format ""
	expect consumer workstation datacenter -- list -s ""
	expect cnn transformer llm-inference -- recommend -w ""
	expect ampere hopper -- list --arch ""
	expect rtx-3090 rtx-3080 -rtx-4090 -- compare rtx30
	expect rtx-4090 -- show "RTX 409"
	expect -rtx-4090 -- show rtx-3090 ""
	expect rtx-3090= -- recommend --price rtx-309
	expect detected -- recommend --upgrade-from det
	expect llama-3.1-70b -qwen2.5-32b -- recommend --model llama-3.1
	expect q4_k_m -fp16 -- memory --quant q4
	expect detected rtx-3090 -- memory --on ""
	expect text json svg png -csv -- memory --format ""
	expect twin-a rtx-3090 -- --catalog "$fixture" show ""
	expect twin-a -- compare --catalog="$fixture" rtx-3090 ""
	expect -twin-a -- show tw
	expect info validate -- catalog ""
	expect recommend update -- help ""
	expect --output -- recommend --out
	got=$(offer recommend --budget "")
	[ -z "$got" ] || bad "'recommend --budget' offers '$got' for a number"
	got=$(GPU_ADVISOR_CATALOG=$fixture offer show tw)
	[ "$got" = "$(printf 'twin-a\ntwin-b')" ] || bad "GPU_ADVISOR_CATALOG: 'show tw' offers '$got'"
	# --format: the values --help lists, and those its usage line names,
	# are the command's formats, which completion offers (the .formats
	# mask the parser takes). Catches help written by hand that drifts.
	fmts='text|json|csv|markdown|svg|png'
	for c in $("$bin" __complete commands); do
		line=$("$bin" help "$c" | grep -E '^  (-f, )?--format ') || continue
		n=$((n + 1))
		listed=$(printf '%s\n' "${line#*FORMAT}" | grep -oE "\b($fmts)\b" | sort)
		offered=$(offer "$c" --format "" | sort)
		[ -n "$listed" ] && [ "$listed" = "$offered" ] ||
			bad "'$c --help' lists formats '$(echo $listed)', its formats are '$(echo $offered)'"
		for f in $("$bin" help "$c" | head -1 | grep -oE -- "--format [a-z|]+" |
			   grep -oE "\b($fmts)\b"); do
			printf '%s\n' "$offered" | grep -qxF "$f" ||
				bad "'$c' usage names format '$f', not one of '$(echo $offered)'"
		done
	done
	# Every option --help shows, for every command.
	for c in $("$bin" __complete commands); do
		got=$(offer "$c" --)
		for o in $("$bin" help "$c" | grep -oE '^  (-[A-Za-z], |    )--[a-z0-9-]+' |
			   grep -oE -- '--[a-z0-9-]+'); do
			n=$((n + 1))
			printf '%s\n' "$got" | grep -qxF -- "$o" || bad "'$c --' does not offer '$o'"
		done
	done
	;;
zsh)
	zsh -n "$gen/_gpu-advisor" || bad "zsh cannot parse _gpu-advisor"
	head -1 "$gen/_gpu-advisor" | grep -qx '#compdef gpu-advisor' || bad "no #compdef line"
	# It loads as a completion function, and defines what it calls.
	zsh -f -c 'fpath=("$1" $fpath); autoload -Uz _gpu-advisor _gpu_advisor_ask 2>/dev/null
		   functions _gpu-advisor >/dev/null' sh "$gen" || bad "zsh cannot autoload it"
	for c in $("$bin" __complete commands); do
		n=$((n + 1))
		grep -q "^		$c)" "$gen/_gpu-advisor" || bad "no case for '$c'"
	done
	;;
fish)
	fish -n "$gen/gpu-advisor.fish" || bad "fish cannot parse gpu-advisor.fish"
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
	ln -s "$bin" "$dir/gpu-advisor"
	offer() {
		PATH=$dir:$PATH fish --no-config -c 'source $argv[1]; complete -C"gpu-advisor $argv[2]"' \
			"$gen/gpu-advisor.fish" "$*" | cut -f1
	}
	expect recommend compare help -man -__complete -- ""
	expect --precision -- recommend --prec
	expect fp32-strict bf16 -- "recommend --precision "
	expect svg -- "recommend --format "
	expect -svg csv -- "list --format "
	expect rtx-3090 -rtx-4090 -- compare rtx30
	expect llama-3.1-70b -- "recommend --model llama-3.1"
	expect twin-a -- "--catalog $fixture show "
	expect detected -- "recommend --upgrade-from "
	expect info validate -- "catalog "
	;;
*)
	echo "usage: $0 bash|zsh|fish BINARY GENERATED-DIR SOURCE-DIR" >&2
	exit 64
	;;
esac
echo "$shell: $n checks"
exit $fail
