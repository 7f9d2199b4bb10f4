#!/bin/sh
# Table 三's errors point where the clerk is (issue 9 items 1-3): a broken
# balance blames the cell just changed; a rule with blanks is unfinished,
# not an error; a stale total says how to fix it.
. "$(dirname "$0")/lib.sh"

# --- 1. the `!` and ^F land on the cell just changed; both sides, no 应为
CTX=blame-changed-cell
copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
keys Down Down
wait_at "三/三、本年度办理结果/（一）予以公开" 自然人 || { finish; exit; }
text 16
keys Enter
wait_for "错误 2 " || { finish; exit; }
if wait_re '（一）予以公开 *[│<] +16!'; then ok blame-mark-on-changed; fi
keys C-f
CTX=blame-ctrl-f
if wait_at "三/三、本年度办理结果/（一）予以公开" 自然人 && wait_for "相差"; then
	c=$(cursor)
	if [ "${c#*,}" != 10 ]; then
		bad blame-ctrl-f "cursor at $c, not on the row of （一）予以公开 (line 10)"
	elif has "应为"; then
		bad blame-ctrl-f "the message tells which side to change (应为)"
	elif ! screen | grep -qE '一\+二为 273，（七）\+四为 [0-9]+'; then
		bad blame-ctrl-f "the message does not show both sides"
	else
		ok blame-ctrl-f
	fi
fi

# --- 2. filling in paper's order: unfinished rules are not errors
CTX=blame-unfinished
rm -rf "$T/work"; mkdir -p "$T/work"
"$NIANBAO" new --year 2021 "$T/work/n.yaml" >/dev/null 2>&1 || { bad blame-unfinished "nianbao new failed"; finish; exit; }
start -- n.yaml && open_t3 || { finish; exit; }
for k in 40 6 1 0 2 1; do text $k; keys Tab; done
if wait_at "三/二、上年结转政府信息公开申请数量" 自然人; then
	settle
	if has "错误 0 " && ! screen | grep -q '^二、上年结转.*!' && ! has "应为 0"; then
		ok blame-unfinished-not-error
	else
		bad blame-unfinished-not-error "errors shown before the figures are all there"
	fi
fi
CTX=blame-unfinished-listed
open_part 7
if wait_for "尚未填完"; then ok blame-unfinished-listed; fi
# nianbao check on the saved file still reports the blanks.
keys C-s
wait_for "已保存 " || { finish; exit; }
"$NIANBAO" check "$T/work/n.yaml" >"$T/check.out" 2>&1
if [ $? -eq 1 ] && grep -q ': error: .*不成立' "$T/check.out"; then ok blame-check-strict; else
	bad blame-check-strict "nianbao check no longer reports the unbalanced blanks: $(head -3 "$T/check.out")"; fi

# --- 3. a stale total from a file says how to fix it (^R)
CTX=blame-stale-total
rm -rf "$T/work"; mkdir -p "$T/work"
cp "$TOP/sample-data/city-2021-bad.yaml" "$T/work/b.yaml"; chmod 644 "$T/work/b.yaml"
start -- b.yaml && open_t3 || { finish; exit; }
keys Down Down End
wait_at "三/三、本年度办理结果/（一）予以公开" 总计 || { finish; exit; }
text 130
if wait_for "合计格"; then
	if line 21 | grep -qF '^R' && screen | grep -qF '按 ^R 重算合计'; then
		ok blame-stale-total-ctrl-r
	else
		bad blame-stale-total-ctrl-r "neither the message nor the finding mentions ^R"
	fi
fi
finish
