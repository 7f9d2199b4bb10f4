#!/bin/sh
# Resizing at any moment keeps the cursor cell and every edit: 80x24 ->
# 60x20 -> 80x24 gives back the very same screen. Below the minimum a "too
# small" screen shows, and the editor comes back from it intact.
. "$(dirname "$0")/lib.sh"

copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
CTX=resize
# An edit in 科研机构 of （一）予以公开, then the cursor back on it.
keys Down Down Right Right
wait_at "三/三、本年度办理结果/（一）予以公开" 科研机构 || { finish; exit; }
text 7
keys Enter Up
wait_at "三/三、本年度办理结果/（一）予以公开" 科研机构 &&
	wait_re '（一）予以公开 *[│^v<] *112 +9 +7[!? ]' || { finish; exit; }
settle
before=$(screen)
cbefore=$(cursor)

resize 60 20
CTX=resize-60x20
if wait_re '^.{0,60}$' && wait_at "三/三、本年度办理结果/（一）予以公开" 科研机构 &&
	wait_re '（一）予以公开.*[│^v<].* 7[!? ]' && settle &&
	[ "$(screen | wc -L)" -le 60 ] && [ "$(screen | wc -l)" -le 20 ]; then
	# The terminal cursor sits on the 7.
	c=$(cursor)
	y=${c#*,}
	x=${c%,*}
	row=$(screen | sed -n "$((y + 1))p")
	case $row in
	*（一）予以公开*) ok resize-60x20 ;;
	*) bad resize-60x20 "cursor at $c is not on the row （一）予以公开 (line: $row)" ;;
	esac
fi

resize 80 24
CTX=resize-back
if wait_re '^.{70,}$' && settle; then
	after=$(screen)
	cafter=$(cursor)
	if [ "$before" = "$after" ] && [ "$cbefore" = "$cafter" ]; then
		ok resize-back-same-screen
	else
		bad resize-back-same-screen "screen or cursor differs after 80x24 -> 60x20 -> 80x24 (cursor $cbefore -> $cafter)"
		printf '%s\n' "$before" >"$T/before"
		printf '%s\n' "$after" >"$T/after"
		diff -u "$T/before" "$T/after" | tail -n +3 | sed 's/^/  /'
	fi
fi

# Below the minimum: the too-small screen, keys other than save and quit
# do nothing, and the full screen comes back with the edit.
resize 50 15
CTX=too-small
if wait_for "窗口太小" && wait_for "修改都还在"; then
	keys Down Down
	text 9
	resize 80 24
	# The keys pressed while too small answered 窗口太小 on the status
	# line; ^L (redraw) clears that message.
	wait_gone "修改都还在" && keys C-l
	if wait_gone "窗口太小" && wait_at "三/三、本年度办理结果/（一）予以公开" 科研机构 &&
		settle && [ "$(screen)" = "$before" ]; then
		ok too-small-recovers
	else
		bad too-small-recovers "after 50x15 -> 80x24 the screen is not the one before"
	fi
fi
resize 59 24
CTX=too-small-59
wait_for "修改都还在" && ok too-small-59-columns
resize 80 19
CTX=too-small-19
wait_for "修改都还在" && ok too-small-19-lines
resize 60 20
CTX=min-size
wait_gone "修改都还在" && wait_for "三/三、本年度办理结果" && ok min-size-60x20-works
finish
