#!/bin/sh
# Form files from a directory (--forms DIR): a province's layout with rules
# across tables and inequalities, loaded with no C change for it, and
# refusals that name FILE:LINE:COL. Runs every tests/forms/t_*.sh; ends with
# one line `N passed, N failed`.
#
# Environment for the scripts: NIANBAO (the program), TOP (the source tree).
set -u
here=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$here/../.." && pwd)
NIANBAO=${NIANBAO:-$TOP/nianbao}
export NIANBAO TOP
. "$TOP/tests/lib/runner.sh"

logs=$(mktemp -d "${TMPDIR:-/tmp}/nbforms.XXXXXX") || exit 2
trap 'rm -rf "$logs"' EXIT INT TERM
for t in "$here"/t_*.sh; do
	name=$(basename "$t" .sh)
	runner_one "$name" "$logs/$name.log" 60 sh "$t"
done
runner_summary
