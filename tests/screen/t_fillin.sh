#!/bin/sh
# THE BIG ONE: a whole new 2021 report filled in by keystrokes alone at
# 80x24 with TERM=xterm, as a new user would with the keys on the screen:
# start on a missing file, answer the year and the layout, fill the cover,
# every section text and every input cell of tables 二, 三 and 四 (totals are
# computed, never typed), save with ^S, quit with ^Q. Then `nianbao check`
# passes and `nianbao cells` gives exactly golden/fillin-cells.txt, and the
# cover and texts are exactly golden/fillin-texts.txt.
. "$(dirname "$0")/lib.sh"

CTX=fillin
mkdir -p "$T/work"
start -t xterm -s 80x24 -- new.yaml || { finish; exit; }
stop() { bad fillin "stopped at: $1"; finish; exit; }

# --- a new report: year, then layout
wait_for "请输入报告年度" 15 || stop "year question"
text 2021
keys Enter
wait_for "选择报告格式" || stop "layout question"
wait_for "2021年版格式" || stop "layout list"
keys 2
wait_for "机关名称*" || stop "cover"
wait_re '年度\* +2021' || stop "the year on the cover"
ok fillin-new-report

# --- the cover: each field, Tab to the next
field() { text "$1"; wait_for "$1" || stop "cover field $1"; keys Tab; }
field "青山区人民政府办公室"
keys Tab                                   # 年度: already 2021
field "青山区人民政府办公室2021年政府信息公开工作年度报告"
text "根据《中华人民共和国政府信息公开条例》编制本报告。"
keys Enter
field "本报告数据统计期限自2021年1月1日起至2021年12月31日止。"
field "2021年1月1日起至2021年12月31日止"
field "http://www.qingshan.gov.cn/"
field "青山区人民路1号"
field "530000"
field "0771-1234567"
field "0771-1234568"
text "gk@qingshan.gov.cn"
wait_for "gk@qingshan.gov.cn" || stop "cover field email"
golden fillin-cover && ok fillin-cover

# --- 一
keys C-n
wait_for "一、总体情况（必填）" || stop "section 一"
text "（一）主动公开。全年主动公开政府信息1200条。"
keys Enter
text "（二）依申请公开。全年收到申请178件。"
wait_for "全年收到申请178件" || stop "text of 一"

# --- 二: four tables, then its text; Tab walks every input cell
keys C-n
wait_for "[1/5] 表二第二十条第（一）项" || stop "table 二(一)"
keys 3 Tab 1 Tab 4 4 Tab 2 7 Tab 1 2 Tab 1 9 4 Tab
wait_for "[2/5] 表二第二十条第（五）项" || stop "table 二(五)"
keys 1 5 8 6 2 Tab
wait_for "[3/5] 表二第二十条第（六）项" || stop "table 二(六)"
keys 3 1 2 7 Tab 8 4 Tab
wait_for "[4/5] 表二第二十条第（八）项" || stop "table 二(八)"
keys 1 8 6 5 1 . 0 6 Tab
# Tab stays in the tables (issue 9 item 4); leaving them is ^V.
wait_for "回到了表格开头" || stop "Tab past the last cell of 二"
keys C-v
wait_for "[5/5] 二的文字说明" || stop "text of 二"
text "主动公开规章和规范性文件情况见上表。"
wait_for "主动公开规章和规范性文件情况见上表。" || stop "text of 二"

# --- 三: 24 rows of 6 input columns; balanced in every column:
# each of the 21 result rows i has (i + c) % 4 in column c, 四 (next) is 2,
# 二 (carried) is c + 1, 一 (new) is (七) + 2 - (c + 1): (七) is 30 31 32 33 30 31.
keys C-n
wait_for "[1/2] 表三" || stop "table 三"
row_keys() { # ROW: the keys for one row
	r=$1
	c=0
	out=
	while [ $c -lt 6 ]; do
		case $r in
		new) v=$(echo 31 31 31 31 27 27 | cut -d' ' -f$((c + 1))) ;;
		carried) v=$((c + 1)) ;;
		next) v=2 ;;
		*) v=$(((r + c) % 4)) ;;
		esac
		out="$out $(echo $v | sed 's/./& /g') Tab"
		c=$((c + 1))
	done
	echo "$out"
}
keys $(row_keys new)
keys $(row_keys carried)
i=0
while [ $i -lt 21 ]; do
	keys $(row_keys $i)
	i=$((i + 1))
