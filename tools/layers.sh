#!/bin/sh
# The folders of src/ are layers. A file may include headers of its own
# layer and of the layers before it in the list, never of a later one; only
# src/ui may include curses; and the Check runner, linked without src/ui,
# must hold no curses symbol.
#   sh tools/layers.sh RUNNER LAYER...   (lowest layer first)
# Ends with "N passed, N failed" like the other runners.
runner=$1
shift
order="$*"
rank() {
	i=0
	for l in $order; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo -1
}
bad=0
checked=0
for f in src/*/*.c src/*/*.h; do
	layer=${f#src/}
	layer=${layer%%/*}
	r=$(rank "$layer")
	checked=$((checked + 1))
	if [ "$r" -lt 0 ]; then
		echo "$f: folder '$layer' is not a layer (add it to LAYERS in the Makefile)"
		bad=$((bad + 1))
		continue
	fi
	# Quoted includes name their layer: "model/report.h"; a layer's
	# header in angle brackets is judged the same way.
	for inc in $(sed -n -e 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' \
		-e 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\(\(core\|form\|model\|io\|doc\|ui\|cmd\)\/[^>]*\)>.*/\1/p' "$f"); do
		case $inc in
		*/*) il=${inc%%/*} ;;
		*) echo "$f: #include \"$inc\": name the layer (\"$layer/$inc\")"
		   bad=$((bad + 1)); continue ;;
		esac
		ir=$(rank "$il")
		if [ "$ir" -lt 0 ] || [ "$ir" -gt "$r" ]; then
			echo "$f: #include \"$inc\": layer '$layer' may not use '$il' (a higher layer)"
			bad=$((bad + 1))
		fi
	done
	if [ "$layer" != ui ] &&
	   grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(n?curses|ncursesw/|term\.h|panel\.h|form\.h|menu\.h)' "$f"; then
		echo "$f: includes curses; only src/ui may"
		bad=$((bad + 1))
	fi
done
if [ -n "$runner" ]; then
	checked=$((checked + 1))
	if nm "$runner" | grep -Eq '\b(initscr|newwin|wrefresh|endwin|wgetch|doupdate|setupterm)\b'; then
		echo "$runner: the Check runner holds curses symbols"
		bad=$((bad + 1))
	fi
fi
echo "layers: $checked files checked, $bad violations"
echo "$((checked - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
