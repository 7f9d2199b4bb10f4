/* The rule engine. Each rule of the form, bound to one row or column, is an
 * instance (deps.h); each instance owns at most one finding. A change to a
 * cell re-evaluates only the instances that read it, and those that read
 * the computed cells it changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form/deps.h"
#include "model/engine.h"
#include "model/mention.h"
#include "model/groups.h"
#include "core/utf8.h"

struct nb_engine {
	const nb_form *f;
	nb_report *r;
	const nb_report *last;
	const nb_deps *dp;
	nb_finding *ifind;      /* [ninst] */
	/* Rare kinds, allocated when first needed: a value's own problem
	 * (sign) per cell, and figures quoted in prose per text field. */
	nb_finding **cfind;     /* [ncell] */
	nb_finding *tfind;      /* [nfield] text problems */
	nb_finding **mfind;     /* [nfield] each MENTION_SLOTS long */
	unsigned char *mentioned; /* [ncell] read by some mention */
	int mention_stale;      /* a mentioned cell changed */
	nb_finding *bfind;      /* [ntable] blank cells in a table */
	int *nblank, *nset;     /* [ntable] input cells blank / filled */
	int *cnt;               /* [2*ncell] findings involving a cell: warnings, errors */
	unsigned char *dirty;   /* [ncell] */
	int *dirtyq, ndirty;
	unsigned char *queued;  /* [ninst] */
	/* A published page may leave computed cells blank (a whole 总计
	 * column): such a cell is "not given", and rules read the sum of its
	 * parts instead. NULL until some blank computed cell has parts. */
	nb_value *fill;         /* [ncell] for blank computed cells */
	unsigned char *covered; /* [ncell] blank rows of a group given as a
				 * whole (model/groups.h); NULL when none */
	nb_finding *zfind;      /* [nrule] blank computed cells of a derive rule */
	int *zcells;            /* [ncell] their cells, grouped by rule */
	const nb_finding **list;
	int nlist, list_ok;
	int total[3];           /* by severity */
	int errors_only;        /* nb_engine_count_errors: no warning passes */
	/* The editor's view (issue 9): a rule instance whose figures are not
	 * all filled in is unfinished rather than failed (lenient), and a
	 * broken rule is blamed on the cell whose change broke it. */
	int lenient;
	int changing;           /* the cell nb_engine_set is storing, -1 */
	int last_set;           /* the cell nb_engine_set stored last, -1 */
	int *iblame;            /* [ninst] blamed cell of ifind[i], -1 none */
	unsigned char *iunfin;  /* [ninst] unfinished (lenient only) */
};

static void mark_dirty(nb_engine *e, int cell)
{
	if (!e->dirty[cell]) {
		e->dirty[cell] = 1;
		e->dirtyq[e->ndirty++] = cell;
	}
}

/* Replace a finding slot, keeping the per-cell and total counts right. */
static void put(nb_engine *e, nb_finding *slot, const nb_finding *nw)
{
	int old = slot->sev, now = nw ? (int)nw->sev : 0;
	if (!old && !now)
		return;
	if (old) {
		e->total[old]--;
		for (int k = 0; k < slot->ncells; k++) {
			e->cnt[2 * slot->cells[k] + (old == NB_SEV_ERROR)]--;
			mark_dirty(e, slot->cells[k]);
		}
	}
	if (nw)
		*slot = *nw;
	else
		slot->sev = 0;
	if (now) {
		e->total[now]++;
		for (int k = 0; k < slot->ncells; k++) {
			e->cnt[2 * slot->cells[k] + (now == NB_SEV_ERROR)]++;
			mark_dirty(e, slot->cells[k]);
		}
	}
	e->list_ok = 0;
}

static void fmt_int(int64_t v, char *buf, size_t n)
{
	snprintf(buf, n, "%lld", (long long)v);
}

/* ---- sums ---- */

static void add(nb_sum *s, int sign, const nb_value *v)
{
	if (!v->set)
		return;
	s->any = 1;
	int64_t x = v->v;
	if (sign < 0 ? __builtin_sub_overflow(s->v, x, &s->v)
		     : __builtin_add_overflow(s->v, x, &s->v))
		s->ovf = 1;
}

void nb_term_sum(const nb_form *f, const nb_rule *r, int bind, const nb_term *tm,
		 const nb_report *rep, nb_sum *s)
{
	if (rep->form == f) {
		int n = nb_term_ncells(f, r, tm);
		for (int k = 0; k < n; k++)
			add(s, tm->sign, &rep->cell[nb_term_cell(f, r, bind, tm, k)]);
		return;
	}
	/* Another layout (last year's 2020 report under a 2021 form): the
	 * same table, row and column ids, wherever they sit there; a group
	 * stands for its leaves in that layout. */
	const nb_form *rf = rep->form;
	const nb_table *t = &f->table[tm->table];
	int lt = nb_form_table(rf, t->id);
	if (lt < 0) {
		s->missing = 1;
		return;
	}
	const nb_table *ltb = &rf->table[lt];
	int rn, cn;  /* row node, column node there */
	if (tm->node < 0) {
		rn = nb_axis_find(&ltb->rows, t->rows.node[tm->row].id);
		cn = nb_axis_find(&ltb->cols, t->cols.node[tm->col].id);
	} else {
		/* The binding's leaf in the term's table, then both by id. */
		const nb_axis *each = r->each == NB_EACH_ROW ? &t->rows : &t->cols;
		const nb_axis *other = r->each == NB_EACH_ROW ? &t->cols : &t->rows;
		int b = tm->bind ? tm->bind[bind] : bind;
		const char *bid = each->node[each->leaf_node[b]].id;
		const char *oid = other->node[tm->node].id;
		rn = nb_axis_find(&ltb->rows, r->each == NB_EACH_ROW ? bid : oid);
		cn = nb_axis_find(&ltb->cols, r->each == NB_EACH_ROW ? oid : bid);
		/* The binding must be one row (column) there too, not a group. */
		if (rn >= 0 && cn >= 0 &&
		    (r->each == NB_EACH_ROW ? ltb->rows.node[rn].leaf : ltb->cols.node[cn].leaf) < 0)
			rn = -1;
	}
	if (rn < 0 || cn < 0) {
		s->missing = 1;
		return;
	}
	const nb_node *ro = &ltb->rows.node[rn], *co = &ltb->cols.node[cn];
	for (int i = 0; i < ro->nleaves; i++)
		for (int j = 0; j < co->nleaves; j++)
			add(s, tm->sign, &rep->cell[nb_form_cell(rf, lt, ro->first_leaf + i,
								   co->first_leaf + j)]);
}

