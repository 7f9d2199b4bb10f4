# text and csv of every sample, byte for byte against golden/ (the text
# layout is what the importer reads back, so any change must be deliberate:
# UPDATE_GOLDEN=1 rewrites the files, and the diff is reviewed).
. "$TOP/tests/export/lib.sh"
G=$TOP/tests/export/golden

for s in $SAMPLES hostile; do
	src=$TOP/sample-data/$s.yaml
	[ "$s" = hostile ] && src=$TOP/tests/export/hostile.yaml
	for fmt in text csv; do
		ext=txt
		[ "$fmt" = csv ] && ext=csv
		out=$TMPDIR/$s.$ext
		if ! "$NIANBAO" export --format $fmt -o "$out" "$src" 2>"$TMPDIR/err"; then
			fail "golden $s $fmt: export failed: $(cat "$TMPDIR/err")"
			continue
		fi
		if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
			cp "$out" "$G/$s.$ext"
			pass "golden $s $fmt: written"
		elif cmp "$out" "$G/$s.$ext"; then
			pass "golden $s $fmt"
		else
			fail "golden $s $fmt: differs from golden/$s.$ext:"
			diff "$G/$s.$ext" "$out" | head -20
		fi
	done
done

# --bom puts the UTF-8 byte-order mark before the same bytes; standard
# output gets what a file gets.
printf '\357\273\277' >"$TMPDIR/bom.csv"
cat "$G/city-2021.csv" >>"$TMPDIR/bom.csv"
"$NIANBAO" export --format csv --bom -o "$TMPDIR/b.csv" "$TOP/sample-data/city-2021.yaml" 2>/dev/null
if cmp "$TMPDIR/b.csv" "$TMPDIR/bom.csv"; then pass "csv --bom"; else fail "csv --bom: not BOM + golden"; fi
"$NIANBAO" export --format text -o - "$TOP/sample-data/city-2021.yaml" >"$TMPDIR/stdout.txt" 2>/dev/null
if cmp "$TMPDIR/stdout.txt" "$G/city-2021.txt"; then pass "text -o -"; else fail "text -o -: standard output differs from the file"; fi
