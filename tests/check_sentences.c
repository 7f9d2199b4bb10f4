/* model/sentences: the 依申请公开 figures sentences from the tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/engine.h"
#include "model/sentences.h"
#include "nbtest.h"

static const char CITY2021[] =
	"本年度共收到政府信息公开申请307件，上年结转17件。"
	"本年度办结300件，其中予以公开128件，占42.7%；部分公开27件，占9.0%；"
	"不予公开30件，占10.0%；无法提供73件，占24.3%；不予处理24件，占8.0%；"
	"其他处理18件，占6.0%；结转下年度继续办理24件。"
	"本年度发生政府信息公开行政复议10件，其中结果维持6件，结果纠正1件，"
	"其他结果2件，尚未审结1件；行政诉讼8件，其中结果维持5件，结果纠正0件，"
	"其他结果1件，尚未审结2件。";

static const char *pct(int64_t a, int64_t b)
{
	static char buf[32];
	if (!nb_percent1(a, b, buf, sizeof buf))
		return "none";
	return buf;
}

START_TEST(test_percent)
{
	ck_assert_str_eq(pct(0, 0), "none");       /* no division by zero */
	ck_assert_str_eq(pct(5, 0), "none");
	ck_assert_str_eq(pct(-1, 3), "none");
	ck_assert_str_eq(pct(0, 7), "0.0");
	ck_assert_str_eq(pct(1, 3), "33.3");
	ck_assert_str_eq(pct(2, 3), "66.7");
	ck_assert_str_eq(pct(1, 8), "12.5");
	ck_assert_str_eq(pct(1, 16), "6.3");       /* 6.25: half up */
	ck_assert_str_eq(pct(1, 2000), "0.1");     /* 0.05: half up */
	ck_assert_str_eq(pct(1, 2001), "0.0");
	ck_assert_str_eq(pct(7, 7), "100.0");
	ck_assert_str_eq(pct(INT64_MAX / 2, INT64_MAX), "50.0"); /* no overflow */
	ck_assert_str_eq(pct(3000000000000LL, 4000000000000LL), "75.0");
}
END_TEST

START_TEST(test_blank)
{
	nbt_forms_up();
	nb_report *r = nb_report_new(nbt_form("gk2021"));
	char *s = nb_sentences(r);
	ck_assert_str_eq(s, ""); /* nothing filled: no figures invented */
	free(s);
	/* One figure filled: the other blanks are said as 0, no share of 0. */
	nbt_set(r, "t3.new.natural", "5");
	nbt_set(r, "t3.new.total", "5");
	s = nb_sentences(r);
	ck_assert_str_eq(s, "本年度共收到政府信息公开申请5件，上年结转0件。"
			    "本年度办结0件；结转下年度继续办理0件。"
			    "本年度发生政府信息公开行政复议0件；行政诉讼0件。");
	free(s);
	/* Results without a 办结 total (blank): counts, but no share. */
	nbt_set(r, "t3.granted.total", "4");
	s = nb_sentences(r);
	ck_assert_ptr_nonnull(strstr(s, "本年度办结0件，其中予以公开4件；部分公开0件；"));
	ck_assert_ptr_null(strstr(s, "占"));
	free(s);
	nb_report_free(r);
	nbt_forms_down();
}
END_TEST

START_TEST(test_golden_2021)
{
	nbt_forms_up();
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	char *s = nb_sentences(r);
	ck_assert_str_eq(s, CITY2021);
	free(s);
	nb_report_free(r);
	nbt_forms_down();
}
END_TEST

/* 2019: （六）其他处理 is one row; 2021: the sum of its three. */
START_TEST(test_layouts)
{
	nbt_forms_up();
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2020.yaml"));
	ck_assert_str_eq(r->form->id, "gk2019");
	nbt_set(r, "t3.otherwise.total", "9");
	char *s = nb_sentences(r);
	ck_assert_msg(strstr(s, "；其他处理9件，占"), "%s", s);
	free(s);
	nb_report_free(r);

	r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	nbt_set(r, "t3.o_nocorrect.total", "1");
	nbt_set(r, "t3.o_nofee.total", "20");
	nbt_set(r, "t3.o_other.total", "300");
	s = nb_sentences(r);
	ck_assert_msg(strstr(s, "；其他处理321件，占"), "%s", s);
	free(s);
	nb_report_free(r);
	nbt_forms_down();
}
END_TEST

