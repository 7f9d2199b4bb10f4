#!/bin/sh
# `make bench`, import: `nianbao import` of BENCH_IMPORT_N portal pages
# (default 1,000: 2019 and 2021 layouts, plain, Word-exported, GBK, label
# variants, split tables) against bench/import_bs4.py, the same extraction
# in Python with BeautifulSoup over lxml. Both write one report file per
# page; best of BENCH_RUNS (default 3). Target: nianbao >= 10x faster.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
N=${BENCH_IMPORT_N:-1000}
RUNS=${BENCH_RUNS:-3}
NIANBAO=${NIANBAO:-$top/nianbao}
PYTHON=${PYTHON:-/usr/bin/python3}
# Pages and reports in memory (/dev/shm) where there is one: every report
# nianbao writes is fsync'd (crash-safe save), and on a disk those syncs,
# not the extraction being compared, would take most of the time.
tmp=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && tmp=/dev/shm
work=$(mktemp -d "$tmp/nianbao-bench-import.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
[ -x "$NIANBAO" ] || { echo "bench: $NIANBAO not built (run make)" >&2; exit 1; }

# A few distinct pages, copied to N files.
mkdir -p "$work/src" "$work/pages" "$work/out-nb" "$work/out-py"
k=0
for src in city-2021 city-2020; do
	for q in "" word "word gbk" variants split one-table "word variants" dashes; do
		k=$((k + 1))
		# shellcheck disable=SC2086
		"$PYTHON" "$top/tests/import/mkpage.py" "$top/sample-data/$src.yaml" \
			"$work/src/p$k.html" "$work/src/p$k.json" $q
	done
done
i=0
while [ $i -lt "$N" ]; do
	cp "$work/src/p$((i % k + 1)).html" "$work/pages/r$i.html"
	i=$((i + 1))
done
bytes=$(cat "$work/pages"/*.html | wc -c)

# CPU time (user + system, of every process of the run) rather than the
# wall clock: the machine is shared, and a neighbour's build would decide
# the wall time. Best of RUNS, in ms.
best() { # CMD...
	b=
	r=0
	while [ $r -lt "$RUNS" ]; do
		/usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>"$work/err" ||
			{ cat "$work/err" >&2; exit 1; }
		t=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/time")
		[ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t
		r=$((r + 1))
	done
	echo "$b"
}
cd "$work/pages"
tn=$(best sh -c "ls | xargs -n 500 '$NIANBAO' import -o '$work/out-nb'")
tp=$(best sh -c "ls | xargs -n 500 '$PYTHON' '$here/import_bs4.py' '$work/out-py'")
# The two read the same figures: compare one page's cells.
"$NIANBAO" cells "$work/out-nb/r1.yaml" >"$work/a"
"$NIANBAO" cells "$work/out-py/r1.yaml" >"$work/b"
cmp -s "$work/a" "$work/b" || { echo "bench import: the peer read different figures" >&2; exit 1; }
[ "$tn" -gt 0 ] || tn=1
echo "import: $N pages ($((bytes / 1024)) KiB), CPU time: nianbao ${tn} ms, python+bs4(lxml) ${tp} ms:" \
     "nianbao is $((tp / tn)).$(((tp * 10 / tn) % 10))x faster (target >= 10x)"
