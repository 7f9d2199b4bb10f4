#!/bin/sh
# Issue 10 in the editor (the clerk here is root; the other account a
# throwaway user):
#  1. a journal owned by another user, its header naming the clerk, with
#     t3.new.natural = 999999: never presented as the clerk's ("来自主机 …
#     这些修改是在当前文件的基础上做的"); the dialog names its real owner,
#     restoring is an explicit choice, and the file is never deleted.
#     The clerk's own journal then goes to ~/.local/state/nianbao and is
#     found again on reopen (finding 9).
#  3. a FIFO at .r.yaml.nbjournal: the editor hung in open() (blank
#     screen); now it says whose FIFO is in the way and goes on.
#  4. another host's lock: taken over only after a confirmation that
#     shows its path, holder and age.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../screen/lib.sh"
need_faultbin editor-shared
trap 'cleanup; users_cleanup' EXIT
m=$(mkuser mallory) || { bad editor-shared "cannot make a test user"; finish; exit; }
J=$T/work/.r.yaml.nbjournal
STATE=$T/home/.local/state/nianbao

gone() {
	n=$(($(tsec 10) * 20))
	while kill -0 "$1" 2>/dev/null; do
		n=$((n - 1))
		[ $n -le 0 ] && return 1
		sleep 0.05
	done
}

# --- 1: another user's journal naming the clerk
CTX=foreign-journal
copy_sample r.yaml
"$FAULTBIN/nbfault" jwrite "$T/work/r.yaml" t3.new.natural 999999 >/dev/null
chown "$m" "$J"
sum=$(cksum < "$J")
start -- r.yaml || { finish; exit; }
if wait_for "发现其他用户的恢复记录" 15 && wait_for "属于用户 $m" &&
	wait_for "k 不恢复"; then
	if has "这些修改是在当前文件的基础上做的"; then
		bad foreign-journal-named "presented as the clerk's own"
	else
		ok foreign-journal-named
	fi
fi
keys k
if wait_for "目录" && open_t3 && wait_re '^一、本年新收[^│<]*[│<] +259 '; then
	ok foreign-journal-not-restored
fi
# The clerk's own edit goes to the state directory; mallory's file stays.
text 5
keys Enter
n=$(($(tsec 10) * 20))
while ! grep -aqs '^t3\.new\.natural$' "$STATE"/*.nbjournal && [ $n -gt 0 ]; do
	sleep 0.05
	n=$((n - 1))
done
if grep -aqs '^t3\.new\.natural$' "$STATE"/*.nbjournal &&
	[ "$(cksum < "$J")" = "$sum" ] && [ "$(stat -c %U "$J")" = "$m" ]; then
	ok foreign-journal-kept-own-journal-elsewhere
else
	bad foreign-journal-kept-own-journal-elsewhere "state dir: $(ls "$STATE" 2>&1)"
fi
oldpid=$PID
kill -9 "$PID"
gone "$oldpid"
# Reopen: the foreign one again (leave it), then the clerk's own from the
# state directory, restored.
CTX=statedir-reopen
start -- r.yaml || { finish; exit; }
wait_for "报告已被锁定" 15 && keys t
if wait_for "发现其他用户的恢复记录" && keys r && wait_for "确认恢复其他用户的修改" &&
	keys n && wait_for "发现上次未保存的修改" && keys r && wait_for "已恢复" &&
	open_t3 && wait_re '^一、本年新收[^│<]*[│<] +5[!? ]'; then
	ok statedir-journal-found-on-reopen
fi
if [ "$(cksum < "$J")" = "$sum" ]; then ok foreign-journal-never-deleted; else
	bad foreign-journal-never-deleted "mallory's journal was changed or removed"; fi
grep -q 999999 "$T/work/r.yaml" && bad foreign-journal-never-in-report "999999 in the report"

# --- 3: a FIFO at the journal's name
CTX=fifo-journal
copy_sample r.yaml
rm -rf "$STATE" # the journal the last editor left there on hang-up
mkfifo "$J" && chown "$m" "$J"
start -- r.yaml || { finish; exit; }
if wait_for "恢复记录的位置被占用" 15 && wait_for "命名管道" && wait_for "$m"; then
	keys c
	wait_for "目录" && [ -p "$J" ] && ok fifo-journal-no-hang
fi

# --- 4: another host's lock, an hour old
CTX=other-host-lock
copy_sample r.yaml
rm -rf "$STATE"
printf 'zhangsan otherhost.example 4242 %s 0123456789abcdef\n' $(($(date +%s) - 3700)) \
	> "$T/work/.r.yaml.nblock"
start -- r.yaml || { finish; exit; }
if wait_for "无法判断对方是否仍在编辑" 15 && wait_for "t 确认对方已不在编辑"; then
	keys t
	if wait_for "确认接管" && wait_for "锁文件：$T/work/.r.yaml.nblock" &&
		wait_for "otherhost.example 上用户 zhangsan 的进程 4242" &&
		wait_for "已持有 0 天 1 小时"; then
		keys y
		wait_for "目录" && grep -q "^root " "$T/work/.r.yaml.nblock" &&
			ok other-host-lock-confirmed-takeover
	fi
fi
finish
