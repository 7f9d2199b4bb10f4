#!/bin/sh
# `make bench`, exports: 1,000 reports (bench/gen.py, both layouts, varied
# figures) written by `nianbao export` to docx and to html, in one run for
# all the reports (as the peer does) and, for comparison, one process per
# report as a clerk or a script would run it, against bench/export_docx.py,
# python-docx writing the same title, prose and three tables with their
# merges (one Python process for all reports). Prints wall and CPU time,
# peak memory (GNU time) and the ratio; target: nianbao >= 20x faster.
#
# The formats measured are those `nianbao export --list` offers: html and
# docx when present; when neither is, csv stands in (and says so).
#
# Environment: BENCH_EXPORT_N (reports, default 1000), BENCH_RUNS (nianbao
# runs, best kept; default 3; the Python peer runs once), NIANBAO, PYTHON.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
N=${BENCH_EXPORT_N:-1000}
RUNS=${BENCH_RUNS:-3}
NIANBAO=${NIANBAO:-$top/nianbao}
PYTHON=${PYTHON:-/usr/bin/python3}
TIME=/usr/bin/time

[ -x "$NIANBAO" ] || { echo "bench: $NIANBAO not built (run make)" >&2; exit 1; }
[ -x "$TIME" ] || { echo "bench: needs GNU time ($TIME)" >&2; exit 1; }
"$PYTHON" -c 'import docx, yaml; yaml.CSafeLoader' 2>/dev/null ||
	{ echo "bench: $PYTHON lacks python3-docx or python3-yaml" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-bench-export.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
dir=$work/reports
mkdir -p "$dir" "$work/out"
echo "bench export: generating $N reports ..."
"$PYTHON" "$here/gen.py" -n "$N" "$dir" >/dev/null
ls "$dir" | grep '^r.*\.yaml$' > "$work/list"
echo "bench export: $(wc -l < "$work/list") reports, $(($(cat "$dir"/r*.yaml | wc -c) / 1024)) KiB"

# timed NAME CMD...: run CMD under GNU time; sets wall, cpu (user+sys,
# seconds) and rss_kb (the largest process).
timed() {
	name=$1
	shift
	rm -rf "$work/out" && mkdir -p "$work/out"
	st=0
	$TIME -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || st=$?
	if [ "$st" -ne 0 ]; then
		echo "bench export: $name failed (status $st):" >&2
		head -5 "$work/err" >&2
		exit 1
	fi
	set -- $(tail -1 "$work/time")
	wall=$1 cpu=$(echo "$2 $3" | awk '{printf "%.2f", $1 + $2}') rss_kb=$4
}

# best NAME RUNS CMD...: the best wall time of RUNS runs.
best() {
	name=$1 n=$2
	shift 2
	bw= bc= br=0 i=0
	while [ $i -lt "$n" ]; do
		timed "$name" "$@"
		bw=$(echo "$wall ${bw:-$wall}" | awk '{print (($1 < $2) ? $1 : $2)}')
		bc=$(echo "$cpu ${bc:-$cpu}" | awk '{print (($1 < $2) ? $1 : $2)}')
		[ "$rss_kb" -gt "$br" ] && br=$rss_kb
		i=$((i + 1))
	done
	wall=$bw cpu=$bc rss_kb=$br
	files=$(ls "$work/out" | wc -l)
	printf '  %-40s %8.2f s wall %8.2f s CPU %7d KiB peak RSS  (%d files)\n' \
		"$name" "$wall" "$cpu" "$rss_kb" "$files"
}

# The loop every nianbao export runs in: one process per report.
cat > "$work/each.sh" <<'EOS'
fmt=$1 ext=$2 nb=$3 dir=$4 out=$5 list=$6
cd "$dir"
while read -r f; do
	"$nb" export --format "$fmt" -o "$out/${f%.yaml}$ext" "$f" 2>/dev/null || exit 1
done < "$list"
EOS

formats=$("$NIANBAO" export --list | awk '{print $1}')
measure=
for f in html docx; do
	echo "$formats" | grep -qx "$f" && measure="$measure $f"
done
if [ -z "$measure" ]; then
	echo "bench export: nianbao has neither html nor docx yet; csv stands in"
	measure=csv
fi

echo "bench export: times (nianbao best of $RUNS; peer once):"
best "python-docx (bench/export_docx.py)" 1 \
	"$PYTHON" "$here/export_docx.py" "$work/out" $(sed "s|^|$dir/|" "$work/list")
w_py=$wall c_py=$cpu
for f in $measure; do
	ext=$("$NIANBAO" export --list | awk -v f="$f" '$1 == f {print $2}')
	best "nianbao export --format $f (one process each)" "$RUNS" \
		sh "$work/each.sh" "$f" "$ext" "$NIANBAO" "$dir" "$work/out" "$work/list"
	w_each=$wall c_each=$cpu
	# The same job as the peer's: one process for all the reports (a
	# supervising office exporting its bodies' reports in one run).
	rm -f "$work/out"/*
	best "nianbao export --format $f (one run, all)" "$RUNS" \
		sh -c 'cd "$1" && xargs "$2" export --format "$3" -o "$4" < "$5" 2>/dev/null' \
		sh "$dir" "$NIANBAO" "$f" "$work/out" "$work/list"
	awk -v f="$f" -v wnb="$wall" -v wpy="$w_py" -v cnb="$cpu" -v cpy="$c_py" \
	    -v we="$w_each" -v ce="$c_each" 'BEGIN {
		if (wnb <= 0) wnb = 0.01
		if (cnb <= 0) cnb = 0.01
		if (we <= 0) we = 0.01
		r = wpy / wnb
		printf "nianbao export %s vs python-docx, one run each: %.1fx faster (target >= 20x)%s [CPU %.1fx]\n",
			f, r, (r >= 20 ? "" : "  MISSED"), cpy / cnb
		printf "nianbao export %s vs python-docx, one nianbao process per report: %.1fx [CPU %.1fx]\n",
			f, wpy / we, cpy / (ce > 0 ? ce : 0.01)
	}'
done
