#!/bin/sh
# `make bench`: time `nianbao check` against two peers over the same files.
#   (a) bench/check_reports.py: the same rules in Python, PyYAML + libyaml's C loader
#   (b) bench/bareparse.c: a bare libyaml event parse, nothing else (the floor)
# Each is run over every file, many files per process (xargs batches), best of
# $BENCH_RUNS runs (default 3). Targets: nianbao >= 10x faster than (a), and
# within 1.5x of (b).
#
# Environment: BENCH_N (files, default 10000), BENCH_DIR (where the files go;
# default a fresh temporary directory, removed afterwards; an existing
# BENCH_DIR generated with the same N is reused), BENCH_BATCH (files per
# process, default 2500), BENCH_RUNS, NIANBAO (default ./nianbao),
# PYTHON (default /usr/bin/python3).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
N=${BENCH_N:-10000}
BATCH=${BENCH_BATCH:-2500}
RUNS=${BENCH_RUNS:-3}
NIANBAO=${NIANBAO:-$top/nianbao}
PYTHON=${PYTHON:-/usr/bin/python3}
TIME=/usr/bin/time

work=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
dir=${BENCH_DIR:-$work/reports}

[ -x "$NIANBAO" ] || { echo "bench: $NIANBAO not built (run make)" >&2; exit 1; }
[ -x "$TIME" ] || { echo "bench: needs GNU time ($TIME)" >&2; exit 1; }
"$PYTHON" -c 'import yaml; yaml.CSafeLoader' 2>/dev/null ||
	{ echo "bench: $PYTHON lacks PyYAML with libyaml (python3-yaml)" >&2; exit 1; }

# Build the floor.
libs=$(pkg-config --libs yaml-0.1 2>/dev/null || echo -lyaml)
cflags=$(pkg-config --cflags yaml-0.1 2>/dev/null || true)
cc -O2 $cflags -o "$work/bareparse" "$here/bareparse.c" $libs

# Generate once.
if [ -f "$dir/.generated-$N" ]; then
	echo "bench: reusing $N reports in $dir"
else
	rm -rf "$dir"
	echo "bench: generating $N reports in $dir ..."
	"$PYTHON" "$here/gen.py" -n "$N" "$dir"
	: > "$dir/.generated-$N"
fi
bytes=$(cat "$dir"/r*.yaml | wc -c)
echo "bench: $N files, $((bytes / 1024)) KiB; $BATCH files per process; best of $RUNS"

# run NAME CMD...: time `ls | xargs CMD` RUNS times. Sets best_cpu (user+sys
# seconds of every process, from GNU time; steadier than wall time when the
# machine is busy), best_wall (seconds) and rss_kb (largest process).
# The commands' exit status is ignored (findings make them exit 1), but
# xargs' 124-127 (a command killed or not found) is fatal.
run() {
	name=$1
	shift
	best_cpu=
	best_wall=
	rss_kb=0
	i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(date +%s%N)
		st=0
		(cd "$dir" && ls | grep '^r.*\.yaml$' |
			$TIME -f '%M %U %S' -o "$work/time" xargs -n "$BATCH" "$@" \
			>/dev/null 2>"$work/$name.err") || st=$?
		t1=$(date +%s%N)
		if [ "$st" -ge 124 ]; then
			echo "bench: $name failed (status $st):" >&2
			head -5 "$work/$name.err" >&2
			exit 1
		fi
		# the last line (GNU time may first say "Command exited with ...")
		r=$(tail -1 "$work/time" | awk '{print $1}')
		cpu=$(tail -1 "$work/time" | awk '{printf "%.2f", $2 + $3}')
		wall=$(echo "$((t1 - t0))" | awk '{printf "%.3f", $1 / 1e9}')
		best_cpu=$(echo "$cpu ${best_cpu:-$cpu}" | awk '{print (($1 < $2) ? $1 : $2)}')
		best_wall=$(echo "$wall ${best_wall:-$wall}" | awk '{print (($1 < $2) ? $1 : $2)}')
		if [ "$r" -gt "$rss_kb" ]; then rss_kb=$r; fi
		i=$((i + 1))
	done
	printf '  %-34s %7.2f s CPU %8.3f s wall %7d KiB peak RSS\n' "$name" \
		"$best_cpu" "$best_wall" "$rss_kb"
}

# Sanity: how many findings each checker prints (they should be close).
count() {
	(cd "$dir" && ls | grep '^r.*\.yaml$' | xargs -n "$BATCH" "$@" 2>/dev/null || true) |
		wc -l
}
echo "bench: finding lines: nianbao $(count "$NIANBAO" check)," \
	"PyYAML script $(count "$PYTHON" "$here/check_reports.py")"

echo "bench: times (best of $RUNS; ratios from CPU time, wall in brackets):"
run "bare libyaml parse (floor)" "$work/bareparse"
c_bare=$best_cpu w_bare=$best_wall
run "PyYAML script (check_reports.py)" "$PYTHON" "$here/check_reports.py"
c_py=$best_cpu w_py=$best_wall
run "nianbao check" "$NIANBAO" check
c_nb=$best_cpu w_nb=$best_wall

awk -v nb="$c_nb" -v py="$c_py" -v bare="$c_bare" \
    -v wnb="$w_nb" -v wpy="$w_py" -v wbare="$w_bare" 'BEGIN {
	if (nb <= 0) nb = 0.01
	if (bare <= 0) bare = 0.01
	f = py / nb; r = nb / bare
	printf "nianbao check vs PyYAML script: %.1fx faster (target >= 10x)%s [wall %.1fx]\n", f,
		(f >= 10 ? "" : "  MISSED"), wpy / wnb
	printf "nianbao check vs bare libyaml parse: %.2fx (target <= 1.5x)%s [wall %.2fx]\n", r,
		(r <= 1.5 ? "" : "  MISSED"), wnb / wbare
}'
