/* Chinese line breaking (GB/T 15834), the one rule of the text buffer and
 * of every wrapped message. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "nbtest.h"
#include "model/linebreak.h"
#include "model/textbuf.h"

static void utf8_locale(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

/* Lines of s wrapped at w, joined by '|'. */
static char *wrap(const char *s, int w)
{
	static char out[1024];
	size_t n = strlen(s), i = 0, o = 0;

	out[0] = 0;
	while (i < n) {
		size_t end = nb_lb_line(s, n, i, w, NULL);
		ck_assert_uint_gt(end, i);
		if (o)
			out[o++] = '|';
		memcpy(out + o, s + i, end - i);
		o += end - i;
		out[o] = 0;
		i = end;
		if (i < n && s[i] == '\n')
			i++;
	}
	return out;
}

START_TEST(digits_kept_whole)
{
	/* The example: "公共资源配置信息137" / "5条". */
	ck_assert_str_eq(wrap("公共资源配置信息1375条", 19), "公共资源配置信息|1375条");
	ck_assert_str_eq(wrap("公共资源配置信息1375条", 20), "公共资源配置信息1375|条");
	ck_assert_str_eq(wrap("abc 12345 678", 8), "abc |12345 |678");
}
END_TEST

START_TEST(document_number_whole)
{
	/* "〔202" / "1〕30号" must not happen: 〔2021〕30号 is one word. */
	ck_assert_str_eq(wrap("依据国办发〔2021〕30号文件", 14), "依据国办发|〔2021〕30号文|件");
	ck_assert_str_eq(wrap("国办发〔2021〕30号", 12), "国办发|〔2021〕30号");
}
END_TEST

START_TEST(no_closing_at_start)
{
	/* 6 columns: "一二三" fits, "、" would start line 2: 三 comes along. */
	ck_assert_str_eq(wrap("一二三、四", 6), "一二|三、四");
	ck_assert_str_eq(wrap("一二三，四五。", 6), "一二|三，四|五。");
	ck_assert_str_eq(wrap("一二三》四", 6), "一二|三》四");
	ck_assert_str_eq(wrap("一二”三", 4), "一|二”|三");
}
END_TEST

START_TEST(no_opening_at_end)
{
	ck_assert_str_eq(wrap("一二（三）", 6), "一二|（三）");
	ck_assert_str_eq(wrap("一二《三》", 6), "一二|《三》");
	ck_assert_str_eq(wrap("一二“三”", 5), "一二|“三”");
}
END_TEST

START_TEST(newline_and_long_runs)
{
	ck_assert_str_eq(wrap("一二\n三", 10), "一二|三");
	/* A number longer than the line is cut: it cannot be kept whole. */
	ck_assert_str_eq(wrap("123456789", 4), "1234|5678|9");
	/* Too narrow for one character: the character still goes out. */
	ck_assert_str_eq(wrap("一二", 1), "一|二");
}
END_TEST

START_TEST(textbuf_uses_it)
{
	nb_textbuf b;
	nb_tb_layout l = {0};
	const char *s = "公共资源配置信息1375条";

	nb_tb_init(&b, 0);
	ck_assert_int_eq(nb_tb_set(&b, s, strlen(s)), 0);
	ck_assert_int_eq(nb_tb_layout_make(&b, 19, &l), 0);
	ck_assert_int_eq(l.n, 2);
	ck_assert_uint_eq(l.line[0].end, strlen("公共资源配置信息"));
	ck_assert_int_eq(l.line[0].width, 16);
	nb_tb_layout_free(&l);
	nb_tb_free(&b);
}
END_TEST

Suite *NB_SUITE(linebreak)(void)
{
	Suite *s = suite_create("linebreak");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, utf8_locale, NULL);
	tcase_add_test(tc, digits_kept_whole);
	tcase_add_test(tc, document_number_whole);
	tcase_add_test(tc, no_closing_at_start);
	tcase_add_test(tc, no_opening_at_end);
	tcase_add_test(tc, newline_and_long_runs);
	tcase_add_test(tc, textbuf_uses_it);
	suite_add_tcase(s, tc);
	return s;
}
