/* The importer's pieces (labels, encodings, prose) and what real reports
 * taught the checker (issue 11, item 3): each test here failed before. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/import.h"
#include "io/import_items.h"
#include "model/engine.h"
#include "model/mention.h"
#include "nbtest.h"

static int matches(const char *a, const char *b)
{
	char x[256], y[256];
	nb_inorm(a, x, sizeof x);
	nb_inorm(b, y, sizeof y);
	return nb_ilabel_match(x, y);
}

START_TEST(test_labels)
{
	ck_assert(!matches("", "规章"));
	ck_assert(matches("（一）予以公开", "(一)予以公开"));
	ck_assert(matches("㈣无法提供", "（四）无法提供"));
	ck_assert(matches("1、属于国家秘密", "1.属于国家秘密"));
	ck_assert(matches("社会公益 组织", "社会公益组织"));
	ck_assert(matches("本年新\n制作数量", "本年新制作数量"));
	ck_assert(matches("其他法律行政止公开", "其他法律行政法规禁止公开"));
	ck_assert(matches("一年项目数量", "上一年项目数量"));
	ck_assert(matches("危及三安全一稳定", "危及“三安全一稳定”"));
	/* Different labels of the same table stay apart. */
	ck_assert(!matches("结果维持", "结果纠正"));
	ck_assert(!matches("行政处罚", "行政强制"));
	ck_assert(!matches("规章", "行政规范性文件"));
	ck_assert(nb_idash("/") && nb_idash("—") && nb_idash("-") && !nb_idash("0"));
}
END_TEST

/* The first cell of a one-line text report: the importer's view. */
static nb_report *imp(const char *s, nb_err *err)
{
	return nb_import_mem(s, strlen(s), "t", NULL, NULL, err);
}

START_TEST(test_import_refuses)
{
	nbt_forms_up();
	nb_err err;
	ck_assert_ptr_null(imp("", &err));
	ck_assert_int_eq(err.status, NB_INVALID);
	ck_assert_ptr_null(imp("nianbao_report: 1\n", &err));
	ck_assert_ptr_null(imp("<html><body><p>一、总体情况</p></body></html>", &err));
	ck_assert_msg(strstr(err.msg, "没有找到年报的表格"), "%s", err.msg);
	ck_assert_ptr_null(imp("\xff\xfe\xff<p>x", &err));
	ck_assert_int_eq(err.status, NB_DAMAGED);
	nbt_forms_down();
}
END_TEST

/* The seed, and the same seed in GBK: the same report. */
START_TEST(test_import_seed_gbk)
{
	nbt_forms_up();
	nb_err err;
	nb_import_info info;
	nb_report *a = nb_import_file_info(NB_SRC("tests/import/fixtures/seed-2019.txt"), NULL,
					   &info, &err);
	ck_assert_msg(a != NULL, "%s", err.msg);
	ck_assert_str_eq(a->form->id, "gk2019");
	ck_assert_int_eq(info.cells, 198);
	ck_assert_int_eq(nb_report_year(a), 2019);
	nb_report *b = nbt_load_file(NB_SRC("sample-data/seed-2019.yaml"));
	for (int c = 0; c < a->form->ncell; c++)
		ck_assert(nb_value_eq(&a->cell[c], &b->cell[c]));
	for (int k = 0; k < a->form->nfield; k++)
		if (a->form->field[k].section >= 0)
			ck_assert_str_eq(a->text[k], b->text[k]);
	nb_report *g = nb_import_file_info(NB_SRC("tests/import/fixtures/word-gbk-2019.html"),
					   NULL, &info, &err);
	ck_assert_msg(g != NULL, "%s", err.msg);
	ck_assert_str_eq(info.encoding, "GB18030");
	ck_assert_str_eq(g->text[nb_form_field(g->form, "agency")], "岚川市人民政府办公室");
	ck_assert_str_eq(g->text[nb_form_field(g->form, "postcode")], "546100");
	nb_report_free(a);
	nb_report_free(b);
	nb_report_free(g);
	nbt_forms_down();
}
END_TEST

/* ---- the checker ---- */

static int count_kind(nb_engine *e, const char *kind)
{
	int n = 0;
	for (int i = 0; i < nb_engine_nfindings(e); i++)
		n += !strcmp(nb_engine_finding(e, i)->kind, kind);
	return n;
}

static const nb_finding *find_kind(nb_engine *e, const char *kind)
{
	for (int i = 0; i < nb_engine_nfindings(e); i++)
		if (!strcmp(nb_engine_finding(e, i)->kind, kind))
			return nb_engine_finding(e, i);
	return NULL;
}

/* The city report with s1 replaced by text; its engine. */
static nb_engine *with_s1(nb_report **rp, const char *text)
{
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	int s1 = nb_form_field(r->form, "s1");
	ck_assert_int_eq(nb_report_set_text(r, s1, text, strlen(text)), 0);
	*rp = r;
	return nb_engine_new(r, NULL);
}

