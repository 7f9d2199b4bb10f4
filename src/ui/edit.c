/* The editor's side of every change: the document (src/doc) records undo,
 * the journal and the "modified" flag; here its refusals become words and
 * the cursor follows what changed. */
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

/* The value a cell shows now, and the totals it moved, to the journal
 * alone: a cell edit left open (grid.c), or put back. */
void nb_edit_cell_journal(nb_app *a, int cell)
{
	nb_doc_journal_cell(a->doc, cell);
}

/* Show a value while it is being typed: the engine re-derives the totals
 * and re-checks the rules, but nothing reaches undo, the journal or the
 * "modified" flag until the edit is committed (nb_edit_cell_done). */
void nb_edit_cell_live(nb_app *a, int cell, const nb_value *v)
{
	nb_doc_preview_cell(a->doc, cell, v);
}

/* Why the document refused a cell, in the clerk's words. */
static int say_refusal(nb_app *a, nb_status st)
{
	switch (st) {
	case NB_OK:
		return 0;
	case NB_READONLY_DOC:
		return nb_refuse_readonly(a);
	case NB_COMPUTED:
		nb_msg(a, NB_SEV_WARNING, "这是合计格，由程序自动计算，不能输入");
		return 1;
	default:
		nb_msg(a, NB_SEV_ERROR, "%s", nb_status_text(st));
		return 1;
	}
}

/* A committed change of a cell whose value was `old` before the edit began
 * (the engine may already hold v from the live display): one undo record
 * and one journal record per committed edit, however many keystrokes. */
int nb_edit_cell_done(nb_app *a, int cell, const nb_value *old, const nb_value *v)
{
	nb_status st = nb_doc_commit_cell(a->doc, cell, old, v);

	if (st == NB_COMPUTED) {
		nb_msg(a, NB_SEV_ERROR, "这个格子不能修改");
		return -1;
	}
	return say_refusal(a, st) ? -1 : 0;
}

int nb_refuse_cell(nb_app *a, int cell)
{
	return say_refusal(a, nb_doc_cell_refusal(a->doc, cell));
}

int nb_edit_cell(nb_app *a, int cell, const nb_value *v)
{
	return say_refusal(a, nb_doc_set_cell(a->doc, cell, v)) ? -1 : 0;
}

void nb_edit_text_commit(nb_app *a)
{
	nb_textedit *te = &a->te;
	nb_status st;

	if (te->field < 0 || !te->changed)
		return;
	te->changed = 0;
	st = nb_doc_set_text(a->doc, te->field, nb_tb_text(&te->tb));
	if (st == NB_BAD_VALUE)
		nb_msg(a, NB_SEV_ERROR, "文字中有无效字符，未保存这次修改");
	else if (st == NB_NOMEM)
		nb_msg(a, NB_SEV_ERROR, "内存不足");
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
	int n;

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
	if (nb_doc_undo(a->doc, redo, &r, &n) != NB_OK || n == 0) {
		nb_msg(a, 0, redo ? "没有可以重做的修改" : "没有可以撤销的修改");
		return;
	}
	/* Show the clerk what changed back. */
	if (r[n - 1]->kind == NB_UNDO_CELL) {
		nb_jump_cell(a, r[n - 1]->index);
	} else if (r[n - 1]->kind == NB_UNDO_COMMENT) {
		nb_go_part(a, a->form->nsection + 1); /* the comments are listed there */
	} else {
		nb_jump_field(a, r[n - 1]->index);
		nb_tb_bottom(&a->te.tb);
	}
	nb_msg(a, 0, redo ? "已重做%s" : "已撤销%s", n > 1 ? "（多处修改）" : "");
}

void nb_edit_recompute(nb_app *a)
{
	int changed;

	if (nb_refuse_readonly(a))
		return;
	if (nb_doc_recompute(a->doc, &changed) != NB_OK) {
		nb_msg(a, NB_SEV_ERROR, "内存不足");
		return;
	}
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
