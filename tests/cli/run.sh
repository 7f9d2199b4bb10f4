#!/bin/sh
# Command-line tests: the real program's output read by the programs its
# readers use (python3's json module for --format json). Runs every
# tests/cli/t_*.sh; each prints `PASS name` / `FAIL name: why`. Ends with
# one line `N passed, N failed`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$here/../.." && pwd)
NIANBAO=${NIANBAO:-$TOP/nianbao}
export NIANBAO TOP
. "$TOP/tests/lib/runner.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/nbcli.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT INT TERM
for t in "$here"/t_*.sh; do
	name=$(basename "$t" .sh)
	mkdir -p "$work/$name"
	runner_one "$name" "$work/$name.log" 120 env T="$work/$name" sh "$t"
done
runner_summary
