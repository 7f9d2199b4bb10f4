/* The cover: agency, year, title and the other fields before section 一,
 * as a form of text fields; the current one is edited in place. */
#include "ui/app.h"

#include <stdio.h>
#include <string.h>

/* The cover screen's own state: the first field shown. */
typedef struct {
	int top;
} cover_priv;

static cover_priv *priv(nb_app *a)
{
	return nb_priv(a, NB_SCR_COVER);
}

static int field_h(nb_app *a, int f)
{
	return a->form->field[f].kind == NB_F_TEXT ? (LINES >= 30 ? 8 : 4) : 1;
}

static int cover_fields(nb_app *a, int *idx, int max)
{
	int n = 0;

	for (int i = 0; i < a->form->nfield && n < max; i++)
		if (a->form->field[i].section < 0)
			idx[n++] = i;
	return n;
}

static int pos_of(nb_app *a, const int *idx, int n)
{
	for (int i = 0; i < n; i++)
		if (idx[i] == a->cover_field)
			return i;
	return 0;
}

static void open_(nb_app *a)
{
	int idx[64], n = cover_fields(a, idx, 64);

	if (n == 0)
		return;
	a->cover_field = idx[pos_of(a, idx, n)];
	nb_te_load(a, a->cover_field);
}

static void close_(nb_app *a)
{
	nb_te_load(a, -1);
}

static void draw(nb_app *a)
{
	int idx[64], n = cover_fields(a, idx, 64), lw = 0, y, cur = pos_of(a, idx, n);
	int top = 2, bottom = LINES - 4, avail = bottom - top, need = 0;

	nb_draw_chrome(a, "封面", NB_CTX_TEXT);
	attrset(A_BOLD);
	nb_put(1, 0, a->form->name, COLS, 1);
	attrset(A_NORMAL);
	for (int i = 0; i < n; i++) {
		int w = nb_str_width(a->form->field[idx[i]].label,
				     strlen(a->form->field[idx[i]].label));
		if (w > lw)
			lw = w;
	}
	lw += 3;
	/* Scroll by whole fields so the current one is in view. */
	if (priv(a)->top > cur)
		priv(a)->top = cur;
	for (;;) {
		need = 0;
		for (int i = priv(a)->top; i <= cur; i++)
			need += field_h(a, idx[i]);
		if (need <= avail || priv(a)->top >= cur)
			break;
		priv(a)->top++;
	}
	y = top;
	for (int i = priv(a)->top; i < n && y < bottom; i++) {
		const nb_field *f = &a->form->field[idx[i]];
		int h = field_h(a, idx[i]);
		char lab[128];

		if (y + h > bottom)
			h = bottom - y;
		snprintf(lab, sizeof lab, "%s%s", f->label, f->required ? "*" : "");
		if (i == cur)
			attrset(A_BOLD);
		nb_put(y, 0, lab, lw, 1);
		attrset(A_NORMAL);
		for (int k = 1; k < h; k++)
			nb_put(y + k, 0, "", lw, 1);
		if (i == cur) {
			nb_te_draw(a, y, lw, h, COLS - lw, 1);
			if (!*nb_tb_text(&a->te.tb) && f->hint) {
				attr_set(nb_attr(NB_ATTR_HINT), nb_pair(NB_ATTR_HINT), NULL);
				nb_put_wrapped(y, lw + 1, f->hint, COLS - lw - 1, h);
				attrset(A_NORMAL);
			}
		} else {
			const char *t = a->rep->text[idx[i]];
			if (*t)
				nb_put_wrapped_more(y, lw, t, COLS - lw, h);
			else if (f->kind == NB_F_LINE && idx[i] == nb_form_field_role(a->form, NB_ROLE_TITLE))
				nb_put(y, lw, "（留空则自动生成）", COLS - lw, 1);
		}
		y += h;
	}
	{
		const nb_finding *fd = nb_engine_field_finding(a->eng, a->cover_field);
		char m[NB_FINDING_MSG + 64];
		if (fd)
			nb_finding_text(a->form, fd, m, sizeof m);
		else if (a->doc->readonly)
			snprintf(m, sizeof m, "只读查看：Tab 到下一栏，^N 到「%s」",
				 a->form->nsection ? a->form->section[0].heading : "");
		else
			snprintf(m, sizeof m, "带 * 的为必填项。%s，^N 到「%s」",
				 a->te.tb.oneline ? "Tab 或 Enter 到下一栏"
						  : "Enter 另起一段，Tab 到下一栏",
				 a->form->nsection ? a->form->section[0].heading : "");
		nb_put(LINES - 4, 0, m, COLS, 1);
	}
}

static nb_result key(nb_app *a, const nb_ev *ev, nb_action act)
{
	int idx[64], n = cover_fields(a, idx, 64), cur = pos_of(a, idx, n);
	int h = field_h(a, a->cover_field), row = 0, col = 0, move = 0;

	if (a->te.lay.n)
		nb_tb_cursor_rc(&a->te.tb, &a->te.lay, &row, &col);
	switch (act) {
	case NB_A_NEXT_FIELD: move = 1; break;
	case NB_A_PREV_FIELD: move = -1; break;
	case NB_A_NEWLINE:
		if (a->te.tb.oneline)
			move = 1;
		break;
	case NB_A_UP:
		if (row == 0)
			move = -1;
		break;
	case NB_A_DOWN:
		if (row >= a->te.lay.n - 1)
			move = 1;
		break;
	default:
		break;
	}
	if (!move)
		return nb_te_key(a, ev, act, h) ? NB_HANDLED : NB_IGNORED;
	if (cur + move >= n) {
		nb_go_part(a, 1);
		return NB_HANDLED;
	}
	if (cur + move < 0)
		return NB_HANDLED;
	a->cover_field = idx[cur + move];
	nb_te_load(a, a->cover_field);
	return NB_HANDLED;
}

const nb_screen nb_screen_cover = {
	"cover", NB_CTX_TEXT, open_, draw, key, close_, sizeof(cover_priv)
};
