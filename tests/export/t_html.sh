# html of every sample, opened the way its readers open it: strict HTML5
# parse and tidy; Chromium's DOM (every figure in its table cell, by row
# and column through rowspans and colspans); Chromium's print to PDF (A4
# pages holding every figure).
. "$TOP/tests/export/lib.sh"

for s in $SAMPLES; do
	page=$TMPDIR/$s.html
	"$NIANBAO" export --format html -o "$page" "$TOP/sample-data/$s.yaml" 2>/dev/null ||
		{ fail "html $s: export failed"; continue; }
	"$NIANBAO" cells "$TOP/sample-data/$s.yaml" >"$TMPDIR/$s.cells"
	expect_ok "html $s: well-formed and self-contained" $CHECK markup "$page"
	tidy -q -errors -utf8 "$page" >/dev/null 2>"$TMPDIR/tidy"
	if [ $? -lt 2 ]; then pass "html $s: tidy finds no error"; else fail "html $s: tidy: $(cat "$TMPDIR/tidy")"; fi
	chrome --dump-dom "file://$page" >"$TMPDIR/$s.dom" ||
		{ fail "html $s: chromium --dump-dom failed"; continue; }
	expect_ok "html $s: every figure in its cell (DOM)" $CHECK dom "$TMPDIR/$s.dom" "$TMPDIR/$s.cells"
	chrome --no-pdf-header-footer --print-to-pdf="$TMPDIR/$s.pdf" "file://$page" >/dev/null ||
		{ fail "html $s: chromium --print-to-pdf failed"; continue; }
	info=$(pdfinfo "$TMPDIR/$s.pdf")
	size=$(echo "$info" | sed -n 's/^Page size: *//p')
	pages=$(echo "$info" | sed -n 's/^Pages: *//p')
	# A4 is 595.28 x 841.89 pt; Chromium rounds to its device pixels.
	if echo "$size" | grep -Eq '^59[45](\.[0-9]+)? x 84[12](\.[0-9]+)? pts'; then
		pass "html $s: printed on A4 ($pages pages, $size)"
	else
		fail "html $s: printed page size $size, not A4"
	fi
	pdfinfo -f 1 -l "$pages" -box "$TMPDIR/$s.pdf" | sed -n 's/^Page *[0-9]* *MediaBox: *//p' | sort -u >"$TMPDIR/$s.boxes"
	if [ "$(wc -l <"$TMPDIR/$s.boxes")" -eq 1 ]; then
		pass "html $s: every page the same MediaBox ($(cat "$TMPDIR/$s.boxes"))"
	else
		fail "html $s: pages of different sizes: $(cat "$TMPDIR/$s.boxes")"
	fi
	pdftotext "$TMPDIR/$s.pdf" "$TMPDIR/$s.pdftxt"
	expect_ok "html $s: every figure in the printed text" $CHECK pdftext "$TMPDIR/$s.pdftxt" "$TMPDIR/$s.cells"
done
