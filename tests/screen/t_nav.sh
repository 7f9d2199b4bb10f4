#!/bin/sh
# Ctrl-N walks every part in order (cover, 一 ... 六, the closing check) and
# Ctrl-P walks back; the header names the part each time.
. "$(dirname "$0")/lib.sh"

copy_sample r.yaml
start -- r.yaml || { finish; exit; }
CTX=nav
wait_for "目录" 15 || { finish; exit; }

walk="封面 一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项 结束检查"

# at_part NAME: wait until the first line ends with NAME.
at_part() {
	n=$(($(tsec 10) * 20))
	while [ "$(header | sed 's/.* //')" != "$1" ]; do
		n=$((n - 1))
		[ $n -le 0 ] && return 1
		sleep 0.05
	done
}

# From the contents screen the walk starts at the cover.
keys C-n
if at_part 封面; then
	ok nav-contents-next-is-cover
else
	bad nav-contents-next-is-cover "^N on the contents screen (first line 封面 selected) opened \"$(header | sed 's/.* //')\", not 封面"
fi
keys C-t
wait_for "目录" || { finish; exit; }
# Open the cover from the contents (its first line), then walk.
keys Home Up Up Up Up Up Up Up Up Up Enter
if ! at_part 封面; then
	bad nav-next "Enter on the first line of the contents did not open 封面 (header \"$(header)\")"
	finish
	exit
fi
okn=1
for p in $(echo $walk | cut -d' ' -f2-); do
	keys C-n
	if ! at_part "$p"; then
		bad nav-next "after ^N expected part \"$p\", header is \"$(header)\""
		okn=0
		break
	fi
done
[ $okn = 1 ] && ok nav-next

# One more ^N at the end stays on the closing check.
if [ $okn = 1 ]; then
	keys C-n C-p
	if at_part "六、其他需要报告的事项"; then
		ok nav-next-at-end
	else
		bad nav-next-at-end "^N at 结束检查 then ^P did not land on 六 (header \"$(header)\")"
	fi
fi

# Back from wherever we are to the cover, checking each step.
keys C-t
wait_for "目录" || { finish; exit; }
keys Down Down Down Down Down Down Down Down Down Down Enter
at_part 结束检查 || bad nav-prev "Enter on the last line of the contents did not open 结束检查 (header \"$(header)\")"
back=$(echo $walk | tr ' ' '\n' | sed '$d' | tac)
okp=1
for p in $back; do
	keys C-p
	if ! at_part "$p"; then
		bad nav-prev "after ^P expected part \"$p\", header is \"$(header)\""
		okp=0
		break
	fi
done
[ $okp = 1 ] && ok nav-prev
finish
