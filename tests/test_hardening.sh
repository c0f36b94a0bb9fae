#!/bin/sh
# test_hardening.sh - end-to-end checks of hostile input that the cmocka
# suites cannot express (issue 9): process limits (memory under ulimit -v),
# every answer line parsed by a strict JSON reader (python3), FIFOs and
# symlinks planted in the data folder, closed pipes, the environment.
#
#   tests/test_hardening.sh GPU-ADVISOR-BINARY SOURCE-DIR
#
# Exits 77 (ctest: skipped) without python3. Runs in a temporary HOME with
# its own XDG folders.
set -u

bin=$1
src=$2
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 not found"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gpuadv-hard.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
export NO_COLOR=1
unset GPU_ADVISOR_CATALOG 2>/dev/null
mkdir -p "$HOME" "$XDG_CONFIG_HOME/gpu-advisor" "$XDG_DATA_HOME/gpu-advisor"
datadir="$XDG_DATA_HOME/gpu-advisor"
config="$XDG_CONFIG_HOME/gpu-advisor/config.yaml"
cd "$tmp" || exit 1

fails=0
pass() { echo "ok   $1"; }
fail() {
	echo "FAIL $1"
	sed 's/^/     stderr: /' err 2>/dev/null | head -5
	fails=$((fails + 1))
}
run() {
	timeout 60 "$bin" "$@" >out 2>err
	code=$?
}
# strict_json FILE: every line of FILE is valid UTF-8 JSON (python3's reader)
strict_json() {
	python3 -c 'import json, sys
for n, raw in enumerate(open(sys.argv[1], "rb"), 1):
    json.loads(raw.decode("utf-8", "strict"))' "$1" 2>>err
}
# answer_has N PYTHON-EXPR: the Nth answer (a) makes the expression true
answer_has() {
	python3 -c 'import json, sys
a = json.loads(open(sys.argv[1], "rb").read().decode().splitlines()[int(sys.argv[2]) - 1])
sys.exit(0 if eval(sys.argv[3]) else 1)' out "$1" "$2" 2>>err
}

# ---- query: exit codes, limits, memory ------------------------------------
echo '{"command":"recommend","workload":"cnn","budget_usd":50}' >one.json
run query one.json
if [ "$code" = 1 ] && [ ! -s err ]; then pass "query: one request that matches nothing exits 1"; else fail "query single no-match: exit $code"; fi
printf '{"command":"show","gpu":"nope"}' >bad.json
run query bad.json
if [ "$code" = 65 ] && [ ! -s err ]; then pass "query: one bad request exits 65"; else fail "query single bad: exit $code"; fi

# A line over the limit gets the same answer wherever it falls in the read
# window (before, its id was echoed or not by its offset): lines of 70 kB,
# 130 kB and 300 kB after 0 to 1,500 short requests, each answered
# too_large with its id.
python3 - <<'PY' >/dev/null
import json
small = json.dumps({"id": "s", "command": "list", "workload": "cnn", "top": 1})
for size in (70000, 130000, 300000):
    for before in (0, 300, 700, 1100, 1500):
        r = {"id": "big-%d-%d" % (size, before), "command": "recommend", "x": ""}
        r["x"] = "a" * (size - len(json.dumps(r)))
        with open("long-%d-%d.jsonl" % (size, before), "w") as f:
            f.write((small + "\n") * before + json.dumps(r) + "\n" + small + "\n")
