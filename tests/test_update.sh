#!/bin/sh
# test_update.sh - end-to-end test of `gpu-advisor update` against a real
# HTTPS server (tests/https_server.py) on 127.0.0.1, with a throw-away CA and
# server certificate made here with openssl. Every fault case must leave the
# installed catalogue byte for byte as it was, say what failed, and exit with
# the documented code; a good update installs atomically and `catalog info`
# then shows the data-directory copy.
#
#   tests/test_update.sh GPU-ADVISOR-BINARY SOURCE-DIR
#
# Signed updates (a minisign key made here, catalogue and .minisig served
# side by side) are skipped, alone, without minisign.
#
# Exits 77 (ctest: skipped) without python3 or openssl. Everything lives in
# one temporary directory (HOME, XDG_DATA_HOME, XDG_CONFIG_HOME point into
# it); the server is killed on exit.
set -u

bin=$1
src=$2
for tool in python3 openssl timeout sha256sum; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "skip: $tool not found"
		exit 77
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gpuadv-update.XXXXXX") || exit 1
server_pid=
holder_pid=
cleanup() {
	for p in $server_pid $holder_pid; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	chmod -R u+rwX "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
export NO_COLOR=1 NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
unset GPU_ADVISOR_CATALOG http_proxy https_proxy HTTP_PROXY HTTPS_PROXY \
	ALL_PROXY all_proxy 2>/dev/null
mkdir -p "$HOME" "$XDG_CONFIG_HOME/gpu-advisor" "$tmp/files"
chmod 755 "$tmp"
datadir="$XDG_DATA_HOME/gpu-advisor"
installed="$datadir/catalog.yaml"
config="$XDG_CONFIG_HOME/gpu-advisor/config.yaml"

# ---- certificates: a CA, a server certificate for 127.0.0.1, a second CA
cd "$tmp" || exit 1
ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
# shellcheck disable=SC2086
if ! { openssl req -x509 $ec -keyout ca.key -out ca.pem -days 2 -subj "/CN=gpu-advisor test CA" &&
	openssl req -x509 $ec -keyout ca2.key -out ca2.pem -days 2 -subj "/CN=another test CA" &&
	openssl req $ec -keyout srv.key -out srv.csr -subj "/CN=127.0.0.1" &&
	printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >srv.ext &&
	openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
		-out srv.pem -days 2 -extfile srv.ext; } >openssl.log 2>&1; then
	cat openssl.log
	echo "FAIL: cannot make test certificates"
	exit 1
fi
chmod 644 ca.pem ca2.pem

# ---- test catalogues: the shipped one with other dates, and a broken one
sed 's/^as_of: .*/as_of: 2099-01-01/' "$src/data/catalog.yaml" >files/good.yaml
sed 's/^as_of: .*/as_of: 2099-06-01/' "$src/data/catalog.yaml" >files/good2.yaml
sed 's/^as_of: .*/as_of: 2020-01-01/' "$src/data/catalog.yaml" >files/older.yaml
sed 's/^reference_gpu: .*/reference_gpu: [unclosed/' files/good.yaml >files/invalid.yaml

# ---- the server
python3 "$src/tests/https_server.py" --cert srv.pem --key srv.key --dir files \
	--port-file port --lifetime 90 2>server.log &
server_pid=$!
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ ! -s port ]; then
	cat server.log
	echo "FAIL: the test server did not start"
	exit 1
fi
port=$(cat port)
base="https://127.0.0.1:$port"
# A port nobody listens on: bind one, then let it go.
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