/* A cell of this year's report as the rules read it: a blank computed
 * cell whose parts are filled reads as their sum. */
static const nb_value *eff(const nb_engine *e, int cell)
{
	const nb_value *v = &e->r->cell[cell];
	return !v->set && e->fill && e->fill[cell].set ? &e->fill[cell] : v;
}

/* Group figures (model/groups.h) for a sum over `cells`: a group given
 * as a whole whose rows in that column are all read here, and all blank,
 * reads as its figure. */
static void add_groups(const nb_engine *e, const int *cells, int n, int sign, nb_sum *s)
{
	const nb_report *r = e->r;
	for (int g = 0; g < r->ngval; g++) {
		const nb_gval *gv = &r->gval[g];
		const nb_node *nd = &e->f->table[gv->table].rows.node[gv->node];
		int all = gv->v.set;
		for (int k = 0; k < nd->nleaves && all; k++) {
			int c = nb_group_leaf_cell(e->f, gv, k), in = 0;
			for (int m = 0; m < n && !in; m++)
				in = cells[m] == c;
			all = in && !eff(e, c)->set;
		}
		if (all)
			add(s, sign, &gv->v);
	}
}

#define TERM_CELLS_MAX 512

static nb_sum sum_side(const nb_engine *e, const nb_rule *r, int bind, const nb_term *tm,
		       int nt)
{
	nb_sum s = {0, 0, 0, 0};
	for (int k = 0; k < nt; k++) {
		if ((e->fill || e->r->ngval) && !tm[k].last) {
			int n = nb_term_ncells(e->f, r, &tm[k]), cells[TERM_CELLS_MAX];
			for (int c = 0; c < n; c++) {
				int cell = nb_term_cell(e->f, r, bind, &tm[k], c);
				add(&s, tm[k].sign, eff(e, cell));
				if (c < TERM_CELLS_MAX)
					cells[c] = cell;
			}
			if (e->r->ngval && n <= TERM_CELLS_MAX)
				add_groups(e, cells, n, tm[k].sign, &s);
			continue;
		}
		nb_term_sum(e->f, r, bind, &tm[k], tm[k].last ? e->last : e->r, &s);
	}
	return s;
}

/* "表三「（七）总计」行「自然人」列": the table's name, then the cell's. */
static void cell_name(const nb_engine *e, int cell, char *buf, size_t n)
{
	int t, r, c;
	char name[300];
	nb_form_cell_pos(e->f, cell, &t, &r, &c);
	nb_form_cell_name(e->f, cell, name, sizeof name);
	snprintf(buf, n, "%s%s", e->f->table[t].name, name);
}

/* "表三「自然人」列" / "表三「（一）予以公开」行" / "表四" */
static void where(const nb_engine *e, const nb_rule *r, int bind, char *buf, size_t n)
{
	const nb_table *t = &e->f->table[r->table];
	if (r->each == NB_EACH_NONE) {
		snprintf(buf, n, "%s", t->name);
		return;
	}
	const nb_axis *each = nb_rule_each(e->f, r);
	const char *label = each->node[each->leaf_node[bind]].label;
	if (each->nleaf == 1 && !*label)
		snprintf(buf, n, "%s", t->name);
	else
		snprintf(buf, n, "%s「%s」%s", t->name, label,
			 r->each == NB_EACH_ROW ? "行" : "列");
}

/* An inequality that does not hold: both sides, and which way it fails. */
static void unequal_msg(const nb_engine *e, const nb_rule *r, int bind, const nb_sum *lhs,
			const nb_sum *rhs, char *msg, size_t n)
{
	static const char *const want[] = {"等于", "不小于", "不大于", "大于", "小于"};
	char w[300], a[32], b[32], how[48];
	where(e, r, bind, w, sizeof w);
	fmt_int(lhs->v, b, sizeof b);
	fmt_int(rhs->v, a, sizeof a);
	if (!lhs->any)
		snprintf(b, sizeof b, "空白");
	if (!rhs->any)
		snprintf(a, sizeof a, "空白");
	uint64_t ad = lhs->v > rhs->v ? (uint64_t)lhs->v - (uint64_t)rhs->v
				      : (uint64_t)rhs->v - (uint64_t)lhs->v;
	if (lhs->v == rhs->v)
		snprintf(how, sizeof how, "现两边相等");
	else
		snprintf(how, sizeof how, "现左边%s %llu", lhs->v < rhs->v ? "少" : "多",
			 (unsigned long long)ad);
	nb_msgf(msg, n, "%s：%s 不成立：%s为 %s，%s为 %s；左边应%s右边，%s", w, r->describe,
		r->lhs_desc, b, r->rhs_desc, a, want[r->rel], how);
}

/* ---- evaluating one instance ---- */

static void set_derived(nb_engine *e, int cell, const nb_value *v);
static nb_finding *finding_slots(size_t n);

