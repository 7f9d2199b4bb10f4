/* The rule language (src/form/rule.c, man 5 nianbao-form GRAMMAR): rules
 * across tables and inequalities, their parse errors at FILE:LINE:COL,
 * the cells they read (deps) and their evaluation (engine), and the test
 * layout tests/data/forms/province2021.yaml loaded as a forms directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/deps.h"
#include "model/engine.h"
#include "nbtest.h"

/* Three tables; t2 has t1's columns (in another order) and a money one,
 * t3 only one of them. The rules given to load_two() follow the derived
 * row total of t1; the first of them is at line rule_line(). */
static const char *TWO =
	"nianbao_form: 1\n"
	"id: two\n"
	"name: 两表\n"
	"fields:\n"
	"  - {id: year, label: 年度, kind: year}\n"
	"sections:\n"
	"  - {id: s1, number: 一, heading: 一、测试, tables: [t1, t2, t3]}\n"
	"tables:\n"
	"  - id: t1\n"
	"    name: 表一\n"
	"    columns:\n"
	"      - {id: a, label: 甲}\n"
	"      - {id: b, label: 乙}\n"
	"      - {id: total, label: 合计}\n"
	"    rows:\n"
	"      - {id: r1, label: 一行, short: 一}\n"
	"      - {id: r2, label: 二行, short: 二}\n"
	"  - id: t2\n"
	"    name: 表二\n"
	"    columns:\n"
	"      - {id: b, label: 乙}\n"
	"      - {id: total, label: 合计}\n"
	"      - {id: a, label: 甲}\n"
	"      - {id: fee, label: 金额, type: money}\n"
	"    rows:\n"
	"      - {id: x, label: 子项, short: 子}\n"
	"  - id: t3\n"
	"    name: 表三\n"
	"    columns:\n"
	"      - {id: a, label: 甲}\n"
	"    rows:\n"
	"      - {id: z, label: 丙项, short: 丙}\n"
	"rules:\n"
	"  - {id: t1-total, table: t1, each: row, severity: error, derive: true,\n"
	"     rule: \"total = a + b\"}\n";

static int rule_line(void)
{
	int n = 1;
	for (const char *p = TWO; *p; p++)
		n += *p == '\n';
	return n;
}
#define RULE_LINE rule_line()

static nb_form *load_two(const char *rules, nb_err *err)
{
	size_t n = strlen(TWO) + strlen(rules) + 1;
	char *text = malloc(n);
	ck_assert_ptr_nonnull(text);
	snprintf(text, n, "%s%s", TWO, rules);
	memset(err, 0, sizeof *err);
	nb_form *f = nb_form_load_mem(text, strlen(text), "two.yaml", err);
	free(text);
	return f;
}

/* The rule text is put in `rule: "..."` at column 11 of its own line, so
 * byte k of it is at column 12 + k (ASCII). */
static void expect_rule_error(const char *rule, int col, const char *words)
{
	char rules[512];
	snprintf(rules, sizeof rules,
		 "  - id: r\n"
		 "    table: t1\n"
		 "    each: column\n"
		 "    severity: error\n"
		 "    rule: \"%s\"\n", rule);
	nb_err err;
	nb_form *f = load_two(rules, &err);
	if (f) {
		nb_form_free(f);
		ck_abort_msg("rule \"%s\" loaded", rule);
	}
	int got = 0;
	int line = nbt_err_pos(err.msg, "two.yaml", &got);
	ck_assert_msg(line == RULE_LINE + 4, "\"%s\": line %d: %s", rule, line, err.msg);
	ck_assert_msg(got == col, "\"%s\": column %d, want %d: %s", rule, got, col, err.msg);
	ck_assert_msg(strstr(err.msg, words) != NULL, "\"%s\": %s (want %s)", rule, err.msg,
		      words);
}

