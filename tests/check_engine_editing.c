/* The engine's editor view (issue 9 items 1 and 2): unfinished rules, and
 * a broken rule blamed on the cell just changed. `nianbao check` keeps the
 * strict view; both are checked side by side. */
#include <string.h>
#include "nbtest.h"
#include "model/engine.h"

static int cell(const nb_report *r, const char *id)
{
	return nbt_cell(r->form, id);
}

static int set(nb_engine *e, const nb_report *r, const char *id, int64_t v)
{
	nb_value x = {.set = 1, .v = v};
	return nb_engine_set(e, cell(r, id), &x);
}

START_TEST(unfinished_is_not_an_error)
{
	nb_report *r = nb_report_new(nbt_form("gk2021"));
	nb_report *s = nb_report_new(nbt_form("gk2021"));
	nb_engine *ed = nb_engine_new(r, NULL), *strict = nb_engine_new(s, NULL);
	char buf[NB_FINDING_MSG];

	nb_engine_set_editing(ed, 1);
	/* The keys: row 一 filled in paper's order, row 二 not yet. */
	static const char *ids[] = {"t3.new.natural", "t3.new.business", "t3.new.research",
				    "t3.new.nonprofit", "t3.new.legal", "t3.new.other"};
	static const int v[] = {40, 6, 1, 0, 2, 1};
	for (int i = 0; i < 6; i++) {
		set(ed, r, ids[i], v[i]);
		set(strict, s, ids[i], v[i]);
	}
	ck_assert_int_eq(nb_engine_count(ed, NB_SEV_ERROR), 0);
	ck_assert_int_eq(nb_engine_cell_sev(ed, cell(r, "t3.carried.natural")), 0);
	ck_assert_int_ge(nb_engine_nunfinished(ed), 6);
	int first = nb_engine_unfinished(ed, 0, buf, sizeof buf);
	ck_assert_int_ge(first, 0);
	ck_assert_msg(strstr(buf, "尚未填完") != NULL, "text: %s", buf);
	ck_assert_int_eq(nb_engine_unfinished(ed, 1000, buf, sizeof buf), -1);
	/* nianbao check's view is unchanged: blanks are errors there. */
	ck_assert_int_ge(nb_engine_count(strict, NB_SEV_ERROR), 1);
	ck_assert_int_eq(nb_engine_nunfinished(strict), 0);

	/* Every figure of the 自然人 column there, and they do not balance:
	 * now it is an error. */
	nb_engine_free(ed);
	ed = nb_engine_new(r, NULL);
	nb_engine_set_editing(ed, 1);
	int before = nb_engine_nunfinished(ed);
	/* Fill the rest of the column with 0: 40 + 0 against 0 + 0. */
	for (int c = 0; c < r->form->ncell; c++) {
		char id[128];
		nb_form_cell_id(r->form, c, id, sizeof id);
		if (!strncmp(id, "t3.", 3) && strstr(id, ".natural") && !r->cell[c].set &&
		    !nb_engine_is_computed(ed, c)) {
			nb_value z = {.set = 1};
			nb_engine_set(ed, c, &z);
		}
	}
	ck_assert_int_lt(nb_engine_nunfinished(ed), before);
	ck_assert_int_eq(nb_engine_cell_sev(ed, cell(r, "t3.new.natural")), NB_SEV_ERROR);
	ck_assert_int_ge(nb_engine_count(ed, NB_SEV_ERROR), 1);
	nb_engine_free(ed);
	nb_engine_free(strict);
	nb_report_free(r);
	nb_report_free(s);
}
END_TEST

START_TEST(blame_the_changed_cell)
{
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	nb_report *s = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	nb_engine *ed = nb_engine_new(r, NULL), *strict = nb_engine_new(s, NULL);
	int g = cell(r, "t3.granted.natural");

	nb_engine_set_editing(ed, 1);
	ck_assert_int_eq(nb_engine_count(ed, NB_SEV_ERROR), 0);
	set(ed, r, "t3.granted.natural", r->cell[g].v + 3);
	set(strict, s, "t3.granted.natural", s->cell[g].v + 3);
	/* The balance breaks in the 自然人 and 总计 columns. */
	ck_assert_int_eq(nb_engine_count(ed, NB_SEV_ERROR), 2);
	ck_assert_int_eq(nb_engine_count(strict, NB_SEV_ERROR), 2);
	/* Editor: both point at the cell typed into, which is marked. */
	ck_assert_int_eq(nb_engine_cell_sev(ed, g), NB_SEV_ERROR);
	ck_assert_int_eq(nb_engine_cell_sev(strict, g), 0);
	for (int i = 0; i < nb_engine_nfindings(ed); i++) {
		const nb_finding *f = nb_engine_finding(ed, i);
		if (f->sev != NB_SEV_ERROR)
			continue;
		ck_assert_int_eq(f->cell, g);
		/* Both sides and the difference, no "should be". */
		ck_assert_msg(strstr(f->msg, "相差 3") && !strstr(f->msg, "应为"), "msg: %s", f->msg);
	}
	ck_assert_ptr_nonnull(nb_engine_cell_finding(ed, g));
	/* Put back: nothing left, no mark stays behind. */
	set(ed, r, "t3.granted.natural", r->cell[g].v - 3);
	ck_assert_int_eq(nb_engine_count(ed, NB_SEV_ERROR), 0);
	ck_assert_int_eq(nb_engine_cell_sev(ed, g), 0);
	nb_engine_free(ed);
	nb_engine_free(strict);
	nb_report_free(r);
	nb_report_free(s);
}
END_TEST

/* 2019 layout: 上一年项目数量 0 with 本年增/减 -3 is a count below 0. */
START_TEST(count_below_zero_warns)
{
	nb_report *r = nb_report_new(nbt_form("gk2019"));
	nb_engine *e = nb_engine_new(r, NULL);
	int ch = cell(r, "t2_5.licensing.change");

	set(e, r, "t2_5.licensing.prev_items", 0);
	ck_assert_int_eq(nb_engine_cell_sev(e, ch), 0);
	set(e, r, "t2_5.licensing.change", -3);
	ck_assert_int_eq(nb_engine_cell_sev(e, ch), NB_SEV_WARNING);
	const nb_finding *f = nb_engine_cell_finding(e, ch);
	ck_assert_ptr_nonnull(f);
	ck_assert_msg(strstr(f->msg, "小于 0") != NULL, "msg: %s", f->msg);
	/* The count raised: the change fits, the warning goes. */
	set(e, r, "t2_5.licensing.prev_items", 5);
	ck_assert_int_eq(nb_engine_cell_sev(e, ch), 0);
	/* A fresh engine over the same figures agrees. */
	set(e, r, "t2_5.licensing.prev_items", 2);
	ck_assert_int_eq(nb_engine_cell_sev(e, ch), NB_SEV_WARNING);
	nb_engine *fresh = nb_engine_new(r, NULL);
	ck_assert_int_eq(nb_engine_cell_sev(fresh, ch), NB_SEV_WARNING);
	nb_engine_free(fresh);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

Suite *NB_SUITE(engine_editing)(void)
{
	Suite *s = suite_create("engine_editing");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_add_test(tc, unfinished_is_not_an_error);
	tcase_add_test(tc, blame_the_changed_cell);
	tcase_add_test(tc, count_below_zero_warns);
	suite_add_tcase(s, tc);
	return s;
}