/* Is the blamed cell one of the finding's own (already marked)? */
static int among(const nb_finding *f, int cell)
{
	for (int k = 0; k < f->ncells; k++)
		if (f->cells[k] == cell)
			return 1;
	return 0;
}

/* put() for a rule instance: the finding points at (and marks) the cell
 * whose change broke the rule, the likeliest culprit, when there is one. */
static void put_inst(nb_engine *e, int i, nb_finding *nw)
{
	nb_finding *slot = &e->ifind[i];
	int ob = slot->sev ? e->iblame[i] : -1, blame = -1;
	if (nw)
		blame = !e->lenient ? -1 : e->changing >= 0 ? e->changing : ob;
	if (ob >= 0 && !among(slot, ob)) {
		e->cnt[2 * ob + (slot->sev == NB_SEV_ERROR)]--;
		mark_dirty(e, ob);
	}
	if (nw && blame >= 0)
		nw->cell = blame;
	put(e, slot, nw);
	e->iblame[i] = blame;
	if (blame >= 0 && !among(slot, blame)) {
		e->cnt[2 * blame + (slot->sev == NB_SEV_ERROR)]++;
		mark_dirty(e, blame);
	}
}

/* Some figure of the instance is blank: with lenient, not yet checked.
 * A total kept from a file is checked whatever the blanks. */
static int unfinished(const nb_engine *e, const nb_inst *in, const nb_rule *r)
{
	if (!e->lenient || r->derive)
		return 0;
	for (int k = 0; k < in->ncells; k++)
		if (!e->r->cell[in->cells[k]].set)
			return 1;
	return 0;
}

static void eval(nb_engine *e, int i, int derive)
{
	const nb_inst *in = &e->dp->inst[i];
	const nb_rule *r = &e->f->rule[in->rule];
	e->iunfin[i] = 0;
	if (r->needs_last && !e->last) {
		put_inst(e, i, NULL);
		return;
	}
	nb_sum rhs = sum_side(e, r, in->bind, r->rhs, r->nrhs);
	if (derive && in->target >= 0) {
		nb_value v = {0, 0, 0, 0};
		if (rhs.any && !rhs.ovf) {
			v.set = 1;
			v.v = rhs.v;
		}
		set_derived(e, in->target, &v);
	}
	if (!derive && in->target >= 0 && !e->r->cell[in->target].set && !rhs.ovf) {
		/* Not given (a published page): blank_totals() reports it once
		 * for the whole column, and the rules read the parts. */
		put(e, &e->ifind[i], NULL);
		return;
	}
	nb_sum lhs = sum_side(e, r, in->bind, r->lhs, r->nlhs);
	if (lhs.missing || rhs.missing || (!lhs.any && !rhs.any)) {
		put_inst(e, i, NULL);
		return;
	}
	if (unfinished(e, in, r)) {
		e->iunfin[i] = 1;
		put_inst(e, i, NULL);
		return;
	}
	nb_finding fd;
	memset(&fd, 0, sizeof fd);
	fd.sev = r->sev;
	fd.rule = in->rule;
	fd.kind = r->id;
	fd.cell = in->ncells ? in->cells[0] : -1;
	fd.field = -1;
	fd.cells = in->cells;
	fd.ncells = in->ncells;
	char w[300], a[32], b[32], d[32];
	if (lhs.ovf || rhs.ovf) {
		where(e, r, in->bind, w, sizeof w);
		fd.sev = NB_SEV_ERROR;
		nb_msgf(fd.msg, sizeof fd.msg, "%s：%s 的合计超出 64 位整数范围，请检查数字", w,
			 r->describe);
		put_inst(e, i, &fd);
		return;
	}
	if (nb_rel_holds(r->rel, lhs.v, rhs.v)) {
		put_inst(e, i, NULL);
		return;
	}
	if (r->rel != NB_REL_EQ) {
		/* No single figure is "expected" of an inequality. */
		unequal_msg(e, r, in->bind, &lhs, &rhs, fd.msg, sizeof fd.msg);
		put_inst(e, i, &fd);
		return;
	}
	fd.has_expected = 1;
	fd.expected = rhs.v;
	fd.actual = lhs.v;
	fd.expected_blank = !rhs.any;
	fd.actual_blank = !lhs.any;
	fmt_int(rhs.v, a, sizeof a);
	fmt_int(lhs.v, b, sizeof b);
	/* |lhs - rhs| always fits in 64 unsigned bits. */
	uint64_t ad = lhs.v > rhs.v ? (uint64_t)lhs.v - (uint64_t)rhs.v
				    : (uint64_t)rhs.v - (uint64_t)lhs.v;
	snprintf(d, sizeof d, "%llu", (unsigned long long)ad);
	if (!lhs.any)
		snprintf(b, sizeof b, "空白");
	if (r->derive) {
		char name[400];
		cell_name(e, in->cells[0], name, sizeof name);
		nb_msgf(fd.msg, sizeof fd.msg, "%s是合计（%s），应为 %s，现为 %s（相差 %s）", name,
			 r->describe, a, b, d);
	} else if (r->needs_last && r->nlhs == 1 && !r->lhs[0].last && in->ncells &&
		   nb_term_ncells(e->f, r, &r->lhs[0]) == 1) {
		/* One figure against last year's report, which cannot be
		 * changed here: that figure is the one to look at. */
		char name[400];
		cell_name(e, in->cells[0], name, sizeof name);
		nb_msgf(fd.msg, sizeof fd.msg, "%s：按“%s”应为 %s，现为 %s（相差 %s）", name,
			 r->describe, a, b, d);
	} else {
		/* Both sides and the difference, never which side is wrong:
		 * the clerk knows which figure they just typed. */
		where(e, r, in->bind, w, sizeof w);
		const char *eq = strchr(r->describe, '=');
		int ll = eq ? (int)(eq - r->describe) : 0;
		nb_msgf(fd.msg, sizeof fd.msg, "%s：%s 不成立：%.*s为 %s，%s为 %s，相差 %s", w,
			 r->describe, ll, r->describe, b, eq ? eq + 1 : "", a, d);
	}
	put_inst(e, i, &fd);
}

