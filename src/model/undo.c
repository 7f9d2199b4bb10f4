/* Undo history; see undo.h. */
#include "model/undo.h"

#include <stdlib.h>
#include <string.h>

struct nb_undo {
	nb_undo_rec **rec;
	const nb_undo_rec **out; /* one step, in the order to apply */
	int n, pos, cap, max;
	unsigned step;   /* last step number used */
	int depth;       /* nesting of begin/end */
	int opened;      /* a record was pushed since the outer begin */
};

nb_undo *nb_undo_new(int max)
{
	nb_undo *u = calloc(1, sizeof *u);

	if (u)
		u->max = max > 0 ? max : 1000;
	return u;
}

static void rec_free(nb_undo_rec *r)
{
	if (!r)
		return;
	free(r->oldt);
	free(r->newt);
	free(r);
}

static void truncate_from(nb_undo *u, int from)
{
	for (int i = from; i < u->n; i++)
		rec_free(u->rec[i]);
	u->n = from;
	if (u->pos > from)
		u->pos = from;
}

void nb_undo_free(nb_undo *u)
{
	if (!u)
		return;
	truncate_from(u, 0);
	free(u->rec);
	free(u->out);
	free(u);
}

void nb_undo_begin(nb_undo *u)
{
	if (u->depth++ == 0)
		u->opened = 0;
}

void nb_undo_end(nb_undo *u)
{
	if (u->depth > 0)
		u->depth--;
}

/* Forget the oldest step so that at most max records remain. */
static void trim(nb_undo *u)
{
	while (u->n > u->max) {
		int k = 1;
		while (k < u->n && u->rec[k]->step == u->rec[0]->step)
			k++;
		for (int i = 0; i < k; i++)
			rec_free(u->rec[i]);
		memmove(u->rec, u->rec + k, (size_t)(u->n - k) * sizeof *u->rec);
		u->n -= k;
		u->pos -= k;
		if (u->pos < 0)
			u->pos = 0;
	}
}

static int push(nb_undo *u, nb_undo_rec *r)
{
	truncate_from(u, u->pos);
	if (u->n == u->cap) {
		int cap = u->cap ? u->cap * 2 : 64;
		nb_undo_rec **p = realloc(u->rec, (size_t)cap * sizeof *p);
		const nb_undo_rec **o = realloc(u->out, (size_t)cap * sizeof *o);
		if (o)
			u->out = o;
		if (!p || !o) {
			if (p)
				u->rec = p;
			rec_free(r);
			truncate_from(u, 0);
			return -1;
		}
		u->rec = p;
		u->cap = cap;
	}
	/* A step spans every push between the outermost begin and end. */
	if (u->depth == 0 || !u->opened)
		u->step++;
	u->opened = 1;
	r->step = u->step;
	u->rec[u->n++] = r;
	u->pos = u->n;
	trim(u);
	return 0;
}

int nb_undo_cell(nb_undo *u, int cell, const nb_value *oldv,
		 const nb_value *newv)
{
	nb_undo_rec *r = calloc(1, sizeof *r);

	if (!r) {
		truncate_from(u, 0);
		return -1;
	}
	r->kind = NB_UNDO_CELL;
	r->index = cell;
	r->oldv = *oldv;
	r->newv = *newv;
	return push(u, r);
}

int nb_undo_text(nb_undo *u, int field, const char *oldt, const char *newt)
{
	nb_undo_rec *r = calloc(1, sizeof *r);

	if (r) {
		r->oldt = strdup(oldt ? oldt : "");
		r->newt = strdup(newt ? newt : "");
	}
	if (!r || !r->oldt || !r->newt) {
		rec_free(r);
		truncate_from(u, 0);
		return -1;
	}
	r->kind = NB_UNDO_TEXT;
	r->index = field;
	return push(u, r);
}

int nb_undo_comment(nb_undo *u, int comment, int oldr, int newr)
{
	nb_undo_rec *r = calloc(1, sizeof *r);

	if (!r) {
		truncate_from(u, 0);
		return -1;
	}
	r->kind = NB_UNDO_COMMENT;
	r->index = comment;
	r->oldr = oldr;
	r->newr = newr;
	return push(u, r);
}

int nb_undo_undo(nb_undo *u, const nb_undo_rec *const **recs)
{
	int k = 0;
	unsigned step;

	if (u->pos == 0)
		return 0;
	step = u->rec[u->pos - 1]->step;
	/* Latest change first, so several changes to one cell end at the oldest. */
	while (u->pos > 0 && u->rec[u->pos - 1]->step == step)
		u->out[k++] = u->rec[--u->pos];
	*recs = u->out;
	return k;
}

int nb_undo_redo(nb_undo *u, const nb_undo_rec *const **recs)
{
	int k = 0;
	unsigned step;

	if (u->pos >= u->n)
		return 0;
	step = u->rec[u->pos]->step;
	while (u->pos < u->n && u->rec[u->pos]->step == step)
		u->out[k++] = u->rec[u->pos++];
	*recs = u->out;
	return k;
}

int nb_undo_can_undo(const nb_undo *u)
{
	return u->pos > 0;
}

int nb_undo_can_redo(const nb_undo *u)
{
	return u->pos < u->n;
}
