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

# ---- other local users (issue 10: shared folders) ----------------------
# CI runs these as root; each test makes its own accounts and groups and
# removes them on exit (call users_cleanup from the EXIT trap).
# mkuser/mkgroup run in $(...) subshells: the names go to a file.
NB_MADE=${TMPDIR:-/tmp}/nbmade.$$
# mkgroup NAME: prints the real group name (unique to this test run)
mkgroup() {
	g=nbg$1$$
	groupadd "$g" >/dev/null 2>&1 || { echo "groupadd $g failed" >&2; return 1; }
	echo "g $g" >>"$NB_MADE"
	echo "$g"
}
# mkuser NAME [GROUP]: prints the real user name; no home directory is
# made (tests give HOME and XDG_STATE_HOME themselves)
mkuser() {
	u=nbu$1$$
	if [ -n "${2:-}" ]; then
		useradd -M -N -g users -G "$2" -s /bin/sh "$u" >/dev/null 2>&1
	else
		useradd -M -N -g users -s /bin/sh "$u" >/dev/null 2>&1
	fi || { echo "useradd $u failed" >&2; return 1; }
	echo "u $u" >>"$NB_MADE"
	echo "$u"
}
# as USER CMD...: run CMD as USER with that user's groups only
as() {
	_u=$1
	shift
	setpriv --reuid="$_u" --regid="$(id -g "$_u")" --init-groups "$@"
}
users_cleanup() {
	[ -f "$NB_MADE" ] || return 0
	for u in $(sed -n 's/^u //p' "$NB_MADE"); do userdel "$u" >/dev/null 2>&1; done
	for g in $(sed -n 's/^g //p' "$NB_MADE"); do groupdel "$g" >/dev/null 2>&1; done
	rm -f "$NB_MADE"
}
# shared_dir MODE: a world-traversable scratch directory holding a
# folder "shared" with MODE (3777 sticky, 2775 group...); prints its path
shared_dir() {
	_d=$(mktemp -d "${TMPDIR:-/tmp}/nbshared.XXXXXX") || return 1
	chmod 755 "$_d"
	mkdir "$_d/shared" && chmod "$1" "$_d/shared"
	echo "$_d"
}
