#!/bin/sh
# Put the editor's key list, from the one actions table, between the
# `.\" BEGIN KEYS` and `.\" END KEYS` markers of both manuals:
#   man/nianbao.1        `nianbao keys --man`
#   man/zh_CN/nianbao.1  `nianbao keys --man zh_CN`
# Usage: tools/mankeys.sh NIANBAO. The Check suites (check_actions.c,
# check_man_zh.c) fail when a page differs from the table.
set -eu
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
fill() {
	page=$1
	shift
	"$bin" keys "$@" >"$page.keys"
	awk -v keys="$page.keys" '
		/^\.\\" END KEYS/ { inside = 0 }
		!inside { print }
		/^\.\\" BEGIN KEYS/ {
			inside = 1
			while ((getline line < keys) > 0) print line
		}' "$page" >"$page.new"
	rm -f "$page.keys"
	if cmp -s "$page" "$page.new"; then
		rm -f "$page.new"
	else
		mv "$page.new" "$page"
		echo "  KEYS    $page"
	fi
}
fill "$top/man/nianbao.1" --man
fill "$top/man/zh_CN/nianbao.1" --man zh_CN
