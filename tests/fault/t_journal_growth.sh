#!/bin/sh
# Issue 10, finding 7: each record holds a whole section's text, and the
# journal stayed in memory until a save: 30 one-character edits of a
# 1 MiB section gave a 31 MB journal. Superseded records are now compacted
# away, so file and memory stay proportional to the report: here at most
# 4 MiB of journal and 24 MiB of peak memory (the text itself is 1 MiB),
# and the last text is what a reader gets back.
. "$(dirname "$0")/lib.sh"
need_faultbin journal-growth
d=$(mktemp -d "${TMPDIR:-/tmp}/nbgrow.XXXXXX") || exit 1
trap 'rm -rf "$d"' EXIT
out=$("$FAULTBIN/nbfault" jgrow "$d/r.yaml" 1024 30 2>&1)
rc=$?
echo "$out" | sed 's/^/  /'
bytes=$(echo "$out" | sed -n 's/.*journal_bytes=\([0-9]*\).*/\1/p')
rss=$(echo "$out" | sed -n 's/.*peak_rss_kb=\([0-9]*\).*/\1/p')
if [ $rc -eq 0 ] && [ -n "$bytes" ] && [ "$bytes" -le $((4 * 1024 * 1024)) ]; then
	pass journal-growth-file
else
	fail journal-growth-file "journal of ${bytes:-?} bytes for a 1 MiB text (rc=$rc)"
fi
# Sanitizer builds carry shadow memory and quarantine: a wider bound
# (still under what the old journal took there).
lim=24
case $NIANBAO in *san*) lim=128 ;; esac
if [ -n "$rss" ] && [ "$rss" -le $((lim * 1024)) ]; then
	pass journal-growth-memory
else
	fail journal-growth-memory "peak memory ${rss:-?} KiB (bound $lim MiB)"
fi
