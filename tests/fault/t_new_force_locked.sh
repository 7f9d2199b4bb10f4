#!/bin/sh
# `nianbao new --force` goes through the document layer like the editor:
# on a report open in the editor it is refused, names the holder, and
# leaves the report and the editor's lock as they were. Without the editor
# it overwrites, and `new --from` carries last year's figures over.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../screen/lib.sh"

CTX=new-force-locked
copy_sample r.yaml
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
before=$(cksum < "$T/work/r.yaml")
out=$("$NIANBAO" new --force --year 2022 "$T/work/r.yaml" 2>&1)
rc=$?
if [ $rc = 2 ] && printf '%s' "$out" | grep -q "正由用户 .* 编辑" &&
	printf '%s' "$out" | grep -q "进程 $PID" &&
	[ "$(cksum < "$T/work/r.yaml")" = "$before" ]; then
	ok new-force-refused-while-open
else
	bad new-force-refused-while-open "rc=$rc out=$out"
fi
# The editor still holds its lock: a save works.
open_t3 && text 262 && keys Enter && keys C-s && wait_for "已保存 " &&
	"$NIANBAO" cells "$T/work/r.yaml" | grep -q '^t3.new.natural	.*	262$' &&
	ok new-force-editor-keeps-lock
keys C-q
wait_exit

CTX=new-force-free
if "$NIANBAO" new --force --year 2022 "$T/work/r.yaml" >/dev/null 2>&1 &&
	"$NIANBAO" cells "$T/work/r.yaml" | grep -q '^t3.new.natural	.*	$'; then
	ok new-force-overwrites-when-free
else
	bad new-force-overwrites-when-free "not overwritten"
fi

CTX=new-from
rm -f "$T/work/n.yaml"
if "$NIANBAO" new --from "$TOP/sample-data/city-2020.yaml" "$T/work/n.yaml" >/dev/null 2>&1; then
	want=$("$NIANBAO" cells "$TOP/sample-data/city-2020.yaml" | awk -F'\t' '$1 ~ /^t3\.next\./ {sub(/^t3\.next\./, "", $1); print $1, $3}')
	got=$("$NIANBAO" cells "$T/work/n.yaml" | awk -F'\t' '$1 ~ /^t3\.carried\./ {sub(/^t3\.carried\./, "", $1); print $1, $3}')
	agency=$("$NIANBAO" cells "$T/work/n.yaml" >/dev/null; grep -c '岚川市' "$T/work/n.yaml")
	if [ -n "$want" ] && [ "$want" = "$got" ] && [ "$agency" -ge 1 ] &&
		grep -Eq 'year: "?2021' "$T/work/n.yaml"; then
		ok new-from-carries-over
	else
		bad new-from-carries-over "want=[$want] got=[$got] agency=$agency"
	fi
else
	bad new-from-carries-over "new --from failed"
fi
finish
