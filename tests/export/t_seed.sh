# The text layout is the seed's: exporting the seed report (typed from the
# seed page into sample-data/seed-2019.yaml) gives the seed text back, line
# for line, up to what FORMATS.md lists as the seed page's own quirks: no
# title line, the heading 二 repeated before its table, half-width
# brackets and commas, header cells split over two lines ("本年新 制作数量"),
# the typo "一年项目数量", and no newline at the end.
. "$TOP/tests/export/lib.sh"
# seed.txt is the seed page as published (a copy of the project's seed,
# 000_fc92877fd393e861.txt), kept here so the test runs anywhere.
seed=$TOP/tests/export/seed.txt
"$NIANBAO" export --format text -o "$TMPDIR/ours.txt" "$TOP/sample-data/seed-2019.yaml" 2>/dev/null

# Normalise both sides the same way: brackets, colons and commas to
# half-width, spaces out; the seed's repeated heading out; our title out.
norm() {
	sed -e 's/（/(/g; s/）/)/g; s/：/:/g; s/，/,/g; s/ //g' -e 's/|$/ |/' "$1"
}
norm "$seed" | awk 'seen[$0]++ && /^(一|二|三|四|五|六)、/ {next} {print}' >"$TMPDIR/seed.n"
sed 1d "$TMPDIR/ours.txt" >"$TMPDIR/ours.1"
norm "$TMPDIR/ours.1" >"$TMPDIR/ours.n"
title=$(head -1 "$TMPDIR/ours.txt")
if [ "$title" = "克尔根卓街道办事处2019年政府信息公开工作年度报告" ]; then
	pass "seed: the title line"
else
	fail "seed: the title line is \"$title\""
fi
if [ "$(wc -l <"$TMPDIR/seed.n")" -eq "$(wc -l <"$TMPDIR/ours.n")" ]; then
	pass "seed: as many lines as the seed page ($(wc -l <"$TMPDIR/ours.n"))"
else
	fail "seed: $(wc -l <"$TMPDIR/ours.n") lines, the seed page has $(wc -l <"$TMPDIR/seed.n")"
fi
diff "$TMPDIR/seed.n" "$TMPDIR/ours.n" >"$TMPDIR/diff"
if [ "$(grep -c '^[<>]' "$TMPDIR/diff")" -eq 2 ] &&
   grep -qx '< 一年项目数量 |' "$TMPDIR/diff" && grep -qx '> 上一年项目数量 |' "$TMPDIR/diff"; then
	pass "seed: every line as the seed page has it, but its typo"
else
	fail "seed: lines differ from the seed page:"
	head -20 "$TMPDIR/diff"
fi