START_TEST(test_parse_errors_point_at_the_term)
{
	/* "r1 + r2 >= t9.x": t9 at byte 11. */
	expect_rule_error("r1 + r2 >= t9.x", 12 + 11, "没有表“t9”");
	expect_rule_error("r1 >= t2.zz", 12 + 6, "表“t2”没有行“zz”");
	expect_rule_error("r1 >= t1.r1.zz", 12 + 6, "没有列“zz”");
	expect_rule_error("r1 >= t1.zz.a", 12 + 6, "没有行“zz”");
	expect_rule_error("r1 >= nope", 12 + 6, "不是该表的行或列");
	expect_rule_error("r1 >= t1.r1.a.b", 12 + 6, "太多");
	expect_rule_error("r1 >= t1..a", 12 + 6, "空的部分");
	expect_rule_error("r1 => r2", 12 + 3, "比较符号");
	expect_rule_error("r1 == r2", 12 + 3, "比较符号");
	expect_rule_error("r1 <> r2", 12 + 3, "比较符号");
	expect_rule_error("r1 < r2 < r1", 12 + 8, "只能有一个比较符号");
	expect_rule_error("r1 r2", 12 + 3, "缺少“+”或“-”");
	expect_rule_error("r1 + r2", 12 + 7, "左边 = 右边");
	expect_rule_error("r1 >= ", 12 + 6, "缺少名称");
	expect_rule_error("+r1 = r2", 12, "开头多了“+”");
	expect_rule_error("r1 = r2 * 2", 12 + 8, "不认识的字符“*”");
	expect_rule_error("r1 = 二行", 12 + 5, "不认识的字符“二”");
	/* Each column of t1 must be in t3 by id. */
	expect_rule_error("r1 >= t3.z", 12 + 6, "表“t3”没有与本表相同的列“b”");
}
END_TEST

static void expect_load_error(const char *rules, int line, const char *words)
{
	nb_err err;
	nb_form *f = load_two(rules, &err);
	if (f) {
		nb_form_free(f);
		ck_abort_msg("loaded:\n%s", rules);
	}
	int col = 0;
	ck_assert_msg(nbt_err_pos(err.msg, "two.yaml", &col) == line, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, words) != NULL, "%s (want %s)", err.msg, words);
}

START_TEST(test_refused_rules)
{
	/* A derived rule stays an equation of its own table's leaf. */
	expect_load_error("  - {id: d, table: t1, each: column, severity: error, derive: true,\n"
			  "     rule: \"r2 >= r1\"}\n", RULE_LINE + 1, "必须是等式");
	expect_load_error("  - {id: d, table: t1, each: column, severity: error, derive: true,\n"
			  "     rule: \"last.r1 = r2\"}\n", RULE_LINE + 1, "本表本年");
	expect_load_error("  - {id: d, table: t1, severity: error, derive: true,\n"
			  "     rule: \"t1.r1.a = t1.r2.a\"}\n", RULE_LINE + 1, "本表本年");
	/* Without each, only fixed cells. */
	expect_load_error("  - {id: d, table: t1, severity: error, rule: \"r1 >= r2\"}\n",
			  RULE_LINE, "没有 each");
	expect_load_error("  - {id: d, table: t1, severity: error, rule: \"t1.r1 >= t1.r2.a\"}\n",
			  RULE_LINE, "没有 each");
	/* Money stays out of rules, in other tables too. */
	expect_load_error("  - {id: d, table: t1, severity: error, rule: \"t1.r1.a >= t2.x.fee\"}\n",
			  RULE_LINE, "金额列（fee）");
	expect_load_error("  - {id: d, table: t2, each: row, severity: error, rule: \"a >= fee\"}\n",
			  RULE_LINE, "金额列（fee）");
	expect_load_error("  - {id: d, table: t1, each: column, severity: error, rule: \"r1 >= t2.x\"}\n"
			  "  - {id: e, table: t2, each: column, severity: error, rule: \"x >= t1.r1\"}\n",
			  RULE_LINE + 1, "金额列（fee）");
}
END_TEST

