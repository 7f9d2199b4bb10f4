#!/bin/sh
# The editor's part of `make bench` (issue 9): bytes written to the
# terminal per keystroke, nianbao against nano and dialog in the same run,
# through a pseudo-terminal of 80x24 with TERM=xterm (bench/ptyrec.py);
# each keystroke is sent alone and the output left to go quiet.
#
#   digit, total    a digit inside a number in table 三 (the row total and
#                   （七）总计 update); nano: a digit typed into a text
#                   file; dialog: into a field of a --form of 30 fields
#   digit, plain    a digit that changes nothing else (表二, a cell no
#                   total reads, after the first digit)
#   first digit     the first digit of a cell (the edit opens)
#   grid move       Down/Right/Up/Left in table 三; nano: the same arrows
#                   in the text; dialog: Down/Up between fields
#   grid walk       a clerk reading table 三 row by row: Right across the
#                   first row to 总计, Down, Left back, Down ... over 8
#                   rows (48 Right/Left, 7 Down); nano: the same arrows
#   表三 fill        every input cell of a new report's 表三 in paper's
#                   order, row by row: 146 digits and 144 Tab; nano: the
#                   same keystrokes into the text file
# Targets: digit+total <= 40 B, plain digit <= 15 B, grid move (the
# average of the walk) <= 30 B,
# the fill <= 1.5x nano's bytes. Also the time from start to the first
# complete screen (best of BENCH_RUNS) and peak resident memory.
# A benchmark: it prints numbers and whether each target holds; the
# exit status is 0 either way.
#
# Environment: NIANBAO (default ./nianbao), PYTHON (/usr/bin/python3),
# NANO (/usr/bin/nano), DIALOG (/usr/bin/dialog), BENCH_RUNS (runs of the
# first-screen measure; default 3).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
NIANBAO=${NIANBAO:-$top/nianbao}
PYTHON=${PYTHON:-/usr/bin/python3}
NANO=${NANO:-/usr/bin/nano}
DIALOG=${DIALOG:-/usr/bin/dialog}
RUNS=${BENCH_RUNS:-3}

