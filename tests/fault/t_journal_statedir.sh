#!/bin/sh
# Issue 10, finding 9: when the report's folder is read-only the journal
# had nowhere to go, and a dropped link lost everything typed. It now
# goes to $XDG_STATE_HOME/nianbao (default ~/.local/state/nianbao), keyed
# by the report's real path, and a later run finds it there. As another
# user: root writes anywhere.
. "$(dirname "$0")/lib.sh"
need_faultbin journal-statedir
d=
trap 'users_cleanup; rm -rf "$d"' EXIT
c=$(mkuser clerk) || { fail journal-statedir "cannot make a test user"; exit 1; }
d=$(shared_dir 0755) || exit 1
report_text 4 old > "$d/shared/r.yaml"
chmod 644 "$d/shared/r.yaml"
mkdir "$d/home" "$d/xdg" && chown "$c" "$d/home" "$d/xdg"

for how in xdg home; do
	if [ $how = xdg ]; then
		env="XDG_STATE_HOME=$d/xdg HOME=$d/home"
		want=$d/xdg/nianbao/
	else
		env="HOME=$d/home"
		want=$d/home/.local/state/nianbao/
	fi
	out=$(as "$c" env -u XDG_STATE_HOME $env "$FAULTBIN/nbfault" jwrite "$d/shared/r.yaml" \
		t3.new.natural 41 text.s1 "正文" 2>&1)
	rc=$?
	echo "$out" | sed "s/^/  $how write: /"
	# A later run (another process) finds it again.
	found=$(as "$c" env -u XDG_STATE_HOME $env "$FAULTBIN/nbfault" jfind "$d/shared/r.yaml" 2>&1)
	echo "$found" | sed "s/^/  $how find: /"
	if [ $rc -eq 0 ] && echo "$out" | grep -q "^file=$want" &&
		echo "$found" | grep -q "^found $want.* records=2" &&
		echo "$found" | grep -q "rec text.s1=正文"; then
		pass journal-statedir-$how
	else
		fail journal-statedir-$how "rc=$rc"
	fi
done
# Two reports of the same name in different folders never share one.
mkdir "$d/other" && cp "$d/shared/r.yaml" "$d/other/r.yaml" && chmod 755 "$d/other"
a=$(as "$c" env HOME="$d/home" "$FAULTBIN/nbfault" jfind "$d/other/r.yaml" 2>&1)
if [ -z "$a" ] || ! echo "$a" | grep -q '^found'; then
	pass journal-statedir-keyed-by-path
else
	fail journal-statedir-keyed-by-path "another folder's r.yaml found: $a"
fi