static const char *CROSS =
	"  - {id: le, table: t2, each: row, severity: error, rule: \"a + b <= t1.r1.total\"}\n"
	"  - {id: ge, table: t1, each: column, severity: warning, rule: \"r1 >= t2.x\"}\n"
	"  - {id: once, table: t1, severity: warning, rule: \"t1.r1.a > t1.r2.a\"}\n"
	"  - {id: prev, table: t1, severity: warning, rule: \"t1.r1.total < last.t1.r1.total\"}\n";

START_TEST(test_parse_cross_table)
{
	nb_err err;
	nb_form *f = load_two(CROSS, &err);
	ck_assert_msg(f != NULL, "%s", err.msg);
	ck_assert_int_eq(f->nrule, 5);
	const nb_rule *le = &f->rule[1], *ge = &f->rule[2], *once = &f->rule[3],
		      *prev = &f->rule[4];
	ck_assert_int_eq(le->rel, NB_REL_LE);
	ck_assert_int_eq(le->each, NB_EACH_ROW);
	ck_assert_int_eq(le->nlhs, 2);
	ck_assert_int_eq(le->rhs[0].table, 0);
	ck_assert_int_eq(le->rhs[0].node, -1);
	ck_assert_str_eq(le->describe, "甲+乙<=表一「一」「合计」");
	/* t1's columns a, b, total are t2's 2, 0, 1. */
	ck_assert_int_eq(ge->rel, NB_REL_GE);
	ck_assert_ptr_nonnull(ge->rhs[0].bind);
	ck_assert_int_eq(ge->rhs[0].bind[0], 2);
	ck_assert_int_eq(ge->rhs[0].bind[1], 0);
	ck_assert_int_eq(ge->rhs[0].bind[2], 1);
	ck_assert_ptr_null(ge->lhs[0].bind);
	ck_assert_str_eq(ge->describe, "一>=表二「子」");
	ck_assert_int_eq(once->each, NB_EACH_NONE);
	ck_assert_int_eq(once->rel, NB_REL_GT);
	ck_assert_str_eq(once->describe, "表一「一」「甲」>表一「二」「甲」");
	ck_assert_int_eq(prev->needs_last, 1);
	ck_assert_int_eq(prev->rel, NB_REL_LT);
	ck_assert_str_eq(prev->describe, "表一「一」「合计」<上年表一「一」「合计」");
	/* Instances: le once per t2 row (1), once a single one. */
	int nle = 0, nonce = 0;
	for (int i = 0; i < f->deps->ninst; i++) {
		const nb_inst *in = &f->deps->inst[i];
		if (in->rule == 1) {
			nle++;
			/* t2.x.a, t2.x.b, t1.r1.total */
			ck_assert_int_eq(in->ncells, 3);
			ck_assert_int_eq(in->cells[2], nb_form_cell_by_id(f, "t1.r1.total"));
		}
		if (in->rule == 3) {
			nonce++;
			ck_assert_int_eq(in->ncells, 2);
		}
	}
	ck_assert_int_eq(nle, 1);
	ck_assert_int_eq(nonce, 1);
	nb_form_free(f);
}
END_TEST

/* ---- evaluation ---- */

static nb_value cnt(int64_t v)
{
	nb_value x;
	memset(&x, 0, sizeof x);
	x.set = 1;
	x.v = v;
	return x;
}

static void eset(nb_engine *e, const nb_form *f, const char *id, int64_t v)
{
	nb_value x = cnt(v);
	ck_assert_int_ge(nb_engine_set(e, nbt_cell(f, id), &x), 0);
}