for p in "$NIANBAO" "$PYTHON" "$NANO" "$DIALOG"; do
	[ -x "$p" ] || { echo "bench/editor: $p missing (make; tools/deps.sh)" >&2; exit 1; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-ebench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$work/home"
export HOME="$work/home" TMPDIR="$work"
SAMPLE=$top/sample-data/city-2021.yaml

# The key lists (ptyrec.py syntax: CLASS=KEY, comma-separated).
# Numbers in 表三: "digit_first=1,digit_total=2,digit_total=3,commit=ENTER,nav=UP" x 12.
TOTAL_KEYS=$(awk 'BEGIN { for (i = 0; i < 12; i++) printf "%sdigit_first=%d,digit_total=%d,digit_total=%d,commit=ENTER,nav=UP", i ? "," : "", i % 9 + 1, (i + 3) % 9 + 1, (i + 5) % 10; print "" }')
PLAIN_KEYS=$(awk 'BEGIN { for (i = 0; i < 6; i++) printf "%sdigit_first=%d,digit_plain=%d,digit_plain=%d,digit_plain=%d,commit=ENTER,nav=UP", i ? "," : "", i % 9 + 1, (i + 2) % 10, (i + 4) % 10, (i + 6) % 10; print "" }')
MOVE_KEYS=$(awk 'BEGIN { s = ""; for (i = 0; i < 8; i++) s = s ",move=DOWN"; for (i = 0; i < 6; i++) s = s ",move=RIGHT"; for (i = 0; i < 8; i++) s = s ",move=UP"; for (i = 0; i < 6; i++) s = s ",move=LEFT"; print substr(s, 2) }')
WALK_KEYS=$(awk 'BEGIN { s = ""; for (r = 0; r < 8; r++) { for (i = 0; i < 6; i++) s = s (r % 2 ? ",move=LEFT" : ",move=RIGHT"); if (r < 7) s = s ",move=DOWN" } print substr(s, 2) }')
DLG_MOVE_KEYS=$(awk 'BEGIN { s = ""; for (i = 0; i < 10; i++) s = s ",move=DOWN"; for (i = 0; i < 10; i++) s = s ",move=UP"; print substr(s, 2) }')
NANO_DIGITS=$(awk 'BEGIN { for (i = 0; i < 30; i++) printf "%sdigit_total=%d", i ? "," : "", i % 9 + 1; print "" }')
# 表三 in paper's order: 24 rows x 6 input columns, 146 digits, 144 Tab.
FILL_KEYS=$(awk 'BEGIN { s = ""; for (c = 0; c < 144; c++) { v = c % 9 + 1; if (c == 0) v = 40; if (c == 6) v = 16; s = s sprintf(",fill=%s", substr(v, 1, 1)); if (length(v) > 1) s = s sprintf(",fill=%s", substr(v, 2, 1)); s = s ",fill=TAB" } print substr(s, 2) }')

rec() { "$PYTHON" "$here/ptyrec.py" "$@"; }
# get KEY LINE: one value from a ptyrec line.
get() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

fresh_sample() { rm -f "$work"/.r.yaml.nb* "$work"/.n.yaml.nb*; cp "$SAMPLE" "$work/r.yaml"; }
fresh_new() {
	rm -f "$work"/n.yaml "$work"/.n.yaml.nb*
	"$NIANBAO" new --year 2021 "$work/n.yaml" >/dev/null
}
fresh_text() { cp "$SAMPLE" "$work/n.txt"; }

echo "bench/editor: 80x24, TERM=xterm, each key alone, output left to go quiet"

# -- nianbao
fresh_sample
nb_total=$(rec --name nianbao --env NIANBAO_TEST=1 --prep DOWN,DOWN,DOWN,ENTER \
	--keys "$TOTAL_KEYS" --quit C-q,d -- "$NIANBAO" "$work/r.yaml")
fresh_sample
# Section 二 (表二), its first table: the first column no total reads.
nb_plain=$(rec --name nianbao --env NIANBAO_TEST=1 --prep DOWN,DOWN,ENTER \
	--keys "$PLAIN_KEYS" --quit C-q,d -- "$NIANBAO" "$work/r.yaml")
fresh_sample
nb_move=$(rec --name nianbao --env NIANBAO_TEST=1 --prep DOWN,DOWN,DOWN,ENTER \
	--keys "$MOVE_KEYS" --quit C-q,d -- "$NIANBAO" "$work/r.yaml")
fresh_sample
nb_walk=$(rec --name nianbao --env NIANBAO_TEST=1 --prep DOWN,DOWN,DOWN,ENTER \
	--keys "$WALK_KEYS" --quit C-q,d -- "$NIANBAO" "$work/r.yaml")
fresh_new
nb_fill=$(rec --name nianbao --env NIANBAO_TEST=1 --prep DOWN,DOWN,DOWN,ENTER \
	--keys "$FILL_KEYS" --quit C-q,d -- "$NIANBAO" "$work/n.yaml")
# -- nano
fresh_text
na_digit=$(rec --name nano --keys "$NANO_DIGITS" --quit C-x,n -- "$NANO" --ignorercfiles "$work/n.txt")
fresh_text
na_move=$(rec --name nano --keys "$MOVE_KEYS" --quit C-x,n -- "$NANO" --ignorercfiles "$work/n.txt")
fresh_text
na_walk=$(rec --name nano --keys "$WALK_KEYS" --quit C-x,n -- "$NANO" --ignorercfiles "$work/n.txt")
fresh_text
na_fill=$(rec --name nano --keys "$FILL_KEYS" --quit C-x,n -- "$NANO" --ignorercfiles "$work/n.txt")
# -- dialog: a form of 30 fields
form=
i=1
while [ $i -le 30 ]; do
	form="$form 字段$i $i 1 '' $i 12 20 80"
	i=$((i + 1))
done
dlg() {
	dkeys=$1
	eval "set -- $form"
	rec --name dialog --env ESCDELAY=50 --keys "$dkeys" --quit ESC,ESC \
		-- "$DIALOG" --form "年报表单（30 栏）" 22 70 16 "$@"
}
dl_digit=$(dlg "$NANO_DIGITS")
dl_move=$(dlg "$DLG_MOVE_KEYS")

# First screen and memory: best time and largest RSS of RUNS quiet starts.
first() {
	name=$1
	shift
	best= rss=0 i=0
	while [ $i -lt "$RUNS" ]; do
		l=$(rec --name "$name" --keys "nav=C-l" "$@")
		f=$(get first_screen_ms "$l") r=$(get maxrss_kb "$l")
		best=$(awk -v a="$best" -v b="$f" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }')
		[ "$r" -gt "$rss" ] && rss=$r
		i=$((i + 1))
	done
	echo "$best $rss"
}
fresh_sample
nb_first=$(first nianbao --env NIANBAO_TEST=1 --quit C-q,d -- "$NIANBAO" "$work/r.yaml")
fresh_text
na_first=$(first nano --quit C-x,n -- "$NANO" --ignorercfiles "$work/n.txt")
set -- $form
eval "set -- $form"
dl_first=$(first dialog --env ESCDELAY=50 --quit ESC,ESC -- "$DIALOG" --form "年报表单（30 栏）" 22 70 16 "$@")

# The table.
row() { printf '  %-34s %10s %10s %10s %10s %10s\n' "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2fx", a / b; else print "-" }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 <= t + 0) ? "ok" : "MISSED" }'; }
nbt=$(get bytes_per_digit_total "$nb_total")
nbf=$(get bytes_per_digit_first "$nb_total")
nbc=$(get bytes_per_commit "$nb_total")
nbp=$(get bytes_per_digit_plain "$nb_plain")
nbm=$(get bytes_per_move "$nb_move")
nbw=$(get bytes_per_move "$nb_walk")
naw=$(get bytes_per_move "$na_walk")
nbfill=$(awk -v k="$(get keys "$nb_fill")" -v b="$(get bytes_per_fill "$nb_fill")" 'BEGIN { printf "%d", k * b + 0.5 }')
nat=$(get bytes_per_digit_total "$na_digit")
nam=$(get bytes_per_move "$na_move")
nafill=$(awk -v k="$(get keys "$na_fill")" -v b="$(get bytes_per_fill "$na_fill")" 'BEGIN { printf "%d", k * b + 0.5 }')
dlt=$(get bytes_per_digit_total "$dl_digit")
dlm=$(get bytes_per_move "$dl_move")
row "bytes" nianbao nano dialog "/nano" "/dialog"
row "a digit, total updates" "$nbt" "$nat" "$dlt" "$(ratio "$nbt" "$nat")" "$(ratio "$nbt" "$dlt")"
row "a digit, nothing else changes" "$nbp" "$nat" "$dlt" "$(ratio "$nbp" "$nat")" "$(ratio "$nbp" "$dlt")"
row "the first digit of a cell" "$nbf" "" "" "" ""
row "Enter (store, totals checked)" "$nbc" "" "" "" ""
row "a move in the grid" "$nbm" "$nam" "$dlm" "$(ratio "$nbm" "$nam")" "$(ratio "$nbm" "$dlm")"
row "grid move, average of a walk" "$nbw" "$naw" "" "$(ratio "$nbw" "$naw")" ""
row "表三 fill (146 digits, 144 Tab)" "$nbfill" "$nafill" "" "$(ratio "$nbfill" "$nafill")" ""
set -- $nb_first
nbfs=$1 nbr=$2
set -- $na_first
nafs=$1 nar=$2
set -- $dl_first
dlfs=$1 dlr=$2
row "first screen ms (best of $RUNS)" "$nbfs" "$nafs" "$dlfs" "$(ratio "$nbfs" "$nafs")" "$(ratio "$nbfs" "$dlfs")"
row "peak RSS KiB" "$nbr" "$nar" "$dlr" "$(ratio "$nbr" "$nar")" "$(ratio "$nbr" "$dlr")"
echo "  targets: digit+total <= 40 B $(verdict "$nbt" 40); plain digit <= 15 B $(verdict "$nbp" 15);" \
	"grid move (walk) <= 30 B $(verdict "$nbw" 30); fill <= 1.5x nano $(verdict "$(ratio "$nbfill" "$nafill" | tr -d x)" 1.5)"
