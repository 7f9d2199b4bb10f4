/* The closing screen: every remaining finding, then the rules not yet
 * filled in (issue 9 item 2: missing, not failed); Enter jumps there. */
#include "ui/app.h"

#include <stdio.h>
#include <string.h>

/* The closing screen's own state: its selection and scroll. */
typedef struct {
	int sel, top;
} findings_priv;

static findings_priv *priv(nb_app *a)
{
	return nb_priv(a, NB_SCR_FINDINGS);
}

static void open_(nb_app *a)
{
	priv(a)->sel = 0;
	priv(a)->top = 0;
}

/* Lines of the list: under the title, above the selected finding in full. */
static int list_h(void)
{
	return LINES - 4 - 2 - 3 > 1 ? LINES - 4 - 2 - 3 : 1;
}

/* Item i: a finding's text, or an unfinished rule's; its jump target. */
static const nb_finding *item(nb_app *a, int i, char *m, size_t n, int *cell)
{
	int nf = nb_engine_nfindings(a->eng);

	if (i < nf) {
		const nb_finding *f = nb_engine_finding(a->eng, i);
		nb_finding_text(a->form, f, m, n);
		*cell = f->cell;
		return f;
	}
	*cell = nb_engine_unfinished(a->eng, i - nf, m, n);
	return NULL;
}

static int nitems(nb_app *a)
{
	return nb_engine_nfindings(a->eng) + nb_engine_nunfinished(a->eng);
}

static void draw(nb_app *a)
{
	findings_priv *v = priv(a);
	int n = nitems(a), h = list_h(), y0 = 3, nu = nb_engine_nunfinished(a->eng);
	char line[NB_FINDING_MSG + 128], more[64] = "";

	nb_draw_chrome(a, "结束检查", NB_CTX_LIST);
	if (nu)
		snprintf(more, sizeof more, "，尚未填完的规则 %d 条", nu);
	snprintf(line, sizeof line, "结束检查：错误 %d 个，提醒 %d 个%s。%s",
		 nb_engine_count(a->eng, NB_SEV_ERROR),
		 nb_engine_count(a->eng, NB_SEV_WARNING), more,
		 n ? "Enter 跳到所选一项去修改；草稿可随时 ^S 保存。" :
		 "全部检查通过，可以按 ^S 保存。");
	attrset(A_BOLD);
	nb_put(1, 0, line, COLS, 1);
	attrset(A_NORMAL);
	if (v->sel >= n)
		v->sel = n ? n - 1 : 0;
	if (v->top > v->sel)
		v->top = v->sel;
	if (v->sel >= v->top + h)
		v->top = v->sel - h + 1;
	for (int i = 0; i < h && v->top + i < n; i++) {
		char m[NB_FINDING_MSG + 64];
		int cell, y = y0 + i;
		const nb_finding *f = item(a, v->top + i, m, sizeof m, &cell);
		int which = !f ? NB_ATTR_DIM : f->sev == NB_SEV_ERROR ? NB_ATTR_ERROR : NB_ATTR_WARN;

		attr_set(nb_attr(which), nb_pair(which), NULL);
		mvaddch(y, 0, f ? (chtype)nb_sev_mark(f->sev) : '.');
		nb_put(y, 1, !f ? "未完" : f->sev == NB_SEV_ERROR ? "错误" : "提醒", 4, 0);
		attr_set(A_NORMAL, 0, NULL);
		if (v->top + i == v->sel) {
			attrset(nb_attr(NB_ATTR_SEL));
			a->cur_y = y;
			a->cur_x = 6;
		}
		nb_put(y, 5, " ", 1, 0);
		nb_put(y, 6, m, COLS - 6, 1);
		attrset(A_NORMAL);
	}
	if (n) {
		char m[NB_FINDING_MSG + 64];
		int cell;
		item(a, v->sel, m, sizeof m, &cell);
		nb_put_wrapped(LINES - 6, 0, m, COLS, 2);
	}
}

static nb_result key(nb_app *a, const nb_ev *ev, nb_action act)
{
	findings_priv *v = priv(a);
	int n = nitems(a), nf = nb_engine_nfindings(a->eng);

	(void)ev;
	if (nb_list_key(&v->sel, act, n, list_h()))
		return NB_HANDLED;
	switch (act) {
	case NB_A_OPEN:
		if (v->sel < nf) {
			nb_jump_finding(a, v->sel);
		} else if (v->sel < n) {
			char m[NB_FINDING_MSG];
			int cell = nb_engine_unfinished(a->eng, v->sel - nf, m, sizeof m);
			if (cell >= 0)
				nb_jump_cell(a, cell);
			nb_msg(a, 0, "%s", m);
		}
		return NB_HANDLED;
	default:
		nb_msg(a, 0, "上下键选择，Enter 跳到该处");
		return NB_IGNORED;
	}
}

const nb_screen nb_screen_findings = {
	"findings", NB_CTX_LIST, open_, draw, key, NULL, sizeof(findings_priv)
};
