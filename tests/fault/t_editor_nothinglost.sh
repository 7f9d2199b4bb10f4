#!/bin/sh
# Ways the editor could lose or silently drop a clerk's work:
#  - a cell value typed and left without Enter: it reaches the journal
#    after a pause, so kill -9 keeps it (and Esc puts the old value back
#    in the journal too);
#  - the journal cannot be written (full disk): the save-failure box says
#    the journal failed too, and once space is free the journal is written
#    again without any new keystroke, so kill -9 then loses nothing;
#  - ^S / ^Q with a text in a cell that is not a value: the save or quit
#    stops and says why instead of dropping the text under "已保存";
#  - a report file without write permission: said at the start, asked at
#    ^S (the file stays byte-identical), "save as" works.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../screen/lib.sh"

J=$T/work/.r.yaml.nbjournal

# poll_journal FILE REGEX: wait until FILE holds a line matching REGEX
# (the failure bound only; a pass never depends on time).
poll_journal() {
	n=$(($(tsec 10) * 20))
	while ! grep -aqE -- "$2" "$1" 2>/dev/null; do
		n=$((n - 1))
		[ $n -le 0 ] && return 1
		sleep 0.05
	done
}
gone() {
	n=$(($(tsec 10) * 20))
	while kill -0 "$1" 2>/dev/null; do
		n=$((n - 1))
		[ $n -le 0 ] && return 1
		sleep 0.05
	done
}
# restore_t3 FILE: reopen FILE after a kill -9 (take over the stale lock),
# restore, open table 三.
restore_t3() {
	start -- "$1" || return 1
	wait_for "报告已被锁定" 15 || return 1
	keys t
	wait_for "发现上次未保存的修改" || return 1
	keys r
	wait_for "已恢复" || return 1
	open_t3
}

