#!/bin/sh
# Issue 10, finding 5: a second clerk saves the first clerk's 0660
# clerk1:clerks report in a group folder without setgid. The report must
# keep its group (fchown(-1, gid) when the full fchown is refused), so the
# first clerk can still read it, and the save says the owner changed.
. "$(dirname "$0")/lib.sh"
need_faultbin shared-group
d=
trap 'users_cleanup; rm -rf "$d"' EXIT
g=$(mkgroup clerks) && c1=$(mkuser c1 "$g") && c2=$(mkuser c2 "$g") ||
	{ fail shared-group "cannot make test users"; exit 1; }
d=$(shared_dir 0775) || exit 1
chgrp "$g" "$d/shared"
report_text 4 old > "$d/new"
chmod 644 "$d/new"
as "$c1" sh -c "umask 007; cat '$d/new' > '$d/shared/r.yaml'; chgrp $g '$d/shared/r.yaml'; chmod 660 '$d/shared/r.yaml'"
report_text 8 new > "$d/new"
before=$(stat -c '%U:%G %a' "$d/shared/r.yaml")
out=$(as "$c2" "$FAULTBIN/nbfault" save "$d/shared/r.yaml" "$d/new" 2>&1)
rc=$?
after=$(stat -c '%U:%G %a' "$d/shared/r.yaml")
echo "  before: $before  after: $after  rc=$rc"
echo "$out" | sed 's/^/  /'
if [ $rc -eq 0 ] && [ "$after" = "$c2:$g 660" ] &&
	as "$c1" cat "$d/shared/r.yaml" | cmp -s - "$d/new"; then
	pass shared-group-kept
else
	fail shared-group-kept "the report's group or mode changed: $before -> $after"
fi
