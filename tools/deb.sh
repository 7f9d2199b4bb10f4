#!/bin/sh
# Build the Debian package(s) of nianbao: tools/deb.sh [ARCH...]
# (default: this machine's architecture). Each build runs in a copy of the
# tree under build/deb/ (dpkg-buildpackage writes its results into the
# parent directory and cleans the tree it builds in), and the .deb files
# end in build/deb/. A foreign ARCH (arm64 on amd64) is cross-built with
# Debian's cross compiler and the multiarch -dev packages that
# tools/deps.sh installs, with the tests left to make check-arm64.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/deb
native=$(dpkg --print-architecture)
[ $# -gt 0 ] || set -- "$native"
version=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
mkdir -p "$out"
for arch in "$@"; do
	work=$out/work-$arch
	rm -rf "$work"
	mkdir -p "$work/nianbao-$version"
	# The source as a clean tree would have it: no build products.
	(cd "$top" && tar --exclude=./.git --exclude=./build --exclude=./build-san \
		--exclude=./build-arm64 --exclude=./nianbao --exclude=./fuzz/out \
		--exclude=./bench/out -cf - .) | tar -C "$work/nianbao-$version" -xf -
	opts="-us -uc -b"
	bopts="parallel=${DEB_JOBS:-2}"
	if [ "$arch" != "$native" ]; then
		opts="$opts -a$arch -Pcross,nocheck"
		bopts="$bopts nocheck"
	fi
	echo "  DEB     nianbao_${version}_$arch.deb"
	if ! (cd "$work/nianbao-$version" &&
		DEB_BUILD_OPTIONS="$bopts" dpkg-buildpackage $opts) >"$work/build.log" 2>&1; then
		tail -40 "$work/build.log"
		echo "tools/deb.sh: the $arch build failed (log: $work/build.log)" >&2
		exit 1
	fi
	rm -f "$out/nianbao_${version}_$arch.deb" "$out/nianbao-dbgsym_${version}_$arch.deb"
	mv "$work/nianbao_${version}_$arch.deb" "$out/"
	# The debug symbols are a separate package; keep them for who needs them.
	[ -f "$work/nianbao-dbgsym_${version}_$arch.deb" ] &&
		mv "$work/nianbao-dbgsym_${version}_$arch.deb" "$out/"
	rm -rf "$work"
	echo "  -> build/deb/nianbao_${version}_$arch.deb"
done