PY
same=0
for f in long-*.jsonl; do
	run query "$f"
	id=${f#long-}
	id=big-${id%.jsonl}
	if [ "$code" = 65 ] && grep -q "^{\"id\":\"$id\",\"schema_version\":1,\"error\":{\"code\":\"too_large\"" out &&
		[ "$(grep -c '"id":"s"' out)" -ge 1 ]; then
		same=$((same + 1))
	else
		fail "query: long line $f: exit $code"
	fi
done
[ "$same" = 15 ] && pass "query: a line over the limit answers too_large with its id at any offset (15 cases)"

# A 100 MB line is answered too_large at once, in bounded memory.
python3 -c 'import sys; sys.stdout.write("[" + "1," * 50000000 + "1]")' >huge.json
# (A sanitizer build cannot start under ulimit -v: then only the peak RSS
# below is measured.)
if ! (ulimit -v 300000 && exec "$bin" --version) >/dev/null 2>&1; then
	echo "skip ulimit -v: $bin cannot start under it (a sanitizer build)"
else
	(ulimit -v 300000 && exec timeout 20 "$bin" query huge.json) >out 2>err
	code=$?
	if [ "$code" = 65 ] && answer_has 1 'a["error"]["code"] == "too_large"'; then
		pass "query: 100 MB line, too_large under ulimit -v 300 MB"
	else
		fail "query 100 MB line: exit $code"
	fi
fi
peak=$(python3 -c 'import resource, subprocess, sys
subprocess.run([sys.argv[1], "query", sys.argv[2]], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$bin" huge.json)
if [ "$peak" -lt 20000 ]; then pass "query: 100 MB line, peak RSS $peak KB"; else fail "query 100 MB line: peak RSS $peak KB"; fi
# Requests after the long line are still answered.
{ cat huge.json; echo; echo '{"id":7,"command":"show","gpu":"rtx3090"}'; } >huge2.json
run query huge2.json
if [ "$code" = 65 ] && answer_has 2 'a["id"] == 7 and "gpu" in a'; then
	pass "query: a request after a too-long line is answered"
else
	fail "query after too-long line: exit $code"
fi

# 1,000,001 requests: 1,000,000 answers and one error line for the limit.
python3 -c 'import sys; sys.stdout.write("1\n" * 1000001)' >many.jsonl
run query many.jsonl
n=$(wc -l <out)
if [ "$code" = 65 ] && [ "$n" = 1000001 ] &&
	tail -1 out | grep -q '"code":"too_many_requests"'; then
	pass "query: the 1,000,001st request gets a too_many_requests answer"
else
	fail "query 1,000,001 requests: exit $code, $n lines"
fi
rm -f many.jsonl out

# ---- query: UTF-8, NUL, exact ids -----------------------------------------
printf '%s\n' \
	'{"id":9007199254740993,"command":"show","gpu":"rtx3090"}' \
	'{"id":123456789012345678,"command":"show","gpu":"nope"}' \
	'{"id":-1.50e+3,"command":"show","gpu":"rtx3090"}' \
	'{"id":"a\u00e9\ud83d\ude00","command":"show","gpu":"rtx3090"}' \
	'{"id":5,"command":"show","gpu":"rtx3090\u0000junk"}' \
	'{"id":6,"gpu\u0000x":"rtx3090","command":"show"}' \
	'{"id":7,"command":"show\u0000x","gpu":"rtx3090"}' \
	'{"id":8,"command":"show","gpu":"x\ud800"}' >ids.jsonl
printf '{"id":"a\377","command":"show","gpu":"rtx3090"}\n' >>ids.jsonl
printf '%s\n' '{"id":10,"command":"show","gpu":"rtx\u001b]0;PWNED\u0007"}' >>ids.jsonl
printf '{"id":11,"command":"show","gpu":"%s\303\251"}\n' "$(printf 'a%.0s' $(seq 99))" >>ids.jsonl
printf '{"id":12,"command":"show","gpu":"\302\233x"}\n' >>ids.jsonl
run query ids.jsonl
if strict_json out; then pass "query: every answer is strict UTF-8 JSON"; else fail "query: an answer is not strict JSON"; fi
# starts N PREFIX: line N of out starts with PREFIX
starts() { case "$(sed -n "$1p" out)" in "$2"*) return 0 ;; esac; return 1; }
if starts 1 '{"id":9007199254740993,' && starts 2 '{"id":123456789012345678,' &&
	starts 3 '{"id":-1.50e+3,' && starts 4 '{"id":"a\u00e9\ud83d\ude00",'; then
	pass "query: ids echoed as written"
else
	sed -n 1,4p out | cut -c1-60
	fail "query: ids not echoed exactly"
fi
if answer_has 5 'a["id"] == 5 and a["error"]["code"] == "invalid_value" and a["error"]["field"] == "gpu"' &&
	answer_has 6 'a["error"]["code"] == "invalid_json"' &&
	answer_has 7 'a["error"]["code"] == "invalid_value" and a["error"]["field"] == "command"' &&
	answer_has 8 'a["error"]["code"] == "invalid_json"' &&
	answer_has 9 'a["id"] is None and a["error"]["code"] == "invalid_json"'; then
	pass "query: NUL escapes, lone surrogates and bad UTF-8 refused"
else
	fail "query: NUL / UTF-8 not refused"
fi
if answer_has 10 '"\x1b" not in a["error"]["message"] and "\\x1b]0;PWNED" in a["error"]["message"]' &&
	answer_has 12 '"\x9b" not in a["error"]["message"]'; then
	pass "query: control characters in a quoted value are escaped"
else
	fail "query: control characters reach the answer"
fi

# ---- stdout and the environment --------------------------------------------
# A closed pipe ends the program quietly by SIGPIPE, even when the parent
# ignores SIGPIPE (python's subprocess does not restore it here on purpose).
# (query: answers far larger than a pipe's buffer, so the writer must meet
# the closed end)
python3 -c 'import sys; sys.stdout.write("{\"command\":\"list\"}\n" * 2000)' >lists.jsonl
python3 -c 'import signal, subprocess, sys
signal.signal(signal.SIGPIPE, signal.SIG_IGN)
p = subprocess.Popen([sys.argv[1], "query", "lists.jsonl"], stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, restore_signals=False)
p.stdout.readline(); p.stdout.close()
err = p.stderr.read(); rc = p.wait()
sys.exit(0 if rc == -signal.SIGPIPE and not err else 1)' "$bin" 2>err
if [ $? = 0 ]; then pass "closed pipe: SIGPIPE, nothing on stderr"; else fail "closed pipe"; fi
# One wording for a failed write to stdout, tables included.
run list --catalog "$src/tests/fixtures/engine.yaml" >/dev/full
timeout 20 "$bin" --catalog "$src/tests/fixtures/engine.yaml" compare rtx3090 a100 >/dev/full 2>err
code=$?
if [ "$code" = 74 ] && grep -q "^gpu-advisor: cannot write to standard output\$" err; then
	pass "compare to /dev/full: 'cannot write to standard output'"
else
	fail "compare to /dev/full: exit $code"
fi
env -u HOME XDG_DATA_HOME=relative/data timeout 20 "$bin" update --url https://127.0.0.1:1/x >out 2>err
if grep -q "XDG_DATA_HOME ('relative/data') is not an absolute path, and HOME is not set" err; then
	pass "relative XDG_DATA_HOME without HOME: said so"
else
	fail "relative XDG_DATA_HOME without HOME"
fi
# A FIFO as the configuration file: a clear error at once, no hang.
mkfifo "$config"
timeout 10 "$bin" list >out 2>err
code=$?
if [ "$code" = 66 ] && grep -q "cannot read '$config': it is not a regular file" err; then
	pass "FIFO as the configuration file: exit 66 at once"
else
	fail "FIFO as the configuration file: exit $code"
fi
rm -f "$config"

# ---- text written beside the renderers (catalog info, catalog validate) ---
# A file name is outside text: escaped, as in tables and messages. An address
# the catalogue declares is shown with user:password@ hidden, as everywhere.
esc_name=$(printf 'cat\033]0;PWNED\007.yaml')
sed 's|^as_of: .*|&\nupdate_url: https://alice:hunter2@example.org/c.yaml|' \
	"$src/tests/fixtures/engine.yaml" >"$esc_name"
timeout 20 "$bin" --catalog "$esc_name" catalog info >out 2>err
code=$?
if [ "$code" = 0 ] && ! grep -q "$(printf '\033')" out && grep -q 'cat\\x1b]0;PWNED\\x07\.yaml' out &&
	grep -q '^update_url: *https://\*\*\*@example.org/c.yaml$' out && ! grep -q hunter2 out; then
	pass "catalog info: the path escaped, the address redacted"
else
	fail "catalog info: path or address shown raw: exit $code"
fi
timeout 20 "$bin" --catalog "$esc_name" catalog info --format json >out 2>err
if [ $? = 0 ] && ! grep -q hunter2 out && grep -q '"update_url":[[:space:]]*"https://\*\*\*@example.org/c.yaml"' out; then
	pass "catalog info --format json: the address redacted"
else
	fail "catalog info --format json: credentials shown"
fi
timeout 20 "$bin" catalog validate "$esc_name" >out 2>err
code=$?
if [ "$code" = 0 ] && ! grep -q "$(printf '\033')" out && grep -q '^cat\\x1b]0;PWNED\\x07\.yaml: ok: ' out; then
	pass "catalog validate: the file name escaped"
else
	fail "catalog validate: file name shown raw: exit $code"
fi
rm -f "$esc_name"

# An address whose user:password@ runs past the longest address shown: the
# redaction finds the '@' in the whole address, not in a copy cut short.
long_pw=$(python3 -c 'print("hunter2" * 800)')
timeout 20 "$bin" update --url "http://alice:$long_pw@example.org/c.yaml" >out 2>err
code=$?
if [ "$code" = 64 ] && grep -q "^gpu-advisor: option '--url' must be an https:// address, got 'http://\*\*\*@" err &&
	! grep -q 'alice\|hunter2' err; then
	pass "a 5 KB password in --url: redacted"
else
	fail "a 5 KB password in --url: exit $code"
fi

# More arguments than the parser holds (16): the same message as one too many.
timeout 20 "$bin" compare $(seq -f 'x%g' 17) >out 2>err
code=$?
if [ "$code" = 64 ] && grep -q "^gpu-advisor: too many arguments for 'compare'; usage: gpu-advisor compare " err; then
	pass "17 arguments to compare: usage named"
else
	fail "17 arguments to compare: exit $code"
fi

# ---- text output: the locale -----------------------------------------------
# Non-ASCII names print as themselves under a UTF-8 locale (setlocale).
sed 's/name: GeForce RTX 3090$/name: GeForce RTX 3090 \xc3\x9cber/' "$src/tests/fixtures/engine.yaml" >utf8.yaml
if grep -q 'RTX 3090 Über' utf8.yaml; then
	LC_ALL=C.UTF-8 timeout 20 "$bin" --catalog utf8.yaml list >out 2>err
	code=$?
	if [ "$code" = 0 ] && grep -q 'RTX 3090 Über' out; then
		pass "text: a non-ASCII name prints as itself under C.UTF-8"
	else
		fail "text: non-ASCII name under C.UTF-8: exit $code"
	fi
else
	fail "text: the fixture has no 'GeForce RTX 3090' name to change"
fi

if [ $fails -ne 0 ]; then
	echo "$fails failure(s)"
	exit 1
fi
echo "all hardening tests passed"
