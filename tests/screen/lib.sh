# Shared by the tmux screen tests: `. "$(dirname "$0")/lib.sh"`.
#
# Each t_*.sh runs in its own process with its own temporary directory $T
# (HOME=$T/home, TMPDIR=$T/tmp) and its own tmux servers (-L, -f /dev/null,
# sockets under $TMUX_TMPDIR), all killed on exit. The program always gets a
# pinned environment: LANG=LC_ALL=C.UTF-8, TERM as asked, HOME, TMPDIR,
# NIANBAO_TEST=1, a fixed size; nothing else leaks in from the caller.
#
#   start [-k] [-t TERM] [-s COLSxLINES] [-e VAR=VAL]... [--] ARGS...
#         run `$NIANBAO ARGS` in a fresh tmux server (default xterm, 80x24);
#         its pid goes to $T/pid and $PID, its exit status to $T/rc when
#         it ends; the server's name is $SOCK. The previous server is
#         killed, unless -k (keep it: two editors at once; switch between
#         them by setting SOCK).
#   keys KEY...      tmux send-keys (key names: C-n, Enter, F1, Up ...)
#   text TEXT        send TEXT literally (UTF-8)
#   wait_for TEXT [SECONDS]      poll the screen every 50 ms for TEXT (fixed string)
#   wait_re  REGEX [SECONDS]     same with an extended regular expression
#   wait_gone TEXT [SECONDS]     poll until TEXT is no longer on the screen
#   wait_at PATH COLUMN [SECS]   the path line is PATH and COLUMN is marked
#   where                        the marked column's label (last line)
#   wait_exit [SECONDS]          poll until the program has exited; sets $rc
#   settle                       poll until the screen stops changing
#   screen                       the screen now (trailing spaces stripped)
#   line N                       line N of the screen (0-based)
#   cursor                       the terminal cursor as "x,y"
#   golden NAME                  compare the screen with golden/NAME.txt
#                                (UPDATE_GOLDEN=1 writes it instead)
#   resize COLS LINES
#   ok NAME / bad NAME WHY       record a result; `finish` prints them
#
# A helper that times out calls `bad` with the screen attached and returns 1;
# a test then stops with `|| { finish; exit; }` or carries on as it likes.
# Timeouts only bound a failure; they never decide a pass.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=${TOP:-$(cd "$HERE/../.." && pwd)}
NIANBAO=${NIANBAO:-$TOP/nianbao}
case $NIANBAO in /*) ;; *) NIANBAO=$(pwd)/$NIANBAO ;; esac
GOLDEN=${GOLDEN:-$(cd "$(dirname "$0")" && pwd)/golden}
SAMPLE=$TOP/sample-data/city-2021.yaml
# Sanitizer builds are several times slower: stretch the failure bounds.
case $NIANBAO in
*san*) TSCALE=${TSCALE:-4} ;;
*) TSCALE=${TSCALE:-1} ;;
esac
TNAME=$(basename "$0" .sh)
TNAME=${TNAME#t_}

T=$(mktemp -d "${TMPDIR:-/tmp}/nbscr.XXXXXX") || exit 2
mkdir -p "$T/home" "$T/tmp" "$T/tmux"
export TMUX_TMPDIR=$T/tmux
unset TMUX TMUX_PANE
SOCK=
PID=
STDERR=
NSOCK=0
FAILS=0
PASSES=0

cleanup() {
	for s in "$T"/tmux/tmux-*/*; do
		[ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null
	done
	if [ -n "${KEEP_TMP:-}" ]; then
		echo "  (kept $T)"
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

ok() {
	echo "PASS $1"
	PASSES=$((PASSES + 1))
}
bad() {
	echo "FAIL $1: $2"
	FAILS=$((FAILS + 1))
	if [ -n "$SOCK" ] && tmux -L "$SOCK" has-session 2>/dev/null; then
		echo "  --- screen at failure ($(tmux -L "$SOCK" display -p '#{window_width}x#{window_height}' 2>/dev/null), cursor $(cursor)):"
		screen | sed 's/^/  |/'
	fi
	if [ -n "${STDERR:-}" ] && [ -s "$STDERR" ]; then
		echo "  --- program stderr:"
		sed 's/^/  |/' "$STDERR" | head -40
	fi
}
# finish: one summary of sanitizer trouble, then the exit status.
finish() {
	# The last editor's report is complete only once it has exited.
	[ -n "$SOCK" ] && tmux -L "$SOCK" kill-server 2>/dev/null
	n=100
	while [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null && [ $n -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
	SOCK=
	if cat "$T"/stderr.* 2>/dev/null | grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:'; then
		bad "$TNAME-sanitizer" "the sanitizer reported an error"
		cat "$T"/stderr.* | grep -A20 -E 'AddressSanitizer|LeakSanitizer|runtime error:' |
			head -40 | sed 's/^/  |/'
	fi
	[ "$FAILS" -eq 0 ]
}

# tsec N: N seconds scaled for slow builds.
tsec() { echo $(($1 * TSCALE)); }

start() {
	term=xterm
	size=80x24
	extra=
	keep=
	while [ $# -gt 0 ]; do
		case $1 in
		-k) keep=1; shift ;;
		-t) term=$2; shift 2 ;;
		-s) size=$2; shift 2 ;;
		-e) extra="$extra $2"; shift 2 ;;
		--) shift; break ;;
		*) break ;;
		esac
	done
	if [ -n "$SOCK" ] && [ -z "$keep" ]; then
		tmux -L "$SOCK" kill-server 2>/dev/null
	fi
	NSOCK=$((NSOCK + 1))
	SOCK=nb$$x$NSOCK
	rm -f "$T/rc" "$T/pid"
	STDERR=$T/stderr.$NSOCK
	# The pane's shell records the pid, then becomes the program; a
	# wrapper shell around it records the exit status.
	cmd=$T/run.$NSOCK.sh
	{
		echo '#!/bin/sh'
		echo "cd '$T/work' 2>/dev/null || cd '$T'"
		printf 'sh -c %s sh' "'echo \$\$ >\"$T/pid.tmp\"; mv \"$T/pid.tmp\" \"$T/pid\"; exec \"\$@\"'"
		printf ' env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8'
		printf ' TERM=%s HOME=%s TMPDIR=%s NIANBAO_TEST=1' "$term" "$T/home" "$T/tmp"
		for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
			eval "val=\${$v:-}"
			[ -n "$val" ] && printf " %s='%s'" "$v" "$val"
		done
		printf ' %s' $extra
		printf " '%s'" "$NIANBAO"
		for arg in "$@"; do printf " '%s'" "$arg"; done
		printf ' 2>"%s"\n' "$STDERR"
		echo "echo \$? >'$T/rc.tmp'; mv '$T/rc.tmp' '$T/rc'"
		# Keep the pane open so the last screen can be read.
		echo "exec sleep 600"
	} >"$cmd"
	mkdir -p "$T/work"
	tmux -L "$SOCK" -f /dev/null new-session -d -s t -x "${size%x*}" -y "${size#*x}" \
		"sh '$cmd'" || { bad "$TNAME" "tmux new-session failed"; return 1; }
	tmux -L "$SOCK" set-option -g window-size manual >/dev/null 2>&1
	poll_file "$T/pid" 10 || { bad "$TNAME" "the program did not start"; return 1; }
	PID=$(cat "$T/pid")
}

