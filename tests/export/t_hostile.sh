# A report whose title and prose hold Chinese, quotes, <, &, markup and
# control characters, and whose tables have blank cells: the page parses,
# its text reads as typed (controls dropped), blank cells are empty, and the
# text export carries the same lines.
. "$TOP/tests/export/lib.sh"
src=$TOP/tests/export/hostile.yaml
exp=$TOP/tests/export/hostile.expected
page=$TMPDIR/h.html

"$NIANBAO" export --format html -o "$page" "$src" 2>/dev/null || fail "hostile: html export failed"
"$NIANBAO" cells "$src" >"$TMPDIR/cells"
expect_ok "hostile: well-formed and self-contained" $CHECK markup "$page"
if grep -q '<script>' "$page"; then fail "hostile: a <script> from the prose is markup"; else pass "hostile: no markup from the prose"; fi
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$page"; then
	fail "hostile: control characters in the page"
else
	pass "hostile: no control character in the page"
fi
chrome --dump-dom "file://$page" >"$TMPDIR/dom" || fail "hostile: chromium --dump-dom failed"
expect_ok "hostile: title and prose intact in the DOM" $CHECK prose "$TMPDIR/dom" "$exp"
expect_ok "hostile: blank cells empty, figures in their cells" $CHECK dom "$TMPDIR/dom" "$TMPDIR/cells"

"$NIANBAO" export --format text -o "$TMPDIR/h.txt" "$src" 2>/dev/null || fail "hostile: text export failed"
missing=0
while IFS= read -r line; do
	grep -qxF -- "$line" "$TMPDIR/h.txt" || { echo "  not in the text export: $line"; missing=1; }
done <"$exp"
if [ $missing = 0 ]; then pass "hostile: title and prose intact in the text export"; else fail "hostile: text export"; fi
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$TMPDIR/h.txt"; then
	fail "hostile: control characters in the text export"
else
	pass "hostile: no control character in the text export"
fi
if [ "$(grep -cx ' |' "$TMPDIR/h.txt")" -eq 3 ]; then
	pass "hostile: the three blank cells are blank in the text export"
else
	fail "hostile: $(grep -cx ' |' "$TMPDIR/h.txt") blank cell lines, not 3"
fi
