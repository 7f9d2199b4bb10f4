/* Group figures: a short list per report, empty in every file the editor
 * writes, so a linear search is the right structure. */
#include <stdlib.h>
#include <string.h>
#include "model/groups.h"

static int find(const nb_report *r, int table, int node, int col)
{
	for (int i = 0; i < r->ngval; i++)
		if (r->gval[i].table == table && r->gval[i].node == node && r->gval[i].col == col)
			return i;
	return -1;
}

int nb_group_set(nb_report *r, int table, int node, int col, const nb_value *v)
{
	const nb_form *f = r->form;
	if (table < 0 || table >= f->ntable)
		return -1;
	const nb_table *t = &f->table[table];
	if (node < 0 || node >= t->rows.nnode || t->rows.node[node].leaf >= 0 ||
	    !t->rows.node[node].nleaves || col < 0 || col >= t->cols.nleaf)
		return -1;
	int i = find(r, table, node, col);
	if (!v->set) {
		if (i >= 0) {
			memmove(&r->gval[i], &r->gval[i + 1], sizeof *r->gval * (size_t)(r->ngval - i - 1));
			r->ngval--;
		}
		return 0;
	}
	if (i < 0) {
		nb_gval *g = realloc(r->gval, sizeof *g * (size_t)(r->ngval + 1));
		if (!g)
			return -1;
		r->gval = g;
		i = r->ngval++;
		memset(&r->gval[i], 0, sizeof r->gval[i]);
		r->gval[i].table = table;
		r->gval[i].node = node;
		r->gval[i].col = col;
	}
	r->gval[i].v = *v;
	return 0;
}

const nb_gval *nb_group_get(const nb_report *r, int table, int node, int col)
{
	int i = find(r, table, node, col);
	return i < 0 ? NULL : &r->gval[i];
}

int nb_group_any(const nb_report *r, int table, int node)
{
	for (int i = 0; i < r->ngval; i++)
		if (r->gval[i].table == table && r->gval[i].node == node)
			return 1;
	return 0;
}

int nb_group_leaf_cell(const nb_form *f, const nb_gval *g, int k)
{
	const nb_node *n = &f->table[g->table].rows.node[g->node];
	return nb_form_cell(f, g->table, n->first_leaf + k, g->col);
}

int nb_groups_eq(const nb_report *a, const nb_report *b)
{
	if (a->ngval != b->ngval)
		return 0;
	for (int i = 0; i < a->ngval; i++) {
		const nb_gval *x = &a->gval[i];
		const nb_gval *y = nb_group_get(b, x->table, x->node, x->col);
		if (!y || !nb_value_eq(&x->v, &y->v))
			return 0;
	}
	return 1;
}

void nb_groups_clear(nb_report *r)
{
	free(r->gval);
	r->gval = NULL;
	r->ngval = 0;
}

int nb_groups_copy(nb_report *dst, const nb_report *src)
{
	nb_groups_clear(dst);
	if (!src->ngval)
		return 0;
	dst->gval = malloc(sizeof *dst->gval * (size_t)src->ngval);
	if (!dst->gval)
		return -1;
	memcpy(dst->gval, src->gval, sizeof *dst->gval * (size_t)src->ngval);
	dst->ngval = src->ngval;
	return 0;
}
