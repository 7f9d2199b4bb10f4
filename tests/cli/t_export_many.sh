#!/bin/sh
# Many reports in one export run: -o names a folder, each report gives
# NAME.ext there, byte-identical to exporting it alone; a missing folder is
# a usage error; one unreadable report does not stop the others but sets
# the exit status.
ok() { echo "PASS $1"; }
bad() { echo "FAIL $1: $2"; }
S=$TOP/sample-data
mkdir -p "$T/many"
if "$NIANBAO" export --format csv -o "$T/many" "$S/city-2021.yaml" "$S/city-2020.yaml" 2>/dev/null &&
	"$NIANBAO" export --format csv -o "$T/one.csv" "$S/city-2020.yaml" 2>/dev/null &&
	[ -f "$T/many/city-2021.csv" ] && cmp -s "$T/many/city-2020.csv" "$T/one.csv"; then
	ok export-many-to-folder
else
	bad export-many-to-folder "$(ls "$T/many" 2>&1)"
fi
"$NIANBAO" export --format csv -o "$T/nofolder" "$S/city-2021.yaml" "$S/city-2020.yaml" >/dev/null 2>&1
rc=$?
[ $rc = 64 ] && [ ! -e "$T/nofolder" ] && ok export-many-needs-folder ||
	bad export-many-needs-folder "rc=$rc"
rm -f "$T/many"/*
"$NIANBAO" export --format csv -o "$T/many" "$T/missing.yaml" "$S/city-2020.yaml" >/dev/null 2>&1
rc=$?
[ $rc = 2 ] && [ -f "$T/many/city-2020.csv" ] && ok export-many-goes-on ||
	bad export-many-goes-on "rc=$rc"