/* ---- the per-cell and per-table findings ---- */

static int is_input(const nb_engine *e, int cell)
{
	return e->dp->computed_by[cell] < 0;
}

static void check_blanks(nb_engine *e, int t)
{
	nb_finding fd;
	const nb_table *tb = &e->f->table[t];
	if (e->nset[t] == 0 || e->nblank[t] == 0) {
		put(e, &e->bfind[t], NULL);
		return;
	}
	memset(&fd, 0, sizeof fd);
	fd.sev = NB_SEV_WARNING;
	fd.rule = -1;
	fd.kind = "blank";
	fd.field = -1;
	fd.cell = -1;
	for (int r = 0; r < tb->rows.nleaf && fd.cell < 0; r++)
		for (int c = 0; c < tb->cols.nleaf; c++) {
			int cell = nb_form_cell(e->f, t, r, c);
			if (is_input(e, cell) && !e->r->cell[cell].set) {
				fd.cell = cell;
				break;
			}
		}
	nb_msgf(fd.msg, sizeof fd.msg,
		 "%s有 %d 个单元格空白（计算时按 0 计；没有发生请填 0）", tb->name, e->nblank[t]);
	/* A blank-table finding involves no cell marks: it is about the table. */
	put(e, &e->bfind[t], &fd);
}

/* A signed column is the change of the count just left of it (本年增/减
 * after 上一年项目数量, the 2019 layout's 表二): both filled and their sum
 * below 0 is a count that cannot be. To become a form rule
 * ("prev_items + change >= 0") once the rule language has inequalities. */
static int change_below_zero(const nb_engine *e, int cell, const nb_value *v)
{
	int t, r, c, lc;
	if (!v->set || v->v >= 0 || nb_form_cell_type(e->f, cell)->type != NB_T_SIGNED)
		return 0;
	nb_form_cell_pos(e->f, cell, &t, &r, &c);
	if (t < 0 || c < 1)
		return 0;
	lc = nb_form_cell(e->f, t, r, c - 1);
	if (nb_form_cell_type(e->f, lc)->type != NB_T_COUNT || !e->r->cell[lc].set)
		return 0;
	int64_t sum;
	return !__builtin_add_overflow(e->r->cell[lc].v, v->v, &sum) && sum < 0;
}

static void check_cell(nb_engine *e, int cell)
{
	const nb_value *v = &e->r->cell[cell];
	const nb_valtype *vt = nb_form_cell_type(e->f, cell);
	if (v->set && v->v < 0 && vt->type != NB_T_SIGNED) {
		nb_finding fd;
		char name[300];
		memset(&fd, 0, sizeof fd);
		fd.sev = NB_SEV_ERROR;
		fd.rule = -1;
		fd.kind = "type";
		fd.cell = cell;
		fd.field = -1;
		/* The slot's own `cell` member is the one cell involved. */
		if (!e->cfind[cell] && !(e->cfind[cell] = calloc(1, sizeof(nb_finding))))
			return; /* out of memory: the finding is lost, not the data */
		fd.cells = &e->cfind[cell]->cell;
		fd.ncells = 1;
		cell_name(e, cell, name, sizeof name);
		nb_msgf(fd.msg, sizeof fd.msg, "%s不能为负数（现为 %lld）", name, (long long)v->v);
		put(e, e->cfind[cell], &fd);
	} else if (change_below_zero(e, cell, v)) {
		/* 上一年项目数量 0 with 本年增/减 -3: the count would go
		 * below 0 (issue 9 item 9). A warning: the earlier figure may
		 * be the wrong one. */
		nb_finding fd;
		char name[300], left[300];
		int t, r, c;
		nb_form_cell_pos(e->f, cell, &t, &r, &c);
		int lc = nb_form_cell(e->f, t, r, c - 1);
		memset(&fd, 0, sizeof fd);
		fd.sev = NB_SEV_WARNING;
		fd.rule = -1;
		fd.kind = "below-zero";
		fd.cell = cell;
		fd.field = -1;
		if (!e->cfind[cell] && !(e->cfind[cell] = calloc(1, sizeof(nb_finding))))
			return;
		fd.cells = &e->cfind[cell]->cell;
		fd.ncells = 1;
		cell_name(e, cell, name, sizeof name);
		nb_form_cell_name(e->f, lc, left, sizeof left);
		nb_msgf(fd.msg, sizeof fd.msg, "%s为 %lld，而%s为 %lld：相加后小于 0（为 %lld），请核对",
			name, (long long)v->v, left, (long long)e->r->cell[lc].v,
			(long long)(e->r->cell[lc].v + v->v));
		put(e, e->cfind[cell], &fd);
	} else {
		if (e->cfind[cell])
			put(e, e->cfind[cell], NULL);
	}
}

static void count_cell(nb_engine *e, int cell, int delta)
{
	int t, r, c;
	/* A group given as a whole: its rows were not published, which is
	 * not a blank to fill in. */
	if (!is_input(e, cell) || (e->covered && e->covered[cell]))
		return;
	nb_form_cell_pos(e->f, cell, &t, &r, &c);
	if (e->r->cell[cell].set)
		e->nset[t] += delta;
	else
		e->nblank[t] += delta;
}

