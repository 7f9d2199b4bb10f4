#!/bin/sh
# Where am I in 表三 (issue 9 item 5): the label column widens on a wide
# screen, the current row label and column are marked, the whole height is
# used, a scroll does not pin the cursor to the bottom row, "行 12/25".
# The marks are one ASCII character each so that a move sends few bytes
# (bench/editor.sh): "<" beside the row's label, "^" under the column.
. "$(dirname "$0")/lib.sh"

# styled LINE: line N of the screen with its attributes (tmux -e).
styled() { tmux -L "$SOCK" capture-pane -p -e -t t 2>/dev/null | sed -n "$(($1 + 1))p"; }

# The reader itself: a wrapped label joined, a group's label on a rule
# left out, a second mark (one left behind) reported.
CTX=whereami-reader
hdr='表 │ ──组──────── 
   │  商业   其他
   │  企业   结果'
r1=$(printf '%s\n   │      ^\n' "$hdr" | python3 "$TOP/tests/screen/where.py")
r2=$(printf '%s\n   │      ^      ^\n' "$hdr" | python3 "$TOP/tests/screen/where.py")
if [ "$r1" = 商业企业 ] && [ "$r2" = "?" ]; then ok whereami-reader; else
	bad whereami-reader "where.py read \"$r1\" and \"$r2\""; fi

CTX=whereami-80
copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
keys Down Down
wait_at "三/三、本年度办理结果/（一）予以公开" 自然人 || { finish; exit; }
settle
if has "行 3/25"; then ok whereami-row-counter; else bad whereami-row-counter "no 行 3/25 on the screen"; fi
# The row: a mark on the rule beside its label, nowhere else.
if line 10 | grep -qE '^  （一）予以公开 *<' && [ "$(screen | sed -n '8,19p' | grep -c '[^ ] *< ')" -eq 1 ]; then
	ok whereami-row-mark; else
	bad whereami-row-mark "no single row mark beside （一）予以公开: $(line 10)"; fi
# The column: a mark under its header, which reads 自然人; Right moves it.
if [ "$(line 6 | tr -cd '^' | wc -c)" -eq 1 ] && [ "$(where)" = 自然人 ]; then ok whereami-column-mark; else
	bad whereami-column-mark "no single mark under 自然人 (marked: $(where))"; fi
keys Right
if wait_at "三/三、本年度办理结果/（一）予以公开" 商业企业; then ok whereami-column-mark-moves; fi
keys Left
wait_at "三/三、本年度办理结果/（一）予以公开" 自然人 || { finish; exit; }
# The whole height: no empty line between the table and the status line.
empty=$(screen | sed -n '8,21p' | grep -c '^$')
if [ "$empty" -eq 0 ]; then ok whereami-whole-height; else bad whereami-whole-height "$empty empty lines between the table and the status line"; fi
# Scrolling down: Down until the table scrolls; the cursor then is not
# on the bottom row.
first=$(line 7)
i=0
while [ "$(line 7)" = "$first" ] && [ $i -lt 25 ]; do
	keys Down
	sleep 0.1
	i=$((i + 1))
done
settle
c=$(cursor)
# The path line is right under the table's last row.
pl=$(screen | grep -n '^三/' | head -1 | cut -d: -f1)
if [ -z "$pl" ]; then
	bad whereami-scroll "no path line"
elif [ "${c#*,}" -ge $((pl - 2)) ]; then
	bad whereami-scroll "after the scroll the cursor (line ${c#*,}) is on the bottom row ($((pl - 2)))"
else
	ok whereami-scroll-not-bottom
fi

CTX=whereami-100
copy_sample r.yaml
start -s 100x30 -- r.yaml && open_t3 || { finish; exit; }
i=0
while [ $i -lt 21 ]; do keys Down; i=$((i + 1)); done
wait_for "（六）其他处理/2.申请人逾期" || { finish; exit; }
settle
# At 100 columns the label column shows more than 11 characters.
if screen | grep -q "2.申请人逾期未按收费通知"; then ok whereami-wide-labels; else
	bad whereami-wide-labels "row labels still cut short at 100 columns"; fi

# 表四's one row has no name: the path line names the column instead. 表二
# has no totals: its hint does not speak of them (表三's does).
CTX=whereami-t4
copy_sample r.yaml
start -- r.yaml && wait_for "目录" 15 || { finish; exit; }
open_part 4
wait_for "[1/2] 表四" && keys Right
if wait_at "四/行政复议/结果纠正" 结果纠正; then ok whereami-unnamed-row-names-column; fi
CTX=whereami-hints
open_part 2
if wait_at "二/第二十条第（一）项/规章" 本年制发件数 && ! has "合计格"; then ok whereami-no-totals-no-total-hint; else
	bad whereami-no-totals-no-total-hint "表二 speaks of totals"; fi
open_part 3
if wait_for "[1/2] 表三" && wait_for "合计格自动计算"; then ok whereami-totals-hint; fi
finish
