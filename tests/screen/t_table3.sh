#!/bin/sh
# Table 三 at 80x24 on the sample: live totals, the balance rule's message,
# refused keys, blank versus 0, computed cells.
. "$(dirname "$0")/lib.sh"

# cell ID: the value of one cell in the saved file, from `nianbao cells`.
cell() { "$NIANBAO" cells "$T/work/r.yaml" | awk -F'\t' -v id="$1" '$1 == id { print $3; f = 1 } END { if (!f) print "<no cell>" }'; }
save() {
	keys C-s
	wait_for "已保存 " || return 1
}

# --- a digit updates the row total and （七）总计; the balance breaks
CTX=t3-totals
copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
keys Down Down
wait_at "三/三、本年度办理结果/（一）予以公开" 自然人 || { finish; exit; }
text 113
keys Enter
if wait_re '（一）予以公开 *[│^v<] *113[!? ]+ +9[!? ].* 129[!?]?$' &&
	wait_for "三/三、本年度办理结果/（二）部分公开"; then
	ok t3-row-total
fi
# Down to （七）总计 (20 rows below （二）).
i=0
while [ $i -lt 20 ]; do keys Down; i=$((i + 1)); done
CTX=t3-results-total
if wait_at "三/三、本年度办理结果/（七）总计" 自然人 &&
	wait_re '（七）总计 *[│^v<] *255[!? ]+ +26[!? ].* 301[!?]?$'; then
	ok t3-results-total
fi
CTX=t3-balance-message
# Both sides and the difference, not which side to change (issue 9 item 1).
if wait_re '一\+二为 27[34]，（七）\+四为 27[34]，' && wait_for "相差 1" && wait_for "不成立" && wait_for "错误 2 "; then
	ok t3-balance-message
fi
CTX=t3-save-check
save
"$NIANBAO" check "$T/work/r.yaml" >"$T/check.out" 2>&1
st=$?
# The editor said 错误 2 (the 自然人 and 总计 columns); check must agree.
if [ $st -eq 1 ] && [ "$(grep -c ': error: ' "$T/check.out")" -eq 2 ] &&
	[ "$(cell t3.granted.natural)" = 113 ] && [ "$(cell t3.result_total.total)" = 301 ]; then
	ok t3-save-check
else
	bad t3-save-check "nianbao check exit $st (want 1, two errors as on screen); granted.natural=$(cell t3.granted.natural) result_total.total=$(cell t3.result_total.total); check said: $(head -3 "$T/check.out")"
fi

# --- wrong keys are refused with a message and never stored
CTX=t3-letter
copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
text a
if wait_for "此栏只能输入数字"; then
	keys Enter
	if wait_at "三/二、上年结转政府信息公开申请数量" 自然人 &&
		wait_re '^一、本年新收.*[│<] +259 '; then
		ok t3-letter-refused
	fi
fi
CTX=t3-minus
keys Up
wait_at "三/一、本年新收政府信息公开申请数量" 自然人 || { finish; exit; }
text 1
text -
if wait_for "不能为负数" && keys Enter && wait_at "三/二、上年结转政府信息公开申请数量" 自然人 &&
	wait_re '^一、本年新收.*[│<] +1[!? ]+ +27 '; then
	ok t3-minus-refused
fi
CTX=t3-decimal
text 2
text .
if wait_for "小数点" && keys Enter && wait_at "三/三、本年度办理结果/（一）予以公开" 自然人 &&
	wait_re '^二、上年结转.*[│<] +2[!? ]+ +2 '; then
	ok t3-decimal-refused
fi
CTX=t3-refused-stored
save
a=$(cell t3.new.natural) b=$(cell t3.carried.natural)
if [ "$a" = 1 ] && [ "$b" = 2 ]; then
	ok t3-refused-not-stored
else
	bad t3-refused-not-stored "saved t3.new.natural=$a (want 1), t3.carried.natural=$b (want 2)"
fi

# --- blank and 0 are different, both can be entered
CTX=t3-blank-zero
copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
keys DC
if wait_for "空白" && wait_re '^一、本年新收[^│<]*[│<] {7}[!? ] +27[!? ]'; then
	keys Right
	text 0
	keys Enter
	if wait_re '^一、本年新收[^│<]*[│<] {7}[!? ] +0[!? ]' && save; then
		a=$(cell t3.new.natural) b=$(cell t3.new.business)
		if [ "$a" = "" ] && [ "$b" = 0 ] &&
			grep -q '^      natural: ~$' "$T/work/r.yaml" &&
			grep -q '^      business: 0$' "$T/work/r.yaml"; then
			ok t3-blank-vs-zero
		else
			bad t3-blank-vs-zero "saved natural=\"$a\" business=\"$b\" (want blank and 0)"
		fi
	fi
fi

# --- computed cells refuse typing
CTX=t3-computed
copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
keys End
if wait_at "三/一、本年新收政府信息公开申请数量" 总计; then
	text 5
	if wait_for "合计格" && keys Enter && wait_at "三/二、上年结转政府信息公开申请数量" 总计 &&
		wait_re '^一、本年新收.* 307$'; then
		ok t3-computed-refused
	fi
fi
CTX=t3-computed-tab
# Tab from the last input cell of a row skips the 总计 column.
copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
keys Tab Tab Tab Tab Tab
wait_at "三/一、本年新收政府信息公开申请数量" 其他 || { finish; exit; }
keys Tab
if wait_at "三/二、上年结转政府信息公开申请数量" 自然人; then
	ok t3-tab-skips-total
fi
finish
