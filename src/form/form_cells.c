/* Addressing cells of a form: index <-> table/row/column, ids and labels. */
#include <stdio.h>
#include <string.h>
#include "form/form.h"

int nb_form_cell(const nb_form *f, int table, int row, int col)
{
	if (table < 0 || table >= f->ntable)
		return -1;
	const nb_table *t = &f->table[table];
	if (row < 0 || row >= t->rows.nleaf || col < 0 || col >= t->cols.nleaf)
		return -1;
	return t->cell_base + row * t->cols.nleaf + col;
}

void nb_form_cell_pos(const nb_form *f, int cell, int *table, int *row, int *col)
{
	int ti = f->cell_table[cell];
	const nb_table *t = &f->table[ti];
	int off = cell - t->cell_base;
	*table = ti;
	*row = off / t->cols.nleaf;
	*col = off % t->cols.nleaf;
}

const nb_valtype *nb_form_cell_type(const nb_form *f, int cell)
{
	const nb_table *t = &f->table[f->cell_table[cell]];
	const nb_axis *ax = &t->cols;
	return &ax->node[ax->leaf_node[(cell - t->cell_base) % ax->nleaf]].vt;
}

int nb_form_cell_by_id(const nb_form *f, const char *id)
{
	char buf[200];
	size_t n = strlen(id);
	if (n >= sizeof buf)
		return -1;
	memcpy(buf, id, n + 1);
	char *d1 = strchr(buf, '.');
	if (!d1)
		return -1;
	char *d2 = strchr(d1 + 1, '.');
	if (!d2 || strchr(d2 + 1, '.'))
		return -1;
	*d1 = *d2 = 0;
	int t = nb_form_table(f, buf);
	if (t < 0)
		return -1;
	int rn = nb_axis_find(&f->table[t].rows, d1 + 1);
	int cn = nb_axis_find(&f->table[t].cols, d2 + 1);
	if (rn < 0 || cn < 0)
		return -1;
	int r = f->table[t].rows.node[rn].leaf, c = f->table[t].cols.node[cn].leaf;
	if (r < 0 || c < 0)
		return -1;
	return nb_form_cell(f, t, r, c);
}

void nb_form_cell_id(const nb_form *f, int cell, char *buf, size_t n)
{
	int t, r, c;
	nb_form_cell_pos(f, cell, &t, &r, &c);
	const nb_table *tb = &f->table[t];
	snprintf(buf, n, "%s.%s.%s", tb->id, tb->rows.node[tb->rows.leaf_node[r]].id,
		 tb->cols.node[tb->cols.leaf_node[c]].id);
}

/* Append the labels from the top of an axis down to node i. */
static size_t path_append(const nb_axis *ax, int i, char *buf, size_t n, size_t at)
{
	int chain[32], k = 0;
	for (int x = i; x >= 0 && k < 32; x = ax->node[x].parent)
		chain[k++] = x;
	while (k-- > 0) {
		const nb_node *nd = &ax->node[chain[k]];
		if (!nd->in_path || !*nd->label)
			continue;
		if (at < n)
			at += (size_t)snprintf(buf + at, n - at, "/%s", nd->label);
	}
	return at;
}

void nb_form_cell_path(const nb_form *f, int cell, char *buf, size_t n)
{
	int t, r, c;
	if (!n)
		return;
	nb_form_cell_pos(f, cell, &t, &r, &c);
	const nb_table *tb = &f->table[t];
	size_t at = (size_t)snprintf(buf, n, "%s", f->section[tb->section].number);
	if (tb->title && at < n)
		at += (size_t)snprintf(buf + at, n - at, "/%s", tb->title);
	at = path_append(&tb->rows, tb->rows.leaf_node[r], buf, n, at);
	path_append(&tb->cols, tb->cols.leaf_node[c], buf, n, at);
}

void nb_form_cell_name(const nb_form *f, int cell, char *buf, size_t n)
{
	int t, r, c;
	nb_form_cell_pos(f, cell, &t, &r, &c);
	const nb_table *tb = &f->table[t];
	const nb_node *rn = &tb->rows.node[tb->rows.leaf_node[r]];
	const nb_node *cn = &tb->cols.node[tb->cols.leaf_node[c]];
	if (tb->rows.nleaf == 1 && !*rn->label) {
		/* Table 四: one unlabelled row; name the column by its groups,
		 * "「行政诉讼/未经复议直接起诉/结果维持」". */
		char path[600];
		path_append(&tb->cols, tb->cols.leaf_node[c], path, sizeof path, 0);
		snprintf(buf, n, "「%s」", path[0] == '/' ? path + 1 : path);
	} else {
		snprintf(buf, n, "「%s」行「%s」列", rn->label, cn->label);
	}
}
