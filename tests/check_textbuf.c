/* The text buffer: UTF-8 stored, edited by character, wrapped by width. */
#include <locale.h>
#include <string.h>
#include "nbtest.h"
#include "model/textbuf.h"

static void utf8_locale(void)
{
	/* Widths of CJK come from the C library's UTF-8 tables. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

START_TEST(empty_buffer)
{
	nb_textbuf b;
	nb_tb_layout l = {0};
	int r, c;

	nb_tb_init(&b, 0);
	ck_assert_str_eq(nb_tb_text(&b), "");
	ck_assert_int_eq(nb_tb_backspace(&b), 0);
	ck_assert_int_eq(nb_tb_delete(&b), 0);
	ck_assert_int_eq(nb_tb_left(&b), 0);
	ck_assert_int_eq(nb_tb_right(&b), 0);
	ck_assert_int_eq(nb_tb_kill_to_end(&b), 0);
	ck_assert_int_eq(nb_tb_kill_to_start(&b), 0);
	ck_assert_int_eq(nb_tb_layout_make(&b, 10, &l), 0);
	ck_assert_int_eq(l.n, 1);
	nb_tb_cursor_rc(&b, &l, &r, &c);
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(c, 0);
	ck_assert_int_eq(nb_tb_up(&b, &l), 0);
	nb_tb_layout_free(&l);
	nb_tb_free(&b);
}
END_TEST

START_TEST(backspace_over_yiyongjun)
{
	nb_textbuf b;

	utf8_locale();
	nb_tb_init(&b, 0);
	ck_assert_int_eq(nb_tb_set(&b, "义勇军", strlen("义勇军")), 0);
	ck_assert_uint_eq(b.cur, 9);
	ck_assert_int_eq(nb_tb_backspace(&b), 1);
	ck_assert_str_eq(nb_tb_text(&b), "义勇");
	nb_tb_left(&b);
	ck_assert_uint_eq(b.cur, 3); /* never inside a character */
	ck_assert_int_eq(nb_tb_backspace(&b), 1);
	ck_assert_str_eq(nb_tb_text(&b), "勇");
	ck_assert_uint_eq(b.cur, 0);
	ck_assert_int_eq(nb_tb_backspace(&b), 0);
	ck_assert_int_eq(nb_tb_delete(&b), 1);
	ck_assert_str_eq(nb_tb_text(&b), "");
	nb_tb_free(&b);
}
END_TEST

START_TEST(insert_cleans_input)
{
	nb_textbuf b, one;

	nb_tb_init(&b, 0);
	nb_tb_insert(&b, "a\r\nb\rc\td\x01" "e\xff", 11);
	ck_assert_str_eq(nb_tb_text(&b), "a\nb\nc de\xef\xbf\xbd");
	nb_tb_init(&one, 1);
	nb_tb_insert(&one, "第一行\n第二行", strlen("第一行\n第二行"));
	ck_assert_str_eq(nb_tb_text(&one), "第一行 第二行");
	nb_tb_free(&b);
	nb_tb_free(&one);
}
END_TEST

START_TEST(insert_in_middle)
{
	nb_textbuf b;

	nb_tb_init(&b, 0);
	nb_tb_set(&b, "政府公开", strlen("政府公开"));
	nb_tb_home(&b);
	nb_tb_right(&b);
	nb_tb_right(&b);
	nb_tb_insert(&b, "信息", strlen("信息"));
	ck_assert_str_eq(nb_tb_text(&b), "政府信息公开");
	ck_assert_uint_eq(b.cur, 12);
	nb_tb_insert_char(&b, 0x5DE5); /* 工 */
	ck_assert_str_eq(nb_tb_text(&b), "政府信息工公开");
	nb_tb_free(&b);
}
END_TEST

