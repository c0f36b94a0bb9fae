#!/bin/sh
# test_man.sh BINARY MANPAGE - the generated manual page gpu-advisor(1):
# groff and man render it without a warning, and it has every section,
# every command and each command's every option that `gpu-advisor help`
# shows, every environment variable and every exit status (skipped, 77,
# without groff).
set -u
bin=$1 page=$2
command -v groff >/dev/null 2>&1 || { echo "skipped: no groff"; exit 77; }
fail=0
bad() { echo "FAIL: $*"; fail=1; }

warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
[ -z "$warnings" ] || bad "groff warns: $warnings"
if command -v man >/dev/null 2>&1; then
	# What lintian runs.
	warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
	[ -z "$warnings" ] || bad "man warns: $warnings"
fi
# Escaped as roff wants: every hyphen of text is \- (options copy as
# ASCII), no text line starts with a quote, nothing outside ASCII is raw.
raw=$(grep -v '^\.' "$page" | grep -n -e '\(^\|[^\\]\)-' -e "^'" | head -3)
[ -z "$raw" ] || bad "unescaped text in the page: $raw"
LC_ALL=C grep -q '[^[:print:][:space:]]' "$page" && bad "a raw non-ASCII or control byte in the page"
text=$(groff -man -Tascii -P-cbou "$page" 2>/dev/null)
[ -n "$text" ] || bad "nothing rendered"

for s in NAME SYNOPSIS DESCRIPTION COMMANDS "COMMON OPTIONS" "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
	printf '%s\n' "$text" | grep -qx "$s" || bad "no section $s"
done

# A command's part of the page: from its heading to the next one.
section() {
	printf '%s\n' "$text" | awk -v c="   $1" '$0 == c { on = 1; next } on && /^   [^ ]/ { exit } on'
}

commands=$("$bin" help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
[ -n "$commands" ] || bad "no commands in 'gpu-advisor help'"
n=0
for c in $commands; do
	body=$(section "$c")
	[ -n "$body" ] || { bad "no heading for command '$c'"; continue; }
	for o in $("$bin" help "$c" | awk '/^Options:/ { on = 1; next } /^[A-Z]/ { on = 0 } on' |
		   grep -oE '^  (-[A-Za-z], |    )--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+'); do
		n=$((n + 1))
		printf '%s\n' "$body" | grep -qE -- "^       (-[A-Za-z], )?$o( |\$)" ||
			bad "'$c' has no option '$o' in the man page"
	done
done
common=$(printf '%s\n' "$text" | awk '/^COMMON OPTIONS$/ { on = 1; next } /^[A-Z]/ { on = 0 } on')
for o in $("$bin" help recommend | awk '/^Common options:/ { on = 1; next } /^[A-Z]/ { on = 0 } on' |
	   grep -oE -- '--[a-z0-9-]+'); do
	printf '%s\n' "$common" | grep -qE -- "^       (-[A-Za-z], )?$o( |\$)" ||
		bad "no common option '$o'"
done
echo "$n options of $(echo $commands | wc -w) commands found"

envs=$("$bin" help | awk '/^Environment:/ { on = 1; next } on && /^$/ { exit } on && /^  [A-Z]/ { print $1 }')
[ -n "$envs" ] || bad "no environment in 'gpu-advisor help'"
for e in $envs; do
	printf '%s\n' "$text" | awk '/^ENVIRONMENT$/ { on = 1; next } /^[A-Z]/ { on = 0 } on' |
		grep -qx "       $e" || bad "no environment variable $e"
done
for code in $("$bin" help | awk '/^Exit status:/ { on = 1; next } on && /^  [0-9]/ { print $1 }'); do
	printf '%s\n' "$text" | awk '/^EXIT STATUS$/ { on = 1; next } /^[A-Z]/ { on = 0 } on' |
		grep -qE "^       $code +[a-zA-Z]" || bad "no exit status $code"
done
# Hidden commands stay out.
for c in man completion __complete options-doc; do
	section "$c" | grep -q . && bad "hidden command '$c' in the page"
done
exit $fail
