#!/bin/sh
# 2019 layout (issue 9 item 9): 上一年项目数量 0 with 本年增/减 -3 would
# leave a count below 0: a warning on the cell, not silence.
. "$(dirname "$0")/lib.sh"

CTX=below-zero
mkdir -p "$T/work"
"$NIANBAO" new --year 2019 "$T/work/r.yaml" >/dev/null 2>&1 || { bad below-zero "nianbao new --year 2019 failed"; finish; exit; }
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
keys Down Down Enter
wait_for "表二" || { finish; exit; }
# Down to the table of 第二十条第（五）项: 上一年项目数量, 本年增/减.
i=0
while ! has "/第二十条第（五）项/行政许可" && [ $i -lt 6 ]; do keys Down; sleep 0.1; i=$((i + 1)); done
wait_at "二/第二十条第（五）项/行政许可" 上一年项目数量 || { finish; exit; }
text 0
keys Tab
wait_at "二/第二十条第（五）项/行政许可" 本年增/减 || { finish; exit; }
text -3
keys Tab
wait_at "二/第二十条第（五）项/行政许可" 处理决定数量 || { finish; exit; }
keys Left
wait_at "二/第二十条第（五）项/行政许可" 本年增/减 || { finish; exit; }
if wait_for "小于 0" && wait_re '行政许可 *[│<] +0 +-3\?'; then ok below-zero-warns; fi
finish
