#!/bin/sh
# The 图解 (export --format graphic) opened the way its readers open it:
# an XML parser reads the SVG (well-formed, self-contained, every key figure
# and share printed), and headless Chromium draws it (the PNG is the size
# of the picture and not blank). Ends with `N passed, N failed`.
#
# Environment: NIANBAO (the program), KEEP_PNG=DIR keeps the pictures.
set -u
here=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$here/../.." && pwd)
NIANBAO=${NIANBAO:-$TOP/nianbao}
. "$TOP/tests/lib/runner.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/nbgraphic.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT INT TERM
export NIANBAO TOP

runner_one svg "$work/svg.log" 120 /usr/bin/python3 "$here/check_svg.py" "$work"
runner_one render "$work/render.log" 150 /usr/bin/python3 "$here/render.py" "$work"
runner_summary
