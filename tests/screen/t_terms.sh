#!/bin/sh
# Every common TERM opens the sample and draws the contents screen exactly
# as golden/contents-80x24.txt (no stray escape sequences, no garbage), and
# table 三 with its line drawing.
. "$(dirname "$0")/lib.sh"

for term in xterm xterm-256color screen tmux-256color linux vt100; do
	CTX=term-$term
	copy_sample r.yaml
	start -t "$term" -- r.yaml || continue
	if wait_for "目录" 15 && wait_for "结束检查" && golden contents-80x24; then
		ok "term-$term-contents"
	fi
	CTX=term-$term-t3
	# The table: its frame and its numbers, whatever the line characters.
	if open_t3 && wait_re '^一、本年新收政府信息公 *[|│<] +259 +27 +2 +3 +10 +6 +307$' &&
		wait_re '[│|] (─|-)+申请人情况(─|-)+$' && wait_re '^ {23}[│|] +\^$' && settle &&
		! screen | grep -q "$(printf '\033')"; then
		ok "term-$term-t3"
	fi
	keys C-q
	CTX=term-$term-quit
	wait_exit && [ "$rc" -eq 0 ] && ok "term-$term-quit" ||
		{ [ -n "${rc:-}" ] && bad "term-$term-quit" "exit status $rc"; }
	rc=
done
finish
