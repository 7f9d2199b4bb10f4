/* A computed cell left blank (a published page whose 总计 column is
 * empty) is "not given", never 0: one finding names the column, every
 * other rule and the prose read the sum of its parts instead. */
#include <stdio.h>
#include <string.h>
#include "model/engine.h"
#include "nbtest.h"

static const char *const t3rows[] = {
	"new", "carried", "granted", "partial", "w_secret", "w_law", "w_safety", "w_third",
	"w_internal", "w_process", "w_enforce", "w_query", "u_none", "u_create", "u_unclear",
	"d_petition", "d_repeat", "d_published", "d_mass", "d_confirm", "o_nocorrect",
	"o_nofee", "o_other", "result_total", "next", NULL};

static nb_report *city(void)
{
	return nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
}

/* Every row's 总计 blank but `keep` (may be NULL). */
static void blank_totals(nb_report *r, const char *keep)
{
	char key[64];
	for (int i = 0; t3rows[i]; i++) {
		if (keep && !strcmp(t3rows[i], keep))
			continue;
		snprintf(key, sizeof key, "t3.%s.total", t3rows[i]);
		nbt_set(r, key, "");
	}
}

static int count_kind(nb_engine *e, const char *kind, const nb_finding **first)
{
	int n = 0;
	for (int i = 0; i < nb_engine_nfindings(e); i++) {
		const nb_finding *x = nb_engine_finding(e, i);
		if (!strcmp(x->kind, kind) && n++ == 0 && first)
			*first = x;
	}
	return n;
}

START_TEST(test_blank_column_is_one_finding)
{
	nb_report *r = city();
	nb_engine *e = nb_engine_new(r, NULL);
	ck_assert_int_eq(nb_engine_nfindings(e), 0);
	nb_engine_free(e);

	blank_totals(r, NULL);
	e = nb_engine_new(r, NULL);
	const nb_finding *x = NULL;
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 0);
	ck_assert_int_eq(nb_engine_nfindings(e), 1);
	ck_assert_int_eq(count_kind(e, "blank-total", &x), 1);
	ck_assert_int_eq(x->sev, NB_SEV_WARNING);
	ck_assert_msg(strstr(x->msg, "表三「总计」列未填写"), "%s", x->msg);
	ck_assert_int_eq(x->ncells, 25);
	ck_assert_int_eq(x->cell, nbt_cell(r->form, "t3.new.total"));
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

/* The example: （七）总计 given (and right) under blank row totals
 * is not "should be 0". */
