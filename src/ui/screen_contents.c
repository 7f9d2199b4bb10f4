/* The contents (目录): every part of the report with its status, and the
 * counts of errors and warnings in it. */
#include "ui/app.h"

#include <stdio.h>
#include <string.h>

int nb_cell_section(const nb_form *f, int cell)
{
	int t, r, c;

	nb_form_cell_pos(f, cell, &t, &r, &c);
	return t < 0 ? -1 : f->table[t].section;
}

/* Part of the report a finding belongs to: 0 cover, 1.. sections, and
 * nsection+1 for findings about the whole report. */
int nb_finding_section(const nb_form *f, const nb_finding *fd)
{
	if (fd->cell >= 0) {
		int s = nb_cell_section(f, fd->cell);
		return s < 0 ? f->nsection + 1 : s + 1;
	}
	if (fd->field >= 0)
		return f->field[fd->field].section + 1;
	return f->nsection + 1;
}

/* 0 empty, 1 in progress, 2 complete. */
static int part_status(nb_app *a, int part)
{
	const nb_form *f = a->form;
	int filled = 0, missing = 0;

	if (part == 0) {
		for (int i = 0; i < f->nfield; i++) {
			if (f->field[i].section >= 0 || i == nb_form_field_role(f, NB_ROLE_YEAR))
				continue;
			if (*a->rep->text[i])
				filled++;
			else if (f->field[i].required)
				missing++;
		}
	} else {
		const nb_section *s = &f->section[part - 1];
		for (int t = s->first_table; t < s->first_table + s->ntables; t++) {
			const nb_table *tb = &f->table[t];
			for (int c = 0; c < tb->rows.nleaf * tb->cols.nleaf; c++) {
				int cell = tb->cell_base + c;
				if (nb_engine_is_computed(a->eng, cell))
					continue;
				if (a->rep->cell[cell].set)
					filled++;
				else
					missing++;
			}
		}
		if (s->text >= 0) {
			if (*a->rep->text[s->text])
				filled++;
			else if (f->field[s->text].required)
				missing++;
		}
	}
	return filled == 0 ? 0 : missing ? 1 : 2;
}

static void counts(nb_app *a, int part, int *errs, int *warns)
{
	int n = nb_engine_nfindings(a->eng);

	*errs = *warns = 0;
	for (int i = 0; i < n; i++) {
		const nb_finding *fd = nb_engine_finding(a->eng, i);
		if (part >= 0 && nb_finding_section(a->form, fd) != part)
			continue;
		if (fd->sev == NB_SEV_ERROR)
			(*errs)++;
		else
			(*warns)++;
	}
}

static void open_(nb_app *a)
{
	if (a->list_sel < 0 || a->list_sel > a->form->nsection + 1)
		a->list_sel = 0;
}

static void draw(nb_app *a)
{
	static const char *st[] = {"未填写", "填写中", "已完成"};
	int n = a->form->nsection + 2, lw = 0;

	nb_draw_chrome(a, "目录", NB_CTX_LIST);
	attrset(A_BOLD);
	nb_put(1, 0, a->form->name, COLS, 1);
	attrset(A_NORMAL);
	for (int i = 1; i <= a->form->nsection; i++) {
		const char *h = a->form->section[i - 1].heading;
		int w = nb_str_width(h, strlen(h));
		if (w > lw)
			lw = w;
	}
	lw += 4;
	if (lw > COLS - 30)
		lw = COLS - 30;
	for (int i = 0; i < n && 3 + i < LINES - 4; i++) {
		const char *name = i == 0 ? "封面（机关名称、年度等）" :
				   i == n - 1 ? "结束检查（全部错误和提醒）" :
				   a->form->section[i - 1].heading;
		char right[96];
		int e, w, y = 3 + i;

		counts(a, i == n - 1 ? -1 : i, &e, &w);
		if (i == n - 1)
			snprintf(right, sizeof right, "错误 %d  提醒 %d", e, w);
		else
			snprintf(right, sizeof right, "%-6s  错误 %d  提醒 %d",
				 st[part_status(a, i)], e, w);
		if (i == a->list_sel)
			attrset(nb_attr(NB_ATTR_SEL));
		nb_put(y, 0, "  ", 2, 0);
		nb_put(y, 2, name, lw, 1);
		nb_put(y, 2 + lw, right, COLS - 2 - lw, 1);
		attrset(A_NORMAL);
		if (i == a->list_sel) {
			a->cur_y = y;
			a->cur_x = 1;
		}
	}
	nb_put(LINES - 4, 0, "上下键选择，Enter 打开；^N/^P 按顺序逐部分填写", COLS, 1);
}

static nb_result key(nb_app *a, const nb_ev *ev, nb_action act)
{
	int n = a->form->nsection + 2;

	if (nb_list_key(&a->list_sel, act, n, n))
		return NB_HANDLED;
	switch (act) {
	case NB_A_OPEN:
		nb_go_part(a, a->list_sel);
		return NB_HANDLED;
	default:
		if (ev->key >= '1' && ev->key <= '9' && ev->key - '0' < n - 1) {
			nb_go_part(a, ev->key - '0');
			return NB_HANDLED;
		}
		nb_msg(a, 0, "上下键选择，Enter 打开");
		return NB_IGNORED;
	}
}

const nb_screen nb_screen_contents = {
	"contents", NB_CTX_LIST, open_, draw, key, NULL, 0
};
