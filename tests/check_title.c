/* The report title: the cover's own, else the form's template. */
#include <string.h>
#include "nbtest.h"
#include "io/report_yaml.h"

static nb_report *city(void)
{
	nb_err err;
	ck_assert_int_eq(nb_forms_init(NULL, &err), 0);
	return nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
}

START_TEST(test_title_template)
{
	char b[300];
	nb_report *r = city();
	int ti = nb_form_field(r->form, "title");
	nb_report_set_text(r, ti, "", 0);
	nb_report_title(r, b, sizeof b);
	ck_assert_str_eq(b, "岚川市人民政府办公室2021年政府信息公开工作年度报告");
	/* Cut short: never inside a character. */
	nb_report_title(r, b, 10);
	ck_assert_str_eq(b, "岚川市");
	nb_report_set_text(r, ti, "自定标题", strlen("自定标题"));
	nb_report_title(r, b, sizeof b);
	ck_assert_str_eq(b, "自定标题");
	nb_report_free(r);
	nb_forms_shutdown();
}
END_TEST

START_TEST(test_text_line_ends)
{
	nb_report *r = city();
	int s1 = nb_form_field(r->form, "s1");
	const char *in = "一\r\n二\r三\xC2\x85四";
	ck_assert_int_eq(nb_report_set_text(r, s1, in, strlen(in)), 0);
	ck_assert_str_eq(r->text[s1], "一\n二\n三\n四");
	ck_assert_int_eq(nb_report_set_text(r, s1, "a\0b", 3), -1);
	ck_assert_int_eq(nb_report_set_text(r, s1, "\xE4\xB8", 2), -1);
	nb_report_free(r);
	nb_forms_shutdown();
}
END_TEST

Suite *NB_SUITE(title)(void)
{
	Suite *s = suite_create("title");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_title_template);
	tcase_add_test(tc, test_text_line_ends);
	suite_add_tcase(s, tc);
	return s;
}
