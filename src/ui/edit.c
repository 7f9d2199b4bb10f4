/* Every change of the model made by the clerk passes here, so that undo,
 * the recovery journal and the "modified" flag can never be forgotten. */
#include "ui/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nb_edit_cell_text(nb_app *a, int cell, char *buf, size_t n)
{
	char tmp[NB_VALUE_BUFSZ];

	nb_value_format(&a->rep->cell[cell], nb_form_cell_type(a->form, cell),
			tmp, sizeof tmp);
	snprintf(buf, n, "%s", tmp);
}

static void journal_cell(nb_app *a, int cell)
{
	char key[128], val[NB_VALUE_BUFSZ];

	nb_form_cell_id(a->form, cell, key, sizeof key);
	nb_edit_cell_text(a, cell, val, sizeof val);
	nb_session_journal(a, key, val);
}

/* Totals the engine re-derived go to the journal too, so a replay gives
 * back exactly the figures on screen. */
static void journal_derived(nb_app *a)
{
	int d[512], n;

	while ((n = nb_engine_take_dirty(a->eng, d, 512)) > 0) {
		for (int i = 0; i < n && i < 512; i++)
			if (nb_engine_is_computed(a->eng, d[i]))
				journal_cell(a, d[i]);
		if (n < 512)
			break;
	}
}

/* The value a cell shows now, and the totals it moved, to the journal
 * alone: a cell edit left open (grid.c), or put back. */
void nb_edit_cell_journal(nb_app *a, int cell)
{
	journal_cell(a, cell);
	journal_derived(a);
}

/* Show a value while it is being typed: the engine re-derives the totals
 * and re-checks the rules, but nothing reaches undo, the journal or the
 * "modified" flag until the edit is committed (nb_edit_cell_done). */
void nb_edit_cell_live(nb_app *a, int cell, const nb_value *v)
{
	if (!nb_value_eq(&a->rep->cell[cell], v))
		nb_engine_set(a->eng, cell, v);
}

/* A committed change of a cell whose value was `old` before the edit began
 * (the engine may already hold v from the live display): one undo record
 * and one journal record per committed edit, however many keystrokes. */
int nb_edit_cell_done(nb_app *a, int cell, const nb_value *old, const nb_value *v)
{
	if (!nb_value_eq(&a->rep->cell[cell], v) &&
	    nb_engine_set(a->eng, cell, v) < 0) {
		nb_msg(a, NB_SEV_ERROR, "这个格子不能修改");
		return -1;
	}
	if (nb_value_eq(old, v))
		return 0;
	nb_undo_cell(a->undo, cell, old, v);
	journal_cell(a, cell);
	journal_derived(a);
	a->modified = 1;
	return 0;
}

int nb_refuse_cell(nb_app *a, int cell)
{
	if (nb_refuse_readonly(a))
		return 1;
	if (nb_engine_is_computed(a->eng, cell)) {
		nb_msg(a, NB_SEV_WARNING, "这是合计格，由程序自动计算，不能输入");
		return 1;
	}
	return 0;
}

int nb_edit_cell(nb_app *a, int cell, const nb_value *v)
{
	nb_value old = a->rep->cell[cell];

	if (nb_refuse_cell(a, cell))
		return -1;
	return nb_edit_cell_done(a, cell, &old, v);
}

static void set_text(nb_app *a, int f, const char *s)
{
	char key[128];

	if (nb_report_set_text(a->rep, f, s, strlen(s)) < 0) {
		nb_msg(a, NB_SEV_ERROR, "文字中有无效字符，未保存这次修改");
		return;
	}
	nb_engine_text_changed(a->eng, f);
	snprintf(key, sizeof key, "text.%s", a->form->field[f].id);
	nb_session_journal(a, key, s);
	a->modified = 1;
}

void nb_edit_text_commit(nb_app *a)
{
	nb_textedit *te = &a->te;
	const char *now;
	char *old;

	if (te->field < 0 || !te->changed)
		return;
	te->changed = 0;
	now = nb_tb_text(&te->tb);
	if (strcmp(now, a->rep->text[te->field]) == 0)
		return;
	old = strdup(a->rep->text[te->field]);
	if (!old) {
		nb_msg(a, NB_SEV_ERROR, "内存不足");
		return;
	}
	set_text(a, te->field, now);
	nb_undo_text(a->undo, te->field, old, now);
	free(old);
}

void nb_jump_cell(nb_app *a, int cell)
{
	int t, r, c;
	const nb_table *tb;

	nb_form_cell_pos(a->form, cell, &t, &r, &c);
	if (t < 0)
		return;
	tb = &a->form->table[t];
	nb_go_part(a, tb->section + 1);
	a->sub = t - a->form->section[tb->section].first_table;
	a->tpos[t].row = r;
	a->tpos[t].col = c;
	a->full = 1;
}

void nb_jump_field(nb_app *a, int field)
{
	const nb_field *fd = &a->form->field[field];

	if (fd->section < 0) {
		nb_go_part(a, 0);
		a->cover_field = field;
		nb_te_load(a, field);
	} else {
		const nb_section *s = &a->form->section[fd->section];
		nb_go_part(a, fd->section + 1);
		a->sub = s->ntables; /* the prose comes after the tables */
		nb_te_load(a, field);
	}
	a->full = 1;
}

