#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"
#include "form/deps.h"

int nb_inst_cell(const nb_form *f, const nb_rule *r, int bind, int other_leaf)
{
	return r->each == NB_EACH_ROW ? nb_form_cell(f, r->table, bind, other_leaf)
				      : nb_form_cell(f, r->table, other_leaf, bind);
}

const nb_axis *nb_rule_each(const nb_form *f, const nb_rule *r)
{
	const nb_table *t = &f->table[r->table];
	return r->each == NB_EACH_ROW ? &t->rows : &t->cols;
}

const nb_axis *nb_rule_other(const nb_form *f, const nb_rule *r)
{
	const nb_table *t = &f->table[r->table];
	return r->each == NB_EACH_ROW ? &t->cols : &t->rows;
}

int nb_rule_nbind(const nb_form *f, const nb_rule *r)
{
	return r->each == NB_EACH_NONE ? 1 : nb_rule_each(f, r)->nleaf;
}

int nb_term_ncells(const nb_form *f, const nb_rule *r, const nb_term *tm)
{
	const nb_table *t = &f->table[tm->table];
	if (tm->node < 0)
		return t->rows.node[tm->row].nleaves * t->cols.node[tm->col].nleaves;
	const nb_axis *o = r->each == NB_EACH_ROW ? &t->cols : &t->rows;
	return o->node[tm->node].nleaves;
}

int nb_term_cell(const nb_form *f, const nb_rule *r, int bind, const nb_term *tm, int k)
{
	const nb_table *t = &f->table[tm->table];
	if (tm->node < 0) {
		const nb_node *rn = &t->rows.node[tm->row], *cn = &t->cols.node[tm->col];
		return nb_form_cell(f, tm->table, rn->first_leaf + k / cn->nleaves,
				    cn->first_leaf + k % cn->nleaves);
	}
	int b = tm->bind ? tm->bind[bind] : bind;
	if (r->each == NB_EACH_ROW)
		return nb_form_cell(f, tm->table, b, t->cols.node[tm->node].first_leaf + k);
	return nb_form_cell(f, tm->table, t->rows.node[tm->node].first_leaf + k, b);
}

static int count_cells(const nb_form *f, const nb_rule *r)
{
	int n = 0;
	for (int k = 0; k < r->nlhs; k++)
		if (!r->lhs[k].last)
			n += nb_term_ncells(f, r, &r->lhs[k]);
	for (int k = 0; k < r->nrhs; k++)
		if (!r->rhs[k].last)
			n += nb_term_ncells(f, r, &r->rhs[k]);
	return n;
}

static int fill_side(const nb_form *f, const nb_rule *r, int bind, const nb_term *tm,
		     int nt, int *out)
{
	int n = 0;
	for (int k = 0; k < nt; k++) {
		if (tm[k].last)
			continue;
		int nc = nb_term_ncells(f, r, &tm[k]);
		for (int l = 0; l < nc; l++)
			out[n++] = nb_term_cell(f, r, bind, &tm[k], l);
	}
	return n;
}

enum { WHITE, GREY, BLACK };

static int visit(nb_deps *d, int i, char *color, int *cyc)
{
	if (color[i] == BLACK)
		return 0;
	if (color[i] == GREY) {
		*cyc = i;
		return -1;
	}
	color[i] = GREY;
	const nb_inst *in = &d->inst[i];
	for (int k = 1; k < in->ncells; k++) {
		int by = d->computed_by[in->cells[k]];
		if (by >= 0 && by != i && visit(d, by, color, cyc))
			return -1;
	}
	color[i] = BLACK;
	d->order[d->norder++] = i;
	return 0;
}

