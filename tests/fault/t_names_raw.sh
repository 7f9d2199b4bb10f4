#!/bin/sh
# Issue 10, finding 8: a file name reached the terminal raw:
# `nianbao check "$(printf 'x\e]0;OWNED\a\e[2Jy.yaml')"` printed the escape
# sequences (a name may hold any byte but '/' and NUL). Names are now
# shown with control characters as '?', like file contents. And `edit`
# on a file over the size limit gave no LINE:COL, unlike `check`.
. "$(dirname "$0")/lib.sh"
d=$(mktemp -d "${TMPDIR:-/tmp}/nbnames.XXXXXX") || exit 1
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1
bad=$(printf 'x\033]0;OWNED\007\033[2Jy.yaml')
# A report with a finding, so its name is printed on stdout too.
sed "65s/natural: 259/natural: 258/" "$TOP/sample-data/city-2021.yaml" > "$bad"
printf 'nianbao: 1\nform: [\n' > "bad-$bad"
esc=$(printf '\033')
bel=$(printf '\007')
for what in findings damaged missing; do
	case $what in
	findings) f=$bad ;;
	damaged) f=bad-$bad ;;
	missing) f=missing-$bad ;;
	esac
	"$NIANBAO" check "$f" > out 2>&1
	rc=$?
	od -c out | sed -n 1,2p | sed 's/^/  /'
	if [ $rc -le 2 ] && ! grep -q "$esc" out && ! grep -q "$bel" out && grep -q 'OWNED' out; then
		pass "names-clean-check-$what"
	else
		fail "names-clean-check-$what" "escape bytes printed (rc=$rc)"
	fi
done

# Over the size limit: both commands say FILE:1:1.
head -c $((5 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > big.yaml
"$NIANBAO" check big.yaml > c.out 2>&1
"$NIANBAO" edit big.yaml > e.out 2>&1 </dev/null
sed 's/^/  check: /' c.out
sed 's/^/  edit: /' e.out
if grep -q '^big.yaml:1:1: ' c.out && grep -q 'big.yaml:1:1: ' e.out; then
	pass names-edit-too-big-position
else
	fail names-edit-too-big-position "edit gives no LINE:COL for a file over the limit"
fi
