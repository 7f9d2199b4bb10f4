#!/bin/sh
# make check-deb: the Debian package, honestly.
#   versions  Makefile, NEWS, debian/changelog and `nianbao --version` agree
#   build     tools/deb.sh builds build/deb/nianbao_VERSION_ARCH.deb
#   lintian   no error and no warning (overrides carry their reasons)
#   install   apt-get install ./nianbao_*.deb on this machine (CI: a fresh
#             Debian 12 as root); dpkg -L lists exactly what the Makefile's
#             install target and debian/ put in, and every file is there
#   run       the installed nianbao checks the installed sample reports,
#             finds its forms and its manual pages in both languages
#   remove    dpkg -r, then dpkg -P: nothing of it is left
# Ends with `N passed, N failed`. Needs root or sudo (apt-get, dpkg).
# NO_BUILD=1 reuses the .deb already in build/deb/.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
. "$top/tests/lib/runner.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/nbdeb.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

pass() { echo "PASS $1"; runner_pass=$((runner_pass + 1)); }
fail() { echo "FAIL $1: $2"; runner_fail=$((runner_fail + 1)); }

# --- versions ------------------------------------------------------------
mk=$(sed -n 's/^VERSION *:= *//p' Makefile)
news=$(grep -E '^[0-9]+\.[0-9]+\.[0-9]+ \(' NEWS | head -1 | cut -d' ' -f1)
deb=$(dpkg-parsechangelog -l debian/changelog -S Version)
bin=$(./nianbao --version 2>/dev/null | head -1)
if [ "$mk" = "$news" ] && [ "$mk" = "$deb" ] && [ "$bin" = "nianbao $mk" ]; then
	pass versions-agree
else
	fail versions-agree "Makefile $mk, NEWS $news, debian/changelog $deb, ./nianbao --version: $bin"
fi
# Every release in NEWS has its changelog entry and the reverse.
grep -E '^[0-9]+\.[0-9]+\.[0-9]+ \(' NEWS | cut -d' ' -f1 | sort >"$T/news.v"
sed -n "s/^nianbao (\([^)]*\)).*/\1/p" debian/changelog | sort >"$T/deb.v"
if cmp -s "$T/news.v" "$T/deb.v"; then
	pass versions-every-release
else
	fail versions-every-release "NEWS and debian/changelog list different releases: $(diff "$T/news.v" "$T/deb.v" | grep '^[<>]' | tr '\n' ' ')"
fi
# --version names every form the binary carries.
if ./nianbao --version | grep -q "report format: nianbao_report [0-9]" &&
	for id in $(./nianbao forms | cut -f1); do
		./nianbao --version | grep -q "^  $id	" || exit 1
	done; then
	pass version-lists-forms
else
	fail version-lists-forms "$(./nianbao --version)"
fi

# --- build and lintian -----------------------------------------------------
arch=$(dpkg --print-architecture)
pkg=build/deb/nianbao_${deb}_$arch.deb
if [ -z "${NO_BUILD:-}" ] || [ ! -f "$pkg" ]; then
	if sh tools/deb.sh "$arch" >"$T/build.log" 2>&1 && [ -f "$pkg" ]; then
		pass build
	else
		fail build "$(tail -20 "$T/build.log")"
	fi
fi
if [ ! -f "$pkg" ]; then
	runner_summary
	exit 1
fi
if lintian --fail-on error,warning "$pkg" >"$T/lintian.log" 2>&1 &&
	! grep -Eq '^[EW]: ' "$T/lintian.log"; then
	pass lintian
else
	fail lintian "$(cat "$T/lintian.log")"
fi

# --- install ---------------------------------------------------------------
if dpkg-query -W -f='${Status}' nianbao 2>/dev/null | grep -q "ok installed"; then
	echo "  (nianbao was installed before the test; purging it first)"
	$SUDO dpkg -P nianbao >/dev/null 2>&1
fi
if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
	-o DPkg::Lock::Timeout=300 "./$pkg" >"$T/apt.log" 2>&1 &&
	[ "$(dpkg-query -W -f='${Version}' nianbao)" = "$deb" ]; then
	pass install
else
	fail install "$(tail -20 "$T/apt.log")"
	runner_summary
	exit 1
fi

