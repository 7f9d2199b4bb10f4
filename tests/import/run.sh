#!/bin/sh
# Import tests: every fixture of tests/import/fixtures imports to what its
# .json says (cells as published, texts, cover); the seed imports to
# sample-data/seed-2019.yaml cell for cell and text for text; inputs that
# cannot be placed fail with status 2 and a FILE:LINE message; hostile pages
# (huge, deeply nested, broken, wrongly encoded, binary) give a clear error
# and no crash. Ends with `N passed, N failed`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$here/../.." && pwd)
NIANBAO=${NIANBAO:-$TOP/nianbao}
F=$here/fixtures
PYTHON=${PYTHON:-/usr/bin/python3}
. "$TOP/tests/lib/runner.sh"
export LC_ALL=C.UTF-8
T=$(mktemp -d "${TMPDIR:-/tmp}/nbimport.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM

pass() { echo "PASS $1"; runner_pass=$((runner_pass + 1)); }
fail() { echo "FAIL $1"; runner_fail=$((runner_fail + 1)); }

# A crash (signal, sanitizer report) is never a clear error.
crashed() { [ "$1" -ge 128 ] || grep -q 'Sanitizer\|runtime error' "$2"; }

for f in "$F"/*.html "$F"/*.txt; do
	[ -f "$f.json" ] || continue
	n=$(basename "$f")
	if "$NIANBAO" import --force -o "$T/o.yaml" "$f" >"$T/log" 2>&1 &&
		"$PYTHON" "$here/compare.py" "$T/o.yaml" "$f.json" >>"$T/log" 2>&1; then
		pass "import $n"
	else
		cat "$T/log"
		fail "import $n"
	fi
done

# A published page with the 总计 column blank: one finding naming the
# column, no error per row, no cascade into the balance rules.
for f in "$F/blank-total.txt" "$F/blank-total.html"; do
	n=$(basename "$f")
	"$NIANBAO" import --force -o "$T/bt.yaml" "$f" >"$T/log" 2>&1
	"$NIANBAO" check "$T/bt.yaml" >"$T/out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && [ "$(wc -l <"$T/out")" -eq 1 ] &&
		grep -q 'warning: 表三「总计」列有 [0-9]* 处未填写' "$T/out"; then
		pass "check $n: a blank 总计 column is one finding"
	else
		echo "  status $rc:"; head -5 "$T/out"
		fail "check $n: a blank 总计 column is one finding"
	fi
	rm -f "$T/bt.yaml"
done

# The 2021 tables with the 2019 single-row （六）其他处理: the group's figures
# kept as published (the fixture loop above compares them), no invented
# finding, and the file saves back byte for byte.
for f in "$F/six2019-2021.txt" "$F/six2019-2021.html"; do
	n=$(basename "$f")
	rm -f "$T/six.yaml" "$T/six2.yaml"
	if "$NIANBAO" import --force -o "$T/six.yaml" "$f" >"$T/log" 2>&1 &&
		"$NIANBAO" check "$T/six.yaml" >"$T/out" 2>&1 && [ ! -s "$T/out" ] &&
		grep -q '^    otherwise:' "$T/six.yaml" &&
		"$NIANBAO" new --from "$T/six.yaml" "$T/six2.yaml" >/dev/null 2>&1; then
		pass "check $n: （六） as one row, no invented finding"
	else
		cat "$T/log" "$T/out" | head -5
		fail "check $n: （六） as one row, no invented finding"
	fi
done

# The seed: equal in every cell and every section to the sample.
if "$NIANBAO" import --force -o "$T/seed.yaml" "$F/seed-2019.txt" >"$T/log" 2>&1 &&
	"$NIANBAO" cells "$T/seed.yaml" >"$T/a" && "$NIANBAO" cells "$TOP/sample-data/seed-2019.yaml" >"$T/b" &&
	cmp -s "$T/a" "$T/b" &&
	sed -n '/^text:/,/^tables:/p' "$T/seed.yaml" >"$T/a" &&
	sed -n '/^text:/,/^tables:/p' "$TOP/sample-data/seed-2019.yaml" >"$T/b" && cmp -s "$T/a" "$T/b"; then
	pass "seed imports to sample-data/seed-2019.yaml"
else
	cat "$T/log"; diff "$T/a" "$T/b" | head -20
	fail "seed imports to sample-data/seed-2019.yaml"
fi

# Several inputs, one file each into a directory.
mkdir "$T/dir"
if "$NIANBAO" import --force -o "$T/dir" "$F/plain-2021.html" "$F/plain-2019.txt" >/dev/null 2>&1 &&
	[ -f "$T/dir/plain-2021.yaml" ] && [ -f "$T/dir/plain-2019.yaml" ]; then
	pass "several inputs into a directory"
else
	fail "several inputs into a directory"
fi

# new --from a published page carries last year's 结转 over.
if "$NIANBAO" new --from "$F/plain-2019.html" "$T/next.yaml" >"$T/log" 2>&1 &&
	"$NIANBAO" import --force -o "$T/last.yaml" "$F/plain-2019.html" >/dev/null 2>&1 &&
	[ "$("$NIANBAO" cells "$T/next.yaml" | grep '^t3.carried.total' | cut -f3)" = \
	  "$("$NIANBAO" cells "$T/last.yaml" | grep '^t3.next.total' | cut -f3)" ] &&
	[ -n "$("$NIANBAO" cells "$T/last.yaml" | grep '^t3.next.total' | cut -f3)" ]; then
	pass "new --from a published page"
else
	cat "$T/log"
	fail "new --from a published page"
fi

# check --last with another body's report, or not last year's: a warning.
"$NIANBAO" check --last "$TOP/sample-data/seed-2019.yaml" "$TOP/sample-data/city-2021.yaml" >"$T/a" 2>&1
"$NIANBAO" check --last "$TOP/sample-data/city-2021.yaml" "$TOP/sample-data/city-2021.yaml" >"$T/b" 2>&1
"$NIANBAO" check --last "$TOP/sample-data/city-2020.yaml" "$TOP/sample-data/city-2021.yaml" >"$T/c" 2>&1
if grep -q '封面: warning: --last 的报告是另一机关的' "$T/a" &&
	grep -q '封面: warning: --last 的报告是2021年度的' "$T/b" && ! grep -q '封面: warning' "$T/c"; then
	pass "check --last warns about another body or year"
else
	head -3 "$T/a" "$T/b" "$T/c"
	fail "check --last warns about another body or year"
fi

# What cannot be placed: status 2 and where.
expect_err() { # NAME FILE PATTERN
	"$NIANBAO" import --force -o "$T/e.yaml" "$2" >"$T/log" 2>&1
	rc=$?
	if [ $rc -eq 2 ] && ! crashed $rc "$T/log" && grep -q -- "$3" "$T/log" && [ ! -f "$T/e.yaml" ]; then
		pass "$1"
	else
		echo "  status $rc:"; cat "$T/log"
		fail "$1"
	fi
	rm -f "$T/e.yaml"
}
expect_err "a missing row is named with its line" "$F/err-missing-row.txt" 'err-missing-row.txt:181: .*2.重复申请'
expect_err "a figure in words is refused at its line" "$F/err-words.html" 'err-words.html:[0-9]*: .*予以公开.*一百一十二'
expect_err "a cut table says what is missing" "$F/err-truncated.txt" 'err-truncated.txt:[0-9]*: 表格在此结束'
expect_err "no tables at all" "$F/err-no-table.txt" '没有找到年报的表格'
expect_err "broken markup" "$F/hostile-broken.html" 'hostile-broken.html'
expect_err "bytes in no known encoding" "$F/hostile-encoding.html" '编码无法识别'
expect_err "a report file is not imported" "$TOP/sample-data/city-2021.yaml" '已是年报文件'

# Hostile pages made here (too big to keep in the tree).
"$PYTHON" -c 'import sys; sys.stdout.write("<div>" * 200000 + "x")' >"$T/deep.html"
expect_err "200,000 nested elements" "$T/deep.html" 'deep.html'
"$PYTHON" -c 'import sys; sys.stdout.write("<table>" + "<tr><td>0</td></tr>" * 1200000 + "</table>")' >"$T/huge.html"
expect_err "a page past 16 MiB" "$T/huge.html" '文件太大'
printf '<html>\000\001\002</html>' >"$T/nul.html"
expect_err "NUL bytes" "$T/nul.html" 'NUL'
"$PYTHON" -c 'import sys; sys.stdout.write("<table>" + "<tr><td>\u89c4\u7ae0</td>" + "<td>1</td>" * 50000 + "</tr>" * 20 + "</table>")' >"$T/wide.html"
expect_err "a table of a million cells" "$T/wide.html" 'wide.html'

runner_summary
