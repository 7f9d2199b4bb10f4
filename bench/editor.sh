#!/bin/sh
# The editor's part of `make bench`: nianbao, nano and dialog through a
# pseudo-terminal of 80x24 with TERM=xterm (bench/ptyrec.py), measuring
#   - bytes written to the terminal per keystroke when typing digits
#     (nianbao: into table 三 cells of the 2021 sample, each number then
#     Enter (commit: totals and checks update) and Up back to the cell;
#     nano: into a text file of the same size; dialog: into a field of a
#     --form of 30 fields), each keystroke sent alone and the output left
#     to go quiet;
#   - the time from start to the first complete screen (the last byte
#     before the output is quiet);
#   - peak resident memory (ru_maxrss).
# Prints one line per program and the ratios nianbao/nano, nianbao/dialog.
# A benchmark, not a test: nothing here passes or fails on a number.
#
# Environment: NIANBAO (default ./nianbao), PYTHON (/usr/bin/python3),
# NANO (/usr/bin/nano), DIALOG (/usr/bin/dialog), BENCH_KEYS (digits typed;
# default 40), BENCH_RUNS (runs of each, best first-screen time and median
# bytes kept; default 3).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
NIANBAO=${NIANBAO:-$top/nianbao}
PYTHON=${PYTHON:-/usr/bin/python3}
NANO=${NANO:-/usr/bin/nano}
DIALOG=${DIALOG:-/usr/bin/dialog}
N=${BENCH_KEYS:-40}
RUNS=${BENCH_RUNS:-3}

for p in "$NIANBAO" "$PYTHON" "$NANO" "$DIALOG"; do
	[ -x "$p" ] || { echo "bench/editor: $p missing (make; tools/deps.sh)" >&2; exit 1; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-ebench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$work/home"
export HOME="$work/home" TMPDIR="$work"

# keys CLASS COUNT PATTERN...: COUNT digits cycling 1-9, with PATTERN after
# each group of digits (e.g. "2 commit=ENTER move=UP": two digits, then
# Enter and Up).
digits() {
	awk -v n="$1" -v per="$2" -v tail="$3" 'BEGIN {
		s = ""; d = 0
		for (i = 0; i < n; i++) {
			d = d % 9 + 1
			s = s (s == "" ? "" : ",") "digit=" d
			if (per > 0 && (i + 1) % per == 0 && tail != "") s = s "," tail
		}
		print s
	}'
}

# run NAME ARGS...: best of RUNS; prints the ptyrec line of the run with
# the median bytes per key, and the best first-screen time.
run() {
	name=$1
	shift
	i=0
	: >"$work/$name.runs"
	while [ $i -lt "$RUNS" ]; do
		"$@" >>"$work/$name.runs"
		i=$((i + 1))
	done
	awk -v name="$name" '
	function get(k,   i, a) { for (i = 1; i <= NF; i++) { split($i, a, "="); if (a[1] == k) return a[2] } }
	{ b[NR] = get("bytes_per_key"); bd[NR] = get("bytes_per_digit"); f[NR] = get("first_screen_ms");
	  r[NR] = get("maxrss_kb"); l[NR] = get("key_latency_median_ms"); bc[NR] = get("bytes_per_commit") }
	END {
		n = NR; best = f[1]; rss = r[1]
		for (i = 2; i <= n; i++) { if (f[i] + 0 < best + 0) best = f[i]; if (r[i] + 0 > rss + 0) rss = r[i] }
		# the median run by bytes per digit
		for (i = 1; i <= n; i++) idx[i] = i
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
			if (bd[idx[j]] + 0 < bd[idx[i]] + 0) { t = idx[i]; idx[i] = idx[j]; idx[j] = t }
		m = idx[int((n + 1) / 2)]
		printf "%s %s %s %s %s %s %s\n", name, bd[m], b[m], best, rss, l[m], (bc[m] == "" ? "-" : bc[m])
	}' "$work/$name.runs"
}

# nianbao: the sample report, table 三, cell 一、本年新收 / 自然人.
cp "$top/sample-data/city-2021.yaml" "$work/r.yaml"
NB_KEYS=$(digits "$N" 2 "commit=ENTER,move=UP")
nb() {
	rm -f "$work"/.r.yaml.nb*
	cp "$top/sample-data/city-2021.yaml" "$work/r.yaml"
	"$PYTHON" "$here/ptyrec.py" --name nianbao --env NIANBAO_TEST=1 \
		--prep DOWN,DOWN,DOWN,ENTER --keys "$NB_KEYS" --quit C-q,d \
		-- "$NIANBAO" "$work/r.yaml"
}
# nano: a text file of the same size (the sample itself, as text).
NANO_KEYS=$(digits "$N" 0 "")
na() {
	cp "$top/sample-data/city-2021.yaml" "$work/n.txt"
	"$PYTHON" "$here/ptyrec.py" --name nano --keys "$NANO_KEYS" --quit C-x,n \
		-- "$NANO" --ignorercfiles "$work/n.txt"
}
# dialog: a form of 30 fields; digits typed into the first one.
form=
i=1
while [ $i -le 30 ]; do
	form="$form 字段$i $i 1 '' $i 12 20 80"
	i=$((i + 1))
done
dl() {
	eval "set -- $form"
	"$PYTHON" "$here/ptyrec.py" --name dialog --keys "$NANO_KEYS" --quit ESC,ESC \
		--env ESCDELAY=50 \
		-- "$DIALOG" --form "年报表单（30 栏）" 22 70 16 "$@"
}

echo "bench/editor: 80x24, TERM=xterm, $N digits one at a time, $RUNS runs each"
{
	run nianbao nb
	run nano na
	run dialog dl
} >"$work/results"

awk '
{ name[NR] = $1; bd[NR] = $2; b[NR] = $3; f[NR] = $4; r[NR] = $5; l[NR] = $6; bc[NR] = $7 }
END {
	printf "  %-8s %14s %14s %16s %14s %12s\n", "", "bytes/digit", "bytes/key", "first screen ms", "peak RSS KiB", "key ms (med)"
	for (i = 1; i <= NR; i++)
		printf "  %-8s %14.1f %14.1f %16.1f %14d %12.2f\n", name[i], bd[i], b[i], f[i], r[i], l[i]
	if (bc[1] != "-")
		printf "  (nianbao: each number is committed with Enter, %.1f bytes, which updates the totals and checks)\n", bc[1]
	for (i = 2; i <= NR; i++)
		printf "  nianbao/%-7s bytes per digit %.2fx, time to first screen %.2fx, peak RSS %.2fx\n",
			name[i], bd[1] / bd[i], f[1] / f[i], r[1] / r[i]
}' "$work/results"
