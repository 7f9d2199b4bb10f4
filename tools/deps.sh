#!/bin/sh
# Install the Debian packages nianbao needs to build, test and benchmark,
# but only those missing. Needs root (or sudo) when something is missing.
set -e
PKGS="build-essential pkg-config libncurses-dev libyaml-dev libssl-dev zlib1g-dev
libzip-dev libxlsxwriter-dev libxml2-dev
check tmux mandoc valgrind clang libclang-rt-14-dev python3 python3-yaml nano dialog
locales chromium poppler-utils tidy python3-html5lib python3-docx python3-openpyxl
libreoffice-writer-nogui fonts-noto-cjk python3-bs4 python3-lxml"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "nianbao: installing missing packages:$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