int nb_deps_build(const nb_form *f, nb_deps *d, char *why, size_t wn)
{
	memset(d, 0, sizeof *d);
	size_t ninst = 0, npool = 0;
	for (int i = 0; i < f->nrule; i++) {
		const nb_rule *r = &f->rule[i];
		size_t nb = (size_t)nb_rule_nbind(f, r);
		ninst += nb;
		npool += nb * (size_t)count_cells(f, r);
		/* Bounded before anything is allocated: a hostile form cannot
		 * make the pool overflow or ask for gigabytes. */
		if (npool > NB_MAX_RULE_CELLS) {
			snprintf(why, wn, "规则“%s”使规则涉及的单元格总数超过上限 %d", r->id,
				 NB_MAX_RULE_CELLS);
			return i;
		}
	}
	d->inst = nb_calloc(ninst + 1, sizeof *d->inst);
	d->pool = nb_malloc(sizeof(int) * (npool + 1));
	d->computed_by = nb_malloc(sizeof(int) * ((size_t)f->ncell + 1));
	d->rd_start = nb_calloc((size_t)f->ncell + 2, sizeof(int));
	d->rd = nb_malloc(sizeof(int) * (npool + 1));
	d->order = nb_malloc(sizeof(int) * (ninst + 1));
	char *color = nb_calloc(ninst + 1, 1);
	/* Filled slots per cell while the readers index is built. */
	int *fillp = nb_calloc((size_t)f->ncell + 1, sizeof(int));
	if (!d->inst || !d->pool || !d->computed_by || !d->rd_start || !d->rd ||
	    !d->order || !color || !fillp) {
		free(color);
		free(fillp);
		nb_deps_free(d);
		snprintf(why, wn, "内存不足");
		return 0;
	}
	for (int c = 0; c < f->ncell; c++)
		d->computed_by[c] = -1;
	int at = 0;
	for (int i = 0; i < f->nrule; i++) {
		const nb_rule *r = &f->rule[i];
		int nb = nb_rule_nbind(f, r);
		for (int b = 0; b < nb; b++) {
			nb_inst *in = &d->inst[d->ninst];
			in->rule = i;
			in->bind = b;
			in->cells = d->pool + at;
			in->ncells = fill_side(f, r, b, r->lhs, r->nlhs, in->cells);
			in->ncells += fill_side(f, r, b, r->rhs, r->nrhs, in->cells + in->ncells);
			at += in->ncells;
			in->target = -1;
			/* A cell two rules could derive (表三 总计 x （七）总计) is
			 * derived by the first; the second only checks it. */
			if (r->derive && d->computed_by[in->cells[0]] < 0) {
				in->target = in->cells[0];
				d->computed_by[in->target] = d->ninst;
			}
			d->ninst++;
		}
	}
	/* Readers index (CSR). A cell listed twice in one instance is kept
	 * once so an update evaluates the instance once. */
	for (int i = 0; i < d->ninst; i++)
		for (int k = 0; k < d->inst[i].ncells; k++)
			d->rd_start[d->inst[i].cells[k] + 1]++;
	for (int c = 0; c < f->ncell; c++)
		d->rd_start[c + 1] += d->rd_start[c];
	for (int i = 0; i < d->ninst; i++)
		for (int k = 0; k < d->inst[i].ncells; k++) {
			int c = d->inst[i].cells[k];
			int s = d->rd_start[c], e = s + fillp[c], dup = 0;
			for (int j = s; j < e; j++)
				if (d->rd[j] == i)
					dup = 1;
			if (!dup)
				d->rd[s + fillp[c]++] = i;
		}
	/* Compact the gaps left by duplicates. */
	int w = 0;
	for (int c = 0; c < f->ncell; c++) {
		int s = d->rd_start[c];
		d->rd_start[c] = w;
		for (int j = 0; j < fillp[c]; j++)
			d->rd[w++] = d->rd[s + j];
	}
	d->rd_start[f->ncell] = w;
	free(fillp);
	int cyc = -1;
	for (int i = 0; i < d->ninst; i++)
		for (int k = 1; k < d->inst[i].ncells && d->inst[i].target >= 0; k++)
			if (d->inst[i].cells[k] == d->inst[i].target) {
				free(color);
				int rule = d->inst[i].rule;
				snprintf(why, wn, "规则“%s”的合计引用了它自己", f->rule[rule].id);
				nb_deps_free(d);
				return rule;
			}
	for (int i = 0; i < d->ninst; i++)
		if (d->inst[i].target >= 0 && visit(d, i, color, &cyc)) {
			free(color);
			int rule = d->inst[cyc].rule;
			snprintf(why, wn, "规则“%s”的合计互相依赖（循环），无法计算", f->rule[rule].id);
			nb_deps_free(d);
			return rule;
		}
	free(color);
	return -1;
}

void nb_deps_free(nb_deps *d)
{
	free(d->inst);
	free(d->pool);
	free(d->computed_by);
	free(d->rd_start);
	free(d->rd);
	free(d->order);
	memset(d, 0, sizeof *d);
}
