#!/bin/sh
# SIGHUP (the SSH link dropped) to the editor in tmux with unsaved,
# committed edits, and a closed pty (tmux kill-server): the editor writes
# its recovery journal and exits without saving over the report; reopening
# offers to restore, and restoring brings back every committed edit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../screen/lib.sh"

# edit: three cell edits in 三 and a text edit in 五, none saved.
edit() {
	open_t3 || return 1
	text 300
	keys Enter
	text 20
	keys Enter
	wait_re '^二、上年结转[^│<]*[│<] +20[!? ]' || return 1
	wait_re '^一、本年新收[^│<]*[│<] +300[!? ]' || return 1
	keys Down Down Right
	wait_at "三/三、本年度办理结果/（三）不予公开/1.属于国家秘密" 商业企业 || return 1
	text 4
	keys Enter
	wait_re '1\.属于国家秘密 *[│^v<] +1 +4[!? ]' || return 1
	# 五: text typed, then ^N leaves the section (which commits it).
	open_part 5 || return 1
	wait_for "五、存在的主要问题及改进情况（必填）" || return 1
	text "断线前输入的文字"
	wait_for "断线前输入的文字" || return 1
	keys C-n
	wait_for "六、其他需要报告的事项（必填）" || return 1
	wait_for "未保存"
}

# gone PID: poll until the process has exited (a failure bound of 10 s).
gone() {
	n=$(($(tsec 10) * 20))
	while kill -0 "$1" 2>/dev/null; do
		n=$((n - 1))
		[ $n -le 0 ] && return 1
		sleep 0.05
	done
}

# recover NAME: reopen, choose restore, check every edit, save, check the file.
recover() {
	name=$1
	CTX=$name-reopen
	if ! cmp -s "$SAMPLE" "$T/work/r.yaml"; then
		bad "$name-report-untouched" "the report on disk changed without a save"
	else
		ok "$name-report-untouched"
	fi
	if [ -s "$T/work/.r.yaml.nbjournal" ]; then ok "$name-journal-written"; else
		bad "$name-journal-written" "no .r.yaml.nbjournal after the hang-up"; fi
	start -- r.yaml || return 1
	wait_for "发现上次未保存的修改" 15 || return 1
	wait_re "有 [0-9]+ 处未保存的修改" && wait_for "进程 $oldpid" || return 1
	ok "$name-offers-restore"
	CTX=$name-restore
	keys r
	wait_for "已恢复" || return 1
	open_t3 || return 1
	if wait_re '^一、本年新收[^│<]*[│<] +300[!? ]' && wait_re '^二、上年结转[^│<]*[│<] +20[!? ]' &&
		wait_re '1\.属于国家秘密 *[│^v<] +1 +4[!? ]'; then
		ok "$name-cells-back"
	fi
	keys C-s
	wait_for "已保存 " || return 1
	keys C-q
	wait_exit || return 1
	cells=$("$NIANBAO" cells "$T/work/r.yaml" | cut -f1,3)
	if printf '%s\n' "$cells" | grep -qx 't3.new.natural	300' &&
		printf '%s\n' "$cells" | grep -qx 't3.carried.natural	20' &&
		printf '%s\n' "$cells" | grep -qx 't3.w_secret.business	4' &&
		grep -q '断线前输入的文字' "$T/work/r.yaml"; then
		ok "$name-every-edit-saved"
	else
		bad "$name-every-edit-saved" "after restore and ^S: $(printf '%s\n' "$cells" | grep -E '^t3\.(new\.natural|carried\.natural|w_secret\.business)' | tr '\n\t' '; ') text: $(grep -c 断线前输入的文字 "$T/work/r.yaml")"
	fi
	if [ ! -e "$T/work/.r.yaml.nbjournal" ]; then ok "$name-journal-gone-after-save"; else
		bad "$name-journal-gone-after-save" "the journal is still there after a save and a clean quit"; fi
}

# --- SIGHUP
CTX=hup
copy_sample r.yaml
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
if edit; then
	oldpid=$PID
	kill -HUP "$PID"
	if gone "$PID"; then
		ok hup-exits
		recover hup
	else
		bad hup-exits "still running 10 s after SIGHUP"
	fi
fi

# --- a closed pty: the terminal disappears under the editor
CTX=closedpty
copy_sample r.yaml
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
if edit; then
	oldpid=$PID
	tmux -L "$SOCK" kill-server
	SOCK=
	if gone "$PID"; then
		ok closedpty-exits
		recover closedpty
	else
		bad closedpty-exits "still running 10 s after its pty was closed"
		kill -9 "$PID" 2>/dev/null
	fi
fi
finish
