#!/bin/sh
# A directory the user may not write to (as another user: root ignores
# permission bits): EACCES, a message offering 另存为, the original intact.
. "$(dirname "$0")/lib.sh"
need_faultbin save-readonly
d=$(mktemp -d "${TMPDIR:-/tmp}/nbro.XXXXXX") || exit 1
trap 'chmod -R u+w "$d"; rm -rf "$d"' EXIT
chmod 755 "$d"
report_text 4 old > "$d/r.yaml"
report_text 8 new > "$d/new"
cp "$d/r.yaml" "$d/old"
chmod 644 "$d"/*
if [ "$(id -u)" -eq 0 ]; then
	if ! command -v setpriv >/dev/null 2>&1; then
		echo "  skipped: setpriv missing; fallback: ops-table injection"
		out=$("$FAULTBIN/nbfault" save "$d/r.yaml" "$d/new" --inject-write 13)
		rc=$?
	else
		out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$FAULTBIN/nbfault" save "$d/r.yaml" "$d/new" 2>&1)
		rc=$?
	fi
else
	chmod 555 "$d"
	out=$("$FAULTBIN/nbfault" save "$d/r.yaml" "$d/new" 2>&1)
	rc=$?
fi
echo "$out" | sed 's/^/  /'
if [ $rc -eq 1 ] && echo "$out" | grep -q "^err=13 " &&
	echo "$out" | grep -q "另存为" && echo "$out" | grep -q "权限" &&
	cmp -s "$d/old" "$d/r.yaml" && [ "$(temps "$d")" -eq 0 ]; then
	pass save-readonly-dir
else
	fail save-readonly-dir "rc=$rc"
fi
