/* The rule engine (src/engine.h): every rule of FORMATS.md on both layouts,
 * computed cells, incremental recomputation, findings. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/engine.h"
#include "nbtest.h"
#include "io/report_yaml.h"

/* The form whose rule ids find() resolves. */
static const nb_form *cur_form;

static int64_t val(const nb_report *r, const char *id)
{
	int c = nbt_cell(r->form, id);
	ck_assert_msg(r->cell[c].set, "%s is blank", id);
	return r->cell[c].v;
}

static nb_value cnt(int64_t v)
{
	nb_value x;
	memset(&x, 0, sizeof x);
	x.set = 1;
	x.v = v;
	return x;
}

/* Store a figure as a file would carry it, behind the engine's back. */
static void poke(nb_report *r, const char *id, int64_t v)
{
	r->cell[nbt_cell(r->form, id)] = cnt(v);
}

static int eset(nb_engine *e, nb_report *r, const char *id, int64_t v)
{
	nb_value x = cnt(v);
	return nb_engine_set(e, nbt_cell(r->form, id), &x);
}

static const char *T3COLS[] = {"natural", "business", "research", "nonprofit",
			       "legal", "other"};

/* Every input cell 0, then a few figures; totals left for the engine. */
static nb_report *inputs(const char *fid)
{
	const nb_form *f = nbt_form(fid);
	nb_report *r = nb_report_new(f);
	ck_assert_ptr_nonnull(r);
	cur_form = f;
	int t3 = nb_form_table(f, "t3");
	const nb_table *t = &f->table[t3];
	for (int ro = 0; ro < t->rows.nleaf; ro++) {
		const char *rid = t->rows.node[t->rows.leaf_node[ro]].id;
		if (!strcmp(rid, "result_total"))
			continue;
		for (int c = 0; c < 6; c++) {
			char key[64];
			snprintf(key, sizeof key, "t3.%s.%s", rid, T3COLS[c]);
			nbt_set(r, key, "0");
		}
	}
	static const char *t4in[] = {"r_upheld", "r_corrected", "r_other", "r_pending",
				     "l_upheld", "l_corrected", "l_other", "l_pending",
				     "a_upheld", "a_corrected", "a_other", "a_pending"};
	for (size_t i = 0; i < sizeof t4in / sizeof t4in[0]; i++) {
		char key[64];
		snprintf(key, sizeof key, "t4.cases.%s", t4in[i]);
		nbt_set(r, key, "0");
	}
	nbt_set(r, "t4.cases.r_upheld", "1");
	nbt_set(r, "t4.cases.r_corrected", "2");
	nbt_set(r, "t4.cases.a_upheld", "1");

	/* 自然人: 10 + 2 = (5+1+1+1+1+1) + 2; 商业企业: 3 + 0 = (2+1) + 0 */
	nbt_set(r, "t3.new.natural", "10");
	nbt_set(r, "t3.carried.natural", "2");
	nbt_set(r, "t3.granted.natural", "5");
	nbt_set(r, "t3.partial.natural", "1");
	nbt_set(r, "t3.w_secret.natural", "1");
	nbt_set(r, "t3.u_none.natural", "1");
	nbt_set(r, "t3.d_repeat.natural", "1");
	nbt_set(r, "t3.next.natural", "2");
	nbt_set(r, "t3.new.business", "3");
	nbt_set(r, "t3.granted.business", "2");

	nbt_set(r, "text.agency", "某某市某某区人民政府某某街道办事处");
	nbt_set(r, "text.s1", "总体情况。\n");
	nbt_set(r, "text.s5", "存在的问题。\n");
	nbt_set(r, "text.s6", "无\n");
	if (!strcmp(fid, "gk2021")) {
		nbt_set(r, "text.year", "2021");
		nbt_set(r, "t3.o_nocorrect.natural", "1");
		nbt_set(r, "t3.o_nofee.business", "1");
		nbt_set(r, "t2_1.rules.made", "2");
		nbt_set(r, "t2_1.rules.repealed", "1");
		nbt_set(r, "t2_1.rules.valid", "40");
		nbt_set(r, "t2_1.normative.made", "5");
		nbt_set(r, "t2_1.normative.repealed", "0");
		nbt_set(r, "t2_1.normative.valid", "100");
		nbt_set(r, "t2_5.licensing.decisions", "1234");
		nbt_set(r, "t2_6.penalty.decisions", "3,985,758");
		nbt_set(r, "t2_6.coercion.decisions", "0");
		nbt_set(r, "t2_8.charges.fees", "96171.6");
	} else {
		nbt_set(r, "text.year", "2020");
		nbt_set(r, "t3.otherwise.natural", "1");
		nbt_set(r, "t3.otherwise.business", "1");
		static const char *t2[] = {
			"t2_1.rules.made", "1", "t2_1.rules.published", "1",
			"t2_1.rules.public_total", "10", "t2_1.normative.made", "2",
			"t2_1.normative.published", "2", "t2_1.normative.public_total", "30",
			"t2_5.licensing.prev_items", "100", "t2_5.licensing.change", "-18",
			"t2_5.licensing.decisions", "35", "t2_5.services.prev_items", "10",
			"t2_5.services.change", "0", "t2_5.services.decisions", "3",
			"t2_6.penalty.prev_items", "20", "t2_6.penalty.change", "－15",
			"t2_6.penalty.decisions", "4", "t2_6.coercion.prev_items", "0",
			"t2_6.coercion.change", "0", "t2_6.coercion.decisions", "0",
			"t2_8.charges.prev_items", "2", "t2_8.charges.change", "0",
			"t2_9.procurement.items", "3", "t2_9.procurement.amount", "251000元",
		};
		for (size_t i = 0; i < sizeof t2 / sizeof t2[0]; i += 2)
			nbt_set(r, t2[i], t2[i + 1]);
	}
	return r;
}

/* A finding is of a rule when its kind is the rule id, or when it is a
 * "computed" finding (a file's figure in a computed cell) of that rule. */
