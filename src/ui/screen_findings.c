/* The closing screen: every remaining finding, then the rules not yet
 * filled in (issue 9 item 2: missing, not failed); Enter jumps there. */
#include "ui/app.h"

#include <stdio.h>
#include <string.h>

static void open_(nb_app *a)
{
	a->list_sel = 0;
	a->list_top = 0;
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
	if (a->list_sel >= n)
		a->list_sel = n ? n - 1 : 0;
	if (a->list_top > a->list_sel)
		a->list_top = a->list_sel;
	if (a->list_sel >= a->list_top + h)
		a->list_top = a->list_sel - h + 1;
	for (int i = 0; i < h && a->list_top + i < n; i++) {
		char m[NB_FINDING_MSG + 64];
		int cell, y = y0 + i;
		const nb_finding *f = item(a, a->list_top + i, m, sizeof m, &cell);
		int which = !f ? NB_ATTR_DIM : f->sev == NB_SEV_ERROR ? NB_ATTR_ERROR : NB_ATTR_WARN;

		attr_set(nb_attr(which), nb_pair(which), NULL);
		mvaddch(y, 0, f ? (chtype)nb_sev_mark(f->sev) : '.');
		nb_put(y, 1, !f ? "未完" : f->sev == NB_SEV_ERROR ? "错误" : "提醒", 4, 0);
		attr_set(A_NORMAL, 0, NULL);
		if (a->list_top + i == a->list_sel) {
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
		item(a, a->list_sel, m, sizeof m, &cell);
		nb_put_wrapped(LINES - 6, 0, m, COLS, 2);
	}
}

static void key(nb_app *a, const nb_ev *ev, nb_action act)
{
	int n = nitems(a), nf = nb_engine_nfindings(a->eng);

	(void)ev;
	if (nb_list_key(a, act, n, list_h()))
		return;
	switch (act) {
	case NB_A_OPEN:
		if (a->list_sel < nf) {
			nb_jump_finding(a, a->list_sel);
		} else if (a->list_sel < n) {
			char m[NB_FINDING_MSG];
			int cell = nb_engine_unfinished(a->eng, a->list_sel - nf, m, sizeof m);
			if (cell >= 0)
				nb_jump_cell(a, cell);
			nb_msg(a, 0, "%s", m);
		}
		break;
	default:
		nb_msg(a, 0, "上下键选择，Enter 跳到该处");
	}
}

const nb_screen nb_screen_findings = {
	"findings", NB_CTX_LIST, open_, draw, key, NULL
};
