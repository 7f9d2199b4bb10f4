#!/bin/sh
# kill -9 at random moments while a child appends and flushes journal
# records: the reader always gets a correct prefix of them, never garbage,
# and at least every record the child had seen flushed.
. "$(dirname "$0")/lib.sh"
need_faultbin journal-kill9
KILLS=${JKILLS:-300}
d=$(mktemp -d "${TMPDIR:-/tmp}/nbjkill.XXXXXX") || exit 1
trap 'rm -rf "$d"' EXIT
if "$FAULTBIN/nbfault" killjournal "$d" "$KILLS"; then
	pass journal-kill9
else
	fail journal-kill9
fi