static int is_kind(const nb_finding *f, const char *kind)
{
	if (!strcmp(f->kind, kind))
		return 1;
	return cur_form && f->rule >= 0 && f->rule < cur_form->nrule &&
	       !strcmp(cur_form->rule[f->rule].id, kind);
}

static const nb_finding *find(nb_engine *e, const char *kind, int c)
{
	int n = nb_engine_nfindings(e);
	for (int i = 0; i < n; i++) {
		const nb_finding *f = nb_engine_finding(e, i);
		if (is_kind(f, kind) && (c < 0 || f->cell == c))
			return f;
	}
	return NULL;
}

static int nkind(nb_engine *e, const char *kind)
{
	int n = nb_engine_nfindings(e), k = 0;
	for (int i = 0; i < n; i++)
		if (is_kind(nb_engine_finding(e, i), kind))
			k++;
	return k;
}

static void dump(nb_engine *e, char *buf, size_t n)
{
	size_t o = 0;
	buf[0] = 0;
	int k = nb_engine_nfindings(e);
	for (int i = 0; i < k && o + 1 < n; i++) {
		const nb_finding *f = nb_engine_finding(e, i);
		int w = snprintf(buf + o, n - o, "\n  [%d] %s cell %d: %s", (int)f->sev, f->kind,
				 f->cell, f->msg);
		if (w < 0)
			break;
		o += (size_t)w;
	}
}

/* A finding of this kind at this cell, with these figures. */
static const nb_finding *expect(nb_engine *e, const char *kind, const nb_report *r,
				const char *id, nb_severity sev, int64_t expected,
				int64_t actual)
{
	cur_form = r->form;
	const nb_finding *f = find(e, kind, nbt_cell(r->form, id));
	if (!f) {
		char all[4096];
		dump(e, all, sizeof all);
		ck_abort_msg("no %s finding at %s; findings:%s", kind, id, all);
	}
	ck_assert_int_eq(f->sev, sev);
	ck_assert_msg(f->has_expected, "%s at %s: no expected/actual", kind, id);
	ck_assert_msg(f->expected == expected && f->actual == actual,
		      "%s at %s: expected %lld actual %lld, want %lld and %lld (%s)", kind, id,
		      (long long)f->expected, (long long)f->actual, (long long)expected,
		      (long long)actual, f->msg);
	ck_assert_msg(f->msg[0] != 0, "%s at %s: no message", kind, id);
	return f;
}

static int involves(const nb_finding *f, int c)
{
	for (int i = 0; i < f->ncells; i++)
		if (f->cells[i] == c)
			return 1;
	return 0;
}

static int instances(const nb_form *f, int with_last)
{
	int n = 0;
	for (int i = 0; i < f->nrule; i++) {
		const nb_rule *ru = &f->rule[i];
		if (ru->needs_last && !with_last)
			continue;
		const nb_table *t = &f->table[ru->table];
		n += ru->each == NB_EACH_ROW ? t->rows.nleaf : t->cols.nleaf;
	}
	return n;
}

static void no_findings(nb_engine *e)
{
	if (nb_engine_nfindings(e) != 0) {
		char all[4096];
		dump(e, all, sizeof all);
		ck_abort_msg("%d findings, want none:%s", nb_engine_nfindings(e), all);
	}
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 0);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_WARNING), 0);
}

/* A report with every total derived, checked: no findings. */
static nb_engine *consistent(const char *fid, nb_report **rp)
{
	nb_report *r = inputs(fid);
	nb_engine *e = nb_engine_new(r, NULL);
	ck_assert_ptr_nonnull(e);
	nb_engine_derive_all(e);
	nb_engine_check_all(e);
	*rp = r;
	return e;
}

/* ---- computed cells ---- */

START_TEST(test_free_null)
{
	nb_engine_free(NULL);
}
END_TEST

