#!/bin/sh
# Issue 10, finding 6: typing in a text section was journalled up to
# 1.75 s late (a run of typing was committed every 2 s). The promise is
# one second: type steadily for 1.6 s, kill -9 at once, and every
# character typed more than 1.2 s before the kill (one second plus room
# for a loaded machine) must be in the journal. The old timing committed
# nothing before 2 s of typing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../screen/lib.sh"
J=$T/work/.r.yaml.nbjournal
ms() { echo $(($(date +%s%N) / 1000000)); }

CTX=text-latency
copy_sample r.yaml
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
open_part 5 || { finish; exit; }
wait_for "五、存在的主要问题及改进情况（必填）" || { finish; exit; }
rm -f "$T/typed"
t0=$(ms)
for c in a b c d e f g h i j k l m n o p; do
	text "$c"
	echo "$c $(ms)" >> "$T/typed"
	sleep 0.1
	[ $(($(ms) - t0)) -ge 1600 ] && break
done
kill -9 "$PID"
tk=$(ms)
want=
while read -r c t; do
	[ $((tk - t)) -gt 1200 ] && want=$want$c
done < "$T/typed"
echo "  typed: $(tr '\n' ' ' < "$T/typed")killed at $tk; older than 1.2 s: '$want'"
# What did reach the journal: the longest typed prefix, and its age.
have= age=
pre=
while read -r c t; do
	pre=$pre$c
	grep -aq -- "$pre" "$J" 2>/dev/null && { have=$pre; age=$((tk - t)); }
done < "$T/typed"
echo "  in the journal at the kill: '$have' (newest character ${age:-?} ms old)"
if [ -z "$want" ]; then
	bad text-latency-within-a-second "typing was too slow to test (no character older than 1.2 s)"
elif grep -aq -- "$want" "$J" 2>/dev/null; then
	ok text-latency-within-a-second
else
	bad text-latency-within-a-second "'$want' not in the journal ($(ls -l "$J" 2>&1))"
fi
finish
