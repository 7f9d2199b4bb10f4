#!/bin/sh
# A save onto a full file system (a 64 KiB tmpfs, mounted as root or in a
# user+mount namespace): ENOSPC, 磁盘已满, the original intact, no
# temporary; after freeing space the save works and keeps the backup.
# Where no tmpfs can be mounted, an injected ENOSPC stands in (and says so).
. "$(dirname "$0")/lib.sh"
need_faultbin save-fullfs

scenario() { # $1: a small empty file system; $2: a scratch dir
	m=$1 w=$2
	report_text 10 old > "$w/old"
	report_text 30 new > "$w/new"
	cp "$w/old" "$m/r.yaml" || { fail save-fullfs "cannot copy"; return; }
	dd if=/dev/zero of="$m/fill" bs=1024 count=1024 >/dev/null 2>&1
	out=$("$FAULTBIN/nbfault" save "$m/r.yaml" "$w/new" 2>&1)
	rc=$?
	echo "$out" | sed 's/^/  /'
	if [ $rc -eq 1 ] && echo "$out" | grep -q "^err=28 " &&
		echo "$out" | grep -q "磁盘已满" && cmp -s "$w/old" "$m/r.yaml" &&
		[ "$(temps "$m")" -eq 0 ]; then
		pass save-fullfs-enospc
	else
		fail save-fullfs-enospc "rc=$rc"
	fi
	rm -f "$m/fill"
	out=$("$FAULTBIN/nbfault" save "$m/r.yaml" "$w/new" 2>&1)
	if [ "$out" = saved ] && cmp -s "$w/new" "$m/r.yaml" &&
		cmp -s "$w/old" "$m/r.yaml~" && [ "$(temps "$m")" -eq 0 ]; then
		pass save-fullfs-after-freeing
	else
		fail save-fullfs-after-freeing "$out"
	fi
}

if [ "${1:-}" = --inner ]; then
	mount -t tmpfs -o size=64k nbfull "$2" || exit 3
	scenario "$2" "$3"
	umount "$2"
	exit 0
fi

w=$(mktemp -d "${TMPDIR:-/tmp}/nbfull.XXXXXX") || exit 1
m=$w/mnt
mkdir "$m"
trap 'umount "$m" 2>/dev/null; rm -rf "$w"' EXIT
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k nbfull "$m" 2>/dev/null; then
	echo "  tmpfs size=64k mounted as root"
	scenario "$m" "$w"
	umount "$m"
elif unshare -rm true 2>/dev/null; then
	echo "  tmpfs size=64k mounted in unshare -rm"
	unshare -rm sh "$0" --inner "$m" "$w"
else
	echo "  skipped the real full disk: cannot mount tmpfs (not root, no user namespaces)"
	echo "  fallback: ENOSPC injected at write through the ops table"
	report_text 10 old > "$w/old"
	report_text 30 new > "$w/new"
	cp "$w/old" "$w/r.yaml"
	out=$("$FAULTBIN/nbfault" save "$w/r.yaml" "$w/new" --inject-write 28)
	rc=$?
	echo "$out" | sed 's/^/  /'
	if [ $rc -eq 1 ] && echo "$out" | grep -q "磁盘已满" &&
		cmp -s "$w/old" "$w/r.yaml" && [ "$(temps "$w")" -eq 0 ]; then
		pass save-fullfs-fallback-injected
	else
		fail save-fullfs-fallback-injected "rc=$rc"
	fi
fi