START_TEST(test_computed_cells)
{
	static const struct { const char *id; int n; } c[] = {{"gk2019", 23 + 6 + 3},
							      {"gk2021", 25 + 6 + 3}};
	for (int k = 0; k < 2; k++) {
		const nb_form *f = nbt_form(c[k].id);
		nb_report *r = nb_report_new(f);
		nb_engine *e = nb_engine_new(r, NULL);
		int n = 0;
		for (int i = 0; i < f->ncell; i++)
			n += nb_engine_is_computed(e, i) ? 1 : 0;
		ck_assert_int_eq(n, c[k].n);
		ck_assert(nb_engine_is_computed(e, nbt_cell(f, "t3.new.total")));
		ck_assert(nb_engine_is_computed(e, nbt_cell(f, "t3.result_total.natural")));
		ck_assert(nb_engine_is_computed(e, nbt_cell(f, "t3.result_total.total")));
		ck_assert(nb_engine_is_computed(e, nbt_cell(f, "t4.cases.l_total")));
		ck_assert(!nb_engine_is_computed(e, nbt_cell(f, "t3.new.natural")));
		ck_assert(!nb_engine_is_computed(e, nbt_cell(f, "t3.next.natural")));
		ck_assert(!nb_engine_is_computed(e, nbt_cell(f, "t2_1.rules.made")));
		ck_assert(!nb_engine_is_computed(e, nbt_cell(f, "t4.cases.r_pending")));
		nb_engine_free(e);
		nb_report_free(r);
	}
	const nb_form *f = nbt_form("gk2021");
	nb_report *r = nb_report_new(f);
	nb_engine *e = nb_engine_new(r, NULL);
	/* 现行有效件数 is only a warning rule: the clerk types it. */
	ck_assert(!nb_engine_is_computed(e, nbt_cell(f, "t2_1.rules.valid")));
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

START_TEST(test_derive_all_2021)
{
	nb_report *r;
	nb_engine *e = consistent("gk2021", &r);
	ck_assert_int_eq(val(r, "t3.new.total"), 13);
	ck_assert_int_eq(val(r, "t3.carried.total"), 2);
	ck_assert_int_eq(val(r, "t3.granted.total"), 7);
	ck_assert_int_eq(val(r, "t3.o_nofee.total"), 1);
	ck_assert_int_eq(val(r, "t3.w_law.total"), 0);
	/* （六） has three rows in 2021: all three count. */
	ck_assert_int_eq(val(r, "t3.result_total.natural"), 10);
	ck_assert_int_eq(val(r, "t3.result_total.business"), 3);
	ck_assert_int_eq(val(r, "t3.result_total.research"), 0);
	ck_assert_int_eq(val(r, "t3.result_total.total"), 13);
	ck_assert_int_eq(val(r, "t3.next.total"), 2);
	ck_assert_int_eq(val(r, "t4.cases.r_total"), 3);
	ck_assert_int_eq(val(r, "t4.cases.l_total"), 0);
	ck_assert_int_eq(val(r, "t4.cases.a_total"), 1);
	no_findings(e);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

START_TEST(test_derive_all_2019)
{
	nb_report *r;
	nb_engine *e = consistent("gk2019", &r);
	/* （六） is one row in 2019. */
	ck_assert_int_eq(val(r, "t3.otherwise.total"), 2);
	ck_assert_int_eq(val(r, "t3.result_total.natural"), 10);
	ck_assert_int_eq(val(r, "t3.result_total.business"), 3);
	ck_assert_int_eq(val(r, "t3.result_total.total"), 13);
	ck_assert_int_eq(val(r, "t3.new.total"), 13);
	ck_assert_int_eq(val(r, "t4.cases.r_total"), 3);
	/* 本年增/减 may be negative: no finding. */
	no_findings(e);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

START_TEST(test_derive_overwrites_file_figures)
{
	nb_report *r;
	nb_engine *e = consistent("gk2021", &r);
	poke(r, "t3.granted.total", 99);
	poke(r, "t4.cases.r_total", 99);
	nb_engine_check_all(e);
	ck_assert_int_gt(nb_engine_count(e, NB_SEV_ERROR), 0);
	/* The clerk's "recompute totals". */
	nb_engine_derive_all(e);
	ck_assert_int_eq(val(r, "t3.granted.total"), 7);
	ck_assert_int_eq(val(r, "t4.cases.r_total"), 3);
	nb_engine_check_all(e);
	no_findings(e);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

START_TEST(test_blank_is_zero_but_kept)
{
	nb_report *r = inputs("gk2021");
	nbt_set(r, "t3.new.research", "");
	nbt_set(r, "t3.new.business", "");
	nb_engine *e = nb_engine_new(r, NULL);
	nb_engine_derive_all(e);
	ck_assert_int_eq(r->cell[nbt_cell(r->form, "t3.new.research")].set, 0);
	ck_assert_int_eq(r->cell[nbt_cell(r->form, "t3.new.business")].set, 0);
	ck_assert_int_eq(val(r, "t3.new.total"), 10);
	/* Now the balance of 商业企业 fails: 0 + 0 != 3 + 0. */
	nb_engine_check_all(e);
	expect(e, "t3-balance", r, "t3.new.business", NB_SEV_ERROR, 3, 0);
	ck_assert_int_eq(r->cell[nbt_cell(r->form, "t3.new.business")].set, 0);

	/* Blank through nb_engine_set too. */
	nb_value blank;
	memset(&blank, 0, sizeof blank);
	ck_assert_int_ge(nb_engine_set(e, nbt_cell(r->form, "t3.new.natural"), &blank), 1);
	ck_assert_int_eq(r->cell[nbt_cell(r->form, "t3.new.natural")].set, 0);
	ck_assert_int_eq(val(r, "t3.new.total"), 0);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

/* ---- rules on figures as a file carries them ---- */

START_TEST(test_rule3_row_total)
{
	nb_report *r;
	nb_engine *e = consistent("gk2021", &r);
	const nb_form *f = r->form;
	poke(r, "t3.granted.total", 9); /* 5 + 2 = 7 */
	nb_engine_check_all(e);
	const nb_finding *x = expect(e, "t3-row-total", r, "t3.granted.total", NB_SEV_ERROR, 7, 9);
	ck_assert_msg(strstr(x->msg, "予以公开") != NULL, "message: %s", x->msg);
	ck_assert_int_eq(x->rule >= 0, 1);
	ck_assert_str_eq(f->rule[x->rule].id, "t3-row-total");
	ck_assert(involves(x, nbt_cell(f, "t3.granted.total")));
	ck_assert(involves(x, nbt_cell(f, "t3.granted.natural")));
	ck_assert(involves(x, nbt_cell(f, "t3.granted.other")));
	ck_assert(!involves(x, nbt_cell(f, "t3.new.natural")));
	/* The file's figure stays. */
	ck_assert_int_eq(val(r, "t3.granted.total"), 9);
	/* The total column now sums to 15 under a （七） of 13. */
	expect(e, "t3-results-total", r, "t3.result_total.total", NB_SEV_ERROR, 15, 13);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 2);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_WARNING), 0);

	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.granted.total")), NB_SEV_ERROR);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.granted.natural")), NB_SEV_ERROR);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.granted.research")), NB_SEV_ERROR);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.partial.total")), NB_SEV_ERROR);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.result_total.total")), NB_SEV_ERROR);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.new.natural")), 0);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.new.total")), 0);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.partial.natural")), 0);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t4.cases.r_total")), 0);
	const nb_finding *cf = nb_engine_cell_finding(e, nbt_cell(f, "t3.granted.natural"));
	ck_assert_ptr_nonnull(cf);
	ck_assert_str_eq(cf->kind, "t3-row-total");
	ck_assert_ptr_null(nb_engine_cell_finding(e, nbt_cell(f, "t3.new.natural")));
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

