#!/bin/sh
# Two editors on one report: the second says who holds it (user, host,
# process, since when) and offers read-only viewing; read-only refuses
# edits and never writes the report. A lock left by a dead editor is
# recognised and can be taken over.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../screen/lib.sh"

CTX=two-editors
copy_sample r.yaml
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
A=$SOCK
APID=$PID
start -k -- r.yaml || { finish; exit; }
B=$SOCK
if wait_for "报告已被锁定" 15 && wait_for "正在编辑这份报告" && wait_for "进程 $APID" &&
	wait_for "主机 " && wait_for "r 只读查看"; then
	ok two-editors-says-who
fi
CTX=two-editors-readonly
keys r
if wait_for "[只读]" && wait_for "目录"; then
	ok two-editors-readonly-offered
	open_t3
	text 5
	wait_for "只读查看模式，不能修改" &&
		wait_re '^一、本年新收[^│<]*[│<] +259 ' && ok two-editors-readonly-refuses-edit
	keys C-s
	wait_for "只读查看模式不能保存到原文件" && ok two-editors-readonly-no-save
fi
# The first editor still edits and saves; the reader's quit leaves it alone.
CTX=two-editors-first
keys C-q
wait_exit
SOCK=$A
open_t3 && text 260 && keys Enter &&
	wait_re '^一、本年新收[^│<]*[│<] +260[!? ]' && keys C-s && wait_for "已保存 " &&
	"$NIANBAO" cells "$T/work/r.yaml" | grep -q '^t3.new.natural	.*	260$' &&
	ok two-editors-first-still-saves

# A lock left by a dead editor: kill -9 the first, then open again.
CTX=stale-lock
kill -9 "$APID"
n=200
while kill -0 "$APID" 2>/dev/null && [ $n -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
start -- r.yaml || { finish; exit; }
if wait_for "报告已被锁定" 15 && wait_for "该进程已不存在" && wait_for "t 接管并编辑"; then
	ok stale-lock-recognised
	keys t
	wait_for "目录" && open_t3 && text 261 && keys Enter &&
		wait_re '^一、本年新收[^│<]*[│<] +261[!? ]' && keys C-s && wait_for "已保存 " &&
		"$NIANBAO" cells "$T/work/r.yaml" | grep -q '^t3.new.natural	.*	261$' &&
		ok stale-lock-taken-over
fi
finish
