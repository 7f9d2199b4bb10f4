#!/bin/sh
# The help screen, from the one table of actions, opens with F1 and with
# ^G from any screen and goes back to where it was.
. "$(dirname "$0")/lib.sh"

copy_sample r.yaml
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
open_t3 || { finish; exit; }
for k in F1 C-g; do
	CTX=help-$k
	keys "$k"
	if wait_for "按键帮助" && wait_for "保存报告" && wait_for "撤销上一次修改" &&
		wait_for "^G F1"; then
		keys Escape
		wait_for "[1/2] 表三" && wait_at "三/一、本年新收政府信息公开申请数量" 自然人 &&
			ok "help-$k"
	fi
done
# Every key of `nianbao keys` is on the help screen (scrolling through it).
CTX=help-complete
"$NIANBAO" keys | grep '^  ' | sed 's/^  //; s/  .*//' | sort -u >"$T/keys.want"
keys F1
wait_for "按键帮助" || { finish; exit; }
: >"$T/seen"
i=0
while [ $i -lt 40 ]; do
	screen >>"$T/seen"
	keys PageDown
	i=$((i + 1))
	# Stop when the screen no longer changes.
	settle
	screen | cmp -s - "$T/last" && break
	screen >"$T/last"
done
missing=
while read -r k; do
	grep -qF -- "$k" "$T/seen" || missing="$missing [$k]"
done <"$T/keys.want"
if [ "$(wc -l <"$T/keys.want")" -lt 20 ]; then
	bad help-lists-every-key "nianbao keys listed only $(wc -l <"$T/keys.want") keys"
elif [ -z "$missing" ]; then ok help-lists-every-key; else bad help-lists-every-key "not on the help screen:$missing"; fi
finish