/* 总计 of a row of 表三, a group summed over its leaves. */
static long long total(nb_report *r, const char *row)
{
	const nb_form *f = r->form;
	int t = nb_form_table(f, "t3");
	const nb_table *tb = &f->table[t];
	const nb_node *n = &tb->rows.node[nb_axis_find(&tb->rows, row)];
	int col = tb->cols.node[nb_axis_find(&tb->cols, "total")].leaf;
	long long s = 0;
	for (int k = 0; k < n->nleaves; k++)
		s += r->cell[nb_form_cell(f, t, n->first_leaf + k, col)].v;
	return s;
}

START_TEST(test_combined_figures)
{
	nbt_forms_up();
	nb_report *r;
	nb_engine *e = with_s1(&r, "x");
	char t[512];
	snprintf(t, sizeof t, "其中予以公开及部分公开%lld件，不予公开和无法提供共%lld件。",
		 total(r, "granted") + total(r, "partial"), total(r, "withheld") + total(r, "unable"));
	nb_engine_free(e);
	nb_report_free(r);
	e = with_s1(&r, t);
	/* Sums of two rows: no finding for either row alone. */
	ck_assert_int_eq(count_kind(e, "prose-granted"), 0);
	ck_assert_int_eq(count_kind(e, "prose-partial"), 0);
	ck_assert_int_eq(count_kind(e, "prose-withheld"), 0);
	ck_assert_int_eq(count_kind(e, "prose-unable"), 0);
	nb_engine_free(e);
	nb_report_free(r);
	/* And a wrong combined figure is one finding about the sum. */
	e = with_s1(&r, "其中予以公开及部分公开1件。");
	ck_assert_int_eq(count_kind(e, "prose-granted"), 0);
	ck_assert_int_eq(count_kind(e, "prose-partial"), 0);
	ck_assert_int_eq(count_kind(e, "prose-granted-partial"), 1);
	nb_engine_free(e);
	nb_report_free(r);
	nbt_forms_down();
}
END_TEST

START_TEST(test_group_named)
{
	nbt_forms_up();
	nb_report *r;
	nb_engine *e = with_s1(&r, "无法提供99件。");
	const nb_finding *x = find_kind(e, "prose-unable");
	ck_assert_ptr_nonnull(x);
	ck_assert_msg(strstr(x->msg, "（四）无法提供"), "%s", x->msg);
	ck_assert_msg(!strstr(x->msg, "本机关不掌握"), "%s", x->msg);
	nb_engine_free(e);
	nb_report_free(r);
	nbt_forms_down();
}
END_TEST

/* The phrasings of real reports, each found (and so checked). */
START_TEST(test_phrasings)
{
	static const struct {
		const char *text, *kind;
	} p[] = {
		{"上年度结转99件。", "prose-carried"},
		{"结转至2026年继续办理99件。", "prose-next"},
		{"接收政府信息公开申请共计99件。", "prose-new"},
		{"共办理政府信息公开申请99件。", "prose-results"},
		{"收到政府信息公开申请九十九件。", "prose-new"},
		{"现行有效行政规范性文件99件。", "prose-t2-normative-valid"},
		{"制发规章99件。", "prose-t2-rules-made"},
		{"发生行政诉讼案件99件。", "prose-litigation"},
	};
	nbt_forms_up();
	for (size_t k = 0; k < sizeof p / sizeof p[0]; k++) {
		nb_report *r;
		nb_engine *e = with_s1(&r, p[k].text);
		ck_assert_msg(count_kind(e, p[k].kind) == 1, "%s: no %s", p[k].text, p[k].kind);
		nb_engine_free(e);
		nb_report_free(r);
	}
	nbt_forms_down();
}
END_TEST

START_TEST(test_chinese_numerals)
{
	static const struct {
		const char *s;
		long long v;
	} n[] = {{"收到申请十二件", 12}, {"收到申请两件", 2}, {"收到申请一百零五件", 105},
		 {"收到申请二十件", 20}, {"收到申请三千四百件", 3400}, {"收到申请〇件", 0}};
	nb_mention m;
	memset(&m, 0, sizeof m);
	m.words[m.nwords++] = (char *)"收到申请";
	for (size_t k = 0; k < sizeof n / sizeof n[0]; k++) {
		size_t pos = 0;
		nb_quote q;
		ck_assert_msg(nb_mention_next(&m, n[k].s, &pos, &q), "%s", n[k].s);
		ck_assert_int_eq(q.value, n[k].v);
	}
}
END_TEST

Suite *NB_SUITE(import)(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("import");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_import_refuses);
	tcase_add_test(tc, test_import_seed_gbk);
	tcase_add_test(tc, test_combined_figures);
	tcase_add_test(tc, test_group_named);
	tcase_add_test(tc, test_phrasings);
	tcase_add_test(tc, test_chinese_numerals);
	suite_add_tcase(s, tc);
	return s;
}