void nb_edit_undo(nb_app *a, int redo)
{
	const nb_undo_rec *const *r;
	int n, recheck = 0;

	if (nb_refuse_readonly(a))
		return;
	if (a->editing && !redo) {
		/* As in a spreadsheet: undo while typing drops the typing. */
		nb_grid_cancel(a);
		nb_msg(a, 0, "已撤销输入，恢复原值");
		return;
	}
	nb_grid_cancel(a);
	nb_edit_text_commit(a);
	n = redo ? nb_undo_redo(a->undo, &r) : nb_undo_undo(a->undo, &r);
	if (n == 0) {
		nb_msg(a, 0, redo ? "没有可以重做的修改" : "没有可以撤销的修改");
		return;
	}
	for (int i = 0; i < n; i++) {
		if (r[i]->kind == NB_UNDO_CELL) {
			const nb_value *v = redo ? &r[i]->newv : &r[i]->oldv;
			if (nb_engine_is_computed(a->eng, r[i]->index)) {
				/* Totals put back by undoing ^R: the engine refuses
				 * to store them, so set and re-check everything. */
				a->rep->cell[r[i]->index] = *v;
				recheck = 1;
			} else {
				nb_engine_set(a->eng, r[i]->index, v);
			}
			journal_cell(a, r[i]->index);
		} else {
			set_text(a, r[i]->index, redo ? r[i]->newt : r[i]->oldt);
		}
	}
	if (recheck)
		nb_engine_check_all(a->eng);
	journal_derived(a);
	a->modified = 1;
	/* Show the clerk what changed back. */
	if (r[n - 1]->kind == NB_UNDO_CELL) {
		nb_jump_cell(a, r[n - 1]->index);
	} else {
		nb_jump_field(a, r[n - 1]->index);
		nb_tb_bottom(&a->te.tb);
	}
	nb_msg(a, 0, redo ? "已重做%s" : "已撤销%s", n > 1 ? "（多处修改）" : "");
}

void nb_edit_recompute(nb_app *a)
{
	int nc = a->form->ncell, changed = 0;
	nb_value *before;

	if (nb_refuse_readonly(a))
		return;
	before = malloc((size_t)nc * sizeof *before);
	if (!before) {
		nb_msg(a, NB_SEV_ERROR, "内存不足");
		return;
	}
	memcpy(before, a->rep->cell, (size_t)nc * sizeof *before);
	nb_engine_derive_all(a->eng);
	nb_undo_begin(a->undo);
	for (int c = 0; c < nc; c++) {
		if (nb_value_eq(&before[c], &a->rep->cell[c]))
			continue;
		nb_undo_cell(a->undo, c, &before[c], &a->rep->cell[c]);
		journal_cell(a, c);
		changed++;
	}
	nb_undo_end(a->undo);
	free(before);
	if (changed)
		a->modified = 1;
	nb_msg(a, 0, changed ? "已重算合计，%d 个格子有变化（^Z 可撤销）"
			     : "合计都已正确，没有变化", changed);
}

/* Does the screen at the finding's place show its message already (under
 * the table, or on the hint line of a text field)? */
static int shown_there(nb_app *a, const nb_finding *f)
{
	const nb_finding *there = f->cell >= 0 ? nb_engine_cell_finding(a->eng, f->cell)
			       : f->field >= 0 ? nb_engine_field_finding(a->eng, f->field)
			       : f; /* the closing screen lists it */
	return there && strcmp(there->msg, f->msg) == 0;
}

void nb_jump_finding(nb_app *a, int i)
{
	int n = nb_engine_nfindings(a->eng), sev, shown;
	const nb_finding *f;
	char buf[NB_FINDING_MSG + 64];

	if (i < 0 || i >= n)
		return;
	f = nb_engine_finding(a->eng, i);
	a->find_i = i;
	sev = f->sev;
	shown = shown_there(a, f);
	nb_finding_text(a->form, f, buf, sizeof buf);
	if (f->cell >= 0)
		nb_jump_cell(a, f->cell);
	else if (f->field >= 0)
		nb_jump_field(a, f->field);
	else
		nb_go_part(a, a->form->nsection + 1);
	/* The message of the finding once on screen, never cut twice. */
	if (shown)
		nb_msg(a, sev, "第 %d/%d 个问题；^F 到下一个", i + 1, n);
	else
		nb_msg(a, sev, "第 %d/%d 个：%s", i + 1, n, buf);
}

void nb_next_finding(nb_app *a)
{
	int n;

	/* Commit first: a commit changes the findings (and their pointers). */
	nb_edit_text_commit(a);
	nb_grid_commit(a);
	n = nb_engine_nfindings(a->eng);
	if (n == 0) {
		nb_msg(a, 0, "没有错误或提醒");
		return;
	}
	nb_jump_finding(a, (a->find_i + 1) % n);
}