static void set_derived(nb_engine *e, int cell, const nb_value *v)
{
	if (e->fill)
		e->fill[cell] = *v; /* no stale sum behind a cleared total */
	if (nb_value_eq(&e->r->cell[cell], v))
		return;
	e->r->cell[cell] = *v;
	mark_dirty(e, cell);
	check_cell(e, cell);
	e->mention_stale |= e->mentioned[cell];
	/* Whoever reads this cell must look again. */
	for (int j = e->dp->rd_start[cell]; j < e->dp->rd_start[cell + 1]; j++) {
		int k = e->dp->rd[j];
		if (e->dp->inst[k].target != cell)
			e->queued[k] = 1;
	}
}

/* ---- computed cells a file left blank ---- */

/* The sums that stand for blank computed cells, in derivation order so a
 * total of totals reads its parts' sums; then one finding per derive rule
 * that names the column (or row) it leaves blank. Costs nothing more than
 * a scan when no computed cell is blank over filled parts (every file the
 * editor saved). */
static void blank_totals(nb_engine *e)
{
	const nb_form *f = e->f;
	const nb_deps *dp = e->dp;
	for (int k = 0; k < dp->norder; k++) {
		const nb_inst *in = &dp->inst[dp->order[k]];
		const nb_rule *r = &f->rule[in->rule];
		if (e->r->cell[in->target].set || r->needs_last) {
			if (e->fill)
				e->fill[in->target].set = 0;
			continue;
		}
		nb_sum rhs = sum_side(e, r, in->bind, r->rhs, r->nrhs);
		nb_value v = {0, 0, 0, 0};
		if (rhs.any && !rhs.ovf) {
			v.set = 1;
			v.v = rhs.v;
		}
		if (!e->fill && v.set) {
			e->fill = calloc((size_t)f->ncell + 1, sizeof *e->fill);
			e->zfind = finding_slots((size_t)f->nrule + 1);
			e->zcells = calloc((size_t)f->ncell + 1, sizeof *e->zcells);
			if (!e->fill || !e->zfind || !e->zcells) {
				/* Out of memory: blank totals read as blank, as before. */
				free(e->fill);
				free(e->zfind);
				free(e->zcells);
				e->fill = NULL;
				e->zfind = NULL;
				e->zcells = NULL;
				return;
			}
		}
		if (e->fill)
			e->fill[in->target] = v;
	}
	if (!e->fill)
		return;
	/* Clear first: the old findings' cell lists are about to be rewritten. */
	for (int ri = 0; ri < f->nrule; ri++)
		put(e, &e->zfind[ri], NULL);
	int used = 0;
	for (int ri = 0; ri < f->nrule; ri++) {
		const nb_rule *r = &f->rule[ri];
		int nblank = 0, ntarget = 0, *cells = e->zcells + used;
		for (int k = 0; k < dp->norder; k++) {
			const nb_inst *in = &dp->inst[dp->order[k]];
			if (in->rule != ri)
				continue;
			ntarget++;
			if (!e->r->cell[in->target].set && e->fill[in->target].set)
				cells[nblank++] = in->target;
		}
		if (!nblank)
			continue;
		/* Form order, so the finding jumps to the first of them. */
		for (int a = 1; a < nblank; a++)
			for (int b = a; b > 0 && cells[b - 1] > cells[b]; b--) {
				int t = cells[b];
				cells[b] = cells[b - 1];
				cells[b - 1] = t;
			}
		used += nblank;
		const nb_table *t = &f->table[r->table];
		const nb_axis *other = nb_rule_other(f, r);
		const char *what = r->lhs[0].node >= 0 ? other->node[r->lhs[0].node].label : "";
		const char *axis = r->each == NB_EACH_ROW ? "列" : "行";
		nb_finding fd;
		memset(&fd, 0, sizeof fd);
		fd.sev = NB_SEV_WARNING;
		fd.rule = -1;
		fd.kind = "blank-total";
		fd.field = -1;
		fd.cell = cells[0];
		fd.cells = cells;
		fd.ncells = nblank;
		if (nblank == ntarget)
			nb_msgf(fd.msg, sizeof fd.msg,
				"%s「%s」%s未填写（是合计：核对时按其各项之和计）", t->name, what, axis);
		else {
			char first[400];
			nb_form_cell_name(f, cells[0], first, sizeof first);
			nb_msgf(fd.msg, sizeof fd.msg,
				"%s「%s」%s有 %d 处未填写（%s等；是合计：核对时按其各项之和计）",
				t->name, what, axis, nblank, first);
		}
		put(e, &e->zfind[ri], &fd);
	}
}

#define MENTION_SLOTS 16

/* Rule 10: figures the prose quotes against the tables they quote. */
static void mention_findings(nb_engine *e, int field)
{
	const nb_form *f = e->f;
	const nb_field *fd = &f->field[field];
	const char *s = e->r->text[field];
	nb_finding *slot = e->mfind[field];
	int used = 0;
	size_t anchor[256];
	nb_clause cl[256];
	int na = fd->section >= 0 && f->nmention ? nb_quote_anchors(s, anchor, 256) : 0;
	int nc = 0;
	for (int a = 0; a < na; a++)
		nc += nb_quote_clause(s, anchor[a], &cl[nc]);
	for (int k = 0; k < f->nmention && used < MENTION_SLOTS; k++) {
		const nb_mention *m = &f->mention[k];
		nb_quote q;
		for (int a = 0; a < nc && used < MENTION_SLOTS; a++) {
			if (!nb_mention_in(m, s, &cl[a], &q) ||
			    nb_mention_shadowed(f, k, s, &cl[a], &q))
				continue;
			nb_sum sum = {0, 0, 0, 0};
			for (int c = 0; c < m->ncells; c++)
				add(&sum, 1, eff(e, m->cells[c]));
			if (e->r->ngval)
				add_groups(e, m->cells, m->ncells, 1, &sum);
			/* Tables not filled yet, or the prose agrees. */
			if (!sum.any || sum.ovf || sum.v == q.value)
				continue;
			if (!slot && !(slot = e->mfind[field] = calloc(MENTION_SLOTS, sizeof *slot)))
				return;
			nb_finding x;
			char name[400];
			memset(&x, 0, sizeof x);
			x.sev = NB_SEV_WARNING;
			x.rule = -1;
			x.kind = m->id;
			x.field = field;
			x.cell = m->cells[0];
			x.cells = m->cells;
			x.ncells = m->ncells;
			x.has_expected = 1;
			x.expected = sum.v;
			x.actual = q.value;
			if (m->label) /* a group is named as a group */
				nb_msgf(name, sizeof name, "%s", m->label);
			else
				cell_name(e, m->cells[0], name, sizeof name);
			nb_msgf(x.msg, sizeof x.msg, "「%s」中写的“%.*s”与表格不符：%s%s为 %lld",
				fd->label, (int)nb_utf8_fit(s + q.start, q.end - q.start, 90),
				s + q.start, name, m->ncells > 1 && !m->label ? "等合计" : "", (long long)sum.v);
			put(e, &slot[used++], &x);
		}
	}
	for (; slot && used < MENTION_SLOTS; used++)
		put(e, &slot[used], NULL);
}

