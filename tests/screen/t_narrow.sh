#!/bin/sh
# Cut-off text (issue 9 item 6): the help screen wraps its sentences; at
# 60x20 the legend keeps ^G 帮助 (dropped last), the path line still names
# the row and the marked header the column.
. "$(dirname "$0")/lib.sh"

CTX=narrow-help
copy_sample r.yaml
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
keys C-g
wait_for "按键帮助" || { finish; exit; }
i=0
while ! has "只用于金额" && [ $i -lt 40 ]; do keys Down; sleep 0.05; i=$((i + 1)); done
if wait_for "只用于金额" 2; then ok narrow-help-wraps; fi

CTX=narrow-60x20
copy_sample r.yaml
start -s 60x20 -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
keys Down Down Down Enter
wait_for "表三" || { finish; exit; }
settle
if line 18 | grep -qF "^G 帮助" || line 19 | grep -qF "^G 帮助"; then ok narrow-legend-keeps-help; else
	bad narrow-legend-keeps-help "^G 帮助 is not in the legend at 60x20"; fi
# （二）部分公开（区分处理的，…）: a row far wider than 60. The path line
# under the table names the table and the row (cut with "…" to fit, the
# row's own words kept); the column is the one marked under its header.
keys Down Down Down Right
if wait_re '^三/三、本年度办理结果/（二）部分公开（.*…$' && settle; then
	pw=$(screen | grep '^三/' | LC_ALL=C.UTF-8 wc -L)
	if [ "$(where)" = 商业企业 ] && [ "$pw" -gt 40 ] && [ "$pw" -le 60 ]; then
		ok narrow-where-am-i
	else
		bad narrow-where-am-i "marked column \"$(where)\", path line $pw columns wide"
	fi
fi
finish