START_TEST(test_rule2_results_total)
{
	nb_report *r;
	nb_engine *e = consistent("gk2021", &r);
	poke(r, "t3.result_total.natural", 11);
	nb_engine_check_all(e);
	const nb_finding *x = expect(e, "t3-results-total", r, "t3.result_total.natural",
				     NB_SEV_ERROR, 10, 11);
	const nb_form *f = r->form;
	ck_assert(involves(x, nbt_cell(f, "t3.o_nofee.natural")));
	ck_assert(involves(x, nbt_cell(f, "t3.w_query.natural")));
	ck_assert(!involves(x, nbt_cell(f, "t3.new.natural")));
	ck_assert(!involves(x, nbt_cell(f, "t3.next.natural")));
	ck_assert_int_eq(val(r, "t3.result_total.natural"), 11);
	nb_engine_free(e);
	nb_report_free(r);

	/* 2021: a figure in （六）3 that （七） does not carry. */
	e = consistent("gk2021", &r);
	poke(r, "t3.o_other.research", 4);
	poke(r, "t3.o_other.total", 4);
	nb_engine_check_all(e);
	expect(e, "t3-results-total", r, "t3.result_total.research", NB_SEV_ERROR, 4, 0);
	nb_engine_free(e);
	nb_report_free(r);

	/* 2019: the single （六） row. */
	e = consistent("gk2019", &r);
	poke(r, "t3.otherwise.research", 4);
	poke(r, "t3.otherwise.total", 6);
	nb_engine_check_all(e);
	expect(e, "t3-results-total", r, "t3.result_total.research", NB_SEV_ERROR, 4, 0);
	expect(e, "t3-results-total", r, "t3.result_total.total", NB_SEV_ERROR, 17, 13);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

START_TEST(test_rule1_balance)
{
	static const char *ids[] = {"gk2019", "gk2021"};
	for (int k = 0; k < 2; k++) {
		nb_report *r;
		nb_engine *e = consistent(ids[k], &r);
		const nb_form *f = r->form;
		/* 一+二 = 10+2 = 12; （七）+四 = 10+9 = 19. */
		ck_assert_int_ge(eset(e, r, "t3.next.natural", 9), 1);
		ck_assert_int_eq(val(r, "t3.next.total"), 9);
		const nb_finding *x = expect(e, "t3-balance", r, "t3.new.natural", NB_SEV_ERROR,
					     19, 12);
		ck_assert_msg(strstr(x->msg, "自然人") != NULL, "message: %s", x->msg);
		ck_assert_msg(strstr(x->msg, "7") != NULL, "no difference in: %s", x->msg);
		ck_assert(involves(x, nbt_cell(f, "t3.new.natural")));
		ck_assert(involves(x, nbt_cell(f, "t3.carried.natural")));
		ck_assert(involves(x, nbt_cell(f, "t3.result_total.natural")));
		ck_assert(involves(x, nbt_cell(f, "t3.next.natural")));
		ck_assert(!involves(x, nbt_cell(f, "t3.granted.natural")));
		ck_assert(!involves(x, nbt_cell(f, "t3.next.business")));
		/* And the 总计 column: 13+2 = 15 against 13+9 = 22. */
		x = expect(e, "t3-balance", r, "t3.new.total", NB_SEV_ERROR, 22, 15);
		ck_assert_msg(strstr(x->msg, "总计") != NULL, "message: %s", x->msg);
		ck_assert_int_eq(nkind(e, "t3-balance"), 2);
		ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 2);

		/* 商业企业 names its column too. */
		ck_assert_int_ge(eset(e, r, "t3.carried.business", 1), 1);
		x = expect(e, "t3-balance", r, "t3.new.business", NB_SEV_ERROR, 3, 4);
		ck_assert_msg(strstr(x->msg, "商业企业") != NULL, "message: %s", x->msg);

		/* Fixing it clears the findings. */
		ck_assert_int_ge(eset(e, r, "t3.next.natural", 2), 1);
		ck_assert_int_ge(eset(e, r, "t3.carried.business", 0), 1);
		no_findings(e);
		nb_engine_free(e);
		nb_report_free(r);
	}
}
END_TEST

START_TEST(test_rule4_t4_totals)
{
	nb_report *r;
	nb_engine *e = consistent("gk2019", &r);
	poke(r, "t4.cases.r_total", 5);
	poke(r, "t4.cases.l_total", 1);
	poke(r, "t4.cases.a_total", 0);
	nb_engine_check_all(e);
	const nb_finding *x = expect(e, "t4-review-total", r, "t4.cases.r_total", NB_SEV_ERROR, 3, 5);
	ck_assert_msg(strstr(x->msg, "行政复议") != NULL || strstr(x->msg, "总计") != NULL,
		      "message: %s", x->msg);
	expect(e, "t4-direct-total", r, "t4.cases.l_total", NB_SEV_ERROR, 0, 1);
	expect(e, "t4-after-total", r, "t4.cases.a_total", NB_SEV_ERROR, 1, 0);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 3);
	const nb_form *f = r->form;
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t4.cases.a_upheld")), NB_SEV_ERROR);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t4.cases.r_pending")), NB_SEV_ERROR);
	ck_assert_int_eq(val(r, "t4.cases.r_total"), 5);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

START_TEST(test_rule5_types)
{
	nb_report *r;
	nb_engine *e = consistent("gk2021", &r);
	/* A negative count read from a file. */
	poke(r, "t3.w_law.research", -1);
	poke(r, "t3.w_law.natural", 1); /* row total stays 0: only the type is wrong */
	nb_engine_check_all(e);
	const nb_finding *x = find(e, "type", nbt_cell(r->form, "t3.w_law.research"));
	ck_assert_msg(x != NULL, "no type finding for a negative count");
	ck_assert_int_eq(x->sev, NB_SEV_ERROR);
	ck_assert_int_eq(nkind(e, "type"), 1);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(r->form, "t3.w_law.research")), NB_SEV_ERROR);
	nb_engine_free(e);
	nb_report_free(r);

	/* The same through the loader. */
	nb_err err = {0};
	nb_load_status st;
	nb_report *c = nb_report_load_file(NB_SRC("tests/data/gk2021-city.yaml"), &err, &st);
	ck_assert_msg(c != NULL, "%s", err.msg);
	char *buf;
	size_t len;
	ck_assert_int_eq(nb_report_save_mem(c, &buf, &len), 0);
	nb_report_free(c);
	char *p = strstr(buf, "    coercion:\n      decisions: 120\n");
	ck_assert_ptr_nonnull(p);
	memcpy(p + strlen("    coercion:\n      decisions: "), "-12", 3);
	c = nb_report_load_mem(buf, len, "neg.yaml", &err, &st);
	ck_assert_msg(c != NULL, "a negative count does not load: %s", err.msg);
	e = nb_engine_new(c, NULL);
	nb_engine_check_all(e);
	x = find(e, "type", nbt_cell(c->form, "t2_6.coercion.decisions"));
	ck_assert_msg(x != NULL, "no type finding for a negative count from a file");
	ck_assert_int_eq(x->sev, NB_SEV_ERROR);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 1);
	nb_engine_free(e);
	nb_report_free(c);
	free(buf);

	/* 2019 本年增/减 is signed: -18 is fine (see test_derive_all_2019). */
	e = consistent("gk2019", &r);
	ck_assert_int_eq(nkind(e, "type"), 0);
	ck_assert_int_lt(val(r, "t2_5.licensing.change"), 0);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