static void text_findings(nb_engine *e, int field)
{
	mention_findings(e, field);
	const nb_form *f = e->f;
	const nb_field *fd = &f->field[field];
	const char *s = e->r->text[field];
	nb_finding x;
	memset(&x, 0, sizeof x);
	x.sev = NB_SEV_WARNING;
	x.rule = -1;
	x.kind = "text";
	x.cell = -1;
	x.field = field;
	if (fd->required && !*s) {
		nb_msgf(x.msg, sizeof x.msg, "「%s」尚未填写", fd->label);
		put(e, &e->tfind[field], &x);
		return;
	}
	if (field == nb_form_field_role(f, NB_ROLE_YEAR) && *s) {
		int y = nb_report_year(e->r);
		if (!y) {
			nb_msgf(x.msg, sizeof x.msg, "「%s」应为 %d 至 %d 之间的四位年份，现为“%s”",
				fd->label, NB_YEAR_MIN, NB_YEAR_MAX, s);
			put(e, &e->tfind[field], &x);
			return;
		}
		if ((f->year_from && y < f->year_from) || (f->year_to && y > f->year_to)) {
			const nb_form *right = nb_forms_for_year(y);
			x.kind = "layout";
			nb_msgf(x.msg, sizeof x.msg, "%d年度的报告%s%s，而本报告使用的是%s", y,
				 right ? "应使用" : "不在本表单的适用年度内",
				 right ? right->name : "", f->name);
			put(e, &e->tfind[field], &x);
			return;
		}
	}
	put(e, &e->tfind[field], NULL);
}

/* ---- public ---- */

/* Finding slots start empty (sev 0); the rest of a slot is written when a
 * finding is put there. Not calloc: a check of 10,000 files would spend
 * its time clearing message buffers never used. */
static nb_finding *finding_slots(size_t n)
{
	nb_finding *f = malloc(n * sizeof *f);
	for (size_t i = 0; f && i < n; i++) {
		f[i].sev = 0;
		f[i].ncells = 0;
	}
	return f;
}

static nb_engine *engine_alloc(nb_report *r, const nb_report *last);

nb_engine *nb_engine_new(nb_report *r, const nb_report *last)
{
	nb_engine *e = engine_alloc(r, last);
	if (e)
		nb_engine_check_all(e);
	return e;
}

int nb_engine_count_errors(nb_report *r)
{
	nb_engine *e = engine_alloc(r, NULL);
	if (!e)
		return -1;
	e->errors_only = 1;
	nb_engine_check_all(e);
	int n = e->total[NB_SEV_ERROR];
	nb_engine_free(e);
	return n;
}

static nb_engine *engine_alloc(nb_report *r, const nb_report *last)
{
	nb_engine *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	const nb_form *f = r->form;
	e->f = f;
	e->r = r;
	e->last = last;
	e->dp = f->deps;
	size_t ni = (size_t)e->dp->ninst + 1, nc = (size_t)f->ncell + 1;
	e->ifind = finding_slots(ni);
	e->cfind = calloc(nc, sizeof *e->cfind);
	e->tfind = finding_slots((size_t)f->nfield + 1);
	e->mfind = calloc((size_t)f->nfield + 1, sizeof *e->mfind);
	e->mentioned = calloc(nc, 1);
	e->bfind = finding_slots((size_t)f->ntable + 1);
	e->nblank = calloc((size_t)f->ntable + 1, sizeof(int));
	e->nset = calloc((size_t)f->ntable + 1, sizeof(int));
	e->cnt = calloc(2 * nc, sizeof(int));
	e->dirty = calloc(nc, 1);
	e->dirtyq = calloc(nc, sizeof(int));
	e->queued = calloc(ni, 1);
	e->changing = e->last_set = -1;
	e->iblame = malloc(ni * sizeof(int));
	e->iunfin = calloc(ni, 1);
	for (size_t i = 0; e->iblame && i < ni; i++)
		e->iblame[i] = -1;
	e->list = malloc((ni + nc + (size_t)f->nfield * (1 + MENTION_SLOTS) + (size_t)f->ntable +
			  (size_t)f->nrule + 1) *
			 sizeof *e->list);
	if (!e->ifind || !e->cfind || !e->tfind || !e->mfind || !e->mentioned || !e->bfind || !e->nblank || !e->nset ||
	    !e->cnt || !e->dirty || !e->dirtyq || !e->queued || !e->list ||
	    !e->iblame || !e->iunfin) {
		nb_engine_free(e);
		return NULL;
	}
	for (int k = 0; k < f->nmention; k++)
		for (int c = 0; c < f->mention[k].ncells; c++)
			e->mentioned[f->mention[k].cells[c]] = 1;
	return e;
}

