#!/bin/sh
# kill -9 at random moments while a child saves reports A and B onto one
# file: after every kill the file is A or B, the backup is A or B, and the
# sweep leaves no temporary. Uses two real reports from sample-data/ when
# there are two, else built-in ~15 KB report-like texts.
. "$(dirname "$0")/lib.sh"
need_faultbin save-kill9
KILLS=${KILLS:-500}
d=$(mktemp -d "${TMPDIR:-/tmp}/nbkill.XXXXXX") || exit 1
trap 'rm -rf "$d"' EXIT
set -- $(ls "$TOP"/sample-data/*.yaml 2>/dev/null | head -n 2)
if [ $# -eq 2 ] && ! cmp -s "$1" "$2"; then
	echo "  A=$1 B=$2"
else
	set --
	echo "  A, B: built-in report-like texts"
fi
if "$FAULTBIN/nbfault" killsave "$d" "$KILLS" "$@"; then
	pass save-kill9
else
	fail save-kill9
fi
