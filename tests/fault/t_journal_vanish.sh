#!/bin/sh
# Issue 10, finding 4.
#  - The journal deleted or renamed under a running editor: the writer
#    went on appending to a file no reader would find; now each flush
#    checks the file is still the journal on disk and rewrites it.
#  - A lock judged by host name and pid alone: a lock from 2023 on a pid
#    alive today read as someone editing since 2023 (the pid was reused);
#    a second editor in another pid namespace, not seeing the holder's
#    pid, took a live lock for a dead one. Now judged by boot id, pid
#    namespace and process start time.
. "$(dirname "$0")/lib.sh"
need_faultbin journal-vanish
d=$(mktemp -d "${TMPDIR:-/tmp}/nbvanish.XXXXXX") || exit 1
hold=
trap '[ -n "$hold" ] && kill "$hold" 2>/dev/null; rm -rf "$d"' EXIT

for how in unlink rename; do
	out=$("$FAULTBIN/nbfault" jvanish "$d/r.yaml" $how 2>&1)
	rc=$?
	echo "$out" | sed "s/^/  $how: /"
	if [ $rc -eq 0 ]; then
		pass journal-vanish-$how
	else
		fail journal-vanish-$how "a flush after the journal was taken away left it unfindable ($how)"
	fi
	rm -f "$d"/.r.yaml.*
done

# A lock of 2023-11-14 naming pid 1, which is alive now.
printf '王五 %s 1 1700000000 0123456789abcdef\n' "$(hostname)" > "$d/.r.yaml.nblock"
out=$("$FAULTBIN/nbfault" lockinfo "$d/r.yaml")
echo "  old lock, live pid: $out"
if echo "$out" | grep -q "take=1 .*stale=1"; then
	pass lock-reused-pid-stale
else
	fail lock-reused-pid-stale "a lock older than this boot, on a live pid, judged live"
fi
rm -f "$d/.r.yaml.nblock"

# A live holder, judged from another pid namespace where its pid is not
# to be seen: never "stale".
"$FAULTBIN/nbfault" lockhold "$d/r.yaml" 30 > "$d/hold.out" &
hold=$!
n=100
while ! grep -q held "$d/hold.out" 2>/dev/null && [ $n -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
out=$(unshare --pid --fork --mount-proc "$FAULTBIN/nbfault" lockinfo "$d/r.yaml" 2>&1)
echo "  live lock seen from another pid namespace: $out"
if echo "$out" | grep -q "take=1 .*stale=0"; then
	pass lock-other-pidns-not-stale
else
	fail lock-other-pidns-not-stale "a live holder judged dead from another pid namespace"
fi
kill "$hold" 2>/dev/null
wait "$hold" 2>/dev/null
hold=
