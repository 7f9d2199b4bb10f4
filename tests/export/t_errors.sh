# Refusals: --strict on a report with errors, and outputs that cannot be
# written, each with its exit status and nothing left behind.
. "$TOP/tests/export/lib.sh"
bad=$TOP/sample-data/city-2021-bad.yaml
good=$TOP/sample-data/city-2021.yaml

# Nothing in dir but what the test put there.
empty() { [ -z "$(ls -A "$1")" ]; }

for fmt in html text csv; do
	d=$TMPDIR/strict-$fmt
	mkdir -p "$d"
	"$NIANBAO" export --format $fmt --strict -o "$d/out" "$bad" 2>"$TMPDIR/err"
	rc=$?
	if [ $rc -eq 1 ] && empty "$d" && grep -q -- '--strict' "$TMPDIR/err"; then
		pass "errors: $fmt --strict on a report with errors: exit 1, nothing written"
	else
		fail "errors: $fmt --strict: exit $rc, left: $(ls -A "$d"), said: $(cat "$TMPDIR/err")"
	fi
	# Without --strict the same report exports, its findings on stderr.
	"$NIANBAO" export --format $fmt -o "$d/out" "$bad" 2>"$TMPDIR/err"
	rc=$?
	if [ $rc -eq 0 ] && [ -s "$d/out" ] && grep -q ': error: ' "$TMPDIR/err"; then
		pass "errors: $fmt without --strict: exported, findings on stderr"
	else
		fail "errors: $fmt without --strict: exit $rc, said: $(cat "$TMPDIR/err")"
	fi
done

# A folder that does not exist.
"$NIANBAO" export --format html -o "$TMPDIR/no/such/dir/out.html" "$good" 2>"$TMPDIR/err"
rc=$?
if [ $rc -eq 2 ] && [ -s "$TMPDIR/err" ]; then pass "errors: missing folder: exit 2"; else fail "errors: missing folder: exit $rc"; fi

# A folder the user may not write (root writes anywhere: run as nobody).
d=$TMPDIR/ro
mkdir -p "$d"
chmod 755 "$TMPDIR" "$d"
if [ "$(id -u)" = 0 ]; then
	chmod 755 "$(dirname "$TMPDIR")"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$NIANBAO" export --format html -o "$d/out.html" "$good" 2>"$TMPDIR/err"
	rc=$?
else
	chmod 555 "$d"
	"$NIANBAO" export --format html -o "$d/out.html" "$good" 2>"$TMPDIR/err"
	rc=$?
	chmod 755 "$d"
fi
if [ $rc -eq 2 ] && empty "$d"; then
	pass "errors: unwritable folder: exit 2, nothing left"
else
	fail "errors: unwritable folder: exit $rc, left: $(ls -A "$d"), said: $(cat "$TMPDIR/err")"
fi

# The disk fills up half way (a file size limit; SIGXFSZ ignored, so the
# write fails with EFBIG as on a full disk): exit 2, no partial page, no
# temporary file, and an older export is left as it was.
for fmt in html text csv; do
	d=$TMPDIR/full-$fmt
	mkdir -p "$d"
	echo old >"$d/out"
	(trap '' XFSZ; ulimit -f 4; exec "$NIANBAO" export --format $fmt -o "$d/out" "$good") 2>"$TMPDIR/err"
	rc=$?
	if [ $rc -eq 2 ] && [ "$(ls -A "$d")" = out ] && [ "$(cat "$d/out")" = old ]; then
		pass "errors: $fmt on a full disk: exit 2, the old file kept, nothing partial"
	else
		fail "errors: $fmt on a full disk: exit $rc, left: $(ls -A "$d"), said: $(cat "$TMPDIR/err")"
	fi
done