/* Last year's 2021-layout report matching inputs("gk2021"). */
static nb_report *last_2021(void)
{
	nb_report *l = nb_report_new(nbt_form("gk2021"));
	nbt_set(l, "text.year", "2020");
	/* 四 of last year = 二 of this year: 自然人 2, others 0. */
	for (int c = 0; c < 6; c++) {
		char key[64];
		snprintf(key, sizeof key, "t3.next.%s", T3COLS[c]);
		nbt_set(l, key, c == 0 ? "2" : "0");
	}
	nbt_set(l, "t3.next.total", "2");
	nbt_set(l, "t2_1.rules.valid", "39");     /* 39 + 2 - 1 = 40 */
	nbt_set(l, "t2_1.normative.valid", "95"); /* 95 + 5 - 0 = 100 */
	return l;
}

START_TEST(test_rule6_carry_over)
{
	nb_report *r = inputs("gk2021");
	nb_report *l = last_2021();
	nb_engine *e = nb_engine_new(r, l);
	nb_engine_derive_all(e);
	nb_engine_check_all(e);
	no_findings(e);
	nb_engine_free(e);

	/* Last year carried 5 for 自然人 (and 5 in all). */
	nbt_set(l, "t3.next.natural", "5");
	nbt_set(l, "t3.next.total", "5");
	e = nb_engine_new(r, l);
	nb_engine_check_all(e);
	const nb_finding *x = expect(e, "t3-carry-over", r, "t3.carried.natural",
				     NB_SEV_WARNING, 5, 2);
	ck_assert_msg(x->rule >= 0 && !strcmp(r->form->rule[x->rule].id, "t3-carry-over"),
		      "rule index %d", x->rule);
	expect(e, "t3-carry-over", r, "t3.carried.total", NB_SEV_WARNING, 5, 2);
	ck_assert_int_eq(nkind(e, "t3-carry-over"), 2);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_WARNING), 2);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 0);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(r->form, "t3.carried.natural")),
			 NB_SEV_WARNING);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(r->form, "t3.carried.business")), 0);
	/* The clerk follows the warning. */
	ck_assert_int_ge(eset(e, r, "t3.carried.natural", 5), 1);
	ck_assert_int_eq(nkind(e, "t3-carry-over"), 0);
	nb_engine_free(e);

	/* Without last year's report the rule is skipped. */
	e = nb_engine_new(r, NULL);
	nb_engine_check_all(e);
	ck_assert_int_eq(nkind(e, "t3-carry-over"), 0);
	nb_engine_free(e);
	nb_report_free(l);
	nb_report_free(r);
}
END_TEST

START_TEST(test_rule7_valid_count)
{
	nb_report *r = inputs("gk2021");
	nbt_set(r, "t2_1.rules.valid", "41"); /* 39 + 2 - 1 = 40 */
	nb_report *l = last_2021();
	nb_engine *e = nb_engine_new(r, l);
	nb_engine_derive_all(e);
	nb_engine_check_all(e);
	const nb_finding *x = expect(e, "t2-valid-count", r, "t2_1.rules.valid",
				     NB_SEV_WARNING, 40, 41);
	ck_assert(involves(x, nbt_cell(r->form, "t2_1.rules.made")));
	ck_assert(involves(x, nbt_cell(r->form, "t2_1.rules.repealed")));
	ck_assert_int_eq(nkind(e, "t2-valid-count"), 1);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 0);
	/* A warning: the figure is the clerk's, never recomputed. */
	ck_assert_int_eq(val(r, "t2_1.rules.valid"), 41);
	ck_assert_int_ge(eset(e, r, "t2_1.rules.repealed", 0), 1);
	ck_assert_int_eq(nkind(e, "t2-valid-count"), 0);
	nb_engine_free(e);
	nb_report_free(l);
	nb_report_free(r);
}
END_TEST

START_TEST(test_rule8_prev_items)
{
	nb_report *r = inputs("gk2019"); /* year 2020, 行政许可 上一年项目数量 100 */
	nb_report *l = nb_report_new(nbt_form("gk2019"));
	nbt_set(l, "text.year", "2019");
	nbt_set(l, "t2_5.licensing.prev_items", "110");
	nbt_set(l, "t2_5.licensing.change", "-18"); /* 110 - 18 = 92 */
	nbt_set(l, "t2_5.services.prev_items", "10");
	nbt_set(l, "t2_5.services.change", "0");
	nbt_set(l, "t2_6.penalty.prev_items", "35");
	nbt_set(l, "t2_6.penalty.change", "－15"); /* 35 - 15 = 20 */
	nbt_set(l, "t2_6.coercion.prev_items", "0");
	nbt_set(l, "t2_6.coercion.change", "0");
	nbt_set(l, "t2_8.charges.prev_items", "1");
	nbt_set(l, "t2_8.charges.change", "+1");
	for (int c = 0; c < 6; c++) {
		char key[64];
		snprintf(key, sizeof key, "t3.next.%s", T3COLS[c]);
		nbt_set(l, key, c == 0 ? "2" : "0");
	}
	nbt_set(l, "t3.next.total", "2");
	nb_engine *e = nb_engine_new(r, l);
	nb_engine_derive_all(e);
	nb_engine_check_all(e);
	expect(e, "t2-items-5", r, "t2_5.licensing.prev_items", NB_SEV_WARNING, 92, 100);
	ck_assert_int_eq(nkind(e, "t2-items-5"), 1);
	ck_assert_int_eq(nkind(e, "t2-items-6"), 0);
	ck_assert_int_eq(nkind(e, "t2-items-8"), 0);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_WARNING), 1);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 0);
	nbt_set(l, "t2_6.penalty.change", "-14");
	nb_engine_check_all(e);
	expect(e, "t2-items-6", r, "t2_6.penalty.prev_items", NB_SEV_WARNING, 21, 20);
	nb_engine_free(e);
	nb_report_free(l);
	nb_report_free(r);
}
END_TEST

