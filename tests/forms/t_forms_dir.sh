#!/bin/sh
# nianbao --forms tests/data/forms: the test layout province2021 is known,
# its cross-table inequality fails where the report breaks it, and a broken
# rule in a forms directory stops the program with FILE:LINE:COL.
set -u
dir=$TOP/tests/data/forms
rep=$TOP/tests/data/province2021-city.yaml
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nbformsdir.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
ok() { echo "PASS $1"; }
bad() { echo "FAIL $1"; }

out=$("$NIANBAO" --forms "$dir" forms 2>&1)
case $out in
*province2021*tests/data/forms/province2021.yaml*) ok forms-lists-province ;;
*) bad "forms-lists-province: $out" ;;
esac

"$NIANBAO" --forms "$dir" check "$rep" >"$tmp/out" 2>&1
rc=$?
want='t5.key_total.legal: error: 表五「法律服务机构」列：合计<=表三「一」 不成立：合计为 11，表三「一」为 10；左边应不大于右边，现左边多 1'
if [ "$rc" -eq 1 ] && grep -qF "$want" "$tmp/out" && [ "$(grep -c ': error: ' "$tmp/out")" -eq 1 ]; then
	ok check-cross-table-inequality
else
	bad "check-cross-table-inequality: exit $rc"; cat "$tmp/out"
fi

# The same report without the forms directory: its layout is unknown.
"$NIANBAO" check "$rep" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then ok check-without-forms-dir; else bad "check-without-forms-dir: exit $rc"; cat "$tmp/out"; fi

# One rule with a misspelt table: exit 2, the message at the term.
mkdir "$tmp/forms"
sed 's/rule: "key_total <= t3.new"/rule: "key_total <= t9.new"/' "$dir/province2021.yaml" \
	>"$tmp/forms/province2021.yaml"
line=$(grep -n 't9.new' "$tmp/forms/province2021.yaml" | cut -d: -f1)
col=$(grep 't9.new' "$tmp/forms/province2021.yaml" | awk '{ print index($0, "t9.new") }')
"$NIANBAO" --forms "$tmp/forms" check "$rep" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -qF "$tmp/forms/province2021.yaml:$line:$col: 规则中没有表“t9”" "$tmp/out"; then
	ok bad-rule-file-line-col
else
	bad "bad-rule-file-line-col: exit $rc, want line $line col $col"; cat "$tmp/out"
fi