/* The finding of rule `kind`, if exactly one; NULL when none. */
static const nb_finding *only(nb_engine *e, const char *kind)
{
	const nb_finding *got = NULL;
	for (int i = 0; i < nb_engine_nfindings(e); i++) {
		const nb_finding *x = nb_engine_finding(e, i);
		if (!strcmp(x->kind, kind)) {
			ck_assert_msg(got == NULL, "two findings of %s: %s / %s", kind, got->msg,
				      x->msg);
			got = x;
		}
	}
	return got;
}

static void expect_msg(nb_engine *e, const char *kind, const char *msg)
{
	const nb_finding *x = only(e, kind);
	ck_assert_msg(x != NULL, "no finding of %s", kind);
	ck_assert_str_eq(x->msg, msg);
	/* No single figure is expected of an inequality. */
	ck_assert_int_eq(x->has_expected, 0);
}

START_TEST(test_eval_inequalities)
{
	nb_err err;
	nb_form *f = load_two(CROSS, &err);
	ck_assert_msg(f != NULL, "%s", err.msg);
	nb_report *r = nb_report_new(f);
	ck_assert_ptr_nonnull(r);
	nb_engine *e = nb_engine_new(r, NULL);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(nb_engine_nfindings(e), 0);
	eset(e, f, "t1.r1.a", 5);
	eset(e, f, "t1.r1.b", 1);
	eset(e, f, "t2.x.a", 4);
	ck_assert_ptr_null(only(e, "le"));
	/* 4 + 3 > 6: the cross-table bound fails, and a change of the
	 * other table's cell re-checks it. */
	eset(e, f, "t2.x.b", 3);
	expect_msg(e, "le", "表二「子项」行：甲+乙<=表一「一」「合计」 不成立："
			    "甲+乙为 7，表一「一」「合计」为 6；左边应不大于右边，现左边多 1");
	const nb_finding *x = only(e, "le");
	ck_assert_int_eq(x->sev, NB_SEV_ERROR);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t1.r1.total")), NB_SEV_ERROR);
	eset(e, f, "t1.r1.a", 6);
	ck_assert_ptr_null(only(e, "le"));
	/* Column 乙 of t1 against t2's row, matched by column id. */
	expect_msg(e, "ge", "表一「乙」列：一>=表二「子」 不成立："
			    "一为 1，表二「子」为 3；左边应不小于右边，现左边少 2");
	ck_assert_int_eq(only(e, "ge")->sev, NB_SEV_WARNING);
	eset(e, f, "t2.x.b", 1);
	ck_assert_ptr_null(only(e, "ge"));
	/* A rule of fixed cells: one instance, one finding. */
	ck_assert_ptr_null(only(e, "once"));
	eset(e, f, "t1.r2.a", 6);
	expect_msg(e, "once", "表一：表一「一」「甲」>表一「二」「甲」 不成立："
			      "表一「一」「甲」为 6，表一「二」「甲」为 6；左边应大于右边，现两边相等");
	eset(e, f, "t1.r2.a", 7);
	expect_msg(e, "once", "表一：表一「一」「甲」>表一「二」「甲」 不成立："
			      "表一「一」「甲」为 6，表一「二」「甲」为 7；左边应大于右边，现左边少 1");
	ck_assert_ptr_null(only(e, "prev"));
	nb_engine_free(e);

	/* Last year's report (same layout): 7 < 8 holds until the total
	 * grows past it. */
	nb_report *last = nb_report_new(f);
	ck_assert_ptr_nonnull(last);
	last->cell[nbt_cell(f, "t1.r1.total")] = cnt(8);
	e = nb_engine_new(r, last);
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_null(only(e, "prev"));
	eset(e, f, "t1.r1.b", 3);  /* total 9 */
	expect_msg(e, "prev", "表一：表一「一」「合计」<上年表一「一」「合计」 不成立："
			      "表一「一」「合计」为 9，上年表一「一」「合计」为 8；左边应小于右边，现左边多 1");
	nb_engine_free(e);
	nb_report_free(last);
	nb_report_free(r);
	nb_form_free(f);
}
END_TEST