void nb_engine_free(nb_engine *e)
{
	if (!e)
		return;
	free(e->ifind);
	for (int c = 0; e->cfind && c < e->f->ncell; c++)
		free(e->cfind[c]);
	free(e->cfind);
	free(e->tfind);
	for (int i = 0; e->mfind && i < e->f->nfield; i++)
		free(e->mfind[i]);
	free(e->mfind);
	free(e->mentioned);
	free(e->bfind);
	free(e->nblank);
	free(e->nset);
	free(e->cnt);
	free(e->dirty);
	free(e->dirtyq);
	free(e->queued);
	free(e->iblame);
	free(e->iunfin);
	free(e->list);
	free(e->fill);
	free(e->covered);
	free(e->zfind);
	free(e->zcells);
	free(e);
}

int nb_engine_blank_inputs(const nb_engine *e, int t)
{
	int n = 0;

	if (t >= 0)
		return t < e->f->ntable ? e->nblank[t] : 0;
	for (int k = 0; k < e->f->ntable; k++)
		n += e->nblank[k];
	return n;
}

static void recount(nb_engine *e)
{
	for (int t = 0; t < e->f->ntable; t++)
		e->nblank[t] = e->nset[t] = 0;
	for (int c = 0; c < e->f->ncell; c++) {
		count_cell(e, c, +1);
		check_cell(e, c);
	}
	/* Blank cells and the texts give warnings only. */
	for (int t = 0; t < e->f->ntable && !e->errors_only; t++)
		check_blanks(e, t);
	for (int i = 0; i < e->f->nfield && !e->errors_only; i++)
		text_findings(e, i);
}

void nb_engine_check_all(nb_engine *e)
{
	if (e->r->ngval && !e->covered && (e->covered = calloc((size_t)e->f->ncell + 1, 1)))
		for (int g = 0; g < e->r->ngval; g++)
			for (int k = 0; k < e->f->table[e->r->gval[g].table]
						 .rows.node[e->r->gval[g].node].nleaves; k++)
				e->covered[nb_group_leaf_cell(e->f, &e->r->gval[g], k)] = 1;
	blank_totals(e);
	recount(e);
	for (int i = 0; i < e->dp->ninst; i++)
		eval(e, i, 0);
}

/* Evaluate queued instances until nothing changes; deriving instances in
 * dependency order first so a total is right before what reads it. */
static int run_queue(nb_engine *e, int derive)
{
	int evaluated = 0, again = 1;
	while (again) {
		again = 0;
		for (int k = 0; k < e->dp->norder; k++) {
			int i = e->dp->order[k];
			if (e->queued[i]) {
				e->queued[i] = 0;
				eval(e, i, derive);
				evaluated++;
			}
		}
		for (int i = 0; i < e->dp->ninst; i++)
			if (e->queued[i] && e->dp->inst[i].target < 0) {
				e->queued[i] = 0;
				eval(e, i, derive);
				evaluated++;
			}
		for (int i = 0; i < e->dp->ninst && !again; i++)
			again = e->queued[i];
	}
	return evaluated;
}

void nb_engine_derive_all(nb_engine *e)
{
	for (int i = 0; i < e->dp->ninst; i++)
		e->queued[i] = 1;
	run_queue(e, 1);
	if (e->fill)
		blank_totals(e);
	recount(e);
}

int nb_engine_set(nb_engine *e, int cell, const nb_value *v)
{
	if (cell < 0 || cell >= e->f->ncell || !is_input(e, cell))
		return -1;
	if (nb_value_eq(&e->r->cell[cell], v))
		return 0;
	int t, r, c;
	nb_form_cell_pos(e->f, cell, &t, &r, &c);
	count_cell(e, cell, -1);
	e->r->cell[cell] = *v;
	count_cell(e, cell, +1);
	mark_dirty(e, cell);
	check_cell(e, cell);
	/* The change column right of a count reads it (change_below_zero). */
	if (c + 1 < e->f->table[t].cols.nleaf)
		check_cell(e, nb_form_cell(e->f, t, r, c + 1));
	check_blanks(e, t);
	for (int j = e->dp->rd_start[cell]; j < e->dp->rd_start[cell + 1]; j++)
		e->queued[e->dp->rd[j]] = 1;
	e->mention_stale |= e->mentioned[cell];
	e->changing = e->last_set = cell;
	e->list_ok = 0;
	int n = run_queue(e, 1);
	if (e->fill)
		blank_totals(e);
	e->changing = -1;
	if (e->mention_stale) {
		for (int i = 0; i < e->f->nfield; i++)
			if (e->f->field[i].section >= 0)
				mention_findings(e, i);
		e->mention_stale = 0;
	}
	return n;
}

void nb_engine_text_changed(nb_engine *e, int field)
{
	if (field >= 0 && field < e->f->nfield)
		text_findings(e, field);
}

int nb_engine_is_computed(const nb_engine *e, int cell)
{
	return cell >= 0 && cell < e->f->ncell && !is_input(e, cell);
}

int nb_engine_cell_sev(const nb_engine *e, int cell)
{
	if (cell < 0 || cell >= e->f->ncell)
		return 0;
	return e->cnt[2 * cell + 1] ? NB_SEV_ERROR : e->cnt[2 * cell] ? NB_SEV_WARNING : 0;
}

static const nb_finding *better(const nb_finding *a, const nb_finding *b)
{
	if (!b->sev)
		return a;
	if (!a || b->sev > a->sev)
		return b;
	return a;
}

