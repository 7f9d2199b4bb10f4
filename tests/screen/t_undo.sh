#!/bin/sh
# Undo and redo of cell values (with their totals) and of text.
. "$(dirname "$0")/lib.sh"

copy_sample r.yaml
start -- r.yaml && open_t3 || { finish; exit; }
CTX=undo-cell
text 260
keys Enter
wait_re '^一、本年新收[^│<]*[│<] +260[!? ].* 308[!? ]*$' || { finish; exit; }
text 15
keys Enter
wait_re '^二、上年结转[^│<]*[│<] +15[!? ].* 18[!? ]*$' || { finish; exit; }
keys C-z
if wait_re '^二、上年结转[^│<]*[│<] +14[!? ].* 17[!? ]*$' &&
	wait_re '^一、本年新收[^│<]*[│<] +260[!? ].* 308[!? ]*$'; then
	keys C-z
	wait_re '^一、本年新收[^│<]*[│<] +259 .* 307$' && wait_for "错误 0 " && ok undo-cell
fi
CTX=redo-cell
keys C-y
wait_re '^一、本年新收[^│<]*[│<] +260[!? ].* 308[!? ]*$' && wait_for "错误 2 " && ok redo-cell
CTX=undo-after-redo
keys C-y
wait_re '^二、上年结转[^│<]*[│<] +15[!? ].* 18[!? ]*$' && ok redo-twice
# The PuTTY-friendly alternatives: ^_ undoes too.
CTX=undo-alt
keys C-_
wait_re '^二、上年结转[^│<]*[│<] +14[!? ].* 17[!? ]*$' && ok undo-ctrl-underscore

# Text: type into section 五, undo takes it away, redo brings it back.
CTX=undo-text
copy_sample r.yaml
start -- r.yaml || { finish; exit; }
wait_for "目录" 15 || { finish; exit; }
keys Down Down Down Down Down Enter
wait_for "五、存在的主要问题及改进情况（必填）" || { finish; exit; }
keys C-Home 2>/dev/null
text "撤销测试甲乙"
wait_for "撤销测试甲乙" || { finish; exit; }
keys C-z
if wait_gone "撤销测试甲乙"; then
	keys C-y
	wait_for "撤销测试甲乙" && ok undo-redo-text
fi
# Undo after the text was committed by leaving the section.
CTX=undo-text-after-leave
keys C-n
wait_for "六、其他需要报告的事项（必填）" && keys C-p &&
	wait_for "五、存在的主要问题及改进情况（必填）" && wait_for "撤销测试甲乙" &&
	keys C-z && wait_gone "撤销测试甲乙" && ok undo-text-after-leave
finish
