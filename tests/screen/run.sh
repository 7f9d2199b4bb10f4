#!/bin/sh
# Screen tests: the real editor in tmux at fixed sizes, keys sent with
# send-keys, the screen read with capture-pane (see lib.sh). Runs every
# tests/screen/t_*.sh (or the ones named: `run.sh open nav`); each prints
# `PASS name` / `FAIL name: why` lines. Ends with one line
# `N passed, N failed` and exits non-zero on any failure.
#
# Environment: NIANBAO (the program; default ./nianbao), UPDATE_GOLDEN=1
# (write golden/*.txt from the screens instead of comparing), KEEP_TMP=1
# (keep each test's temporary directory), TSCALE (multiply the failure
# timeouts; 4 by default for a sanitizer build), SCREEN_TIMEOUT (seconds a
# whole test may take before it is killed; default 300).
set -u
here=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$here/../.." && pwd)
NIANBAO=${NIANBAO:-./nianbao}
case $NIANBAO in /*) ;; *) NIANBAO=$(pwd)/$NIANBAO ;; esac
export NIANBAO TOP
pass=0
fail=0
start=$(date +%s)

work=$(mktemp -d "${TMPDIR:-/tmp}/nbscreen.XXXXXX") || exit 2
# The tests kill their own tmux servers; this catches any left by a test
# that was itself killed.
cleanup() {
	for s in "$work"/*/*/tmux/tmux-*/*; do
		[ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if [ ! -x "$NIANBAO" ]; then
	echo "FAIL setup: $NIANBAO is not an executable (run make)"
	echo "0 passed, 1 failed"
	exit 1
fi
if ! command -v tmux >/dev/null 2>&1; then
	echo "FAIL setup: tmux is not installed"
	echo "0 passed, 1 failed"
	exit 1
fi

if [ $# -gt 0 ]; then
	list=
	for n in "$@"; do list="$list $here/t_${n#t_}"; list=${list%.sh}.sh; done
else
	list=$(ls "$here"/t_*.sh)
fi

for t in $list; do
	name=$(basename "$t" .sh)
	log=$work/$name.log
	t0=$(date +%s)
	# Each test gets its own TMPDIR under $work, so its tmux sockets are
	# found by cleanup even if it dies.
	mkdir -p "$work/$name"
	TMPDIR=$work/$name timeout -k 5 "${SCREEN_TIMEOUT:-300}" sh "$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "FAIL $name: killed after ${SCREEN_TIMEOUT:-300} s"
		f=$((f + 1))
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: exit status $rc"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: printed no result"
		f=1
	fi
	echo "  ($name: $(($(date +%s) - t0)) s)"
	pass=$((pass + p))
	fail=$((fail + f))
done

echo "  (all: $(($(date +%s) - start)) s)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
