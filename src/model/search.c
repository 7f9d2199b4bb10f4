/* Search in a report; see search.h. */
#include "model/search.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	nb_hit *h;
	int n, cap, oom;
} hits_t;

static void push(hits_t *s, int cell, int field)
{
	if (s->oom)
		return;
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 32;
		nb_hit *nh = realloc(s->h, (size_t)cap * sizeof *nh);
		if (!nh) {
			s->oom = 1;
			return;
		}
		s->h = nh;
		s->cap = cap;
	}
	s->h[s->n].cell = cell;
	s->h[s->n].field = field;
	s->n++;
}

static void fields_of(const nb_report *r, int section, const char *pat, hits_t *s)
{
	const nb_form *f = r->form;

	for (int i = 0; i < f->nfield; i++) {
		if (f->field[i].section != section)
			continue;
		if (strstr(r->text[i], pat) || (f->field[i].label && strstr(f->field[i].label, pat)))
			push(s, -1, i);
	}
}

static void table_of(const nb_report *r, int t, const char *pat, hits_t *s)
{
	const nb_form *f = r->form;
	const nb_table *tb = &f->table[t];
	int n = tb->rows.nleaf * tb->cols.nleaf, prev = 0, took_first = 0;
	char path[1024], val[NB_VALUE_BUFSZ];

	if (n > 0 && tb->name && strstr(tb->name, pat)) {
		push(s, tb->cell_base, -1);
		took_first = 1;
	}
	for (int c = 0; c < n; c++) {
		int cell = tb->cell_base + c, on_path, on_val;
		nb_form_cell_path(f, cell, path, sizeof path);
		on_path = strstr(path, pat) != NULL;
		nb_value_format(&r->cell[cell], nb_form_cell_type(f, cell), val, sizeof val);
		on_val = val[0] && strstr(val, pat) != NULL;
		if ((on_val || (on_path && !prev)) && !(took_first && c == 0))
			push(s, cell, -1);
		prev = on_path;
	}
}

int nb_search(const nb_report *r, const char *pat, nb_hit **out)
{
	const nb_form *f = r->form;
	hits_t s = {0};

	*out = NULL;
	if (!pat || !*pat)
		return 0;
	fields_of(r, -1, pat, &s);
	for (int k = 0; k < f->nsection; k++) {
		const nb_section *sec = &f->section[k];
		for (int t = sec->first_table; t < sec->first_table + sec->ntables; t++)
			table_of(r, t, pat, &s);
		fields_of(r, k, pat, &s);
	}
	if (s.oom) {
		free(s.h);
		return -1;
	}
	*out = s.h;
	return s.n;
}

/* A place's rank in screen order: cover fields, then per section its
 * tables' cells, then its own fields. */
static long rank(const nb_form *f, int cell, int field)
{
	if (cell >= 0) {
		int t, rr, c;
		nb_form_cell_pos(f, cell, &t, &rr, &c);
		if (t < 0)
			return -1;
		return ((long)(f->table[t].section + 1) << 40) + cell;
	}
	if (field < 0)
		return -1;
	if (f->field[field].section < 0)
		return field;
	return ((long)(f->field[field].section + 1) << 40) + (1L << 32) + field;
}

int nb_search_next(const nb_report *r, const nb_hit *hits, int n, int cell,
		   int field, int dir)
{
	long here = rank(r->form, cell, field);

	if (n <= 0)
		return -1;
	if (dir >= 0) {
		for (int i = 0; i < n; i++)
			if (rank(r->form, hits[i].cell, hits[i].field) > here - (dir == 0))
				return i;
		return 0;
	}
	for (int i = n - 1; i >= 0; i--)
		if (rank(r->form, hits[i].cell, hits[i].field) < here)
			return i;
	return n - 1;
}
