#!/bin/sh
# nianbao view FILE...: the read-only mark, a legend of what works, paging
# through the parts with Space and b, g and G, search over Chinese text
# with n and N, next and previous file, edit keys refused.
. "$(dirname "$0")/lib.sh"

copy_sample r.yaml
cp "$TOP/sample-data/city-2021-bad.yaml" "$T/work/bad.yaml"

CTX=view-open
start -- view bad.yaml r.yaml || { finish; exit; }
# Several files open on the list (in name order); Enter opens the first,
# at its first finding.
wait_for "审阅 ：2 份" 15 && wait_for "已全部读取" && keys Enter
if wait_for "[只读查看 1/2]" && wait_for "第 1/10 个" && ! has "^S 保存" &&
	has "q 返回" && has "/ 搜索"; then
	ok view-mark-and-legend
else
	bad view-mark-and-legend "no mark, or the legend offers saving"
fi

# Space pages on from the contents into the parts; g back to the cover.
CTX=view-page
keys g
wait_for "封面" && keys Space
n=0
while [ $n -lt 30 ] && ! has "四、政府信息公开行政复议"; do keys Space; sleep 0.1; n=$((n + 1)); done
has "四、政府信息公开行政复议" && ok view-space-pages-through-parts ||
	bad view-page "Space did not reach section four"
keys b
n=0
while [ $n -lt 30 ] && ! has "三、收到和处理政府信息公开申请情况"; do keys b; sleep 0.1; n=$((n + 1)); done
has "三、收到和处理政府信息公开申请情况" && ok view-b-pages-back ||
	bad view-page "b did not reach section three"
keys G
wait_for "结束检查" && ok view-G-to-the-end

# Search with Chinese text, then n and N.
CTX=view-search
keys g
keys /
wait_for "搜索（文字" && text "行政复议" && keys Enter
if wait_re "“行政复议”第 [0-9]+/[0-9]+ 处"; then
	first=$(screen | grep -o "第 [0-9]*/[0-9]* 处" | head -1)
	keys n
	wait_re "“行政复议”第 [0-9]+/[0-9]+ 处" &&
		[ "$(screen | grep -o "第 [0-9]*/[0-9]* 处" | head -1)" != "$first" ] &&
		keys N && wait_for "$first" && ok view-search-chinese-n-N
fi
# A number and a label.
keys /
wait_for "搜索（文字" && text "307" && keys Enter
wait_for "“307”第 1/" && ok view-search-number
keys /
wait_for "搜索（文字" && text "没有这样的字" && keys Enter
wait_for "没有找到“没有这样的字”" && ok view-search-not-found

# Edit keys say why they do nothing; the file is untouched.
CTX=view-readonly
sum=$(cksum <"$T/work/r.yaml")
keys C-s
wait_for "查看模式不保存报告" && ok view-save-refused
keys 5
[ "$(cksum <"$T/work/r.yaml")" = "$sum" ] && ok view-file-untouched

# Next and previous file of the list.
CTX=view-files
keys ]
wait_for "[只读查看 2/2]" && wait_for "r.yaml" && ok view-next-file
keys [
wait_for "[只读查看 1/2]" && ok view-prev-file
# Year against year: two reports of one body and year, no last year's.
CTX=view-diff-none
keys d
wait_for "列表中没有本机关 2020 年的报告，无法与上年对照" &&
	! has "与上年对照：" && ok view-diff-without-last-year
keys q
wait_for "审阅 ：2 份" && ok view-q-back-to-list
keys q
wait_exit && [ "$rc" = 0 ] && ok view-quit

# One file: no list; q quits.
CTX=view-one
start -- view bad.yaml || { finish; exit; }
wait_for "[只读查看]" 15 && wait_for "第 1/10 个" && keys d &&
	wait_for "只打开了一份报告，没有上年报告可对照" && keys q && wait_exit && ok view-one-file
finish
