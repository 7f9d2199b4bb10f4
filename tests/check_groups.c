/* A group row given as a whole (the 2019 single-row （六）其他处理 in a 2021
 * table 三): stored, saved byte for byte, and read by the rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/report_yaml.h"
#include "model/engine.h"
#include "model/groups.h"
#include "nbtest.h"

static const char *const leaves[] = {"o_nocorrect", "o_nofee", "o_other", NULL};

/* city-2021 with （六） published as one row: its rows blank, the group's
 * figures their sums. */
static nb_report *six_as_one_row(void)
{
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	const nb_form *f = r->form;
	int t = nb_form_table(f, "t3");
	int node = nb_axis_find(&f->table[t].rows, "otherwise");
	ck_assert_int_ge(node, 0);
	for (int c = 0; c < f->table[t].cols.nleaf; c++) {
		nb_value v = {1, 0, 0, 0};
		for (int k = 0; leaves[k]; k++) {
			char key[64];
			snprintf(key, sizeof key, "t3.%s.%s", leaves[k],
				 f->table[t].cols.node[f->table[t].cols.leaf_node[c]].id);
			int cell = nbt_cell(f, key);
			v.v += r->cell[cell].v;
			r->cell[cell].set = 0;
			r->cell[cell].v = 0;
		}
		ck_assert_int_eq(nb_group_set(r, t, node, c, &v), 0);
	}
	return r;
}

START_TEST(test_group_set_degenerate)
{
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	int t = nb_form_table(r->form, "t3");
	int leaf = nb_axis_find(&r->form->table[t].rows, "o_other");
	nb_value v = {1, 0, 0, 5};
	ck_assert_int_eq(nb_group_set(r, t, leaf, 0, &v), -1);   /* not a group */
	ck_assert_int_eq(nb_group_set(r, -1, 0, 0, &v), -1);
	ck_assert_int_eq(nb_group_set(r, t, 0, 999, &v), -1);
	ck_assert_int_eq(r->ngval, 0);
	nb_report_free(r);
}
END_TEST

START_TEST(test_group_round_trip)
{
	nb_report *r = six_as_one_row();
	char *buf, *buf2;
	size_t len, len2;
	nb_err err;
	nb_load_status st;
	ck_assert_int_eq(nb_report_save_mem(r, &buf, &len), 0);
	char *g = strstr(buf, "\n    otherwise:\n      natural: 14\n");
	char *l = strstr(buf, "\n    o_nocorrect:\n      natural: ~\n");
	ck_assert_msg(g && l && g < l, "%s", buf);
	nb_report *back = nb_report_load_mem(buf, len, "six.yaml", &err, &st);
	ck_assert_msg(back != NULL, "%s", err.msg);
	ck_assert(nb_groups_eq(back, r));
	ck_assert_int_eq(back->ngval, 7);
	ck_assert_int_eq(nb_report_save_mem(back, &buf2, &len2), 0);
	ck_assert_uint_eq(len, len2);
	ck_assert(!memcmp(buf, buf2, len));
	nb_report *d = nb_report_dup(back);
	ck_assert(nb_groups_eq(d, r));
	nb_report_free(d);
	free(buf);
	free(buf2);
	nb_report_free(back);
	nb_report_free(r);
}
END_TEST

/* A file without group figures writes as it always did. */
START_TEST(test_older_file_unchanged)
{
	size_t flen, len;
	char *file = nbt_slurp(NB_SRC("sample-data/city-2021.yaml"), &flen), *buf;
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	ck_assert_int_eq(r->ngval, 0);
	ck_assert_int_eq(nb_report_save_mem(r, &buf, &len), 0);
	ck_assert_uint_eq(len, flen);
	ck_assert(!memcmp(buf, file, len));
	free(buf);
	free(file);
	nb_report_free(r);
}
END_TEST

START_TEST(test_rules_read_the_group)
{
	nb_report *r = six_as_one_row();
	nb_engine *e = nb_engine_new(r, NULL);
	for (int i = 0; i < nb_engine_nfindings(e); i++)
		ck_abort_msg("%s", nb_engine_finding(e, i)->msg);
	nb_engine_free(e);

	/* A wrong group figure is caught by （七） = （一）+…+（六）. */
	int t = nb_form_table(r->form, "t3");
	int node = nb_axis_find(&r->form->table[t].rows, "otherwise");
	nb_value v = nb_group_get(r, t, node, 0)->v;
	v.v += 100;
	nb_group_set(r, t, node, 0, &v);
	e = nb_engine_new(r, NULL);
	ck_assert_int_ge(nb_engine_count(e, NB_SEV_ERROR), 1);
	nb_engine_free(e);

	/* Prose quoting 其他处理 reads the group's figure. */
	v.v -= 100;
	nb_group_set(r, t, node, 6, &(nb_value){1, 0, 0, 99});
	nbt_set(r, "text.s1", "其他处理18件。");
	e = nb_engine_new(r, NULL);
	int prose = 0;
	for (int i = 0; i < nb_engine_nfindings(e); i++)
		prose += !strcmp(nb_engine_finding(e, i)->kind, "prose-otherwise");
	ck_assert_int_eq(prose, 1);
	nb_engine_free(e);
	nb_report_free(r);
}
END_TEST

Suite *NB_SUITE(groups)(void)
{
	Suite *s = suite_create("groups");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_add_test(tc, test_group_set_degenerate);
	tcase_add_test(tc, test_group_round_trip);
	tcase_add_test(tc, test_older_file_unchanged);
	tcase_add_test(tc, test_rules_read_the_group);
	suite_add_tcase(s, tc);
	return s;
}
