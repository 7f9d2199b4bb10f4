#!/bin/sh
# `nianbao check --format json`: valid JSON for good, bad and unreadable
# files; the same findings as the text output; a blank cell is null, never
# 0, both in the values of a finding and in its expected/actual sides.
ok() { echo "PASS $1"; }
bad() { echo "FAIL $1: $2"; }
S=$TOP/sample-data

"$NIANBAO" check --format json "$S/city-2021.yaml" "$S/city-2021-bad.yaml" "$T/none.yaml" >"$T/out.json"
rc=$?
"$NIANBAO" check "$S/city-2021-bad.yaml" >"$T/out.txt" 2>/dev/null
ntext=$(grep -c ': \(error\|warning\): ' "$T/out.txt")
if [ $rc = 2 ] && python3 - "$T/out.json" "$ntext" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = d["files"]
assert [x["status"] for x in f] == ["ok", "errors", "unreadable"], f
assert f[0]["findings"] == [] and f[0]["errors"] == 0
assert len(f[1]["findings"]) == int(sys.argv[2]), len(f[1]["findings"])
assert f[1]["errors"] == sum(1 for x in f[1]["findings"] if x["severity"] == "error")
assert "none.yaml" in f[2]["error"]
for x in f[1]["findings"]:
    assert set(x["values"]) == set(x["cells"]), x
PY
then ok check-json-files; else bad check-json-files "rc=$rc"; fi

# A report whose 一 row is blank in the 自然人 column while the results are
# filled: the balance fails with a blank side, which JSON says is null.
sed 's/^\(      natural: \)259$/\1~/' "$S/city-2021.yaml" >"$T/blank.yaml"
grep -q 'natural: ~' "$T/blank.yaml" || bad check-json-blank-null "fixture not made"
"$NIANBAO" check --format json "$T/blank.yaml" >"$T/blank.json"
if python3 - "$T/blank.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
fs = d["files"][0]["findings"]
vals = [x for x in fs if "t3.new.natural" in x.get("values", {})]
assert vals, fs
for x in vals:
    assert x["values"]["t3.new.natural"] is None, x
    assert all(v is None or isinstance(v, int) for v in x["values"].values()), x
# The sum-of-row rule of row 一 has a blank side only if every cell of it
# is blank; the blank cell itself is never reported as a 0.
assert not any(x.get("actual") == 0 and x["values"].get("t3.new.natural", 1) is None
               and x["rule"] == "t3-row-total" for x in fs), fs
PY
then ok check-json-blank-null; else bad check-json-blank-null "a blank cell is not null"; fi

# A file name with a quote, a backslash, a tab and a byte that is not
# UTF-8 stays valid JSON, and names the file.
name=$(printf 'q"b\\s\tx\376.yaml')
cp "$S/city-2021-bad.yaml" "$T/$name"
if "$NIANBAO" check --format json "$T/$name" >"$T/esc.json" &&
	[ $? -le 1 ] || [ -s "$T/esc.json" ]; then
	if python3 - "$T/esc.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
f = d["files"][0]["file"]
assert '"' in f and "\\" in f and "\t" in f and "\ufffd" in f, repr(f)
assert d["files"][0]["findings"], d
PY
	then ok check-json-escapes-names; else bad check-json-escapes-names "not valid JSON or name mangled"; fi
else
	bad check-json-escapes-names "no output"
fi