fails=0
pass() { echo "ok   $1"; }
fail() {
	echo "FAIL $1"
	sed 's/^/     stderr: /' err
	fails=$((fails + 1))
}
hash_of() { if [ -f "$1" ]; then sha256sum <"$1" | cut -d' ' -f1; else echo none; fi; }
run() {
	timeout 30 "$bin" "$@" >out 2>err
	code=$?
}
# expect NAME CODE ERE ARGS...: exit CODE, stderr matches ERE, the installed
# catalogue unchanged and no temporary file left behind.
expect() {
	name=$1 want=$2 pattern=$3
	shift 3
	before=$(hash_of "$installed")
	run "$@"
	after=$(hash_of "$installed")
	if [ "$code" != "$want" ]; then
		fail "$name: exit $code, expected $want"
	elif ! grep -Eq -- "$pattern" err; then
		fail "$name: stderr does not match /$pattern/"
	elif [ "$before" != "$after" ]; then
		fail "$name: the installed catalogue changed"
	elif leftovers; then
		fail "$name: a temporary file was left behind"
	else
		pass "$name"
	fi
}
# installed_is NAME FILE: the installed catalogue is FILE byte for byte.
# leftovers: whether a temporary file of install's is in the data directory
leftovers() {
	for f in "$datadir"/.catalog.yaml.*; do
		[ -e "$f" ] && return 0
	done
	return 1
}
installed_is() {
	if cmp -s "$installed" "$2"; then pass "$1"; else fail "$1: installed catalogue is not $2"; fi
}

# ---- before anything is configured or installed
expect "no update address" 64 "no update address: give --url URL, or set 'update_url: https://\.\.\.' in $config" update
expect "http:// refused" 64 "option '--url' must be an https:// address" update --url "http://127.0.0.1:$port/f/good.yaml"
expect "bad --sha256" 64 "option '--sha256' must be 64 hex digits" update --url "$base/f/good.yaml" --sha256 xyz
expect "missing --cacert" 66 "cannot open '$tmp/nope.pem'" update --url "$base/f/good.yaml" --cacert "$tmp/nope.pem"

# ---- a good update
run update --url "$base/f/good.yaml" --cacert ca.pem
if [ "$code" = 0 ] && grep -q "installed the catalogue as of 2099-01-01" out; then
	pass "good update"
else
	fail "good update: exit $code"
fi
installed_is "good update installed" files/good.yaml
if leftovers; then fail "good update left a temporary file"; fi
run catalog info
if [ "$code" = 0 ] && grep -q "^source: *data directory" out &&
	grep -q "^path: *$installed\$" out && grep -q "^as_of: *2099-01-01" out &&
	grep -q "^sha256: *$(hash_of files/good.yaml)\$" out && grep -q "^GPUs: *[1-9]" out; then
	pass "catalog info shows the data directory"
else
	cat out
	fail "catalog info after update"
fi
run catalog info --format json
if [ "$code" = 0 ] && grep -Eq '"source":[[:space:]]*"data directory"' out &&
	grep -Eq "\"sha256\":[[:space:]]*\"$(hash_of files/good.yaml)\"" out; then
	pass "catalog info --format json"
else
	cat out
	fail "catalog info --format json"
fi
good_hash=$(hash_of files/good.yaml)

