#!/bin/sh
# Export tests: the html, text and csv formats opened the way their readers
# open them (headless Chromium, its PDF printer, html5lib, tidy, byte-exact
# golden files). Runs every tests/export/t_*.sh (or the ones named:
# `run.sh html golden`); each prints `PASS name` / `FAIL name: why` lines.
# Ends with one line `N passed, N failed` and exits non-zero on any failure.
#
# Environment: NIANBAO (the program; default ./nianbao), UPDATE_GOLDEN=1
# (write golden/ from the program instead of comparing), KEEP_TMP=1 (keep
# the temporary folder).
set -u
here=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$here/../.." && pwd)
NIANBAO=${NIANBAO:-./nianbao}
case $NIANBAO in /*) ;; *) NIANBAO=$(pwd)/$NIANBAO ;; esac
export NIANBAO TOP
. "$TOP/tests/lib/runner.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/nbexport.XXXXXX") || exit 2
[ "${KEEP_TMP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM HUP

if [ ! -x "$NIANBAO" ]; then
	runner_failed "setup: $NIANBAO is not an executable (run make)"
	runner_summary
	exit 1
fi
for tool in chromium pdfinfo pdftotext tidy /usr/bin/python3; do
	command -v "$tool" >/dev/null 2>&1 || runner_failed "setup: $tool is not installed (tools/deps.sh)"
done
/usr/bin/python3 -c 'import html5lib' 2>/dev/null ||
	runner_failed "setup: python3-html5lib is not installed (tools/deps.sh)"

if [ $# -gt 0 ]; then
	list=
	for n in "$@"; do list="$list $here/t_${n#t_}"; list=${list%.sh}.sh; done
else
	list=$(ls "$here"/t_*.sh)
fi

for t in $list; do
	name=$(basename "$t" .sh)
	mkdir -p "$work/$name"
	runner_one "$name" "$work/$name.log" 120 env TMPDIR="$work/$name" sh "$t"
done

runner_summary
