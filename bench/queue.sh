#!/bin/sh
# `make bench`, the reviewer's list: `nianbao view DIR` over BENCH_QUEUE_N
# reports (default 1000, from tests/screen/gen_review.py) through a pty of
# 80x24 (bench/queuefirst.py): the time to the first screen of the list and
# the bytes sent until then, and the time until every report is read. The
# peer is nianbao view of one report (its first screen: the same terminal
# start-up, one report read and checked). Best of BENCH_RUNS (default 3).
# Target: the list's first screen within 100 ms. A benchmark, not a test.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
N=${BENCH_QUEUE_N:-1000}
RUNS=${BENCH_RUNS:-3}
NIANBAO=${NIANBAO:-$top/nianbao}
PYTHON=${PYTHON:-/usr/bin/python3}
[ -x "$NIANBAO" ] || { echo "bench/queue: $NIANBAO not built (run make)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-qbench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$work/home"
export HOME="$work/home"
"$PYTHON" "$top/tests/screen/gen_review.py" "$work/reports" "$N" >/dev/null
cd "$work"

best() { # best of RUNS by first_ms; prints that run's line
	i=0
	: >"$work/runs"
	while [ $i -lt "$RUNS" ]; do
		"$PYTHON" "$here/queuefirst.py" "$@" >>"$work/runs"
		i=$((i + 1))
	done
	sort -t= -k2 -n "$work/runs" | head -1
}
list=$(best "只看错误" "份报告" -- "$NIANBAO" view reports)
one=$(best "下一问题" -- "$NIANBAO" view reports/b000.yaml)
echo "queue bench: nianbao view of $N reports, 80x24, best of $RUNS"
echo "  list of $N: $list"
echo "  one report: $one"
echo "$list $one" | awk '{
	split($1, a, "="); split($5, b, "=")
	printf "  ratio (list first screen / one report first screen): %.2fx; list first screen %s ms (target <= 100 ms)\n", (b[2] ? a[2] / b[2] : 0), a[2] }'
