#!/bin/sh
# Enter and Tab stay in the table (issue 9 item 4): Enter goes down a
# column and on to the top of the next, Tab past the last cell comes back
# to the first; leaving the table is its own key (^V, in the legend).
. "$(dirname "$0")/lib.sh"

CTX=enter-wraps
copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
i=0
while [ $i -lt 24 ]; do keys Down; i=$((i + 1)); done
wait_at "三/四、结转下年度继续办理" 自然人 || { finish; exit; }
keys Enter
if wait_at "三/一、本年新收政府信息公开申请数量" 商业企业 && has "[1/2] 表三"; then
	ok enter-wraps-to-next-column
fi
CTX=tab-wraps
keys End Left
wait_at "三/一、本年新收政府信息公开申请数量" 其他 || { finish; exit; }
i=0
while [ $i -lt 24 ]; do keys Down; i=$((i + 1)); done
wait_at "三/四、结转下年度继续办理" 其他 || { finish; exit; }
keys Tab
if wait_at "三/一、本年新收政府信息公开申请数量" 自然人 && has "[1/2] 表三" && has "回到了表格开头"; then
	ok tab-wraps-to-first-cell
fi
CTX=leave-key
if has "^V 离开表格"; then
	keys C-v
	wait_for "[2/2] 三的文字说明" && ok leave-table-key
else
	bad leave-key "the legend does not show the key that leaves the table"
fi
finish
