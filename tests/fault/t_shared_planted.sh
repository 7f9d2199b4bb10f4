#!/bin/sh
# Issue 10, finding 3: side files another account plants in a sticky
# (3777) folder must not lock the clerk out.
#  - a FIFO at .NAME.nblock or .NAME.nbjournal: open() used to wait for
#    ever; now refused at once, naming the FIFO's owner;
#  - a journal of another user's that the clerk cannot remove: the
#    clerk's journal goes to the state directory, the planted one stays;
#  - a NAME~ of another user's: saves failed with "没有在此目录写文件的
#    权限"; now the report is saved without a backup, and the clerk told.
. "$(dirname "$0")/lib.sh"
need_faultbin shared-planted
d=
trap 'users_cleanup; rm -rf "$d"' EXIT
c=$(mkuser clerk) && m=$(mkuser mallory) ||
	{ fail shared-planted "cannot make test users"; exit 1; }
d=$(shared_dir 3777) || exit 1
S=$d/shared
mkdir "$d/state" && chown "$c" "$d/state"
report_text 4 old > "$d/old"
report_text 8 new > "$d/new"
chmod 644 "$d/old" "$d/new"
as "$c" cp "$d/old" "$S/r.yaml"
as "$m" mkfifo -m 666 "$S/.r.yaml.nblock"
as "$m" mkfifo -m 666 "$S/.r.yaml.nbjournal"

out=$(as "$c" timeout 10 "$FAULTBIN/nbfault" lockinfo "$S/r.yaml" 2>&1)
rc=$?
echo "  lock: rc=$rc $out"
if [ $rc -eq 0 ] && echo "$out" | grep -q "take=-1" && echo "$out" | grep -q "$m" &&
	echo "$out" | grep -q "命名管道" && [ -p "$S/.r.yaml.nblock" ]; then
	pass planted-fifo-lock
else
	fail planted-fifo-lock "rc=$rc (124: hung in open)"
fi

out=$(as "$c" timeout 10 "$FAULTBIN/nbfault" jdump "$S/.r.yaml.nbjournal" 2>&1)
rc=$?
echo "$out" | sed 's/^/  journal: /'
if [ $rc -eq 1 ] && echo "$out" | grep -q "$m" && echo "$out" | grep -q "命名管道" &&
	[ -p "$S/.r.yaml.nbjournal" ]; then
	pass planted-fifo-journal
else
	fail planted-fifo-journal "rc=$rc (124: hung in open)"
fi

# A journal of mallory's at the name: the clerk's records go elsewhere.
rm -f "$S/.r.yaml.nbjournal"
as "$m" sh -c "echo planted > '$S/.r.yaml.nbjournal'"
out=$(as "$c" env XDG_STATE_HOME="$d/state" timeout 10 "$FAULTBIN/nbfault" jwrite "$S/r.yaml" t3.new.natural 7 2>&1)
rc=$?
echo "$out" | sed 's/^/  jwrite: /'
if [ $rc -eq 0 ] && [ "$(cat "$S/.r.yaml.nbjournal")" = planted ] &&
	echo "$out" | grep -q "^file=$d/state/nianbao/" &&
	as "$c" env XDG_STATE_HOME="$d/state" "$FAULTBIN/nbfault" jfind "$S/r.yaml" | grep -q 'records=1'; then
	pass planted-journal-not-replaced
else
	fail planted-journal-not-replaced "rc=$rc"
fi

# NAME~ of mallory's: saved without a backup, and said so.
as "$m" sh -c "echo mallory > '$S/r.yaml~'"
out=$(as "$c" timeout 10 "$FAULTBIN/nbfault" save "$S/r.yaml" "$d/new" 2>&1)
rc=$?
echo "$out" | sed 's/^/  save: /'
if [ $rc -eq 0 ] && cmp -s "$S/r.yaml" "$d/new" && echo "$out" | grep -q "备份" &&
	echo "$out" | grep -q "$m" && [ "$(cat "$S/r.yaml~")" = mallory ]; then
	pass planted-backup-save-goes-on
else
	fail planted-backup-save-goes-on "rc=$rc"
fi
