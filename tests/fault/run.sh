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
. "$TOP/tests/lib/runner.sh"

FAULTBIN=$(mktemp -d "${TMPDIR:-/tmp}/nbfault.XXXXXX") || exit 2
chmod 755 "$FAULTBIN" # another user runs nbfault in t_save_readonly.sh
trap 'rm -rf "$FAULTBIN"' EXIT INT TERM

# With a sanitizer build of the program, the helpers get the sanitizers too.
san=
case $NIANBAO in
*build-san*) san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" ;;
esac
if $CC -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g $san -I"$TOP/src" \
	-o "$FAULTBIN/nbfault" "$here/nbfault.c" "$TOP/src/io/savefile.c" \
	"$TOP/src/io/journal.c" "$TOP/src/io/lock.c" "$TOP/src/core/sysio.c" \
	"$TOP/src/core/hash.c" "$TOP/src/core/utf8.c" -lcrypto -lz 2>"$FAULTBIN/cc.log"; then
	:
else
	cat "$FAULTBIN/cc.log"
	runner_failed compile-nbfault
fi
export NIANBAO FAULTBIN TOP

for t in "$here"/t_*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	if [ -x "$t" ]; then
		runner_one "$name" "$FAULTBIN/$name.log" "" "$t"
	else
		runner_one "$name" "$FAULTBIN/$name.log" "" sh "$t"
	fi
done

runner_summary
