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
. "$TOP/tests/lib/runner.sh"

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
	runner_failed "setup: $NIANBAO is not an executable (run make)"
	runner_summary
	exit 1
fi
if ! command -v tmux >/dev/null 2>&1; then
	runner_failed "setup: tmux is not installed"
	runner_summary
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
	# Each test gets its own TMPDIR under $work, so its tmux sockets are
	# found by cleanup even if it dies.
	mkdir -p "$work/$name"
	runner_one "$name" "$work/$name.log" "${SCREEN_TIMEOUT:-300}" \
		env TMPDIR="$work/$name" sh "$t"
done

runner_summary
