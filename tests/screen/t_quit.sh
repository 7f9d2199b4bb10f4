#!/bin/sh
# ^Q quits at once when nothing changed; with unsaved changes it asks, and
# each answer does what it says.
. "$(dirname "$0")/lib.sh"

CTX=quit-clean
copy_sample r.yaml
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
keys C-q
wait_exit && { [ "$rc" -eq 0 ] && ok quit-clean || bad quit-clean "exit status $rc"; }

CTX=quit-asks
copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
text 5
keys Enter
wait_for "未保存" || { finish; exit; }
keys C-q
if wait_for "不保存退出" && wait_for "取消"; then
	ok quit-asks
	CTX=quit-cancel
	keys c
	wait_gone "不保存退出" && running && wait_re '^一、本年新收[^│<]*[│<] +5[!? ]' && ok quit-cancel
	CTX=quit-discard
	keys C-q
	wait_for "不保存退出" && keys d && wait_exit &&
		if [ "$rc" -eq 0 ] && cmp -s "$SAMPLE" "$T/work/r.yaml"; then
			ok quit-discard
		else
			bad quit-discard "exit $rc; file changed: $(cmp "$SAMPLE" "$T/work/r.yaml" 2>&1)"
		fi
fi

CTX=quit-save
copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
text 5
keys Enter
wait_for "未保存" || { finish; exit; }
keys C-q
wait_for "保存后退出" && keys s && wait_exit &&
	if [ "$rc" -eq 0 ] && "$NIANBAO" cells "$T/work/r.yaml" | grep -q '^t3.new.natural	.*	5$'; then
		ok quit-save
	else
		bad quit-save "exit $rc; t3.new.natural: $("$NIANBAO" cells "$T/work/r.yaml" | grep '^t3.new.natural')"
	fi
finish
