#!/bin/sh
# Without colour (NO_COLOR, or a terminal without colours) failing cells
# carry a marker character; warnings look different from errors.
. "$(dirname "$0")/lib.sh"

for how in NO_COLOR vt100; do
	CTX=nocolor-$how
	copy_sample r.yaml
	if [ $how = NO_COLOR ]; then start -e NO_COLOR=1 -- r.yaml; else start -t vt100 -- r.yaml; fi || continue
	open_t3 || continue
	# 一、本年新收 自然人 259 -> 260: the 自然人 and 总计 columns no longer balance.
	text 260
	keys Enter
	if wait_re '^一、本年新收[^│|<]*[│|<] +260! +27 .* 308!$' &&
		wait_re '^二、上年结转[^│|<]*[│|<] +14! +2 .* 17!$' &&
		wait_re '^  （一）予以公开[^│|<]*[│|<] +112 +9 .* 128$'; then
		ok "nocolor-$how-error-marks"
	fi
	# The message under the cursor carries the same marker.
	CTX=nocolor-$how-message
	wait_re '^!错误：' && ok "nocolor-$how-message-mark"
done
finish
