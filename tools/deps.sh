#!/bin/sh
# Install the Debian packages nianbao needs to build, test, package and
# benchmark, but only those missing. Needs root (or sudo) when something
# is missing.
set -e
PKGS="build-essential pkg-config libncurses-dev libyaml-dev libssl-dev zlib1g-dev
libzip-dev libxlsxwriter-dev libxml2-dev
check tmux mandoc valgrind clang libclang-rt-14-dev python3 python3-yaml nano dialog
locales chromium poppler-utils tidy python3-html5lib python3-docx python3-openpyxl
libreoffice-writer-nogui fonts-noto-cjk python3-bs4 python3-lxml time
debhelper dpkg-dev fakeroot lintian man-db
crossbuild-essential-arm64 qemu-user"
# The arm64 package and make check-arm64: the same libraries for arm64
# (multiarch), and the arch-prefixed pkg-config that finds them.
ARM64_PKGS="pkgconf libncurses-dev libyaml-dev libssl-dev zlib1g-dev libzip-dev
libxlsxwriter-dev libxml2-dev check"
# The Chinese manual is read with LANG=zh_CN.UTF-8 (man(1) and the tests).
LOCALE=zh_CN.UTF-8

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
missing=""
for p in $PKGS; do
	installed "$p" || missing="$missing $p"
done
for p in $ARM64_PKGS; do
	installed "$p:arm64" || missing="$missing $p:arm64"
done
if [ -n "$missing" ]; then
	echo "nianbao: installing missing packages:$missing"
	# arm64 packages need the architecture known to dpkg; add it once.
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		$SUDO dpkg --add-architecture arm64
	fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
	echo "nianbao: generating the $LOCALE locale"
	$SUDO sed -i "s/^# *\($LOCALE UTF-8\)/\1/" /etc/locale.gen
	grep -q "^$LOCALE UTF-8" /etc/locale.gen || echo "$LOCALE UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
	$SUDO locale-gen >/dev/null
fi