START_TEST(test_rule9_layout_year)
{
	nb_report *r;
	nb_engine *e = consistent("gk2019", &r); /* year 2020: right layout */
	const nb_form *f = r->form;
	int year = nb_form_field(f, "year");
	ck_assert_int_eq(nkind(e, "layout"), 0);
	ck_assert_ptr_null(nb_engine_field_finding(e, year));

	ck_assert_int_eq(nb_report_set_text(r, year, "2021", 4), 0);
	nb_engine_text_changed(e, year);
	ck_assert_int_eq(nkind(e, "layout"), 1);
	const nb_finding *x = find(e, "layout", -1);
	ck_assert_int_eq(x->sev, NB_SEV_WARNING);
	ck_assert_int_eq(x->rule, -1);
	ck_assert_int_eq(x->field, year);
	ck_assert_ptr_eq(nb_engine_field_finding(e, year), x);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_WARNING), 1);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 0);

	/* From scratch gives the same. */
	nb_engine_check_all(e);
	ck_assert_int_eq(nkind(e, "layout"), 1);

	ck_assert_int_eq(nb_report_set_text(r, year, "2019", 4), 0);
	nb_engine_text_changed(e, year);
	ck_assert_int_eq(nkind(e, "layout"), 0);
	nb_engine_free(e);
	nb_report_free(r);

	/* And the reverse: the 2021 layout for a 2019 report. */
	e = consistent("gk2021", &r);
	year = nb_form_field(r->form, "year");
	ck_assert_int_eq(nb_report_set_text(r, year, "2019", 4), 0);
	nb_engine_check_all(e);
	ck_assert_int_eq(nkind(e, "layout"), 1);
	/* A blank year says nothing about the layout. */
	ck_assert_int_eq(nb_report_set_text(r, year, "", 0), 0);
	nb_engine_text_changed(e, year);
	ck_assert_int_eq(nkind(e, "layout"), 0);
	ck_assert_int_eq(nb_report_set_text(r, year, "2025", 4), 0);
	nb_engine_text_changed(e, year);
	ck_assert_int_eq(nkind(e, "layout"), 0);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

START_TEST(test_required_text)
{
	nb_report *r;
	nb_engine *e = consistent("gk2021", &r);
	int s5 = nb_form_field(r->form, "s5"), s2 = nb_form_field(r->form, "s2");
	ck_assert_ptr_null(nb_engine_field_finding(e, s5));
	ck_assert_int_eq(nb_report_set_text(r, s5, "", 0), 0);
	nb_engine_text_changed(e, s5);
	const nb_finding *x = nb_engine_field_finding(e, s5);
	ck_assert_ptr_nonnull(x);
	ck_assert_str_eq(x->kind, "text");
	ck_assert_int_eq(x->field, s5);
	ck_assert_int_eq(x->sev, NB_SEV_WARNING);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_WARNING), 1);
	/* s2 is optional. */
	ck_assert_int_eq(nb_report_set_text(r, s2, "", 0), 0);
	nb_engine_text_changed(e, s2);
	ck_assert_ptr_null(nb_engine_field_finding(e, s2));
	ck_assert_int_eq(nb_report_set_text(r, s5, "问题。", strlen("问题。")), 0);
	nb_engine_text_changed(e, s5);
	ck_assert_ptr_null(nb_engine_field_finding(e, s5));
	no_findings(e);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

/* ---- incremental work ---- */