START_TEST(wrap_double_width_odd_width)
{
	nb_textbuf b;
	nb_tb_layout l = {0};

	utf8_locale();
	nb_tb_init(&b, 0);
	/* 5 columns hold two CJK characters; the third never straddles. */
	nb_tb_set(&b, "一二三四五", strlen("一二三四五"));
	nb_tb_layout_make(&b, 5, &l);
	ck_assert_int_eq(l.n, 3);
	ck_assert_int_eq(l.line[0].width, 4);
	ck_assert_uint_eq(l.line[0].end - l.line[0].start, 6);
	ck_assert_int_eq(l.line[2].width, 2);
	/* Mixed: "ab一" is 4 columns, fits in 5; "c二" then fits too. */
	nb_tb_set(&b, "ab一c二", strlen("ab一c二"));
	nb_tb_layout_make(&b, 5, &l);
	ck_assert_int_eq(l.n, 2);
	ck_assert_int_eq(l.line[0].width, 5);
	ck_assert_int_eq(l.line[1].width, 2);
	nb_tb_layout_free(&l);
	nb_tb_free(&b);
}
END_TEST

START_TEST(wrap_keeps_paragraphs)
{
	nb_textbuf b;
	nb_tb_layout l = {0};
	int r, c;

	utf8_locale();
	nb_tb_init(&b, 0);
	nb_tb_set(&b, "一二\n\n三四", strlen("一二\n\n三四"));
	nb_tb_layout_make(&b, 4, &l);
	/* "一二" and "三四" fill their lines: an empty line follows each,
	 * for the cursor at the paragraph's end. */
	ck_assert_int_eq(l.n, 5);
	ck_assert_int_eq(l.line[1].width, 0);
	ck_assert_int_eq(l.line[2].width, 0);
	nb_tb_top(&b);
	nb_tb_end(&b);
	nb_tb_cursor_rc(&b, &l, &r, &c);
	ck_assert_int_eq(r, 1);
	ck_assert_int_eq(c, 0);
	nb_tb_bottom(&b);
	nb_tb_cursor_rc(&b, &l, &r, &c);
	ck_assert_int_eq(r, 4);
	ck_assert_int_eq(c, 0);
	nb_tb_layout_free(&l);
	nb_tb_free(&b);
}
END_TEST

START_TEST(up_down_keep_goal_column)
{
	nb_textbuf b;
	nb_tb_layout l = {0};
	int r, c;

	utf8_locale();
	nb_tb_init(&b, 0);
	nb_tb_set(&b, "abcd\n一二三", strlen("abcd\n一二三"));
	nb_tb_layout_make(&b, 20, &l);
	nb_tb_top(&b);
	nb_tb_right(&b);
	nb_tb_right(&b);
	nb_tb_right(&b); /* column 3 */
	ck_assert_int_eq(nb_tb_down(&b, &l), 1);
	nb_tb_cursor_rc(&b, &l, &r, &c);
	/* Column 3 is inside 二: land before it, at column 2. */
	ck_assert_int_eq(r, 1);
	ck_assert_int_eq(c, 2);
	ck_assert_int_eq(nb_tb_up(&b, &l), 1);
	nb_tb_cursor_rc(&b, &l, &r, &c);
	ck_assert_int_eq(c, 3); /* the goal column was kept */
	ck_assert_int_eq(nb_tb_up(&b, &l), 0);
	nb_tb_layout_free(&l);
	nb_tb_free(&b);
}
END_TEST

/* Left, right, home and end move by whole characters within a paragraph,
 * say whether they moved, and drop the column kept by up/down. */
START_TEST(horizontal_moves)
{
	nb_textbuf b;

	nb_tb_init(&b, 0);
	nb_tb_set(&b, "甲乙\n丙丁", strlen("甲乙\n丙丁"));
	ck_assert_int_eq(nb_tb_end(&b), 0);           /* already at the end */
	ck_assert_int_eq(nb_tb_right(&b), 0);
	b.goal = 5;
	ck_assert_int_eq(nb_tb_home(&b), 1);
	ck_assert_int_eq(b.goal, -1);
	ck_assert_uint_eq(b.cur, strlen("甲乙\n"));  /* start of 丙丁 only */
	ck_assert_int_eq(nb_tb_home(&b), 0);
	ck_assert_int_eq(nb_tb_left(&b), 1);          /* onto the '\n' */
	ck_assert_int_eq(nb_tb_left(&b), 1);
	ck_assert_uint_eq(b.cur, strlen("甲"));       /* never inside 乙 */
	b.goal = 3;
	ck_assert_int_eq(nb_tb_end(&b), 1);
	ck_assert_int_eq(b.goal, -1);
	ck_assert_uint_eq(b.cur, strlen("甲乙"));
	ck_assert_int_eq(nb_tb_right(&b), 1);
	ck_assert_int_eq(nb_tb_end(&b), 1);
	ck_assert_uint_eq(b.cur, b.len);
	nb_tb_top(&b);
	ck_assert_int_eq(nb_tb_left(&b), 0);
	nb_tb_free(&b);
}
END_TEST

