#!/bin/sh
# ^V writes the figures paragraph of 一、总体情况 from the tables: shown first,
# written only on y, one undo step, and afterwards the prose agrees with the
# tables (rule 10's warning about the quoted figure is gone).
. "$(dirname "$0")/lib.sh"

CTX=sentences
copy_sample r.yaml
# The sample with a prose figure that disagrees with table 三 (300 for 307).
sed 's/收到政府信息公开申请307件/收到政府信息公开申请300件/' "$SAMPLE" >"$T/work/r.yaml"
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
"$NIANBAO" check "$T/work/r.yaml" | grep -q '与表格不符' ||
	bad sentences-fixture "the fixture has no prose warning"
keys C-]
if wait_for "按表格生成的依申请公开段落" && wait_for "收到政府信息公开申请307件" &&
	wait_for "y 写入"; then
	ok sentences-previewed
else
	bad sentences-previewed "no preview"
fi
keys n
wait_for "未写入" && ok sentences-cancel-writes-nothing
keys C-]
wait_for "y 写入" && keys y
if wait_for "已按表格写入" && wait_for "一、总体情况"; then
	keys C-s
	wait_for "已保存 " &&
		! "$NIANBAO" check "$T/work/r.yaml" | grep -q '与表格不符' &&
		grep -q '收到政府信息公开申请307件' "$T/work/r.yaml" && ok sentences-written-and-agree
else
	bad sentences-written-and-agree "not written"
fi
keys C-z
wait_for "已撤销" && keys C-s && wait_for "已保存 " &&
	grep -q '收到政府信息公开申请300件' "$T/work/r.yaml" && ok sentences-one-undo-step
keys C-q
wait_exit
finish