# What the package should hold: what the Makefile installs with
# PREFIX=/usr (manual pages compressed by dh_compress), the examples of
# debian/nianbao.examples, the docs, copyright and changelog.
make --no-print-directory install PREFIX=/usr DESTDIR="$T/root" >/dev/null 2>&1
{
	(cd "$T/root" && find . -type f | sed 's|^\.||; s|^\(/usr/share/man/.*\)$|\1.gz|')
	sed 's|.*/|/usr/share/doc/nianbao/examples/|' debian/nianbao.examples
	sed 's|^\(.*\)$|/usr/share/doc/nianbao/\1.gz|' debian/nianbao.docs
	echo /usr/share/doc/nianbao/copyright
	echo /usr/share/doc/nianbao/changelog.gz
	echo /usr/share/lintian/overrides/nianbao
} | sort >"$T/want"
dpkg -L nianbao | while read -r f; do [ -d "$f" ] || echo "$f"; done | sort >"$T/got"
if cmp -s "$T/want" "$T/got"; then
	pass dpkg-L-lists-what-it-should
else
	fail dpkg-L-lists-what-it-should "(- expected, + dpkg -L)
$(diff -u "$T/want" "$T/got" | tail -n +3)"
fi
missing=$(while read -r f; do [ -f "$f" ] || echo "$f"; done <"$T/got")
if [ -z "$missing" ]; then
	pass files-on-disk
else
	fail files-on-disk "listed but absent (a dpkg path-exclude?): $missing"
fi

# --- run the installed program --------------------------------------------
ex=/usr/share/doc/nianbao/examples
export LANG=C.UTF-8 LC_ALL=C.UTF-8
if [ "$(command -v nianbao)" = /usr/bin/nianbao ] &&
	/usr/bin/nianbao --version | head -1 | grep -qx "nianbao $deb"; then
	pass installed-version
else
	fail installed-version "$(/usr/bin/nianbao --version 2>&1 | head -1)"
fi
if /usr/bin/nianbao check --last "$ex/city-2020.yaml" "$ex/city-2021.yaml" >"$T/out" 2>&1 &&
	/usr/bin/nianbao check "$ex/seed-2019.yaml" >>"$T/out" 2>&1; then
	pass check-installed-samples
else
	fail check-installed-samples "$(cat "$T/out")"
fi
# The report with deliberate errors: exit status 1, and each error the
# sample's own list names is found.
/usr/bin/nianbao check "$ex/city-2021-bad.yaml" >"$T/bad" 2>&1
rc=$?
n=0
for cell in $(grep -v '^#' "$ex/city-2021-bad.txt" | cut -f3); do
	grep -q ": $cell: error: " "$T/bad" || n=$((n + 1))
done
if [ "$rc" -eq 1 ] && [ "$n" -eq 0 ]; then
	pass check-installed-bad-sample
else
	fail check-installed-bad-sample "exit status $rc, $n errors of city-2021-bad.txt not reported"
fi
# The forms installed for --forms are the ones compiled in.
if /usr/bin/nianbao --forms /usr/share/nianbao/forms forms >"$T/forms" 2>&1 &&
	[ "$(cut -f1-4 "$T/forms")" = "$(/usr/bin/nianbao forms | cut -f1-4)" ] &&
	grep -q "/usr/share/nianbao/forms/gk2021.yaml" "$T/forms"; then
	pass installed-forms
else
	fail installed-forms "$(cat "$T/forms")"
fi
# man finds both manuals: English by default, Chinese under zh_CN.
en=$(LANG=C.UTF-8 man -w nianbao 2>&1)
zh=$(LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 man -w nianbao 2>&1)
if [ "$en" = /usr/share/man/man1/nianbao.1.gz ] &&
	[ "$zh" = /usr/share/man/zh_CN/man1/nianbao.1.gz ] &&
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 MANWIDTH=80 man nianbao-report 2>/dev/null | grep -q "年报文件"; then
	pass installed-manuals
else
	fail installed-manuals "man -w: $en; under zh_CN: $zh"
fi

# --- remove and purge -----------------------------------------------------
if $SUDO dpkg -r nianbao >"$T/rm.log" 2>&1 && $SUDO dpkg -P nianbao >>"$T/rm.log" 2>&1; then
	pass remove
else
	fail remove "$(cat "$T/rm.log")"
fi
left=$(while read -r f; do [ -e "$f" ] && echo "$f"; done <"$T/got")
for d in /usr/share/nianbao /usr/share/doc/nianbao /usr/share/man/zh_CN/man1/nianbao.1.gz; do
	[ -e "$d" ] && left="$left $d"
done
status=$(dpkg-query -W -f='${Status}' nianbao 2>/dev/null)
if [ -z "$left" ] &&
	{ [ -z "$status" ] || [ "$status" = "unknown ok not-installed" ]; }; then
	pass nothing-left
else
	fail nothing-left "left behind: $left; dpkg status: $status"
fi
runner_summary
