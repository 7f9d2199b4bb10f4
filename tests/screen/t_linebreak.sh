#!/bin/sh
# Prose wraps by the Chinese rules (GB/T 15834, issue 9 item 7): a number
# and a document number stay whole, no "、" at the start of a line, no
# opening bracket at its end.
. "$(dirname "$0")/lib.sh"

CTX=linebreak
mkdir -p "$T/work"
"$NIANBAO" new --year 2021 "$T/work/r.yaml" >/dev/null 2>&1 || { bad linebreak "nianbao new failed"; finish; exit; }
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
keys Down Down Down Down Down Enter
wait_for "五、存在的主要问题及改进情况（必填）" || { finish; exit; }
j38=甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲
# 76 columns, then "信" ends at 78 and 1375 would straddle column 80.
text "${j38}信1375条"
keys Enter
# 80 columns of 甲, then "、": the last 甲 goes down with it.
text "${j38}甲甲、乙"
keys Enter
# 74 columns, then 国 and 〔2021〕30号 from column 76.
text "${j38%甲}国〔2021〕30号"
wait_for "30号" || { finish; exit; }
settle
s=$(screen)
if printf '%s\n' "$s" | grep -q '^1375条$'; then ok linebreak-number-whole; else
	bad linebreak-number-whole "1375条 is not whole at the start of a line"; fi
if printf '%s\n' "$s" | grep -q '^、'; then
	bad linebreak-no-comma-first "a line starts with 、"
elif printf '%s\n' "$s" | grep -q '^甲、乙$'; then ok linebreak-no-comma-first; else
	bad linebreak-no-comma-first "want a line 甲、乙"; fi
if printf '%s\n' "$s" | grep -q '^〔2021〕30号$' && printf '%s\n' "$s" | grep -q '国$'; then
	ok linebreak-docnumber-whole
else
	bad linebreak-docnumber-whole "〔2021〕30号 is not whole on its own line"
fi
finish
