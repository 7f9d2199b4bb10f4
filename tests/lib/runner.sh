# Shared by tests/fault/run.sh and tests/screen/run.sh (sourced, POSIX sh):
# run t_*.sh scripts one by one into logs, count their `PASS name` /
# `FAIL name...` lines, and end with one line `N passed, N failed`.
#
#   runner_one NAME LOG LIMIT CMD...   run CMD, output into LOG, then shown.
#       LIMIT: seconds before timeout(1) kills it, or empty for no limit.
#       A run killed by the limit is one more failure; a non-zero exit
#       without a FAIL line is one failure, as is a run that prints no
#       result at all.
#   runner_failed WHAT                 one failure outside the scripts
#       (setup, a helper that does not build): prints `FAIL WHAT`.
#   runner_summary                     the summary; its status is 0 only
#       when nothing failed (end the runner with it).

runner_pass=0
runner_fail=0
runner_start=$(date +%s)

runner_one() {
	_name=$1 _log=$2 _limit=$3
	shift 3
	_t0=$(date +%s)
	if [ -n "$_limit" ]; then
		timeout -k 5 "$_limit" "$@" >"$_log" 2>&1
	else
		"$@" >"$_log" 2>&1
	fi
	_rc=$?
	cat "$_log"
	_p=$(grep -c '^PASS ' "$_log")
	_f=$(grep -c '^FAIL ' "$_log")
	if [ -n "$_limit" ] && { [ "$_rc" -eq 124 ] || [ "$_rc" -eq 137 ]; }; then
		echo "FAIL $_name: killed after $_limit s"
		_f=$((_f + 1))
	elif [ "$_rc" -ne 0 ] && [ "$_f" -eq 0 ]; then
		echo "FAIL $_name: exit status $_rc"
		_f=1
	fi
	if [ "$_p" -eq 0 ] && [ "$_f" -eq 0 ]; then
		echo "FAIL $_name: printed no result"
		_f=1
	fi
	echo "  ($_name: $(($(date +%s) - _t0)) s)"
	runner_pass=$((runner_pass + _p))
	runner_fail=$((runner_fail + _f))
}

runner_failed() {
	echo "FAIL $1"
	runner_fail=$((runner_fail + 1))
}

runner_summary() {
	echo "  (all: $(($(date +%s) - runner_start)) s)"
	echo "$runner_pass passed, $runner_fail failed"
	[ "$runner_fail" -eq 0 ]
}
