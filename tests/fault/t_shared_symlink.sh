#!/bin/sh
# Issue 10, finding 2: another account links r2025.yaml, in a sticky
# folder, to a file of root's. With fs.protected_symlinks=1 (Debian's
# default) the kernel refuses to follow that link for root: stat() says
# EACCES. `nianbao new` and a save took EACCES as "absent" and wrote
# through the link (realpath reads links by hand). Any error but ENOENT
# must be a refusal: the target untouched, no backup beside it.
# The test turns fs.protected_symlinks on for its few seconds (it is off
# on some build machines) and puts the old value back.
. "$(dirname "$0")/lib.sh"
need_faultbin shared-symlink
d=
old_ps=$(cat /proc/sys/fs/protected_symlinks)
trap 'echo "$old_ps" > /proc/sys/fs/protected_symlinks; users_cleanup; rm -rf "$d"' EXIT
echo 1 > /proc/sys/fs/protected_symlinks ||
	{ fail shared-symlink "cannot set fs.protected_symlinks (not root?)"; exit 1; }
m=$(mkuser mallory) || { fail shared-symlink "cannot make a test user"; exit 1; }
d=$(shared_dir 3777) || exit 1
mkdir "$d/private" && echo "root's own file" > "$d/private/victim" && chmod 644 "$d/private/victim"
cp "$d/private/victim" "$d/victim.orig"
as "$m" ln -s "$d/private/victim" "$d/shared/r2025.yaml"
as "$m" ln -s "$d/private/victim" "$d/shared/r2.yaml"

cd "$d/shared" || exit 1
out=$("$NIANBAO" new --year 2025 r2025.yaml 2>&1)
rc=$?
echo "  new: rc=$rc $out"
if [ $rc -ne 0 ] && cmp -s "$d/private/victim" "$d/victim.orig" &&
	[ ! -e "$d/private/victim~" ]; then
	pass shared-symlink-new-refused
else
	fail shared-symlink-new-refused "wrote through a link the kernel refuses (rc=$rc)"
fi

report_text 4 new > "$d/new"
out=$("$FAULTBIN/nbfault" save "$d/shared/r2.yaml" "$d/new" 2>&1)
rc=$?
echo "$out" | sed 's/^/  save: /'
if [ $rc -ne 0 ] && echo "$out" | grep -q '^err=13 ' &&
	cmp -s "$d/private/victim" "$d/victim.orig" && [ ! -e "$d/private/victim~" ]; then
	pass shared-symlink-save-refused
else
	fail shared-symlink-save-refused "rc=$rc"
fi
