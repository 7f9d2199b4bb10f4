#!/bin/sh
# F5 exports the open report: a list of the formats of `nianbao export`,
# a file name proposed beside the report, the file written with what is on
# screen (a number just typed included), and the same bytes as the command
# line gives for the same report.
. "$(dirname "$0")/lib.sh"

CTX=export
copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
text 4321
keys Enter
wait_re '^一、本年新收[^│<]*[│<] +4321' || { finish; exit; }
keys F5
if wait_for "导出报告：选择格式" && wait_for "html" && wait_for "csv"; then
	ok export-lists-formats
else
	bad export-lists-formats "no list of formats"
fi
# csv is in the list: pick it by moving to its line.
n=0
while ! screen | grep -q '^[[:space:]│]*> [0-9]  csv' && [ $n -lt 8 ]; do keys Down; n=$((n + 1)); sleep 0.1; done
keys Enter
if wait_for "导出到（文件名）" && wait_for "r.csv"; then
	ok export-proposes-name
	keys Enter
	if wait_for "已导出" && [ -f "$T/work/r.csv" ] &&
		grep -q '^t3\.new\.natural,.*,4321' "$T/work/r.csv"; then
		ok export-writes-what-is-on-screen
	else
		bad export-writes-what-is-on-screen "$(grep '^t3\.new\.natural' "$T/work/r.csv" 2>&1)"
	fi
else
	bad export-proposes-name "no file name question"
fi
# The report is saved unchanged by an export, and the command line gives
# the same bytes for the saved report.
keys C-s
wait_for "已保存 " && "$NIANBAO" export --format csv -o "$T/cmd.csv" "$T/work/r.yaml" 2>/dev/null &&
	cmp -s "$T/cmd.csv" "$T/work/r.csv" && ok export-same-as-command
keys C-q
wait_exit
finish