START_TEST(test_given_total_over_blank_parts)
{
	nb_report *r = city();
	blank_totals(r, "result_total");
	nb_engine *e = nb_engine_new(r, NULL);
	const nb_finding *x = NULL;
	ck_assert_int_eq(nb_engine_count(e, NB_SEV_ERROR), 0);
	ck_assert_int_eq(count_kind(e, "blank-total", &x), 1);
	ck_assert_msg(strstr(x->msg, "表三「总计」列有 24 处未填写"), "%s", x->msg);
	nb_engine_free(e);

	/* A wrong given total is still wrong against its parts. */
	nbt_set(r, "t3.result_total.total", "805");
	e = nb_engine_new(r, NULL);
	ck_assert_int_ge(nb_engine_count(e, NB_SEV_ERROR), 1);
	int found = 0;
	for (int i = 0; i < nb_engine_nfindings(e); i++) {
		x = nb_engine_finding(e, i);
		ck_assert_msg(!strstr(x->msg, "应为 0"), "%s", x->msg);
		found |= x->sev == NB_SEV_ERROR && strstr(x->msg, "805") != NULL;
	}
	ck_assert(found);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

/* The balance rule still holds its parts to account: a slip in a part
 * shows in the 总计 column's balance, computed from the parts. */
START_TEST(test_balance_reads_parts)
{
	nb_report *r = city();
	blank_totals(r, NULL);
	nbt_set(r, "t3.next.natural", "1000");
	nb_engine *e = nb_engine_new(r, NULL);
	int total_col = 0;
	for (int i = 0; i < nb_engine_nfindings(e); i++) {
		const nb_finding *x = nb_engine_finding(e, i);
		if (x->sev == NB_SEV_ERROR && strstr(x->msg, "表三「总计」列：一+二=（七）+四"))
			total_col = 1;
	}
	ck_assert(total_col);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

/* Prose against a blank total: compared with the sum of its parts. */
START_TEST(test_mention_reads_parts)
{
	nb_report *r = city();
	blank_totals(r, NULL);
	nbt_set(r, "text.s1", "本年度共收到政府信息公开申请9999件。");
	nb_engine *e = nb_engine_new(r, NULL);
	const nb_finding *x = NULL;
	ck_assert_int_eq(count_kind(e, "prose-new", &x), 1);
	ck_assert_msg(strstr(x->msg, "收到政府信息公开申请9999件"), "%s", x->msg);
	ck_assert_int_eq(x->expected, 307);
	nb_engine_free(e);

	nbt_set(r, "text.s1", "本年度共收到政府信息公开申请307件。");
	e = nb_engine_new(r, NULL);
	ck_assert_int_eq(count_kind(e, "prose-new", NULL), 0);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

/* The editor fills the totals in: once a part is typed the total is
 * derived and the finding goes; clearing every part of a row leaves its
 * total blank without a stale figure behind. */
START_TEST(test_editing_fills_blank_totals)
{
	nb_report *r = city();
	blank_totals(r, NULL);
	nb_engine *e = nb_engine_new(r, NULL);
	ck_assert_int_eq(count_kind(e, "blank-total", NULL), 1);
	nb_engine_derive_all(e);
	ck_assert_int_eq(count_kind(e, "blank-total", NULL), 0);
	ck_assert_int_eq(nb_engine_nfindings(e), 0);
	nb_engine_free(e);
	nb_report_free(r);

	r = city();
	blank_totals(r, NULL);
	e = nb_engine_new(r, NULL);
	int c = nbt_cell(r->form, "t3.granted.natural");
	nb_value v = r->cell[c];
	v.v += 1;
	nb_engine_set(e, c, &v);
	ck_assert(r->cell[nbt_cell(r->form, "t3.granted.total")].set);
	const nb_finding *x = NULL;
	ck_assert_int_eq(count_kind(e, "blank-total", &x), 1);
	/* granted and, through the column sums, （七）总计 are derived now. */
	ck_assert_msg(strstr(x->msg, "有 23 处未填写"), "%s", x->msg);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

/* sum's error count without the warning passes is the full engine's. */
static void same_errors(nb_report *r, int some)
{
	nb_engine *e = nb_engine_new(r, NULL);
	ck_assert_int_eq(nb_engine_count_errors(r), nb_engine_count(e, NB_SEV_ERROR));
	if (some)
		ck_assert_int_gt(nb_engine_count(e, NB_SEV_ERROR), 0);
	nb_engine_free(e);
	nb_report_free(r);
}

START_TEST(test_count_errors_as_engine)
{
	same_errors(nbt_load_file(NB_SRC("sample-data/city-2021-bad.yaml")), 1);
	same_errors(nbt_load_file(NB_SRC("sample-data/city-2021.yaml")), 0);
	same_errors(nbt_load_file(NB_SRC("sample-data/seed-2019.yaml")), 0);
	nb_report *r = city();
	blank_totals(r, "result_total");
	nbt_set(r, "t3.result_total.total", "805");
	same_errors(r, 1);
}
END_TEST

Suite *NB_SUITE(blanktotal)(void)
{
	Suite *s = suite_create("blanktotal");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_add_test(tc, test_blank_column_is_one_finding);
	tcase_add_test(tc, test_given_total_over_blank_parts);
	tcase_add_test(tc, test_balance_reads_parts);
	tcase_add_test(tc, test_mention_reads_parts);
	tcase_add_test(tc, test_editing_fills_blank_totals);
	tcase_add_test(tc, test_count_errors_as_engine);
	suite_add_tcase(s, tc);
	return s;
}