START_TEST(test_set_touches_little)
{
	nb_report *r;
	nb_engine *e = consistent("gk2021", &r);
	int all = instances(r->form, 0);
	ck_assert_int_eq(all, 25 + 7 + 7 + 3);
	int dirty[512];
	while (nb_engine_take_dirty(e, dirty, 512) > 0)
		;
	int n = eset(e, r, "t3.new.natural", 11);
	ck_assert_msg(n >= 1 && 2 * n < all, "setting t3.new.natural evaluated %d of %d", n, all);
	ck_assert_int_eq(val(r, "t3.new.total"), 14);
	ck_assert_int_eq(val(r, "t3.new.natural"), 11);
	int k = nb_engine_take_dirty(e, dirty, 512);
	int got_in = 0, got_total = 0, got_t4 = 0;
	for (int i = 0; i < k; i++) {
		got_in |= dirty[i] == nbt_cell(r->form, "t3.new.natural");
		got_total |= dirty[i] == nbt_cell(r->form, "t3.new.total");
		got_t4 |= dirty[i] == nbt_cell(r->form, "t4.cases.r_total");
	}
	ck_assert_msg(got_in && got_total, "dirty cells miss the input or its total (%d cells)", k);
	ck_assert(!got_t4);
	ck_assert_int_eq(nb_engine_take_dirty(e, dirty, 512), 0);
	expect(e, "t3-balance", r, "t3.new.natural", NB_SEV_ERROR, 12, 13);
	expect(e, "t3-balance", r, "t3.new.total", NB_SEV_ERROR, 15, 16);

	n = eset(e, r, "t4.cases.r_other", 4);
	ck_assert_msg(n >= 1 && n <= 3, "setting t4.cases.r_other evaluated %d", n);
	ck_assert_int_eq(val(r, "t4.cases.r_total"), 7);
	n = eset(e, r, "t2_1.rules.made", 7);
	ck_assert_msg(n >= 0 && n <= 2, "setting t2_1.rules.made evaluated %d", n);

	/* A result row: its row total, its column's （七）, that column's balance, and
	 * the 总计 column's. */
	n = eset(e, r, "t3.w_third.legal", 1);
	ck_assert_msg(n >= 1 && 2 * n < all, "setting t3.w_third.legal evaluated %d of %d", n, all);
	ck_assert_int_eq(val(r, "t3.w_third.total"), 1);
	ck_assert_int_eq(val(r, "t3.result_total.legal"), 1);
	ck_assert_int_eq(val(r, "t3.result_total.total"), 14);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

START_TEST(test_set_computed_refused)
{
	nb_report *r;
	nb_engine *e = consistent("gk2021", &r);
	ck_assert_int_eq(eset(e, r, "t3.new.total", 99), -1);
	ck_assert_int_eq(val(r, "t3.new.total"), 13);
	ck_assert_int_eq(eset(e, r, "t3.result_total.natural", 99), -1);
	ck_assert_int_eq(val(r, "t3.result_total.natural"), 10);
	ck_assert_int_eq(eset(e, r, "t4.cases.a_total", 99), -1);
	ck_assert_int_eq(val(r, "t4.cases.a_total"), 1);
	no_findings(e);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

/* After any sequence of single-cell changes the engine says what a fresh
 * engine says about the same figures. */
static void same_findings(nb_engine *a, nb_engine *b)
{
	int n = nb_engine_nfindings(a);
	if (n != nb_engine_nfindings(b)) {
		char x[4096], y[4096];
		dump(a, x, sizeof x);
		dump(b, y, sizeof y);
		ck_abort_msg("incremental: %d findings%s\nfrom scratch: %d%s", n, x,
			     nb_engine_nfindings(b), y);
	}
	for (int i = 0; i < n; i++) {
		const nb_finding *p = nb_engine_finding(a, i), *q = nb_engine_finding(b, i);
		ck_assert_msg(!strcmp(p->kind, q->kind) && p->cell == q->cell && p->sev == q->sev &&
				      p->expected == q->expected && p->actual == q->actual &&
				      !strcmp(p->msg, q->msg),
			      "finding %d: incremental %s@%d \"%s\", from scratch %s@%d \"%s\"", i,
			      p->kind, p->cell, p->msg, q->kind, q->cell, q->msg);
	}
}

START_TEST(test_incremental_equals_scratch)
{
	static const char *ids[] = {"gk2019", "gk2021"};
	for (int k = 0; k < 2; k++) {
		nb_report *r;
		nb_engine *e = consistent(ids[k], &r);
		const nb_form *f = r->form;
		int t3 = nb_form_table(f, "t3"), t4 = nb_form_table(f, "t4");
		int lo = f->table[t3].cell_base;
		int hi = f->table[t4].cell_base + f->table[t4].rows.nleaf * f->table[t4].cols.nleaf;
		uint32_t seed = 12345u + (uint32_t)k;
		for (int step = 0; step < 400; step++) {
			seed = seed * 1103515245u + 12345u;
			int c = lo + (int)((seed >> 8) % (uint32_t)(hi - lo));
			if (nb_engine_is_computed(e, c))
				continue;
			nb_value v;
			memset(&v, 0, sizeof v);
			uint32_t pick = (seed >> 20) % 7;
			if (pick) {
				v.set = 1;
				v.v = pick - 1;
			}
			ck_assert_int_ge(nb_engine_set(e, c, &v), 0);
			if (step % 50 == 49) {
				nb_report *d = nb_report_dup(r);
				nb_engine *fresh = nb_engine_new(d, NULL);
				nb_engine_check_all(fresh);
				same_findings(e, fresh);
				nb_engine_free(fresh);
				/* And the computed cells are what derive_all gives. */
				fresh = nb_engine_new(d, NULL);
				nb_engine_derive_all(fresh);
				for (int i = 0; i < f->ncell; i++)
					ck_assert_msg(nb_value_eq(&r->cell[i], &d->cell[i]),
						      "step %d: cell %d %lld, derive_all %lld", step, i,
						      (long long)r->cell[i].v, (long long)d->cell[i].v);
				nb_engine_free(fresh);
				nb_report_free(d);
			}
		}
		nb_engine_free(e);
		nb_report_free(r);
	}
}
END_TEST

START_TEST(test_findings_order)
{
	nb_report *r;
	nb_engine *e = consistent("gk2021", &r);
	poke(r, "t4.cases.r_total", 5);
	poke(r, "t3.granted.total", 9);
	poke(r, "t3.result_total.natural", 11);
	poke(r, "t3.next.legal", 3);
	poke(r, "t3.new.research", -1);
	nb_engine_check_all(e);
	int n = nb_engine_nfindings(e);
	ck_assert_int_ge(n, 5);
	char first[8192], second[8192];
	dump(e, first, sizeof first);
	int prev = -1;
	for (int i = 0; i < n; i++) {
		const nb_finding *x = nb_engine_finding(e, i);
		if (x->cell < 0)
			continue;
		ck_assert_msg(x->cell >= prev, "finding %d at cell %d after cell %d:%s", i, x->cell,
			      prev, first);
		prev = x->cell;
	}
	/* Every cell a finding involves is marked, at least with its severity;
	 * no other cell is. */
	const nb_form *f = r->form;
	for (int c = 0; c < f->ncell; c++) {
		int worst = 0;
		for (int i = 0; i < n; i++) {
			const nb_finding *x = nb_engine_finding(e, i);
			if (involves(x, c) && (int)x->sev > worst)
				worst = (int)x->sev;
		}
		char id[64];
		nb_form_cell_id(f, c, id, sizeof id);
		ck_assert_msg(nb_engine_cell_sev(e, c) == worst, "%s: cell_sev %d, want %d", id,
			      nb_engine_cell_sev(e, c), worst);
		const nb_finding *cf = nb_engine_cell_finding(e, c);
		if (worst) {
			ck_assert_msg(cf && (int)cf->sev == worst && involves(cf, c), "%s", id);
		} else {
			ck_assert_msg(cf == NULL, "%s has a finding: %s", id, cf->msg);
		}
	}
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.new.research")), NB_SEV_ERROR);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.next.legal")), NB_SEV_ERROR);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.w_law.business")), 0);

	nb_engine_check_all(e);
	dump(e, second, sizeof second);
	ck_assert_str_eq(first, second);
	/* A fresh engine on the same figures lists them the same way. */
	nb_engine *g = nb_engine_new(r, NULL);
	nb_engine_check_all(g);
	dump(g, second, sizeof second);
	ck_assert_str_eq(first, second);
	nb_engine_free(g);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