START_TEST(kill_keys)
{
	nb_textbuf b;

	nb_tb_init(&b, 0);
	nb_tb_set(&b, "一、总体情况\n二", strlen("一、总体情况\n二"));
	nb_tb_top(&b);
	nb_tb_right(&b);
	nb_tb_right(&b);
	ck_assert_int_eq(nb_tb_kill_to_end(&b), 1);
	ck_assert_str_eq(nb_tb_text(&b), "一、\n二");
	ck_assert_int_eq(nb_tb_kill_to_end(&b), 1); /* at the end: join */
	ck_assert_str_eq(nb_tb_text(&b), "一、二");
	ck_assert_int_eq(nb_tb_kill_to_start(&b), 1);
	ck_assert_str_eq(nb_tb_text(&b), "二");
	nb_tb_free(&b);
}
END_TEST

START_TEST(offset_at_seam)
{
	nb_textbuf b;
	nb_tb_layout l = {0};
	int r, c;

	utf8_locale();
	nb_tb_init(&b, 0);
	nb_tb_set(&b, "一二三四五", strlen("一二三四五"));
	nb_tb_layout_make(&b, 4, &l);
	ck_assert_int_eq(l.n, 3);
	/* Far right of a wrapped line: the end offset would show on the next
	 * line, so the cursor stays before the last character. */
	b.cur = nb_tb_offset_at(&b, &l, 0, 10);
	ck_assert_uint_eq(b.cur, 3);
	nb_tb_cursor_rc(&b, &l, &r, &c);
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(c, 2);
	/* The seam offset itself belongs to the later line. */
	b.cur = 6;
	nb_tb_cursor_rc(&b, &l, &r, &c);
	ck_assert_int_eq(r, 1);
	ck_assert_int_eq(c, 0);
	nb_tb_layout_free(&l);
	nb_tb_free(&b);
}
END_TEST

START_TEST(too_long_refused)
{
	nb_textbuf b;
	static char big[NB_TB_MAX + 2];

	memset(big, 'x', sizeof big - 1);
	nb_tb_init(&b, 0);
	nb_tb_set(&b, "ok", 2);
	ck_assert_int_eq(nb_tb_insert(&b, big, sizeof big - 1), -1);
	ck_assert_str_eq(nb_tb_text(&b), "ok");
	ck_assert_int_eq(nb_tb_set(&b, big, sizeof big - 1), -1);
	ck_assert_str_eq(nb_tb_text(&b), "ok");
	nb_tb_free(&b);
}
END_TEST

START_TEST(widths)
{
	utf8_locale();
	ck_assert_int_eq(nb_str_width("abc", 3), 3);
	ck_assert_int_eq(nb_str_width("政府", strlen("政府")), 4);
	ck_assert_int_eq(nb_str_width("（一）", strlen("（一）")), 6);
	ck_assert_int_eq(nb_str_width("\xff", 1), 1);
}
END_TEST

Suite *NB_SUITE(textbuf)(void)
{
	Suite *s = suite_create("textbuf");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, utf8_locale, NULL);
	tcase_add_test(tc, empty_buffer);
	tcase_add_test(tc, backspace_over_yiyongjun);
	tcase_add_test(tc, insert_cleans_input);
	tcase_add_test(tc, insert_in_middle);
	tcase_add_test(tc, wrap_double_width_odd_width);
	tcase_add_test(tc, wrap_keeps_paragraphs);
	tcase_add_test(tc, up_down_keep_goal_column);
	tcase_add_test(tc, horizontal_moves);
	tcase_add_test(tc, kill_keys);
	tcase_add_test(tc, offset_at_seam);
	tcase_add_test(tc, too_long_refused);
	tcase_add_test(tc, widths);
	suite_add_tcase(s, tc);
	return s;
}
