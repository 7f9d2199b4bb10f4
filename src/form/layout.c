/* See layout.h. */
#include "form/layout.h"

#include <stdlib.h>
#include <string.h>

/* A table whose only row carries no label (表四) prints no label column. */
static int label_cols(const nb_table *t)
{
	if (t->rows.nleaf == 1 && t->rows.nnode == 1 && !*t->rows.node[0].label)
		return 0;
	return t->rows.depth;
}

static int cmp_pos(const void *a, const void *b)
{
	const nb_lcell *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

typedef struct {
	nb_lcell *v;
	int n, cap;
} lbuf;

static nb_lcell *add(lbuf *b, int row, int col, int rs, int cs, nb_lkind k,
		     const char *text, int table, int node, int cell)
{
	if (b->n == b->cap) {
		int nc = b->cap ? 2 * b->cap : 64;
		nb_lcell *nv = realloc(b->v, (size_t)nc * sizeof *nv);
		if (!nv)
			return NULL;
		b->v = nv;
		b->cap = nc;
	}
	nb_lcell *c = &b->v[b->n++];
	*c = (nb_lcell){row, col, rs, cs, k, text, table, node, cell};
	return c;
}

/* One table from grid row `top`, `width` columns wide; returns the rows it
 * took, or -1 when out of memory. */
static int place_table(const nb_form *f, int ti, int top, int width, int titled,
		       lbuf *b, unsigned char *head)
{
	const nb_table *t = &f->table[ti];
	int L = label_cols(t), H = t->cols.depth, V = t->cols.nleaf;
	int extra = width - (L + V), r0 = top;

	if (titled && t->title) {
		if (!add(b, r0, 0, 1, width, NB_LC_TITLE, t->title, ti, -1, -1))
			return -1;
		head[r0++] = 1;
	}
	if (L > 0 && H > 0 &&
	    !add(b, r0, 0, H, L, NB_LC_CORNER, t->corner ? t->corner : "", ti, -1, -1))
		return -1;
	for (int i = 0; i < t->cols.nnode; i++) {
		const nb_node *n = &t->cols.node[i];
		int cs = n->nleaves;
		if (n->first_leaf + n->nleaves == V)
			cs += extra; /* the right edge absorbs a narrower table */
		if (!add(b, r0 + n->depth, L + n->first_leaf,
			 n->leaf >= 0 ? H - n->depth : 1, cs, NB_LC_COLHEAD,
			 n->label, ti, i, -1))
			return -1;
	}
	for (int h = 0; h < H; h++)
		head[r0 + h] = 1;
	r0 += H;
	for (int i = 0; L > 0 && i < t->rows.nnode; i++) {
		const nb_node *n = &t->rows.node[i];
		if (!add(b, r0 + n->first_leaf, n->depth,
			 n->leaf >= 0 ? 1 : n->nleaves, n->leaf >= 0 ? L - n->depth : 1,
			 NB_LC_ROWHEAD, n->label, ti, i, -1))
			return -1;
	}
	for (int r = 0; r < t->rows.nleaf; r++)
		for (int c = 0; c < V; c++)
			if (!add(b, r0 + r, L + c, 1, c == V - 1 ? 1 + extra : 1,
				 NB_LC_VALUE, NULL, ti, -1, nb_form_cell(f, ti, r, c)))
				return -1;
	return r0 + t->rows.nleaf - top;
}

static int table_rows(const nb_table *t, int titled)
{
	return (titled && t->title ? 1 : 0) + t->cols.depth + t->rows.nleaf;
}

int nb_layout_build(const nb_form *f, int section, nb_layout *l)
{
	const nb_section *s = &f->section[section];
	lbuf b = {0};
	int width = 0, rows = 0, stacked = s->ntables > 1, top = 0;

	memset(l, 0, sizeof *l);
	for (int k = 0; k < s->ntables; k++) {
		const nb_table *t = &f->table[s->first_table + k];
		int w = label_cols(t) + t->cols.nleaf;
		if (w > width)
			width = w;
		rows += table_rows(t, stacked);
	}
	l->row_head = calloc((size_t)rows + 1, 1);
	l->row_first = calloc((size_t)rows + 1, sizeof *l->row_first);
	if (!l->row_head || !l->row_first)
		goto oom;
	for (int k = 0; k < s->ntables; k++) {
		int n = place_table(f, s->first_table + k, top, width, stacked, &b,
				    l->row_head);
		if (n < 0)
			goto oom;
		top += n;
	}
	if (b.n) /* qsort of a NULL array is undefined, even of nothing */
		qsort(b.v, (size_t)b.n, sizeof *b.v, cmp_pos);
	l->cell = b.v;
	l->ncell = b.n;
	l->nrows = rows;
	l->ncols = width;
	l->nhead = stacked || s->ntables == 0 ? 0 : f->table[s->first_table].cols.depth;
	for (int i = 0, r = 0; r <= rows; r++) {
		while (i < b.n && b.v[i].row < r)
			i++;
		l->row_first[r] = i;
	}
	return 0;
oom:
	free(b.v);
	nb_layout_free(l);
	return -1;
}

void nb_layout_free(nb_layout *l)
{
	free(l->cell);
	free(l->row_first);
	free(l->row_head);
	memset(l, 0, sizeof *l);
}
