#!/bin/sh
# A text section edited with Chinese: double-width characters, the cursor
# never inside one, paragraphs kept, saved exactly.
. "$(dirname "$0")/lib.sh"

CTX=text
mkdir -p "$T/work"
"$NIANBAO" new --year 2021 "$T/work/r.yaml" >/dev/null 2>&1 || { bad text "nianbao new failed"; finish; exit; }
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
keys Down Down Down Down Down Enter
wait_for "五、存在的主要问题及改进情况（必填）" || { finish; exit; }
# The hint shows in an empty field; the cursor is at the start of the text.
c0=$(cursor)
text "一是解读形式单一；"
wait_for "一是解读形式单一；" || { finish; exit; }
c1=$(cursor)
CTX=text-cursor-wide
# Nine double-width characters: the cursor moved 18 columns.
if [ "${c1#*,}" = "${c0#*,}" ] && [ $((${c1%,*} - ${c0%,*})) -eq 18 ]; then
	ok text-cursor-wide
else
	bad text-cursor-wide "cursor went from $c0 to $c1 (want 18 columns to the right)"
fi
CTX=text-left
keys Left Left
n=40
while [ "$(cursor)" = "$c1" ] && [ $n -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
c2=$(cursor)
if [ $((${c1%,*} - ${c2%,*})) -eq 4 ]; then ok text-left-by-character; else
	bad text-left-by-character "two Left from $c1 went to $c2 (want 4 columns back)"; fi
# Insert in the middle, Backspace removes one whole character.
text "乙"
wait_for "一是解读形式单乙一；" || { finish; exit; }
keys BSpace
wait_for "一是解读形式单一；" || { finish; exit; }
text "甲"
wait_for "一是解读形式单甲一；" && ok text-insert-middle
CTX=text-paragraph
keys End Enter
text "二是ABC混排，数字123。"
keys Enter
text "改进：加强培训。"
wait_for "改进：加强培训。" || { finish; exit; }
# A long paragraph wraps by display width.
long="三是基层公开不平衡，需要持续推进标准化规范化建设，完善公开事项目录并动态调整，推动政务公开向村社区延伸。"
keys Enter
text "$long"
wait_for "动政务公开向村社区延伸。" || { finish; exit; }
# Wrapped by display width: the first line of the paragraph fills 80
# columns (or 79 when the next character would not fit).
w=$(screen | grep '^三是基层' | head -1 | wc -L)
if [ "$w" -ge 79 ] && [ "$w" -le 80 ]; then ok text-wrap-by-width; else
	bad text-wrap-by-width "the first line of the long paragraph is $w columns wide"; fi
if screen | awk 'length($0) > 0' | while IFS= read -r l; do
	w=$(printf '%s' "$l" | wc -L)
	[ "$w" -le 80 ] || exit 1
done; then ok text-wraps-in-80-columns; else bad text-wraps-in-80-columns "a line is wider than 80 columns"; fi
CTX=text-save
keys C-s
wait_for "已保存 " || { finish; exit; }
want="一是解读形式单甲一；
二是ABC混排，数字123。
改进：加强培训。
$long"
got=$(python3 -c '
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
sys.stdout.write(d["text"]["s5"].rstrip("\n"))' "$T/work/r.yaml" 2>&1)
if [ "$got" = "$want" ]; then ok text-saved-exactly; else
	bad text-saved-exactly "saved s5 differs:"
	printf '%s\n' "$want" >"$T/want"; printf '%s\n' "$got" >"$T/got"
	diff -u "$T/want" "$T/got" | tail -n +3 | sed 's/^/  /'
fi
# Reopen: the text is there.
CTX=text-reopen
keys C-q
wait_exit || { finish; exit; }
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 && keys Down Down Down Down Down Enter &&
	wait_for "改进：加强培训。" && wait_for "一是解读形式单甲一；" && ok text-reopen
finish
