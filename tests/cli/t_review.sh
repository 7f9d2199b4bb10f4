#!/bin/sh
# Review commands from the command line: check lists open comments (text
# and JSON) without changing its exit status; diff's exit statuses, its
# carry-over warning and JSON; sum's refusals and a result check accepts.
ok() { echo "PASS $1"; }
bad() { echo "FAIL $1: $2"; }
S=$TOP/sample-data

# A 2021 report with one open and one resolved comment.
sed '$d' "$S/city-2021.yaml" >"$T/cm.yaml"
cat >>"$T/cm.yaml" <<'Y'
comments:
- target: "t3.new.natural"
  text: "与上年相比增幅较大，请核实。"
  author: "王审核"
  time: "2025-11-26T10:05:00+08:00"
  resolved: false
- target: "s5"
  text: "已改"
  author: ""
  time: "2025-11-26T10:06:00+08:00"
  resolved: true
...
Y
"$NIANBAO" check "$T/cm.yaml" >"$T/c.txt"; rc=$?
if [ $rc = 0 ] && [ "$(grep -c ': comment: ' "$T/c.txt")" = 1 ] &&
   grep -q 't3.new.natural: comment: 表三.*增幅较大' "$T/c.txt"
then ok check-comments-text; else bad check-comments-text "rc=$rc $(cat "$T/c.txt")"; fi
"$NIANBAO" check --format json "$T/cm.yaml" >"$T/c.json"
if python3 - "$T/c.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))["files"][0]
assert f["open_comments"] == 1, f
c = f["comments"][0]
assert c["severity"] == "comment" and c["location"] == "t3.new.natural", c
assert c["author"] == "王审核" and "增幅" in c["message"], c
PY
then ok check-comments-json; else bad check-comments-json "$(head -c 300 "$T/c.json")"; fi

# diff: same 0, differ 1, unreadable 2; the carry-over warning for the
# next year of the same body.
"$NIANBAO" diff "$S/city-2021.yaml" "$S/city-2021.yaml" >/dev/null; r0=$?
"$NIANBAO" diff "$S/city-2020.yaml" "$S/city-2021.yaml" >"$T/d.txt"; r1=$?
"$NIANBAO" diff "$S/city-2020.yaml" "$T/none.yaml" 2>/dev/null; r2=$?
if [ "$r0$r1$r2" = 012 ] && grep -q '^t3.new.natural 三/.*自然人: 215 → 259（+44）$' "$T/d.txt"
then ok diff-status; else bad diff-status "$r0$r1$r2"; fi
awk '/^    carried:/{c=1} c && /natural:/{sub(/[0-9]+/, "15"); c=0} {print}' "$S/city-2021.yaml" >"$T/c21.yaml"
"$NIANBAO" diff "$S/city-2020.yaml" "$T/c21.yaml" >"$T/d2.txt"
"$NIANBAO" diff --format json "$S/city-2020.yaml" "$T/c21.yaml" >"$T/d2.json"
if grep -q 't3.carried.natural: warning: 与上年报告对照' "$T/d2.txt" && python3 - "$T/d2.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["consecutive"] is True and d["same_body"] is True
assert [x["location"] for x in d["carry_over"]] == ["t3.carried.natural"], d["carry_over"]
ch = [x for x in d["changes"] if x["location"] == "t3.carried.natural"][0]
assert ch["old"] == 9 and ch["new"] == 15 and ch["change"] == "+6", ch
PY
then ok diff-carry-over; else bad diff-carry-over "$(tail -3 "$T/d2.txt")"; fi

# sum: mixed layouts refused naming the files; a report with errors
# refused unless --allow-errors; the sum of two good reports is accepted
# by check, figures doubled to the last digit.
"$NIANBAO" sum -o "$T/mix.yaml" "$S/city-2021.yaml" "$S/city-2020.yaml" 2>"$T/mix.err"; rc=$?
if [ $rc = 1 ] && [ ! -e "$T/mix.yaml" ] && grep -q 'city-2020.yaml.*gk2019.*city-2021.yaml' "$T/mix.err"
then ok sum-layouts; else bad sum-layouts "rc=$rc $(cat "$T/mix.err")"; fi
"$NIANBAO" sum -o "$T/e.yaml" "$S/city-2021.yaml" "$S/city-2021-bad.yaml" 2>"$T/e.err"; rc=$?
"$NIANBAO" sum -o "$T/e2.yaml" --allow-errors "$S/city-2021.yaml" "$S/city-2021-bad.yaml" 2>/dev/null; rc2=$?
if [ $rc = 1 ] && [ ! -e "$T/e.yaml" ] && grep -q 'city-2021-bad.yaml: 报告有' "$T/e.err" &&
   [ $rc2 = 0 ] && grep -A30 '^rollup:' "$T/e2.yaml" | grep -q 'errors: [1-9]'
then ok sum-errors; else bad sum-errors "rc=$rc rc2=$rc2"; fi
cp "$S/city-2021.yaml" "$T/b.yaml"
"$NIANBAO" sum -o "$T/t.yaml" --agency 岚川市 "$S/city-2021.yaml" "$T/b.yaml" >/dev/null; rc=$?
"$NIANBAO" check "$T/t.yaml" >/dev/null; crc=$?
sha=$(sha256sum "$T/b.yaml" | cut -d' ' -f1)
if [ $rc = 0 ] && [ $crc = 0 ] && grep -q 'fees: "37302.12"' "$T/t.yaml" &&
   grep -q "sha256: \"$sha\"" "$T/t.yaml" && grep -q 'total: 614$' "$T/t.yaml"
then ok sum-good; else bad sum-good "rc=$rc check=$crc"; fi
"$NIANBAO" export --format text -o "$T/t.txt" "$T/t.yaml" >/dev/null 2>&1; rc=$?
if [ $rc = 0 ] && [ -s "$T/t.txt" ]; then ok sum-exports; else bad sum-exports "rc=$rc"; fi
