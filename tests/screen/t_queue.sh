#!/bin/sh
# nianbao view DIR: the list of reports. The issue's "done when": over 300
# generated reports the reviewer finds every report with an error from the
# list (filter), opens one at its first finding, sees the carry-over
# warning where last year's figures disagree, leaves a comment, and the
# clerk opening that report in the editor sees it and resolves it. Also
# sorting, and the list following a file that changes on disk.
. "$(dirname "$0")/lib.sh"

rm -rf "$T/work"
mkdir -p "$T/work/reports"
want=$(python3 "$TOP/tests/screen/gen_review.py" "$T/work/reports" 300) ||
	{ bad queue-gen "the generator failed"; finish; exit; }
# What `nianbao check` calls an error, file by file: the list must agree.
n=0
for f in "$T"/work/reports/*.yaml; do
	"$NIANBAO" check "$f" >/dev/null 2>&1
	[ $? -eq 1 ] && n=$((n + 1))
done
[ "$n" -eq "$want" ] || bad queue-gen "check finds $n reports with errors, the generator made $want"

CTX=queue-list
start -- view reports || { finish; exit; }
if wait_for "审阅 reports：300 份" 15 && wait_for "已全部读取：300 份报告" 30; then
	ok queue-list
fi
# The legend offers only what works on the list.
CTX=queue-legend
if has "Enter 打开" && has "s 排序" && has "e 只看错误" && ! has "^S 保存"; then
	ok queue-legend
else
	bad queue-legend "legend: $(line 22) / $(line 23)"
fi

# Filter: every report with an error, and only those.
CTX=queue-filter
keys e
if wait_for "只看有错误的报告：$want 份" && wait_for "有错误 $want 份"; then
	# No line of the filtered list lacks the error mark.
	if screen | sed -n '3,21p' | grep -v '^$' | grep -qv '^!'; then
		bad queue-filter "a report without errors in the filtered list"
	else
		ok queue-filter
	fi
fi

# Sorting by errors puts the reports with most errors first; by agency
# the pairs (岚川市配对..) come before 岚川市有误.. in code point order.
CTX=queue-sort
keys s
wait_for "按机关名称排序" && keys s && wait_for "按错误数排序" &&
	[ "$(line 2 | awk '{print $4}')" -ge "$(line 3 | awk '{print $4}')" ] &&
	line 2 | grep -q '有误' && ok queue-sort
# The unfinished cells: a column of its own, within 80 columns, and a
# sort that puts the most blanks first (u001 has 5, u000 2, the rest 0).
CTX=queue-blanks
if line 1 | grep -q '错误 提醒 未填 意见 上年$' && [ "$(line 1 | wc -L)" -le 80 ] &&
	[ "$(line 2 | wc -L)" -le 80 ]; then
	ok queue-blanks-column
else
	bad queue-blanks-column "header: $(line 1)"
fi
keys e
wait_for "列出全部" && keys s && wait_for "按年度排序" && keys s &&
	wait_for "按未填格数排序" && keys g &&
	wait_re '^.岚川市未完01局 +2021 gk2021 +0 +1 +5 +0 +-$' &&
	line 3 | grep -Eq '^.岚川市未完00局 +2021 gk2021 +0 +1 +2 +0 +-$' &&
	[ "$(line 4 | awk '{print $6}')" -eq 0 ] && ok queue-sort-blanks
keys e s
wait_for "按机关名称排序" || true

# Open the pair whose carried-over figure disagrees: at its first finding.
CTX=queue-open
keys /
wait_for "搜索机关名称" && text "配对00" && keys Enter
wait_for "岚川市配对00局" && keys Enter
if wait_for "[只读查看" && wait_for "第 1/3 个问题"; then
	ok queue-open-first-finding
fi
# The closing check lists the carry-over warning against last year.
CTX=queue-carry
keys G
wait_for "结束检查" && wait_re '^\?提醒 表三「二、上年结转' && keys Down &&
	wait_for "应为 14，现为 15" && ok queue-carry-over-warning

# Year against year (d): against p000-old.yaml, the 2020 report of the
# same body; the carry-over warning first, then each text and cell that
# differs with both values and the change, in the printed labels.
CTX=queue-diff
keys d
if wait_for "与上年对照：岚川市配对00局 2020 年 → 2021 年（p000-old.yaml）" &&
	wait_for "上年结转等提醒 1 条" && line 2 | grep -q '^?表三「二、上年结转' &&
	wait_re '^ 二/第二十条第（一）项/规章/本年制发件数 +4 → 3（-1）$' &&
	wait_re '^ 开篇说明 +文字不同（上年 [0-9]+ 字，今年 [0-9]+ 字）$'; then
	ok queue-diff-lists
fi
# Enter on a cell's line goes to that cell; d comes back to the same line.
n=0
while [ $n -lt 12 ]; do keys Down; n=$((n + 1)); done
wait_for "三/一、本年新收政府信息公开申请数量/自然人：215 → 259（+44）" && keys Enter
if wait_for "与上年对照 13/" && wait_for "215 → 259（+44）；d 回到对照" &&
	wait_at "三/一、本年新收政府信息公开申请数量" 自然人 && ! has "上年结转等提醒"; then
	ok queue-diff-jump-cell
fi
keys d
wait_for "第 13/" && keys g && wait_for "第 1/" && keys Enter
wait_at "三/二、上年结转政府信息公开申请数量" 自然人 &&
	wait_re '第 [0-9]/3 个：表三「二、上年结转政府信息公开申请数量」行「自然' &&
	ok queue-diff-jump-carry-over
keys d
wait_for "上年结转等提醒" && keys q && wait_gone "上年结转等提醒" && wait_for "[只读查看" &&
	ok queue-diff-q-back

# A comment on the cell of the carried-over figure.
CTX=queue-comment
keys g
wait_for "封面" || true
keys /
wait_for "搜索（文字" && text "二、上年结转" && keys Enter
wait_at "三/二、上年结转政府信息公开申请数量" 自然人 && keys c
wait_for "审核意见针对" && keys Enter
wait_for "意见：" && text "上年结转应为14，请核对" && keys Enter
if wait_for "审核意见已写入"; then
	grep -q "上年结转应为14，请核对" "$T/work/reports/x000-new.yaml" &&
		grep -q 'target: "t3.carried.natural"' "$T/work/reports/x000-new.yaml" &&
		ok queue-comment-written || bad queue-comment "not in the file"
fi
# Back on the list, the report counts its open comment (read again).
CTX=queue-back
keys q
wait_for "排序：" && wait_re "岚川市配对00局 +2021 gk2021 +2 +1 +0 +1 +有" && ok queue-back-counts

# A file changed on disk shows in the list by itself.
CTX=queue-follow
cp "$T/work/reports/r000.yaml" "$T/work/reports/zz-added.yaml"
sed -i 's/岚川市正常000局/岚川市新增局/' "$T/work/reports/zz-added.yaml"
keys e
wait_for "列出全部" && wait_for "301 份" 10
# The new file is listed first and read a tick later (the name, then the
# agency): search until it is found, as a reviewer would try again.
found=
for try in 1 2 3 4 5 6 7 8 9 10; do
	keys /
	wait_for "搜索机关名称" || break
	text "新增局"
	keys Enter
	if wait_how F "岚川市新增局" 2; then found=1; break; fi
	sleep 0.5
done
[ -n "$found" ] && ok queue-follows-files || bad queue-follow "the added report never showed"
keys q
wait_exit && ok queue-quit

# The clerk opens the report: the cell is marked, the comment listed in
# the closing check and resolved there.
CTX=queue-clerk
start -- edit reports/x000-new.yaml || { finish; exit; }
open_part 7
if wait_for "上年结转应为14" && wait_for "审核意见 1 条待处理"; then
	ok queue-clerk-sees-comment
fi
keys End
n=0
while [ $n -lt 12 ]; do keys Down; n=$((n + 1)); done
keys r
wait_for "已标为已解决" && keys C-s && wait_for "已保存" &&
	grep -q "resolved: true" "$T/work/reports/x000-new.yaml" && ok queue-clerk-resolves
keys C-q
finish