# ---- faults: each leaves the good catalogue in place
expect "HTTP 404" 69 "^gpu-advisor: update failed: $base/404: HTTP 404\$" update -q --url "$base/404" --cacert ca.pem
expect "HTTP 500" 69 "^gpu-advisor: update failed: $base/500: HTTP 500\$" update -q --url "$base/500" --cacert ca.pem
expect "stall" 69 "update failed: $base/stall: timed out after 2 seconds" update -q --url "$base/stall" --cacert ca.pem --timeout 2
expect "body cut short" 69 "update failed: $base/short: download cut short" update -q --url "$base/short" --cacert ca.pem
expect "over the cap, no length" 65 "update failed: $base/big: download is larger than 4194304 bytes" update -q --url "$base/big" --cacert ca.pem
expect "over the cap, announced" 65 "update failed: $base/big-cl: download is larger than 4194304 bytes" update -q --url "$base/big-cl" --cacert ca.pem
expect "redirect to http://" 69 "update failed: $base/redirect-http: redirect to 'http://127\.0\.0\.1:$port/f/good\.yaml' refused" update -q --url "$base/redirect-http" --cacert ca.pem
expect "redirect to file://" 69 "update failed: $base/redirect-file: redirect to 'file:///etc/passwd' refused" update -q --url "$base/redirect-file" --cacert ca.pem
expect "redirect loop" 69 "update failed: $base/redirect-loop: .*[Rr]edirect" update -q --url "$base/redirect-loop" --cacert ca.pem
expect "wrong checksum" 65 "update failed: $base/f/good2\.yaml: checksum mismatch: expected SHA-256 0{64}, got " update -q --url "$base/f/good2.yaml" --cacert ca.pem --sha256 "$(printf '0%.0s' $(seq 64))"
expect "invalid YAML" 65 "update failed: $base/f/invalid\.yaml:[0-9]+:[0-9]+: " update -q --url "$base/f/invalid.yaml" --cacert ca.pem
expect "older as_of" 65 "update failed: $base/f/older\.yaml: catalogue as of 2020-01-01 is older than the installed one \(as of 2099-01-01\); use --force" update -q --url "$base/f/older.yaml" --cacert ca.pem
expect "untrusted CA" 69 "update failed: $base/f/good2\.yaml: TLS failed: " update -q --url "$base/f/good2.yaml" --cacert ca2.pem
expect "connection refused" 69 "update failed: https://127\.0\.0\.1:$closed/f/good2\.yaml: .*(refused|connect)" update -q --url "https://127.0.0.1:$closed/f/good2.yaml" --cacert ca.pem

# A data directory that cannot be written: as root, run as nobody.
chmod 755 "$XDG_DATA_HOME"
chmod 555 "$datadir"
as_user=
if [ "$(id -u)" = 0 ]; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	# nobody must be able to run the binary where it was built
	# shellcheck disable=SC2086
	if ! command -v setpriv >/dev/null 2>&1 ||
		! timeout 10 $as_user "$bin" --version >/dev/null 2>&1; then
		as_user=skip
	fi
fi
if [ "$as_user" = skip ]; then
	echo "skip read-only data directory: as root, and nobody cannot run $bin"
else
	before=$(hash_of "$installed")
	# shellcheck disable=SC2086
	timeout 30 $as_user "$bin" update -q --url "$base/f/good2.yaml" \
		--cacert "$tmp/ca.pem" >out 2>err
	code=$?
	if [ "$code" = 74 ] &&
		grep -q "^gpu-advisor: update failed: cannot create a temporary file in '$datadir': Permission denied\$" err &&
		[ "$before" = "$(hash_of "$installed")" ]; then
		pass "read-only data directory"
	else
		fail "read-only data directory: exit $code"
	fi
fi
chmod 700 "$datadir"

# A disk that fills while the new catalogue is written: under a file size
# limit, with SIGXFSZ ignored, write() fails part-way (EFBIG) as it would
# with ENOSPC. The old catalogue stays and the temporary file goes.
before=$(hash_of "$installed")
(trap '' XFSZ && ulimit -f 16 &&
	exec timeout 30 "$bin" update -q --url "$base/f/good2.yaml" --cacert ca.pem) >out 2>err
code=$?
if [ "$code" = 74 ] &&
	grep -q "^gpu-advisor: update failed: cannot write '$datadir/\.catalog\.yaml\.[A-Za-z0-9]*': File too large\$" err &&
	[ "$before" = "$(hash_of "$installed")" ] && ! leftovers; then
	pass "disk full while writing"
else
	fail "disk full while writing: exit $code"
fi

