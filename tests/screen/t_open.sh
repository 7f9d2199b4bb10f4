#!/bin/sh
# The sample 2021 report opens on the contents screen, and table 三 fits,
# at 80x24 and at 120x40: whole screens against golden/.
. "$(dirname "$0")/lib.sh"

for size in 80x24 120x40; do
	CTX=open-$size
	copy_sample r.yaml
	start -s "$size" -- r.yaml || continue
	if wait_for "目录" 15 && wait_for "结束检查" && golden "contents-$size"; then
		ok "open-contents-$size"
	fi
	CTX=open-t3-$size
	if open_t3 && wait_at "三/一、本年新收政府信息公开申请数量" 自然人 &&
		golden "t3-$size"; then
		ok "open-t3-$size"
	fi
	# The cursor is in the first cell (自然人 of 一、本年新收), on its number.
	CTX=open-t3-cursor-$size
	y=$(screen | grep -n '^一、本年新收' | head -1 | cut -d: -f1)
	c=$(cursor)
	if [ -n "$y" ] && [ "${c#*,}" -eq $((y - 1)) ]; then
		ok "open-t3-cursor-$size"
	else
		bad "open-t3-cursor-$size" "cursor at $c, not on the row 一、本年新收 (line $((${y:-0} - 1)))"
	fi
done
finish