poll_file() {
	n=$(($(tsec "$2") * 20))
	while [ ! -f "$1" ]; do
		n=$((n - 1))
		[ $n -le 0 ] && return 1
		sleep 0.05
	done
}

keys() { tmux -L "$SOCK" send-keys -t t "$@"; }
text() { tmux -L "$SOCK" send-keys -t t -l -- "$1"; }
screen() { tmux -L "$SOCK" capture-pane -p -t t 2>/dev/null | sed 's/[[:space:]]*$//'; }
line() { screen | sed -n "$(($1 + 1))p"; }
cursor() { tmux -L "$SOCK" display -p -t t '#{cursor_x},#{cursor_y}' 2>/dev/null; }
resize() { tmux -L "$SOCK" resize-window -t t -x "$1" -y "$2"; }

# wait_how MODE PATTERN SECONDS: 0 when found (or gone), 1 after SECONDS.
wait_how() {
	n=$(($(tsec "${3:-10}") * 20))
	while :; do
		s=$(screen)
		case $1 in
		F) printf '%s\n' "$s" | grep -qF -- "$2" && return 0 ;;
		E) printf '%s\n' "$s" | grep -qE -- "$2" && return 0 ;;
		G) printf '%s\n' "$s" | grep -qF -- "$2" || return 0 ;;
		esac
		n=$((n - 1))
		[ $n -le 0 ] && return 1
		sleep 0.05
	done
}
# CTX names the check in failure messages (set by the test; default TNAME).
wait_for() {
	wait_how F "$1" "${2:-10}" || { bad "${CTX:-$TNAME}" "timed out waiting for \"$1\""; return 1; }
}
wait_re() {
	wait_how E "$1" "${2:-10}" || { bad "${CTX:-$TNAME}" "timed out waiting for /$1/"; return 1; }
}
wait_gone() {
	wait_how G "$1" "${2:-10}" || { bad "${CTX:-$TNAME}" "\"$1\" still on the screen"; return 1; }
}
# where: the column the clerk reads off the screen, the header label over
# the "^" mark, its wrapped lines joined ("商业企业"); "?" when more than
# one column is marked; tests/screen/where.py.
where() { screen | python3 "$TOP/tests/screen/where.py"; }
# wait_at PATH COLUMN [SECONDS]: the table's path line is PATH (the table
# and row) and the one marked column's label is COLUMN.
wait_at() {
	n=$(($(tsec "${3:-10}") * 20))
	while :; do
		s=$(screen)
		if printf '%s\n' "$s" | grep -qxF -- "$1"; then
			f=$(printf '%s\n' "$s" | python3 "$TOP/tests/screen/where.py")
			[ "$f" = "$2" ] && return 0
		fi
		n=$((n - 1))
		if [ $n -le 0 ]; then
			bad "${CTX:-$TNAME}" "timed out waiting for the path \"$1\" and column $2 (marked: $(where))"
			return 1
		fi
		sleep 0.05
	done
}
# has TEXT: is TEXT on the screen now (no waiting; use after a wait_*).
has() { screen | grep -qF -- "$1"; }

