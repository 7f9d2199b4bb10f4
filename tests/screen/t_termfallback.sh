#!/bin/sh
# A TERM the system has no terminfo entry for (PuTTY's putty-256color,
# kitty's xterm-kitty, a name certainly absent) still opens the editor: it
# starts with the closest known entry and says which on the status line;
# keys work and it quits cleanly. TERM=dumb is refused with a message and
# exit status 2.
#
# TERMINFO_DIRS names an empty directory; Debian's ncurses still searches
# the system database after it (/etc, /lib, /usr/share/terminfo), which
# has xterm-256color in ncurses-base. The order of the fallbacks past the
# first is tested in tests/check_termpick.c.
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/ti-empty"
TI=$T/ti-empty

# case NAME TERM TERMINFO_DIRS EXPECTED-ENTRY
fallback_case() {
	CTX=$1
	copy_sample r.yaml
	start -t "$2" -e "TERMINFO_DIRS=$3" -- r.yaml || return
	wait_for "目录" 15 && wait_for "TERM=$2 本机没有，改用 $4" || return
	# Keys reach the program through the fallback entry: open a part,
	# come back with ^T, quit.
	keys Down Enter
	wait_gone "上下键选择，Enter 打开" || return
	# The notice is one-shot: the first key clears it.
	has "本机没有" && { bad "$CTX" "the notice stayed after a key"; return; }
	keys C-t
	wait_for "目录" || return
	keys C-q
	wait_exit && [ "$rc" -eq 0 ] && ok "$CTX" ||
		{ [ -n "${rc:-}" ] && bad "$CTX" "exit status $rc"; }
	rc=
}

# The names clients announce; where the system has the entry after all
# (ncurses-term installed) the editor must use it without a notice.
for term in putty-256color xterm-kitty alacritty nb-absent; do
	if infocmp "$term" >/dev/null 2>&1; then
		CTX=$term-present
		copy_sample r.yaml
		start -t "$term" -e "TERMINFO_DIRS=$TI" -- r.yaml && wait_for "目录" 15 &&
			settle && ! has "本机没有" && ok "$CTX"
		keys C-q
		wait_exit >/dev/null
	else
		fallback_case "$term" "$term" "$TI" xterm-256color
	fi
done

# "dumb" cannot move the cursor: a clear refusal with exit status 2, no
# guess (curses alone said "Error opening terminal" and exited 1).
CTX=dumb
copy_sample r.yaml
if start -t dumb -e "TERMINFO_DIRS=$TI" -- r.yaml &&
	wait_exit && [ "$rc" -eq 2 ] && grep -q "终端类型“dumb”不能移动光标" "$STDERR"; then
	ok dumb
else
	bad dumb "exit status ${rc:-none}, stderr: $(cat "$STDERR" 2>/dev/null)"
fi
rc=

# A known TERM gets no notice (the golden contents screens rely on it).
CTX=known
copy_sample r.yaml
if start -t xterm -e "TERMINFO_DIRS=$TI" -- r.yaml && wait_for "目录" 15 &&
	settle && ! has "本机没有"; then
	ok known
fi
keys C-q
wait_exit >/dev/null
finish
