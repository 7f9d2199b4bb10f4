/* The text every export format prints: controls out, paragraphs a line. */
#include <stdlib.h>
#include <string.h>
#include "nbtest.h"
#include "io/export_prose.h"

static void clean_is(const char *in, int oneline, const char *want)
{
	char *got = nb_prose_clean(in, oneline);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_prose_clean)
{
	clean_is("", 0, "");
	clean_is("abc", 0, "abc");
	/* C0 but tab and newline, DEL, C1 (U+0085 is C2 85), noncharacters
	 * U+FFFE (EF BF BE) and U+FDD0 (EF B7 90) go; Chinese, quotes, <, &
	 * stay as they are (escaping is the format's job). */
	clean_is("a\x01" "b\x1b[1m\x7f" "c\t\n", 0, "ab[1mc\t\n");
	clean_is("红\xc2\x85字\xef\xbf\xbe“引”\xef\xb7\x90<&>\"'", 0, "红字“引”<&>\"'");
	clean_is("a\nb\tc", 1, "a b c");
	/* A stray byte that is not UTF-8 goes too. */
	clean_is("a\xff" "b", 0, "ab");
}
END_TEST

START_TEST(test_prose_next)
{
	const char *p = "", *para;
	size_t n;

	ck_assert_ptr_null(nb_prose_next(&p, &n));
	p = " \n\t\n";
	ck_assert_ptr_null(nb_prose_next(&p, &n));
	p = "  第一段 \n\n　　第二段\t\nlast";
	para = nb_prose_next(&p, &n);
	ck_assert_int_eq((int)n, (int)strlen("第一段"));
	ck_assert_int_eq(memcmp(para, "第一段", n), 0);
	para = nb_prose_next(&p, &n);
	ck_assert_int_eq(memcmp(para, "　　第二段", n), 0);
	ck_assert_int_eq((int)n, (int)strlen("　　第二段"));
	para = nb_prose_next(&p, &n);
	ck_assert_int_eq((int)n, 4);
	ck_assert_int_eq(memcmp(para, "last", 4), 0);
	ck_assert_ptr_null(nb_prose_next(&p, &n));
}
END_TEST

Suite *NB_SUITE(export_prose)(void)
{
	Suite *s = suite_create("export_prose");
	TCase *tc = tcase_create("export_prose");
	tcase_add_test(tc, test_prose_clean);
	tcase_add_test(tc, test_prose_next);
	suite_add_tcase(s, tc);
	return s;
}