wait_exit() {
	if ! poll_file "$T/rc" "${1:-10}"; then
		bad "${CTX:-$TNAME}" "the program did not exit"
		return 1
	fi
	rc=$(cat "$T/rc")
}
# running: the program is still alive.
running() { [ ! -f "$T/rc" ] && kill -0 "$PID" 2>/dev/null; }

# settle: wait until two captures 100 ms apart are the same (the program
# has finished drawing). Used before a whole-screen comparison.
settle() {
	n=$(($(tsec 10) * 10))
	prev=$(screen; cursor)
	while :; do
		sleep 0.1
		cur=$(screen; cursor)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		n=$((n - 1))
		[ $n -le 0 ] && return 1
	done
}

# golden NAME: the whole screen against golden/NAME.txt; the temporary
# directory shows as @T@.
golden() {
	settle
	screen | sed "s|$T|@T@|g" >"$T/screen.txt"
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		mkdir -p "$GOLDEN"
		cp "$T/screen.txt" "$GOLDEN/$1.txt"
		echo "  (wrote golden/$1.txt)"
		return 0
	fi
	if [ ! -f "$GOLDEN/$1.txt" ]; then
		bad "${CTX:-$TNAME}" "no golden/$1.txt (run with UPDATE_GOLDEN=1)"
		return 1
	fi
	if ! cmp -s "$GOLDEN/$1.txt" "$T/screen.txt"; then
		bad "${CTX:-$TNAME}" "screen differs from golden/$1.txt"
		echo "  --- diff (- golden, + screen):"
		diff -u "$GOLDEN/$1.txt" "$T/screen.txt" | tail -n +3 | sed 's/^/  /'
		return 1
	fi
}

# copy_sample NAME: a fresh copy of the 2021 sample in an empty $T/work
# (no journal or lock left by an earlier editor).
copy_sample() {
	if [ -n "$SOCK" ]; then
		tmux -L "$SOCK" kill-server 2>/dev/null
		# Wait for the killed editor to finish its hang-up work.
		n=100
		while kill -0 "$PID" 2>/dev/null && [ $n -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
	fi
	rm -rf "$T/work"
	mkdir -p "$T/work"
	cp "$SAMPLE" "$T/work/$1"
	chmod 644 "$T/work/$1"
}

# header: the section name at the end of the first line.
header() { line 0; }

# open_t3: from the contents screen of the sample, open table 三.
open_t3() {
	wait_for "目录" 15 || return 1
	keys Down Down Down Enter
	wait_for "[1/2] 表三"
}

# open_part N: from anywhere, through the contents screen, open its line N
# (0 cover, 1-6 the sections, 7 the closing check).
open_part() {
	keys C-t
	wait_for "目录" || return 1
	keys Up Up Up Up Up Up Up Up Up Up
	i=0
	while [ $i -lt "$1" ]; do keys Down; i=$((i + 1)); done
	keys Enter
	wait_gone "上下键选择，Enter 打开"
}