/* A layout without a row the wording names: that part is left out. */
START_TEST(test_missing_row)
{
	size_t len;
	char *y = nbt_slurp(NB_SRC("forms/gk2021.yaml"), &len);
	/* rename every "partial" (the row, its rule and mention) */
	for (char *p = y; (p = strstr(p, "partial")); p += 7)
		memcpy(p, "halfway", 7);
	y = realloc(y, len + 64);
	ck_assert_ptr_nonnull(y);
	memcpy(strstr(y, "id: gk2021"), "id: gk2099", 10);
	nb_err err;
	nb_form *f = nb_form_load_mem(y, len, "third.yaml", &err);
	ck_assert_msg(f != NULL, "%s", err.msg);
	nb_report *r = nb_report_new(f);
	nbt_set(r, "t3.new.total", "3");
	nbt_set(r, "t3.result_total.total", "3");
	nbt_set(r, "t3.granted.total", "1");
	nbt_set(r, "t3.halfway.total", "2");
	char *s = nb_sentences(r);
	ck_assert_msg(!strstr(s, "部分公开"), "%s", s);
	ck_assert_msg(strstr(s, "其中予以公开1件，占33.3%；不予公开0件，占0.0%；"), "%s", s);
	free(s);
	nb_report_free(r);
	nb_form_free(f);
	free(y);
}
END_TEST

static char *apply(const char *old, const char *gen)
{
	static char keep[1024];
	char *s = nb_sentences_apply(old, gen);
	ck_assert_ptr_nonnull(s);
	snprintf(keep, sizeof keep, "%s", s);
	free(s);
	return keep;
}

START_TEST(test_apply)
{
	/* Nothing recognisable: appended as a paragraph. */
	ck_assert_str_eq(apply("", "G。"), "G。\n");
	ck_assert_str_eq(apply("总体情况良好。", "G。"), "总体情况良好。\nG。\n");
	ck_assert_str_eq(apply("甲\n乙\n", "G。"), "甲\n乙\nG。\n");
	/* The paragraph that quotes the applications is replaced. */
	ck_assert_str_eq(apply("（一）主动公开\n甲\n（二）依申请公开\n本机关收到申请5件。\n丙\n", "G。"),
			 "（一）主动公开\n甲\n（二）依申请公开\nG。\n丙\n");
	ck_assert_str_eq(apply("全年共收到政府信息公开申请3件，均已办结。", "G。"), "G。");
	/* The heading alone: the sentences go under it; the next line stays. */
	ck_assert_str_eq(apply("（二）依申请公开\n全年无申请。\n", "G。"),
			 "（二）依申请公开\nG。\n全年无申请。\n");
	ck_assert_str_eq(apply("甲\n（二）依申请公开", "G。"), "甲\n（二）依申请公开\nG。\n");
	/* Heading and text on one line: the heading and its mark are kept. */
	ck_assert_str_eq(apply("（二）依申请公开。全年受理3件。\n丁\n", "G。"),
			 "（二）依申请公开。G。\n丁\n");
	ck_assert_str_eq(apply("(二)依申请公开情况：本机关收到申请5件\n丁", "G。"),
			 "(二)依申请公开情况：G。\n丁");
}
END_TEST

static int s1_findings(nb_engine *e, int s1)
{
	int n = 0;
	for (int k = 0; k < nb_engine_nfindings(e); k++)
		if (nb_engine_finding(e, k)->field == s1)
			n++;
	return n;
}

static void bump(nb_engine *e, nb_report *r, const char *key, int by)
{
	int c = nbt_cell(r->form, key);
	nb_value v = r->cell[c];
	v.set = 1;
	v.v += by;
	nb_engine_set(e, c, &v);
}

