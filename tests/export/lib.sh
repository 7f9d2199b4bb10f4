# Sourced by the export tests (POSIX sh). Environment from run.sh: NIANBAO
# (the program), TOP (the source tree), TMPDIR (this test's own folder).
set -u
PY=/usr/bin/python3   # Debian's, with python3-html5lib (not a pyenv shim)
CHECK="$PY $TOP/tests/export/check_html.py"
SAMPLES="city-2021 city-2020 seed-2019"

pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; }

# Headless Chromium as this machine must start it, with its own profile
# folder; a hung browser is killed after a minute.
chrome() {
	_prof=$(mktemp -d "$TMPDIR/chrome.XXXXXX")
	timeout -k 5 60 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$_prof" "$@" 2>>"$TMPDIR/chrome.log"
	_rc=$?
	rm -rf "$_prof"
	return $_rc
}

# Run a check; PASS or FAIL with its output.
expect_ok() {
	_what=$1
	shift
	if _out=$("$@" 2>&1); then
		pass "$_what"
	else
		fail "$_what: $_out"
	fi
}
