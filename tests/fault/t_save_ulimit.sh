#!/bin/sh
# `ulimit -f`: with SIGXFSZ ignored (as the program does) a save that is
# too large fails with EFBIG, names `ulimit -f`, and leaves the original.
# Without ignoring it, the kernel kills the saver: the original is still
# intact and the sweep removes the orphan temporary.
. "$(dirname "$0")/lib.sh"
need_faultbin save-ulimit
d=$(mktemp -d "${TMPDIR:-/tmp}/nbulim.XXXXXX") || exit 1
trap 'rm -rf "$d"' EXIT
report_text 4 old > "$d/old"
report_text 40 new > "$d/new"
cp "$d/old" "$d/r.yaml"
# 16 blocks is 8 KiB (dash: 512-byte blocks) or 16 KiB (bash): both
# above the old file, below the new one.
out=$( (ulimit -f 16 && exec "$FAULTBIN/nbfault" save "$d/r.yaml" "$d/new") 2>&1)
rc=$?
echo "$out" | sed 's/^/  /'
if [ $rc -eq 1 ] && echo "$out" | grep -q "err=27 step=write" &&
	echo "$out" | grep -q "ulimit -f" && cmp -s "$d/old" "$d/r.yaml" &&
	[ "$(temps "$d")" -eq 0 ]; then
	pass save-ulimit-efbig
else
	fail save-ulimit-efbig "rc=$rc"
fi
(ulimit -f 16 && exec "$FAULTBIN/nbfault" save "$d/r.yaml" "$d/new" --no-ignore-xfsz) >/dev/null 2>&1
rc=$?
n=$("$FAULTBIN/nbfault" sweep "$d/r.yaml")
echo "  without SIG_IGN: exit status $rc, temporaries swept: $n"
# 153 = 128 + SIGXFSZ (25 on Linux)
if [ $rc -gt 128 ] && cmp -s "$d/old" "$d/r.yaml" && [ "$n" -ge 1 ] &&
	[ "$(temps "$d")" -eq 0 ]; then
	pass save-ulimit-sigxfsz-kills
else
	fail save-ulimit-sigxfsz-kills "rc=$rc swept=$n"
fi