START_TEST(test_overflow)
{
	nb_report *r;
	nb_engine *e = consistent("gk2021", &r);
	ck_assert_int_ge(eset(e, r, "t3.new.natural", INT64_MAX), 1);
	ck_assert_int_ge(eset(e, r, "t3.new.business", INT64_MAX), 1);
	/* The sum does not fit in 64 bits: an error, not a wrapped figure. */
	ck_assert_int_gt(nb_engine_count(e, NB_SEV_ERROR), 0);
	nb_engine_check_all(e);
	ck_assert_int_gt(nb_engine_count(e, NB_SEV_ERROR), 0);
	nb_engine_derive_all(e);
	ck_assert_int_gt(nb_engine_count(e, NB_SEV_ERROR), 0);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

/* ---- whole files ---- */

static nb_report *load(const char *path)
{
	nb_report *r = nbt_load_file(path);
	cur_form = r->form;
	return r;
}

/* No findings but of the kinds listed (a blank cell may be reported). */
static void only_kinds(nb_engine *e, const char *k1, const char *k2)
{
	int n = nb_engine_nfindings(e);
	for (int i = 0; i < n; i++) {
		const nb_finding *f = nb_engine_finding(e, i);
		if ((k1 && !strcmp(f->kind, k1)) || (k2 && !strcmp(f->kind, k2)))
			continue;
		char all[4096];
		dump(e, all, sizeof all);
		ck_abort_msg("unexpected finding %s:%s", f->kind, all);
	}
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 0);
}

START_TEST(test_file_consistent)
{
	nb_report *r = load(NB_SRC("tests/data/gk2021-city.yaml"));
	nb_engine *e = nb_engine_new(r, NULL);
	nb_engine_check_all(e);
	only_kinds(e, "blank", NULL);
	nb_engine_free(e);

	/* Last year in the other layout: 四 of 2020 = 二 of 2021. */
	nb_report *l = load(NB_SRC("tests/data/gk2020-last.yaml"));
	e = nb_engine_new(r, l);
	nb_engine_check_all(e);
	ck_assert_int_eq(nkind(e, "t3-carry-over"), 0);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 0);
	nb_engine_free(e);
	nbt_set(l, "t3.next.legal", "4");
	e = nb_engine_new(r, l);
	nb_engine_check_all(e);
	expect(e, "t3-carry-over", r, "t3.carried.legal", NB_SEV_WARNING, 4, 1);
	nb_engine_free(e);
	nb_report_free(l);
	nb_report_free(r);

	r = load(NB_SRC("tests/data/gk2019-street.yaml"));
	e = nb_engine_new(r, NULL);
	nb_engine_check_all(e);
	only_kinds(e, "blank", "text");
	ck_assert_int_eq(nkind(e, "layout"), 0);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

START_TEST(test_file_computed_cell_differs)
{
	nb_report *c = load(NB_SRC("tests/data/gk2021-city.yaml"));
	char *buf;
	size_t len;
	ck_assert_int_eq(nb_report_save_mem(c, &buf, &len), 0);
	nb_report_free(c);
	const char *row = "\n    granted:\n";
	char *p = strstr(buf, row);
	ck_assert_ptr_nonnull(p);
	p = strstr(p, "      total: 135\n");
	ck_assert_ptr_nonnull(p);
	memcpy(p + strlen("      total: 13"), "6", 1);
	nb_err err = {0};
	nb_load_status st;
	nb_report *r = nb_report_load_mem(buf, len, "city.yaml", &err, &st);
	ck_assert_msg(r != NULL, "%s", err.msg);
	nb_engine *e = nb_engine_new(r, NULL);
	nb_engine_check_all(e);
	expect(e, "t3-row-total", r, "t3.granted.total", NB_SEV_ERROR, 135, 136);
	expect(e, "t3-results-total", r, "t3.result_total.total", NB_SEV_ERROR, 301, 300);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 2);
	/* Never silently fixed. */
	ck_assert_int_eq(val(r, "t3.granted.total"), 136);
	char *again;
	size_t alen;
	ck_assert_int_eq(nb_report_save_mem(r, &again, &alen), 0);
	ck_assert(alen == len && memcmp(buf, again, len) == 0);
	free(again);
	nb_engine_free(e);
	nb_report_free(r);
	free(buf);
}
END_TEST

Suite *NB_SUITE(engine)(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("computed");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_add_test(tc, test_free_null);
	tcase_add_test(tc, test_computed_cells);
	tcase_add_test(tc, test_derive_all_2021);
	tcase_add_test(tc, test_derive_all_2019);
	tcase_add_test(tc, test_derive_overwrites_file_figures);
	tcase_add_test(tc, test_blank_is_zero_but_kept);
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_add_test(tc, test_rule1_balance);
	tcase_add_test(tc, test_rule2_results_total);
	tcase_add_test(tc, test_rule3_row_total);
	tcase_add_test(tc, test_rule4_t4_totals);
	tcase_add_test(tc, test_rule5_types);
	tcase_add_test(tc, test_rule6_carry_over);
	tcase_add_test(tc, test_rule7_valid_count);
	tcase_add_test(tc, test_rule8_prev_items);
	tcase_add_test(tc, test_rule9_layout_year);
	tcase_add_test(tc, test_required_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("incremental");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_set_touches_little);
	tcase_add_test(tc, test_set_computed_refused);
	tcase_add_test(tc, test_incremental_equals_scratch);
	tcase_add_test(tc, test_findings_order);
	tcase_add_test(tc, test_overflow);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_add_test(tc, test_file_consistent);
	tcase_add_test(tc, test_file_computed_cell_differs);
	suite_add_tcase(s, tc);
	return s;
}
