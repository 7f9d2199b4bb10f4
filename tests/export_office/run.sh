#!/bin/sh
# Office export tests: the docx and xlsx exports of the sample reports (both
# layouts, the one with findings) and of two awkward ones (fixtures.py),
# read back the way their readers read them: LibreOffice converts every
# docx to PDF in one run (its start-up is the slow part), then t_docx.py
# (python-docx, pdftotext) and t_xlsx.py (openpyxl) check them. Each prints
# `PASS name` / `FAIL name: why` lines; the runner ends with one line
# `N passed, N failed` and exits non-zero on any failure.
#
# Environment: NIANBAO (the program; default ./nianbao), KEEP_TMP=1 (keep
# the exports and PDFs, and say where).
set -u
here=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$here/../.." && pwd)
NIANBAO=${NIANBAO:-./nianbao}
case $NIANBAO in /*) ;; *) NIANBAO=$(pwd)/$NIANBAO ;; esac
. "$TOP/tests/lib/runner.sh"
PY=/usr/bin/python3 # Debian's, which has python3-docx and python3-openpyxl

work=$(mktemp -d "${TMPDIR:-/tmp}/nboffice.XXXXXX") || exit 2
if [ "${KEEP_TMP:-}" = 1 ]; then
	trap 'echo "kept $work"' EXIT
else
	trap 'rm -rf "$work"' EXIT
fi
trap 'exit 130' INT TERM HUP

samples="city-2021 city-2021-bad city-2020 seed-2019 hostile-2021 money-2019"
export NIANBAO OFFICE_WORK="$work" OFFICE_SAMPLES="$samples"

setup() {
	[ -x "$NIANBAO" ] || { echo "FAIL setup: $NIANBAO is not an executable (run make)"; return 1; }
	for t in soffice pdftotext pdfinfo; do
		command -v $t >/dev/null 2>&1 || { echo "FAIL setup: $t is not installed (make deps)"; return 1; }
	done
	for s in city-2021 city-2021-bad city-2020 seed-2019; do
		cp "$TOP/sample-data/$s.yaml" "$work/" || return 1
	done
	$PY "$here/fixtures.py" "$work" || { echo "FAIL setup: fixtures.py"; return 1; }
	for s in $samples; do
		for f in docx xlsx; do
			# A report with errors exports too (its findings on stderr).
			"$NIANBAO" export --format $f -o "$work/$s.$f" "$work/$s.yaml" 2>"$work/$s.$f.err"
			rc=$?
			if [ $rc -ne 0 ] || [ ! -s "$work/$s.$f" ]; then
				echo "FAIL export $s.$f: exit $rc: $(tail -1 "$work/$s.$f.err")"
			else
				echo "PASS export $s.$f"
			fi
		done
	done
	# One LibreOffice run for every file, with a profile of its own.
	mkdir -p "$work/pdf" "$work/lo"
	( cd "$work" && HOME="$work/lo" timeout -k 5 120 soffice -env:UserInstallation=file://$work/lo \
		--headless --norestore --convert-to pdf --outdir "$work/pdf" ./*.docx ) \
		>"$work/soffice.log" 2>&1
	rc=$?
	if [ $rc -ne 0 ] || grep -qi "error" "$work/soffice.log"; then
		echo "FAIL soffice: exit $rc: $(grep -i error "$work/soffice.log" | head -3)"
	else
		echo "PASS soffice converts $(ls "$work/pdf" | wc -l) documents"
	fi
}

runner_one setup "$work/setup.log" "" setup
runner_one docx "$work/docx.log" 120 $PY "$here/t_docx.py"
runner_one xlsx "$work/xlsx.log" 120 $PY "$here/t_xlsx.py"
runner_summary