/* A year outside NB_YEAR_MIN..NB_YEAR_MAX is a finding of its field. */
START_TEST(test_year_out_of_range)
{
	const nb_form *f = nbt_form("gk2021");
	nb_report *r = nb_report_new(f);
	ck_assert_ptr_nonnull(r);
	int yf = nb_form_field_role(f, NB_ROLE_YEAR);
	ck_assert_int_eq(nb_report_set_text(r, yf, "2200", 4), 0);
	nb_engine *e = nb_engine_new(r, NULL);
	ck_assert_ptr_nonnull(e);
	const nb_finding *x = nb_engine_field_finding(e, yf);
	ck_assert_ptr_nonnull(x);
	ck_assert_str_eq(x->msg, "「年度」应为 2008 至 2100 之间的四位年份，现为“2200”");
	ck_assert_int_eq(nb_report_set_text(r, yf, "2100", 4), 0);
	nb_engine_text_changed(e, yf);
	x = nb_engine_field_finding(e, yf);
	ck_assert_msg(x == NULL || !strstr(x->msg, "四位年份"), "%s", x ? x->msg : "");
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

/* ---- the test layout as a forms directory ---- */

static void forms_dir_up(void)
{
	nb_err err = {0};
	int rc = nb_forms_init(NB_SRC("tests/data/forms"), &err);
	ck_assert_msg(rc >= 0, "%s", err.msg);
}

START_TEST(test_province_layout)
{
	const nb_form *f = nb_forms_find("province2021");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(nb_forms_find("gk2021"));
	ck_assert_int_eq(f->ntable, 7);
	nb_report *r = nbt_load_file(NB_SRC("tests/data/province2021-city.yaml"));
	ck_assert_ptr_eq(r->form, f);
	nb_engine *e = nb_engine_new(r, NULL);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 1);
	const nb_finding *x = only(e, "t5-within-new");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->cell, nbt_cell(f, "t5.key_total.legal"));
	/* 表三's cell is marked too: the rule reads it. */
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(f, "t3.new.legal")), NB_SEV_ERROR);
	/* Fixing 表五 derives its totals and clears the finding. */
	eset(e, f, "t5.land.legal", 5);
	ck_assert_int_eq(r->cell[nbt_cell(f, "t5.key_total.legal")].v, 10);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 0);
	/* The rule of fixed cells: checked once for the whole report. */
	ck_assert_ptr_null(only(e, "t3-granted-bound"));
	ck_assert_ptr_null(only(e, "t4-review-share")); /* needs last year's */
	nb_engine_free(e);

	/* Last year's 2020 report is of the 2019 layout: matched by ids. */
	nb_report *last = nbt_load_file(NB_SRC("tests/data/gk2020-last.yaml"));
	e = nb_engine_new(r, last);
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_null(only(e, "t4-review-share"));
	eset(e, f, "t4.cases.r_upheld", 100000);
	x = only(e, "t4-review-share");
	ck_assert_ptr_nonnull(x);
	ck_assert_msg(strstr(x->msg, "上年表三「四」「总计」") && strstr(x->msg, "左边应不大于右边"),
		      "%s", x->msg);
	nb_engine_free(e);
	nb_report_free(last);
	nb_report_free(r);
}
END_TEST

Suite *NB_SUITE(rules)(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, test_parse_errors_point_at_the_term);
	tcase_add_test(tc, test_refused_rules);
	tcase_add_test(tc, test_parse_cross_table);
	suite_add_tcase(s, tc);
	tc = tcase_create("eval");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_add_test(tc, test_eval_inequalities);
	tcase_add_test(tc, test_year_out_of_range);
	suite_add_tcase(s, tc);
	tc = tcase_create("forms_dir");
	tcase_add_checked_fixture(tc, forms_dir_up, nbt_forms_down);
	tcase_add_test(tc, test_province_layout);
	suite_add_tcase(s, tc);
	return s;
}
