#!/bin/sh
# make check-arm64: nianbao for ARM64 office PCs, tested on this machine.
#   cross     the Check runner and the binary cross-built into build-arm64/
#             (aarch64-linux-gnu-gcc, the arm64 -dev packages via multiarch)
#   suites    every Check suite run under qemu-user
#   commands  check / cells / fmt / forms / --version / keys on the sample
#             reports: output and exit status identical to the amd64 build
#   deb       the arm64 package (tools/deb.sh arm64): lintian clean, the
#             same files as the amd64 one, and its own binary gives the same
#             outputs under qemu
# Ends with `N passed, N failed`. NO_BUILD=1 reuses build/deb/*.deb.
#
# qemu-aarch64 runs without -L: the arm64 libraries and loader are the
# multiarch ones (libc6:arm64 etc.). With -L /usr/aarch64-linux-gnu the
# cross toolchain's older libc loader was mixed with the multiarch libc,
# and every forked Check test hung.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
. "$top/tests/lib/runner.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/nbarm.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
pass() { echo "PASS $1"; runner_pass=$((runner_pass + 1)); }
fail() { echo "FAIL $1: $2"; runner_fail=$((runner_fail + 1)); }
QEMU=qemu-aarch64
export LANG=C.UTF-8 LC_ALL=C.UTF-8

for tool in aarch64-linux-gnu-gcc aarch64-linux-gnu-pkg-config $QEMU; do
	command -v "$tool" >/dev/null 2>&1 || fail setup "$tool is not installed (make deps)"
done
if [ "$runner_fail" -gt 0 ]; then
	runner_summary
	exit 1
fi

# --- cross build ------------------------------------------------------
B=build-arm64
if make --no-print-directory -j"${JOBS:-2}" BUILD=$B CC=aarch64-linux-gnu-gcc \
	PKG_CONFIG=aarch64-linux-gnu-pkg-config CC_FOR_BUILD=cc \
	$B/nianbao $B/check_nianbao >"$T/build.log" 2>&1 &&
	file $B/nianbao $B/check_nianbao | grep -c "ARM aarch64" | grep -qx 2; then
	pass cross-build
else
	fail cross-build "$(tail -20 "$T/build.log")"
	runner_summary
	exit 1
fi

# --- the Check suites under qemu --------------------------------------
if CK_FORK=yes timeout 600 $QEMU $B/check_nianbao >"$T/suites.log" 2>&1; then
	pass "suites-under-qemu ($(tail -1 "$T/suites.log"))"
else
	fail suites-under-qemu "$(grep -v '^Running' "$T/suites.log" | tail -30)"
fi

# --- the same outputs as the amd64 build --------------------------------
# same NAME ARM64-BINARY: every command of the list gives the same output
# and exit status under qemu as ./nianbao.
S=sample-data
cmds() {
	for f in $S/city-2020.yaml $S/city-2021.yaml $S/city-2021-bad.yaml $S/seed-2019.yaml; do
		echo "check $f"
		echo "check --format json $f"
		echo "cells $f"
		echo "fmt $f"
	done
	echo "check --last $S/city-2020.yaml $S/city-2021.yaml"
	echo "forms"
	echo "--version"
	echo "keys"
	echo "keys --man zh_CN"
	echo "check tests/nonexistent.yaml"
	echo "new"
}
same() {
	name=$1 arm=$2 n=0 bad=
	cmds >"$T/cmds"
	while read -r c; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		./nianbao $c >"$T/x86.$n" 2>&1
		echo "exit $?" >>"$T/x86.$n"
		# shellcheck disable=SC2086
		$QEMU "$arm" $c >"$T/arm.$n" 2>&1 </dev/null
		echo "exit $?" >>"$T/arm.$n"
		cmp -s "$T/x86.$n" "$T/arm.$n" || bad="$bad
--- nianbao $c
$(diff "$T/x86.$n" "$T/arm.$n" | head -10)"
	done <"$T/cmds"
	if [ -z "$bad" ]; then
		pass "$name ($n commands)"
	else
		fail "$name" "$bad"
	fi
}
same commands-same-as-amd64 $B/nianbao

# --- the arm64 package ---------------------------------------------------
version=$(dpkg-parsechangelog -l debian/changelog -S Version)
native=$(dpkg --print-architecture)
pkg=build/deb/nianbao_${version}_arm64.deb
if [ -z "${NO_BUILD:-}" ] || [ ! -f "$pkg" ]; then
	if sh tools/deb.sh arm64 >"$T/deb.log" 2>&1 && [ -f "$pkg" ]; then
		pass deb-arm64-build
	else
		fail deb-arm64-build "$(tail -20 "$T/deb.log")"
		runner_summary
		exit 1
	fi
fi
if lintian --fail-on error,warning "$pkg" >"$T/lintian.log" 2>&1 &&
	! grep -Eq '^[EW]: ' "$T/lintian.log"; then
	pass deb-arm64-lintian
else
	fail deb-arm64-lintian "$(cat "$T/lintian.log")"
fi
if [ "$(dpkg-deb -f "$pkg" Architecture)" = arm64 ] &&
	dpkg-deb -f "$pkg" Depends | grep -q 'libyaml-0-2'; then
	pass deb-arm64-control
else
	fail deb-arm64-control "$(dpkg-deb -f "$pkg" Architecture Depends)"
fi
# The same files as this machine's package (when it has been built).
other=build/deb/nianbao_${version}_$native.deb
if [ -f "$other" ] && [ "$native" != arm64 ]; then
	dpkg-deb -c "$pkg" | awk '{print $NF}' | sed 's|/usr/lib/debug.*||' | sort >"$T/arm.list"
	dpkg-deb -c "$other" | awk '{print $NF}' | sort >"$T/nat.list"
	if cmp -s "$T/arm.list" "$T/nat.list"; then
		pass deb-arm64-same-files
	else
		fail deb-arm64-same-files "$(diff "$T/nat.list" "$T/arm.list")"
	fi
fi
dpkg-deb -x "$pkg" "$T/root"
same deb-arm64-binary "$T/root/usr/bin/nianbao"
runner_summary