/* Rule 10: with other figures the sample's prose is wrong; after the
 * generated sentences replace its paragraph, no finding on the text. */
static void rule10(const char *path)
{
	nbt_forms_up();
	nb_report *r = nbt_load_file(path);
	nb_engine *e = nb_engine_new(r, NULL);
	int s1 = nb_form_field(r->form, "s1");
	bump(e, r, "t3.new.natural", 11);
	bump(e, r, "t3.granted.business", 4);
	bump(e, r, "t3.w_secret.natural", 3);
	bump(e, r, "t3.u_none.legal", 2);
	bump(e, r, "t3.d_repeat.natural", 1);
	bump(e, r, "t3.next.natural", 1);
	bump(e, r, "t3.carried.other", 2);
	bump(e, r, "t3.granted.natural", 6);
	bump(e, r, "t3.new.business", 4);
	bump(e, r, "t3.new.legal", 2);
	bump(e, r, "t3.granted.other", 2);
	bump(e, r, "t4.cases.r_upheld", 3);
	bump(e, r, "t4.cases.a_pending", 2);
	bump(e, r, "t4.cases.l_corrected", 1);
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 0);
	/* The old prose: sure to disagree now, or the test proves nothing. */
	const char *old = "（二）依申请公开\n本年度共收到政府信息公开申请1件，"
			  "本年度办结1件，行政复议1件，行政诉讼1件。\n";
	ck_assert_int_eq(nb_report_set_text(r, s1, old, strlen(old)), 0);
	nb_engine_text_changed(e, s1);
	ck_assert_int_ge(s1_findings(e, s1), 4);
	char *g = nb_sentences(r);
	char *t = nb_sentences_apply(r->text[s1], g);
	ck_assert_int_eq(nb_report_set_text(r, s1, t, strlen(t)), 0);
	nb_engine_text_changed(e, s1);
	for (int k = 0; k < nb_engine_nfindings(e); k++)
		ck_assert_msg(nb_engine_finding(e, k)->field != s1, "%s",
			      nb_engine_finding(e, k)->msg);
	ck_assert_int_eq(s1_findings(e, s1), 0);
	/* And every figure was read back: each is checked by a mention. */
	ck_assert_ptr_nonnull(strstr(t, "（二）依申请公开\n本年度共收到政府信息公开申请"));
	free(g);
	free(t);
	nb_engine_free(e);
	nb_report_free(r);
	nbt_forms_down();
}

START_TEST(test_rule10_2021) { rule10(NB_SRC("sample-data/city-2021.yaml")); }
END_TEST
START_TEST(test_rule10_2019) { rule10(NB_SRC("sample-data/city-2020.yaml")); }
END_TEST

/* The sample's own s1, whose figures paragraph follows its heading. */
START_TEST(test_apply_sample)
{
	nbt_forms_up();
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	int s1 = nb_form_field(r->form, "s1");
	char *t = nb_sentences_apply(r->text[s1], "G。");
	ck_assert_ptr_nonnull(strstr(t, "（二）依申请公开\nG。\n进一步规范依申请公开办理流程"));
	ck_assert_ptr_null(strstr(t, "307件"));
	ck_assert_ptr_nonnull(strstr(t, "（五）监督保障\n"));
	free(t);
	nb_report_free(r);
	nbt_forms_down();
}
END_TEST

Suite *NB_SUITE(sentences)(void)
{
	Suite *s = suite_create("sentences");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_percent);
	tcase_add_test(tc, test_blank);
	tcase_add_test(tc, test_golden_2021);
	tcase_add_test(tc, test_layouts);
	tcase_add_test(tc, test_missing_row);
	tcase_add_test(tc, test_apply);
	tcase_add_test(tc, test_apply_sample);
	tcase_add_test(tc, test_rule10_2021);
	tcase_add_test(tc, test_rule10_2019);
	suite_add_tcase(s, tc);
	return s;
}