# --- a cell left open, then kill -9
CTX=open-cell
copy_sample r.yaml
start -- r.yaml || { finish; exit; }
if open_t3; then
	text 5
	wait_re '^一、本年新收[^│<]*[│<] +5[!? ]' || { finish; exit; }
	if poll_journal "$J" '^t3\.new\.natural$'; then
		ok open-cell-journalled
		kill -9 "$PID"
		gone "$PID"
		if restore_t3 r.yaml && wait_re '^一、本年新收[^│<]*[│<] +5[!? ]'; then
			ok open-cell-restored
		fi
	else
		bad open-cell-journalled "a value typed without Enter never reached the journal"
	fi
	# Typed, journalled, then Esc: the journal must end with the old value.
	CTX=open-cell-esc
	text 9
	wait_re '^一、本年新收[^│<]*[│<] +9[!? ]' &&
		poll_journal "$J" '^9$' && keys Escape &&
		wait_re '^一、本年新收[^│<]*[│<] +5[!? ]' && {
		# the Esc puts 5 back after the 9
		n=$(($(tsec 10) * 20))
		while [ "$(grep -a -A1 '^t3\.new\.natural$' "$J" | grep -av '^t3' | grep -av '^--' | tail -1)" != 5 ] &&
			[ $n -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
		kill -9 "$PID"
		gone "$PID"
		if restore_t3 r.yaml && wait_re '^一、本年新收[^│<]*[│<] +5[!? ]'; then
			ok open-cell-esc-restored
		fi
	}
fi

# --- ^S and ^Q with a text that is not a value
CTX=bad-text
copy_sample r.yaml
start -- r.yaml || { finish; exit; }
if open_t3; then
	text "1,"
	wait_re '^一、本年新收[^│<]*[│<] +1,' || { finish; exit; }
	keys C-s
	if wait_for "请改正，或按 Esc 放弃" && ! has "已保存 " &&
		cmp -s "$SAMPLE" "$T/work/r.yaml" && has "1,"; then
		ok bad-text-save-stops
	else
		bad bad-text-save-stops "the typed text was dropped or the file written"
	fi
	# The ^S refusal is still on screen: clear the status line with a
	# key that only moves the typing cursor, so that the check below sees
	# ^Q's own answer, not the old message.
	keys Left
	if ! wait_gone "请改正，或按 Esc 放弃"; then
		bad bad-text-quit-stops "the status line did not clear"
	fi
	keys C-q
	if wait_for "请改正，或按 Esc 放弃" && running && has "1,"; then
		ok bad-text-quit-stops
	else
		bad bad-text-quit-stops "^Q left with a typed text unsaid"
	fi
	keys Escape
	wait_re '^一、本年新收[^│<]*[│<] +259 ' && keys C-q && wait_exit && ok bad-text-esc-then-quit
fi

# --- a report file without write permission
CTX=ro-file
copy_sample r.yaml
chmod 444 "$T/work/r.yaml"
start -- r.yaml || { finish; exit; }
if wait_for "文件是只读的" 15; then
	ok ro-file-said-at-start
	open_t3 && text 260 && keys Enter && wait_re '^一、本年新收[^│<]*[│<] +260[!? ]'
	keys C-s
	if wait_for "这份报告文件是只读的" && wait_for "a 另存为"; then
		keys c
		wait_for "未保存"
		if cmp -s "$SAMPLE" "$T/work/r.yaml" && [ ! -e "$T/work/r.yaml~" ]; then
			ok ro-file-asked-and-untouched
		else
			bad ro-file-asked-and-untouched "the read-only file was replaced"
		fi
		keys C-s
		wait_for "这份报告文件是只读的" && keys a && wait_for "另存为（文件名）" &&
			keys C-u && text "$T/work/r2.yaml" && keys Enter &&
			wait_for "已另存为" &&
			"$NIANBAO" cells "$T/work/r2.yaml" | grep -q '^t3.new.natural	.*	260$' &&
			cmp -s "$SAMPLE" "$T/work/r.yaml" && ok ro-file-save-as
	else
		bad ro-file-asked-and-untouched "^S replaced a read-only file without asking"
	fi
else
	bad ro-file-said-at-start "no word that the file is read-only"
fi

# --- the journal cannot be written, then can again
CTX=journal-retry
copy_sample r.yaml
mkdir -p "$T/work/full"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k nbjfull "$T/work/full" 2>/dev/null; then
	trap 'umount "$T/work/full" 2>/dev/null; cleanup' EXIT
	cp "$SAMPLE" "$T/work/full/r.yaml"
	J=$T/work/full/.r.yaml.nbjournal
	start -- full/r.yaml || { finish; exit; }
	wait_for "目录" 15 || { finish; exit; }
	# The lock is there; now nothing more fits.
	dd if=/dev/zero of="$T/work/full/fill" bs=1024 count=1024 >/dev/null 2>&1
	open_t3 && text 270 && keys Enter && wait_re '^一、本年新收[^│<]*[│<] +270[!? ]' &&
		wait_for "恢复记录写入失败"
	keys C-s
	if wait_for "保存失败" && wait_for "恢复记录也无法写入"; then
		ok journal-retry-save-box-honest
	fi
	keys c
	rm -f "$T/work/full/fill"
	if poll_journal "$J" '^t3\.new\.natural$'; then
		ok journal-retry-written-when-space-frees
		kill -9 "$PID"
		gone "$PID"
		if restore_t3 full/r.yaml && wait_re '^一、本年新收[^│<]*[│<] +270[!? ]'; then
			ok journal-retry-restored
		fi
	else
		bad journal-retry-written-when-space-frees "journal never written after space came back"
	fi
	tmux -L "$SOCK" kill-server 2>/dev/null
	SOCK=
	gone "$PID"
	umount "$T/work/full"
elif [ "$(id -u)" -ne 0 ]; then
	# Not root: a directory made read-only fails the journal the same way.
	cp "$SAMPLE" "$T/work/full/r.yaml"
	J=$T/work/full/.r.yaml.nbjournal
	start -- full/r.yaml || { finish; exit; }
	wait_for "目录" 15 || { finish; exit; }
	chmod 555 "$T/work/full"
	open_t3 && text 270 && keys Enter && wait_re '^一、本年新收[^│<]*[│<] +270[!? ]' &&
		wait_for "恢复记录写入失败"
	chmod 755 "$T/work/full"
	if poll_journal "$J" '^t3\.new\.natural$'; then
		ok journal-retry-written-when-writable
	else
		bad journal-retry-written-when-writable "journal never written after the directory came back"
	fi
else
	echo "  skipped journal-retry: cannot mount a tmpfs"
fi
finish
