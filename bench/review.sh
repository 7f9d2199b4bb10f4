#!/bin/sh
# `make bench`, review part: `nianbao sum` over the gk2021 reports of BENCH_N
# generated reports (default 10000) against bench/sum_reports.py (PyYAML's
# C loader doing the same sums), best of BENCH_RUNS (default 3) by CPU time
# (user+sys), and the ratio. Target: nianbao >= 10x faster.
# Environment as bench/run.sh: BENCH_N, BENCH_DIR, BENCH_RUNS, NIANBAO, PYTHON.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
N=${BENCH_N:-10000}
RUNS=${BENCH_RUNS:-3}
NIANBAO=${NIANBAO:-$top/nianbao}
PYTHON=${PYTHON:-/usr/bin/python3}
TIME=/usr/bin/time
work=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-review.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
dir=${BENCH_DIR:-$work/reports}
[ -x "$NIANBAO" ] || { echo "bench: $NIANBAO not built (run make)" >&2; exit 1; }
[ -x "$TIME" ] || { echo "bench: needs GNU time ($TIME)" >&2; exit 1; }
if [ -f "$dir/.generated-$N" ]; then
	echo "review bench: reusing $N reports in $dir"
else
	rm -rf "$dir"
	"$PYTHON" "$here/gen.py" -n "$N" "$dir" >/dev/null
	: > "$dir/.generated-$N"
fi
grep -l '^form: gk2021$' "$dir"/r*.yaml > "$work/list"
n=$(wc -l < "$work/list")
echo "review bench: sum of $n gk2021 reports (of $N generated); best of $RUNS"

# best NAME CMD...: best CPU seconds of RUNS runs into $best.
best() {
	name=$1
	shift
	best=
	i=0
	while [ $i -lt "$RUNS" ]; do
		rm -f "$work/out.yaml"
		$TIME -f '%U %S' -o "$work/t" "$@" >/dev/null 2>"$work/err" ||
			{ echo "bench: $name failed:" >&2; tail -3 "$work/err" >&2; exit 1; }
		t=$(awk '{printf "%.3f", $1 + $2}' "$work/t")
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a < b)}'; then best=$t; fi
		i=$((i + 1))
	done
	echo "  $name: ${best}s CPU"
}
best "nianbao sum" sh -c "\"$NIANBAO\" sum --allow-errors -o \"$work/out.yaml\" \$(cat \"$work/list\")"
ours=$best
best "python3 + PyYAML CSafeLoader" sh -c "\"$PYTHON\" \"$here/sum_reports.py\" \"$work/out.yaml\" \$(cat \"$work/list\")"
peer=$best
awk -v p="$peer" -v o="$ours" 'BEGIN{printf "  ratio (python / nianbao): %.1fx (target >= 10x)\n", (o ? p / o : 0)}'