# Another update holds the lock: this one fails at once, cleanly.
python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "a"); fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close(); time.sleep(20)' "$datadir/catalog.yaml.lock" locked &
holder_pid=$!
i=0
while [ ! -e locked ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect "lock held" 74 "update failed: another update is in progress \('$datadir/catalog\.yaml\.lock' is locked\)" update -q --url "$base/f/good2.yaml" --cacert ca.pem
kill "$holder_pid" 2>/dev/null
wait "$holder_pid" 2>/dev/null
holder_pid=

[ "$(hash_of "$installed")" = "$good_hash" ] || fail "the good catalogue did not survive the faults"

# ---- more good paths
run update -q --url "$base/redirect-ok" --cacert ca.pem
if [ "$code" = 0 ]; then pass "https redirect followed"; else fail "https redirect: exit $code"; fi
run update -q --url "$base/f/good.yaml" --cacert ca.pem --sha256 "$good_hash"
if [ "$code" = 0 ]; then pass "matching --sha256"; else fail "matching --sha256: exit $code"; fi

# The configuration file gives the address; two updates race for the lock.
printf 'update_url: "%s/slow/good2.yaml"\ncurrency: USD\nprices:\n  rtx3090: 700\n' "$base" >"$config"
timeout 30 "$bin" update -q --cacert ca.pem >out1 2>err1 &
p1=$!
timeout 30 "$bin" update -q --cacert ca.pem >out2 2>err2 &
p2=$!
wait "$p1"
c1=$?
wait "$p2"
c2=$?
if { [ $c1 = 0 ] || { [ $c1 = 74 ] && grep -q "another update is in progress" err1; }; } &&
	{ [ $c2 = 0 ] || { [ $c2 = 74 ] && grep -q "another update is in progress" err2; }; } &&
	{ [ $c1 = 0 ] || [ $c2 = 0 ]; }; then
	pass "concurrent updates from update_url (exits $c1, $c2)"
else
	cat err1 err2
	fail "concurrent updates: exits $c1, $c2"
fi
installed_is "update_url's catalogue installed" files/good2.yaml

# A bad configuration file stops commands that read it; a directory is not one.
printf 'currency: USD\nupdate_url: http://example.org/c.yaml\n' >"$config"
expect "config: http update_url" 65 "^gpu-advisor: $config:2:13: 'update_url' must be an https:// address" list
printf 'currency: USD\nprices:\n  rtx3090: -5\n' >"$config"
expect "config: bad price" 65 "^gpu-advisor: $config:3:12: the price of 'rtx3090' in 'prices' must be a number from 1 to 1e" update -q --url "$base/f/good2.yaml" --cacert ca.pem
rm -f "$config"
mkdir "$config"
expect "config: a directory" 66 "^gpu-advisor: cannot read '$config': it is a directory" list
rmdir "$config"

# A broken installed copy: one warning, the built-in catalogue, then repaired.
printf 'schema_version: [\n' >"$installed"
run catalog info
if [ "$code" = 0 ] && grep -q "^source: *embedded" out &&
	[ "$(grep -c "^gpu-advisor: warning: $installed:.*; using the built-in catalogue\$" err)" = 1 ]; then
	pass "broken installed copy: warning and fallback"
else
	fail "broken installed copy: exit $code"
fi
run list
if [ "$code" = 0 ] && [ "$(grep -c 'warning' err)" = 1 ]; then pass "list warns once"; else fail "list with a broken copy: exit $code"; fi
# (good2.yaml: the newest installed so far, which is the floor now)
run update -q --url "$base/f/good2.yaml" --cacert ca.pem
if [ "$code" = 0 ]; then pass "update repairs a broken copy"; else fail "update over a broken copy: exit $code"; fi
installed_is "repaired" files/good2.yaml

# --force installs an older catalogue.
run update -q --force --url "$base/f/older.yaml" --cacert ca.pem
if [ "$code" = 0 ]; then pass "--force installs an older catalogue"; else fail "--force: exit $code"; fi
installed_is "older installed with --force" files/older.yaml

# ---- issue 9: hostile servers, addresses and planted files
expect "redirect with control bytes" 69 "update failed: $base/redirect-ctl: redirect to a malformed address" update -q --url "$base/redirect-ctl" --cacert ca.pem
# Faults of the server, not of the user or the machine: 69, with what libcurl says.
expect "no status line: not called a redirect" 69 "^gpu-advisor: update failed: $base/no-status-line: Received HTTP/0.9 when not allowed\$" update -q --url "$base/no-status-line" --cacert ca.pem
expect "a 300 KiB header line: not out of memory" 69 "^gpu-advisor: update failed: $base/long-header: libcurl could not read the response: .*header over 100 KiB" update -q --url "$base/long-header" --cacert ca.pem
cred="https://alice:hunter2@127.0.0.1:$port"
expect "credentials redacted in errors" 69 "^gpu-advisor: update failed: https://\*\*\*@127\.0\.0\.1:$port/404: HTTP 404\$" update -q --url "$cred/404" --cacert ca.pem
expect "credentials in a redirect redacted" 69 "update failed: $base/redirect-cred: HTTP 404" update -q --url "$base/redirect-cred" --cacert ca.pem
sed 's/^as_of: .*/as_of: 2099-07-01/' "$src/data/catalog.yaml" >files/jul1.yaml
sed 's/^as_of: .*/as_of: 2099-07-02/' "$src/data/catalog.yaml" >files/jul2.yaml
sed 's/^as_of: .*/as_of: 2099-07-03/' "$src/data/catalog.yaml" >files/jul3.yaml
printf 'update_url: "%s/f/jul1.yaml"\n' "$cred" >"$config"
run update --cacert ca.pem
if [ "$code" = 0 ] && grep -q "^from: *https://\*\*\*@127\.0\.0\.1:$port/f/jul1\.yaml\$" out &&
	! grep -q hunter2 out err; then
	pass "credentials from update_url redacted in from:"
else
	cat out
	fail "credentials in from:: exit $code"
fi
rm -f "$config"
# A FIFO at the installed catalogue: commands fall back, update replaces it.
rm -f "$installed"
mkfifo "$installed"
run list
if [ "$code" = 0 ] && grep -q "warning: .*catalog\.yaml.*not a regular file.*built-in" err; then
	pass "FIFO at the installed catalogue: warning and fallback"
else
	fail "FIFO at the installed catalogue: exit $code"
fi
run update -q --url "$base/f/jul2.yaml" --cacert ca.pem
if [ "$code" = 0 ] && [ -f "$installed" ]; then pass "update replaces a FIFO"; else fail "update over a FIFO: exit $code"; fi
# A symlink planted at the lock file is not followed.
rm -f "$datadir/catalog.yaml.lock"
ln -s "$tmp/outside-lock" "$datadir/catalog.yaml.lock"
expect "symlink at the lock file" 74 "lock file '$datadir/catalog\.yaml\.lock' is a symbolic link" update -q --url "$base/f/jul3.yaml" --cacert ca.pem
if [ -e "$tmp/outside-lock" ]; then fail "the lock symlink's target was created"; fi
rm -f "$datadir/catalog.yaml.lock"
# A killed update's temporary file is removed by the next one.
head -c 1000000 /dev/zero >"$datadir/.catalog.yaml.Ab12Cd"
run update -q --url "$base/f/jul3.yaml" --cacert ca.pem
if [ "$code" = 0 ] && ! leftovers; then pass "stale temporary removed"; else fail "stale temporary: exit $code"; fi
# The floor does not depend on the catalogue in use.
XDG_DATA_HOME="$tmp/data2" GPU_ADVISOR_CATALOG="$src/tests/fixtures/good-full.yaml" \
	timeout 30 "$bin" update -q --url "$base/f/older.yaml" --cacert ca.pem >out 2>err
code=$?
if [ "$code" = 65 ] && grep -q "catalogue as of 2020-01-01 is older than the built-in one" err &&
	[ ! -e "$tmp/data2/gpu-advisor/catalog.yaml" ]; then
	pass "rollback refused with GPU_ADVISOR_CATALOG set"
else
	fail "rollback with GPU_ADVISOR_CATALOG: exit $code"
fi
run update -q --force --url "$base/f/older.yaml" --cacert ca.pem
expect "rollback below the newest ever installed" 65 "older than the newest ever installed one \(as of 2099-07-03\)" update -q --url "$base/f/jul1.yaml" --cacert ca.pem --catalog "$src/tests/fixtures/good-full.yaml"

# ---- signed catalogues (minisign): only the configured key's signature
# lets a catalogue in. Every refused one is dated later than the installed
# one, so only the signature check stands in its way.
if ! command -v minisign >/dev/null 2>&1; then
	echo "skip signed updates: minisign not found"
elif ! { minisign -G -W -p sig.pub -s sig.key &&
	minisign -G -W -p sig2.pub -s sig2.key; } >minisign.log 2>&1; then
	cat minisign.log
	fail "cannot make minisign test keys"
else
	pub=$(sed -n 2p sig.pub)
	key_id=$(sed -n '1s/.* //p' sig.pub)
	other_id=$(sed -n '1s/.* //p' sig2.pub)
	sign() { # sign KEY FILE [TRUSTED-COMMENT]
		minisign -S -s "$1" -m "$2" -t "${3:-gpu-advisor catalogue}" >>minisign.log 2>&1 ||
			fail "minisign cannot sign $2"
	}
	dated() { sed "s/^as_of: .*/as_of: $1/" "$src/data/catalog.yaml" >"files/$2"; }
	dated 2099-09-01 signed.yaml
	sign sig.key files/signed.yaml "gpu-advisor catalogue as of 2099-09-01"
	dated 2099-09-02 signed2.yaml
	sign sig.key files/signed2.yaml
	mv files/signed2.yaml.minisig files/elsewhere.minisig
	dated 2099-10-01 wrongkey.yaml
	sign sig2.key files/wrongkey.yaml
	dated 2099-10-02 tampered.yaml
	sign sig.key files/tampered.yaml
	sed -i 's/^as_of: .*/as_of: 2099-10-03/' files/tampered.yaml
	dated 2099-10-04 comment.yaml
	sign sig.key files/comment.yaml "gpu-advisor catalogue as of 2099-10-04"
	sed -i '3s/2099-10-04/2099-12-31/' files/comment.yaml.minisig
	dated 2099-10-05 unsigned.yaml
	dated 2099-10-06 malformed.yaml
	sign sig.key files/malformed.yaml
	sed -i 4d files/malformed.yaml.minisig
	dated 2099-10-07 badb64.yaml
	sign sig.key files/badb64.yaml
	sed -i '2s/^\(....\)./\1!/' files/badb64.yaml.minisig

	# A trailing blank line (minisign -V accepts it); a ?query in the
	# address (the signature is PATH.minisig?query).
	dated 2099-08-01 blank.yaml
	sign sig.key files/blank.yaml
	echo >>files/blank.yaml.minisig
	run update -q --url "$base/f/blank.yaml?x=1" --cacert ca.pem --pubkey "$pub"
	if [ "$code" = 0 ]; then pass "signed: trailing blank line, ?query address"; else fail "signed: blank line / ?query: exit $code"; fi

	run update --url "$base/f/signed.yaml" --cacert ca.pem --pubkey "$pub"
	if [ "$code" = 0 ] && grep -q "^signed: *by key $key_id, \"gpu-advisor catalogue as of 2099-09-01\"\$" out; then
		pass "signed: good signature installs (--pubkey KEY)"
	else
		cat out
		fail "signed: good signature: exit $code"
	fi
	installed_is "signed: good signature installed" files/signed.yaml

	# The key from the configuration file (a .pub file's path) from here on.
	printf 'pubkey: %s\n' "$tmp/sig.pub" >"$config"
	expect "signed: wrong key" 65 "^gpu-advisor: update failed: $base/f/wrongkey\.yaml: signed with another key \(key id $other_id, expected $key_id\)\$" update -q --url "$base/f/wrongkey.yaml" --cacert ca.pem
	expect "signed: tampered body" 65 "^gpu-advisor: update failed: $base/f/tampered\.yaml: signature does not verify with the configured key\$" update -q --url "$base/f/tampered.yaml" --cacert ca.pem
	expect "signed: tampered trusted comment" 65 "^gpu-advisor: update failed: $base/f/comment\.yaml: the signature's trusted comment does not verify with the configured key" update -q --url "$base/f/comment.yaml" --cacert ca.pem
	expect "signed: missing signature (404)" 65 "^gpu-advisor: update failed: $base/f/unsigned\.yaml: no signature at '$base/f/unsigned\.yaml\.minisig' \(HTTP 404\); with a public key configured, an unsigned catalogue is refused\$" update -q --url "$base/f/unsigned.yaml" --cacert ca.pem
	expect "signed: malformed signature file" 65 "^gpu-advisor: update failed: $base/f/malformed\.yaml\.minisig: malformed signature file: 3 lines, expected 4" update -q --url "$base/f/malformed.yaml" --cacert ca.pem
	expect "signed: signature not base64" 65 "^gpu-advisor: update failed: $base/f/badb64\.yaml\.minisig:2:1: malformed signature file: the signature is not valid base64\$" update -q --url "$base/f/badb64.yaml" --cacert ca.pem
	expect "signed: signature over the cap" 65 "^gpu-advisor: update failed: $base/big: download is larger than 4096 bytes\$" update -q --url "$base/f/signed2.yaml" --sig-url "$base/big" --cacert ca.pem
	expect "signed: signature server error" 69 "^gpu-advisor: update failed: $base/500: HTTP 500\$" update -q --url "$base/f/signed2.yaml" --sig-url "$base/500" --cacert ca.pem
	expect "signed: signature unreachable" 69 "^gpu-advisor: update failed: https://127\.0\.0\.1:$closed/s\.minisig: .*(refused|connect)" update -q --url "$base/f/signed2.yaml" --sig-url "https://127.0.0.1:$closed/s.minisig" --cacert ca.pem
	expect "signed: --sig-url http://" 64 "^gpu-advisor: option '--sig-url' must be an https:// address, got 'http://" update -q --url "$base/f/signed2.yaml" --sig-url "http://127.0.0.1:$port/f/elsewhere.minisig" --cacert ca.pem
	expect "signed: bad --pubkey" 64 "^gpu-advisor: option '--pubkey' is not a minisign public key: it is 12 bytes, expected 42\$" update -q --url "$base/f/signed2.yaml" --pubkey RWTUhgowcY0XN3k7 --cacert ca.pem
	expect "signed: --pubkey FILE missing" 66 "^gpu-advisor: cannot open '$tmp/nope\.pub': No such file or directory\$" update -q --url "$base/f/signed2.yaml" --pubkey "$tmp/nope.pub" --cacert ca.pem
	expect "signed: --pubkey FILE not a key" 65 "^gpu-advisor: ca\.pem: not a minisign public key: " update -q --url "$base/f/signed2.yaml" --pubkey ca.pem --cacert ca.pem
	printf 'pubkey: keys/sig.pub\n' >"$config"
	expect "signed: relative pubkey path in config" 65 "^gpu-advisor: $config:1:9: 'pubkey' must be a minisign public key \('RW\.\.\.'\) or the absolute path of a \.pub file" update -q --url "$base/f/signed2.yaml" --cacert ca.pem
	printf 'pubkey: %s\n' "$tmp/sig.pub" >"$config"
	[ "$(hash_of "$installed")" = "$(hash_of files/signed.yaml)" ] ||
		fail "signed: the signed catalogue did not survive the faults"

	# --pubkey FILE overrides the configuration; --sig-url says where.
	printf 'pubkey: %s\n' "$(sed -n 2p sig2.pub)" >"$config"
	run update -q --url "$base/f/signed2.yaml" --sig-url "$base/f/elsewhere.minisig" --cacert ca.pem --pubkey sig.pub
	if [ "$code" = 0 ]; then pass "signed: --pubkey FILE and --sig-url"; else fail "signed: --pubkey FILE and --sig-url: exit $code"; fi
	installed_is "signed: --sig-url's catalogue installed" files/signed2.yaml
	rm -f "$config"
	expect "signed: --sig-url without a key" 64 "^gpu-advisor: option '--sig-url' needs a public key" update -q --url "$base/f/signed.yaml" --sig-url "$base/f/elsewhere.minisig" --cacert ca.pem
fi

if [ $fails -ne 0 ]; then
	echo "$fails failure(s); server log:"
	sed 's/^/     /' server.log | tail -20
	exit 1
fi
echo "all update tests passed"
