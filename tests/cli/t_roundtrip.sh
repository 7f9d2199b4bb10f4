#!/bin/sh
# The published text layout round-trips: report -> export --format text ->
# import -> the same report, every cell exactly (blank kept blank) and every
# section's prose and the agency and year, for both layouts.
ok() { echo "PASS $1"; }
bad() { echo "FAIL $1: $2"; }
for s in city-2021 city-2020 seed-2019; do
	src=$TOP/sample-data/$s.yaml
	if ! "$NIANBAO" export --format text -o "$T/$s.txt" "$src" 2>/dev/null ||
		! "$NIANBAO" import -o "$T/$s.yaml" "$T/$s.txt" >/dev/null 2>"$T/$s.err"; then
		bad "roundtrip-$s" "export or import failed: $(head -2 "$T/$s.err")"
		continue
	fi
	"$NIANBAO" cells "$src" >"$T/a"
	"$NIANBAO" cells "$T/$s.yaml" >"$T/b"
	if ! cmp -s "$T/a" "$T/b"; then
		bad "roundtrip-$s" "cells differ: $(diff "$T/a" "$T/b" | head -3 | tr '\n' ' ')"
		continue
	fi
	if python3 - "$src" "$T/$s.yaml" <<'PY'
import sys, yaml
a, b = (yaml.safe_load(open(p)) for p in sys.argv[1:])
for k in a["text"]:
    assert (a["text"][k] or "").rstrip("\n") == (b["text"][k] or "").rstrip("\n"), k
for k in ("agency", "year"):
    assert str(a["cover"][k]) == str(b["cover"][k]), k
PY
	then ok "roundtrip-$s"; else bad "roundtrip-$s" "texts differ"; fi
done
# A blank cell stays blank through the text layout.
sed 's/^\(      natural: \)259$/\1~/' "$TOP/sample-data/city-2021.yaml" >"$T/blank.yaml"
"$NIANBAO" export --format text -o "$T/blank.txt" "$T/blank.yaml" 2>/dev/null
"$NIANBAO" import -o "$T/blank2.yaml" "$T/blank.txt" >/dev/null 2>&1
if "$NIANBAO" cells "$T/blank2.yaml" | grep -q '^t3\.new\.natural	[^	]*	$'; then
	ok roundtrip-blank-stays-blank
else
	bad roundtrip-blank-stays-blank "$("$NIANBAO" cells "$T/blank2.yaml" 2>&1 | grep '^t3\.new\.natural')"
fi
# import writes as every report is written: an existing file only with
# --force, and never over a report open in an editor (its lock).
"$NIANBAO" export --format text -o "$T/p.txt" "$TOP/sample-data/city-2021.yaml" 2>/dev/null
cp "$TOP/sample-data/city-2020.yaml" "$T/exists.yaml"
if ! "$NIANBAO" import -o "$T/exists.yaml" "$T/p.txt" >/dev/null 2>&1 &&
	cmp -s "$TOP/sample-data/city-2020.yaml" "$T/exists.yaml"; then
	ok import-refuses-existing
else
	bad import-refuses-existing "an existing report was replaced without --force"
fi
