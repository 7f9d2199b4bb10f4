#!/bin/sh
# Read-only (review) mode shows only what works there (issue 9 item 8):
# the legend from the actions table without editing keys, hints without
# "type a number", and a long cover text says that more follows.
. "$(dirname "$0")/lib.sh"

CTX=review-cover
copy_sample r.yaml
start -- edit --read-only r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
keys C-n
wait_for "机关名称" || { finish; exit; }
settle
if has "后面还有"; then ok review-cover-more; else bad review-cover-more "the long preamble is cut without saying so"; fi
legend=$(screen | tail -2)
if printf '%s\n' "$legend" | grep -qE '\^S 保存|\^Z 撤销|\^K |\^U |\^X 外部'; then
	bad review-legend "the legend offers editing keys: $legend"
elif printf '%s\n' "$legend" | grep -qF '^G 帮助'; then
	ok review-legend-no-edit-keys
else
	bad review-legend "no legend"
fi
if has "Tab 或 Enter 到下一栏" || has "Enter 另起一段"; then bad review-cover-hint "the cover hint offers editing"; else ok review-cover-hint; fi
CTX=review-table
keys C-t
wait_for "上下键选择" || { finish; exit; }
keys Down Down Down Enter
wait_for "[1/2] 表三" || { finish; exit; }
settle
if has "直接输入数字" || has "^R 重算合计"; then bad review-table-hint "the table offers typing or ^R"; else
	has "只读查看" && ok review-table-hint || bad review-table-hint "no read-only hint under the table"; fi
finish
