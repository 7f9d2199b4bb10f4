#!/bin/sh
# Fault tests: kill -9 during saves and journal flushes, a full disk,
# `ulimit -f`, a read-only directory. Runs every tests/fault/t_*.sh; each
# prints `PASS name` / `FAIL name` lines (and whatever else it likes).
# Ends with one line `N passed, N failed`; exits non-zero on any failure.
#
# Environment for the scripts:
#   NIANBAO   the program under test (from the Makefile)
#   FAULTBIN  a directory holding nbfault, built here from tests/fault/nbfault.c
#   TOP       the source tree
# A script that exits non-zero without printing a FAIL line counts as one
# failure, as does a script that prints nothing at all.
set -u
here=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$here/../.." && pwd)
NIANBAO=${NIANBAO:-$TOP/nianbao}
CC=${CC:-cc}
pass=0
fail=0
start=$(date +%s)

FAULTBIN=$(mktemp -d "${TMPDIR:-/tmp}/nbfault.XXXXXX") || exit 2
chmod 755 "$FAULTBIN" # another user runs nbfault in t_save_readonly.sh
trap 'rm -rf "$FAULTBIN"' EXIT INT TERM

# With a sanitizer build of the program, the helpers get the sanitizers too.
san=
case $NIANBAO in
*build-san*) san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" ;;
esac
if $CC -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g $san -I"$TOP/src" \
	-o "$FAULTBIN/nbfault" "$here/nbfault.c" "$TOP/src/savefile.c" \
	"$TOP/src/journal.c" "$TOP/src/lock.c" 2>"$FAULTBIN/cc.log"; then
	:
else
	cat "$FAULTBIN/cc.log"
	echo "FAIL compile-nbfault"
	fail=$((fail + 1))
fi
export NIANBAO FAULTBIN TOP

for t in "$here"/t_*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	log=$FAULTBIN/$name.log
	t0=$(date +%s)
	if [ -x "$t" ]; then "$t" >"$log" 2>&1; else sh "$t" >"$log" 2>&1; fi
	rc=$?
	cat "$log"
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name (exit status $rc)"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name (printed no result)"
		f=1
	fi
	echo "  ($name: $(( $(date +%s) - t0 )) s)"
	pass=$((pass + p))
	fail=$((fail + f))
done

echo "  (all: $(( $(date +%s) - start )) s)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
