# Shared by the t_*.sh fault scripts: `. "$(dirname "$0")/lib.sh"`.
# pass NAME / fail NAME WHY print the result lines run.sh counts.
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
need_faultbin() {
	if [ -z "${FAULTBIN:-}" ] || [ ! -x "$FAULTBIN/nbfault" ]; then
		fail "$1" "FAULTBIN/nbfault missing (run tests/fault/run.sh)"
		exit 1
	fi
}
# temps DIR: how many of our temporary files are in DIR
temps() { ls -a "$1" | grep -c '\.nbtmp\.'; }
# A text of N kilobytes that looks like a report.
report_text() {
	i=0
	echo "nianbao: 1"
	echo "form: gk2021"
	while [ $i -lt $(($1 * 1024 / 40)) ]; do
		echo "  t3.r$i.natural: $2$i # 第$i行"
		i=$((i + 1))
	done
	echo "..."
}
