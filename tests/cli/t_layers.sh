#!/bin/sh
# The layer check can fail: a copy of the tree with a planted violation
# (a model file including a ui header; an io file including curses) is
# refused, and the real tree passes.
ok() { echo "PASS $1"; }
bad() { echo "FAIL $1: $2"; }
cd "$TOP" || exit 2
if sh tools/layers.sh "" core form model io doc ui cmd >"$T/real.log" 2>&1; then
	ok layers-tree-clean
else
	bad layers-tree-clean "$(tail -3 "$T/real.log")"
fi
cp -r src tools "$T/"
cd "$T" || exit 2
printf '#include "ui/app.h"\n' >>src/model/report.c
if sh tools/layers.sh "" core form model io doc ui cmd >"$T/up.log" 2>&1; then
	bad layers-refuse-upward "a model file including ui passed"
elif grep -q "src/model/report.c: #include \"ui/app.h\"" "$T/up.log"; then
	ok layers-refuse-upward
else
	bad layers-refuse-upward "$(tail -3 "$T/up.log")"
fi
cp "$TOP/src/model/report.c" src/model/report.c
printf '#include <ui/app.h>\n' >>src/model/report.c
if sh tools/layers.sh "" core form model io doc ui cmd >"$T/angle.log" 2>&1; then
	bad layers-refuse-angle "an upward include in angle brackets passed"
else
	ok layers-refuse-angle
fi
cp "$TOP/src/model/report.c" src/model/report.c
printf '#include <curses.h>\n' >>src/io/export.c
if sh tools/layers.sh "" core form model io doc ui cmd >"$T/curses.log" 2>&1; then
	bad layers-refuse-curses "an io file including curses passed"
else
	ok layers-refuse-curses
fi
