/* Reviewers' comments: a list beside the report's figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/comments.h"

nb_ctarget nb_comment_target(const nb_form *f, const char *t, int *index)
{
	int i;

	*index = -1;
	if (!strcmp(t, "report"))
		return NB_CT_REPORT;
	if ((i = nb_form_cell_by_id(f, t)) >= 0) {
		*index = i;
		return NB_CT_CELL;
	}
	if ((i = nb_form_table(f, t)) >= 0) {
		*index = i;
		return NB_CT_TABLE;
	}
	for (i = 0; i < f->nsection; i++)
		if (!strcmp(f->section[i].id, t)) {
			*index = i;
			return NB_CT_SECTION;
		}
	return NB_CT_NONE;
}

static int valid(const char *s)
{
	return nb_utf8_check(s, strlen(s)) == (size_t)-1;
}

int nb_comment_add(nb_report *r, const char *target, const char *text,
		   const char *author, const char *time, int resolved)
{
	char now[40];
	nb_comment *v, c;

	if (!time) {
		nb_comment_now(now, sizeof now);
		time = now;
	}
	if (!author)
		author = "";
	if (!valid(target) || !valid(text) || !valid(author) || !valid(time))
		return -1;
	v = realloc(r->comment, sizeof *v * (size_t)(r->ncomment + 1));
	if (!v)
		return -1;
	r->comment = v;
	c.target = strdup(target);
	c.text = strdup(text);
	c.author = strdup(author);
	c.time = strdup(time);
	c.resolved = resolved != 0;
	if (!c.target || !c.text || !c.author || !c.time) {
		free(c.target);
		free(c.text);
		free(c.author);
		free(c.time);
		return -1;
	}
	v[r->ncomment] = c;
	return r->ncomment++;
}

void nb_comments_clear(nb_report *r)
{
	for (int i = 0; i < r->ncomment; i++) {
		free(r->comment[i].target);
		free(r->comment[i].text);
		free(r->comment[i].author);
		free(r->comment[i].time);
	}
	free(r->comment);
	r->comment = NULL;
	r->ncomment = 0;
}

int nb_comments_copy(nb_report *d, const nb_report *s)
{
	for (int i = 0; i < s->ncomment; i++) {
		const nb_comment *c = &s->comment[i];
		if (nb_comment_add(d, c->target, c->text, c->author, c->time, c->resolved) < 0)
			return -1;
	}
	return 0;
}

int nb_comments_open(const nb_report *r)
{
	int n = 0;
	for (int i = 0; i < r->ncomment; i++)
		n += !r->comment[i].resolved;
	return n;
}

int nb_comment_on_cell(const nb_report *r, int cell)
{
	char id[200];

	nb_form_cell_id(r->form, cell, id, sizeof id);
	for (int i = 0; i < r->ncomment; i++)
		if (!r->comment[i].resolved && !strcmp(r->comment[i].target, id))
			return i;
	return -1;
}

int nb_comment_near_cell(const nb_report *r, int cell)
{
	const nb_form *f = r->form;
	int t, row, col, i = nb_comment_on_cell(r, cell);

	if (i >= 0)
		return i;
	nb_form_cell_pos(f, cell, &t, &row, &col);
	for (i = 0; i < r->ncomment; i++) {
		const char *tg = r->comment[i].target;
		if (r->comment[i].resolved)
			continue;
		if (!strcmp(tg, f->table[t].id) || !strcmp(tg, f->section[f->table[t].section].id))
			return i;
	}
	return -1;
}

void nb_comment_now(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	char z[8];

	if (!localtime_r(&t, &tm) || !strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm)) {
		snprintf(buf, n, "%s", "");
		return;
	}
	/* "+0800" -> "+08:00", as ISO 8601 and YAML timestamps write it. */
	if (strftime(z, sizeof z, "%z", &tm) == 5) {
		size_t at = strlen(buf);
		snprintf(buf + at, n - at, "%.3s:%.2s", z, z + 3);
	}
}

void nb_comment_where(const nb_form *f, const char *target, char *buf, size_t n)
{
	int i;
	char name[300];

	switch (nb_comment_target(f, target, &i)) {
	case NB_CT_CELL: {
		int t, row, col;
		nb_form_cell_pos(f, i, &t, &row, &col);
		nb_form_cell_name(f, i, name, sizeof name);
		snprintf(buf, n, "%s%s", f->table[t].name, name);
		break;
	}
	case NB_CT_TABLE:
		snprintf(buf, n, "%s", f->table[i].name);
		break;
	case NB_CT_SECTION:
		snprintf(buf, n, "%s", f->section[i].heading);
		break;
	case NB_CT_REPORT:
		snprintf(buf, n, "%s", "报告");
		break;
	default:
		snprintf(buf, n, "%s", target);
	}
}

int nb_comments_eq(const nb_report *a, const nb_report *b)
{
	if (a->ncomment != b->ncomment)
		return 0;
	for (int i = 0; i < a->ncomment; i++) {
		const nb_comment *x = &a->comment[i], *y = &b->comment[i];
		if (strcmp(x->target, y->target) || strcmp(x->text, y->text) ||
		    strcmp(x->author, y->author) || strcmp(x->time, y->time) ||
		    x->resolved != y->resolved)
			return 0;
	}
	return 1;
}