const nb_finding *nb_engine_cell_finding(const nb_engine *e, int cell)
{
	if (cell < 0 || cell >= e->f->ncell)
		return NULL;
	const nb_finding *best = e->cfind[cell] ? better(NULL, e->cfind[cell]) : NULL;
	for (int j = e->dp->rd_start[cell]; j < e->dp->rd_start[cell + 1]; j++)
		best = better(best, &e->ifind[e->dp->rd[j]]);
	/* Rules broken by a change of this cell (editing): the cell's own. */
	for (int i = 0; e->lenient && i < e->dp->ninst; i++)
		if (e->iblame[i] == cell && e->ifind[i].sev)
			best = better(best, &e->ifind[i]);
	for (int i = 0; e->mentioned[cell] && i < e->f->nfield; i++)
		for (int j = 0; e->mfind[i] && j < MENTION_SLOTS; j++) {
			const nb_finding *x = &e->mfind[i][j];
			for (int k = 0; x->sev && k < x->ncells; k++)
				if (x->cells[k] == cell)
					best = better(best, x);
		}
	return best;
}

const nb_finding *nb_engine_field_finding(const nb_engine *e, int field)
{
	if (field < 0 || field >= e->f->nfield)
		return NULL;
	if (e->tfind[field].sev)
		return &e->tfind[field];
	for (int k = 0; e->mfind[field] && k < MENTION_SLOTS; k++)
		if (e->mfind[field][k].sev)
			return &e->mfind[field][k];
	return NULL;
}

static int order_key(const nb_finding *x)
{
	return x->field >= 0 ? x->field - 100000 : x->cell;
}

static int cmp_find(const void *a, const void *b)
{
	const nb_finding *x = *(const nb_finding *const *)a, *y = *(const nb_finding *const *)b;
	int kx = order_key(x), ky = order_key(y);
	if (kx != ky)
		return kx < ky ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void build_list(nb_engine *e)
{
	if (e->list_ok)
		return;
	int n = 0;
	for (int i = 0; i < e->f->nfield; i++)
		if (e->tfind[i].sev)
			e->list[n++] = &e->tfind[i];
	for (int i = 0; i < e->f->nfield; i++)
		for (int j = 0; e->mfind[i] && j < MENTION_SLOTS; j++)
			if (e->mfind[i][j].sev)
				e->list[n++] = &e->mfind[i][j];
	for (int c = 0; c < e->f->ncell; c++)
		if (e->cfind[c] && e->cfind[c]->sev)
			e->list[n++] = e->cfind[c];
	for (int i = 0; i < e->dp->ninst; i++)
		if (e->ifind[i].sev)
			e->list[n++] = &e->ifind[i];
	for (int t = 0; t < e->f->ntable; t++)
		if (e->bfind[t].sev)
			e->list[n++] = &e->bfind[t];
	for (int k = 0; e->zfind && k < e->f->nrule; k++)
		if (e->zfind[k].sev)
			e->list[n++] = &e->zfind[k];
	qsort(e->list, (size_t)n, sizeof *e->list, cmp_find);
	/* Editing: what the last change broke comes first, so ^F goes to
	 * the cell just typed into. */
	if (e->lenient && e->last_set >= 0) {
		int k = 0;
		for (int i = 0; i < n; i++)
			if (e->list[i]->cell == e->last_set) {
				const nb_finding *x = e->list[i];
				memmove(e->list + k + 1, e->list + k, (size_t)(i - k) * sizeof *e->list);
				e->list[k++] = x;
			}
	}
	e->nlist = n;
	e->list_ok = 1;
}

int nb_engine_nfindings(nb_engine *e)
{
	build_list(e);
	return e->nlist;
}

const nb_finding *nb_engine_finding(nb_engine *e, int i)
{
	build_list(e);
	return i >= 0 && i < e->nlist ? e->list[i] : NULL;
}

int nb_engine_count(const nb_engine *e, nb_severity sev)
{
	return sev == NB_SEV_ERROR || sev == NB_SEV_WARNING ? e->total[sev] : 0;
}

int nb_engine_take_dirty(nb_engine *e, int *out, int max)
{
	int n = e->ndirty < max ? e->ndirty : max;
	for (int k = 0; k < n; k++) {
		out[k] = e->dirtyq[k];
		e->dirty[out[k]] = 0;
	}
	/* Keep what did not fit for the next call. */
	memmove(e->dirtyq, e->dirtyq + n, sizeof(int) * (size_t)(e->ndirty - n));
	e->ndirty -= n;
	return n;
}

void nb_engine_set_editing(nb_engine *e, int on)
{
	if (e->lenient == !!on)
		return;
	e->lenient = !!on;
	for (int i = 0; i < e->dp->ninst; i++)
		eval(e, i, 0);
}

int nb_engine_nunfinished(const nb_engine *e)
{
	int n = 0;
	for (int i = 0; i < e->dp->ninst; i++)
		n += e->iunfin[i];
	return n;
}

int nb_engine_unfinished(const nb_engine *e, int k, char *buf, size_t n)
{
	for (int i = 0; i < e->dp->ninst; i++) {
		if (!e->iunfin[i] || k-- > 0)
			continue;
		const nb_inst *in = &e->dp->inst[i];
		const nb_rule *r = &e->f->rule[in->rule];
		int blank = 0, first = -1;
		char w[300];
		for (int c = 0; c < in->ncells; c++)
			if (!e->r->cell[in->cells[c]].set) {
				blank++;
				if (first < 0 && is_input(e, in->cells[c]))
					first = in->cells[c];
			}
		if (first < 0)
			first = in->ncells ? in->cells[0] : -1;
		where(e, r, in->bind, w, sizeof w);
		nb_msgf(buf, n, "%s：%s 尚未填完（%d 个格子空白）", w, r->describe, blank);
		return first;
	}
	if (n)
		buf[0] = 0;
	return -1;
}
