#!/bin/sh
# Cut-off text (issue 9 item 6): the help screen wraps its sentences; at
# 60x20 the legend keeps ^G 帮助 (dropped last) and the cell's path still
# names the column.
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
# （二）部分公开（区分处理的，…）/自然人: a path far wider than 60.
keys Down Down Down
wait_for "部分公开（区分" || { finish; exit; }
settle
if screen | grep -qE '部分公开.*/自然人$'; then ok narrow-path-shows-column; else
	bad narrow-path-shows-column "the path line at 60 columns does not end with the column"; fi
finish