done
keys $(row_keys next)
wait_for "回到了表格开头" || stop "Tab past the last cell of 三"
keys C-v
wait_for "[2/2] 三的文字说明" || stop "after the last cell of 三"
text "本年度依申请公开工作情况见上表。"
wait_for "本年度依申请公开工作情况见上表。" || stop "text of 三"
# Back in the table (Shift-Tab), the bottom of it: totals computed, no error.
keys BTab
wait_re '^四、结转下年度继续办理 *[│v^<] +2 +2 +2 +2 +2 +2 +12$' || stop "row 四 of 三"
wait_re '（七）总计 *[│v^<] +30 +31 +32 +33 +30 +31 +187$' || stop "row （七） of 三"
golden fillin-t3-bottom && ok fillin-t3-totals

# --- 四: 12 input cells, the totals computed
keys C-n
wait_for "[1/2] 表四" || stop "table 四"
keys 6 Tab 1 Tab 2 Tab 1 Tab 3 Tab 0 Tab 1 Tab 1 Tab 2 Tab 0 Tab 0 Tab 1 Tab
wait_for "回到了表格开头" || stop "Tab past the last cell of 四"
keys C-v
wait_for "[2/2] 四的文字说明" || stop "after the last cell of 四"
text "行政复议和行政诉讼情况见上表。"
wait_for "行政复议和行政诉讼情况见上表。" || stop "text of 四"

# --- 五, 六
keys C-n
wait_for "五、存在的主要问题及改进情况（必填）" || stop "section 五"
text "存在问题：政策解读形式单一。"
keys Enter
text "改进措施：丰富解读形式。"
wait_for "改进措施：丰富解读形式。" || stop "text of 五"
keys C-n
wait_for "六、其他需要报告的事项（必填）" || stop "section 六"
text "本机关2021年度未收取信息处理费。"
wait_for "本机关2021年度未收取信息处理费。" || stop "text of 六"

# --- the closing check, save, quit
keys C-n
wait_for "结束检查：错误 0 个，提醒 0 个" || stop "closing check without findings"
golden fillin-closing && ok fillin-closing-clean
keys C-s
wait_for "已保存 " || stop "save"
wait_for "错误 0  提醒 0  已保存" || stop "status after save"
keys C-q
wait_exit || stop "quit"
[ "$rc" -eq 0 ] || stop "exit status $rc after ^Q"
ok fillin-saved

CTX=fillin-check
if "$NIANBAO" check "$T/work/new.yaml" >"$T/check.out" 2>&1; then
	ok fillin-check-passes
else
	bad fillin-check-passes "nianbao check exit $?: $(head -5 "$T/check.out")"
fi
CTX=fillin-cells
"$NIANBAO" cells "$T/work/new.yaml" | cut -f1,3 >"$T/cells.txt"
if cmp -s "$GOLDEN/fillin-cells.txt" "$T/cells.txt"; then
	ok fillin-cells
else
	bad fillin-cells "nianbao cells differs from golden/fillin-cells.txt"
	diff -u "$GOLDEN/fillin-cells.txt" "$T/cells.txt" | tail -n +3 | head -40 | sed 's/^/  /'
fi
CTX=fillin-texts
python3 - "$T/work/new.yaml" >"$T/texts.txt" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
for k, v in list(d["cover"].items()) + list(d["text"].items()):
    print("%s=%s" % (k, str(v).rstrip("\n").replace("\n", "\\n")))
PY
if cmp -s "$GOLDEN/fillin-texts.txt" "$T/texts.txt"; then
	ok fillin-texts
else
	bad fillin-texts "cover and texts differ from golden/fillin-texts.txt"
	diff -u "$GOLDEN/fillin-texts.txt" "$T/texts.txt" | tail -n +3 | sed 's/^/  /'
fi
finish
