#!/bin/sh
# A table far wider than the screen (issue 7 item 4): a form whose 表二
# table has 70 columns, loaded with --forms; 64 presses of Right and more
# must neither crash nor draw out of place: the grid sizes itself from the
# table (no fixed arrays indexed by column).
. "$(dirname "$0")/lib.sh"

CTX=wide
mkdir -p "$T/forms" "$T/work"
python3 - "$TOP/forms/gk2021.yaml" "$T/forms/wide70.yaml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
s = s.replace("id: gk2021", "id: wide70", 1)
s = s.replace("name: 政府信息公开工作年度报告（2021年版格式）", "name: 宽表测试格式", 1)
s = s.replace("years: {from: 2021}", "years: {from: 2031}", 1)
cols = "".join("      - {id: c%d, label: 第%d列}\n" % (i, i) for i in range(2, 71))
old = "      - {id: fees, label: 本年收费金额（单位：万元）, type: money}\n"
assert old in s
s = s.replace(old, old + cols, 1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
if ! "$NIANBAO" --forms "$T/forms" new --form wide70 --year 2031 "$T/work/w.yaml" >"$T/new.out" 2>&1; then
	# A loader that refuses such a form (a named column limit) is also
	# an answer: nothing reaches the grid then.
	if grep -q "列" "$T/new.out"; then ok wide-refused-by-loader; finish; exit; fi
	bad wide "nianbao new with the 70-column form failed: $(head -3 "$T/new.out")"
	finish
	exit
fi
start -- --forms "$T/forms" w.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
keys Down Down Enter
wait_for "表二" || { finish; exit; }
# To the table with 70 columns: Down through the stacked tables.
i=0
while ! has "第二十条第（八）项/行政事业性收费" && [ $i -lt 8 ]; do keys Down; sleep 0.1; i=$((i + 1)); done
wait_for "第二十条第（八）项/行政事业性收费" || { finish; exit; }
i=0
while [ $i -lt 75 ]; do keys Right; i=$((i + 1)); done
if wait_for "行政事业性收费/第70列" && running; then
	text 7
	keys Tab
	if wait_for "回到了表格开头" && running; then ok wide-70-columns; fi
else
	bad wide-70-columns "the editor did not reach column 70 alive"
fi
finish
