/* Cell input: which keys a column accepts, blank vs 0, pasted rows. */
#include <string.h>
#include "nbtest.h"
#include "model/cellinput.h"

static const nb_valtype count = {NB_T_COUNT, 0, {NULL}};
static const nb_valtype sgn = {NB_T_SIGNED, 0, {NULL}};
static const nb_valtype money = {NB_T_MONEY, 2, {"元", "万元"}};

static nb_cellin typed(const nb_valtype *t, const char *keys)
{
	nb_cellin c;
	nb_cellin_start(&c, t, "");
	for (const char *k = keys; *k; k++)
		nb_cellin_key(&c, (unsigned char)*k);
	return c;
}

START_TEST(empty_is_blank)
{
	nb_cellin c = typed(&count, "");
	nb_value v = {1, 0, 0, 5};

	ck_assert_ptr_null(nb_cellin_commit(&c, &v));
	ck_assert_int_eq(v.set, 0);
	c = typed(&count, "0");
	ck_assert_ptr_null(nb_cellin_commit(&c, &v));
	ck_assert_int_eq(v.set, 1);
	ck_assert_int_eq(v.v, 0);
}
END_TEST

START_TEST(count_refuses_letters_minus_point)
{
	nb_cellin c;

	nb_cellin_start(&c, &count, "");
	ck_assert_ptr_nonnull(nb_cellin_key(&c, 'a'));
	ck_assert_ptr_nonnull(nb_cellin_key(&c, '-'));
	ck_assert_ptr_null(nb_cellin_key(&c, '1'));
	ck_assert_ptr_nonnull(nb_cellin_key(&c, '.'));
	ck_assert_ptr_nonnull(nb_cellin_key(&c, 0x5143)); /* 元 */
	ck_assert_str_eq(c.buf, "1");
}
END_TEST

START_TEST(signed_minus_only_first)
{
	nb_cellin c;
	nb_value v;

	nb_cellin_start(&c, &sgn, "");
	ck_assert_ptr_null(nb_cellin_key(&c, '-'));
	ck_assert_ptr_null(nb_cellin_key(&c, '1'));
	ck_assert_ptr_null(nb_cellin_key(&c, '8'));
	ck_assert_ptr_nonnull(nb_cellin_key(&c, '-'));
	ck_assert_ptr_null(nb_cellin_commit(&c, &v));
	ck_assert_int_eq(v.v, -18);
	/* Full-width minus from an input method. */
	nb_cellin_start(&c, &sgn, "");
	ck_assert_ptr_null(nb_cellin_key(&c, 0xFF0D));
	ck_assert_str_eq(c.buf, "-");
}
END_TEST

START_TEST(money_point_and_unit)
{
	nb_cellin c;
	nb_value v;

	nb_cellin_start(&c, &money, "");
	ck_assert_ptr_nonnull(nb_cellin_key(&c, '.')); /* no digit yet */
	ck_assert_ptr_null(nb_cellin_key(&c, '1'));
	ck_assert_ptr_null(nb_cellin_key(&c, '2'));
	ck_assert_ptr_null(nb_cellin_key(&c, 0x3002)); /* 。 from the IME */
	ck_assert_ptr_nonnull(nb_cellin_key(&c, '.'));  /* a second point */
	ck_assert_ptr_null(nb_cellin_key(&c, '5'));
	ck_assert_ptr_nonnull(nb_cellin_key(&c, 0x5143 + 1)); /* not a unit */
	ck_assert_ptr_null(nb_cellin_key(&c, 0x4E07)); /* 万 */
	ck_assert_ptr_nonnull(nb_cellin_key(&c, '3'));  /* digit after unit */
	ck_assert_ptr_null(nb_cellin_key(&c, 0x5143)); /* 元 */
	ck_assert_str_eq(c.buf, "12.5万元");
	ck_assert_ptr_null(nb_cellin_commit(&c, &v));
	ck_assert_int_eq(v.v, 125);
	ck_assert_int_eq(v.scale, 1);
	ck_assert_int_eq(v.unit, 2);
}
END_TEST

START_TEST(fullwidth_digits)
{
	nb_cellin c;
	nb_value v;

	nb_cellin_start(&c, &count, "");
	ck_assert_ptr_null(nb_cellin_key(&c, 0xFF11)); /* １ */
	ck_assert_ptr_null(nb_cellin_key(&c, 0xFF12)); /* ２ */
	ck_assert_str_eq(c.buf, "12");
	ck_assert_ptr_null(nb_cellin_commit(&c, &v));
	ck_assert_int_eq(v.v, 12);
}
END_TEST

START_TEST(backspace_and_overflow)
{
	nb_cellin c = typed(&count, "99999999999999999999");
	nb_value v;

	ck_assert_ptr_nonnull(nb_cellin_commit(&c, &v)); /* past 64 bits */
	while (nb_cellin_backspace(&c))
		;
	ck_assert_uint_eq(c.len, 0);
	nb_cellin_start(&c, &money, "");
	nb_cellin_key(&c, '1');
	nb_cellin_key(&c, 0x5143);
	ck_assert_int_eq(nb_cellin_backspace(&c), 1); /* removes 元 whole */
	ck_assert_str_eq(c.buf, "1");
}
END_TEST

START_TEST(split_tabs_and_spaces)
{
	const char *row = "12\t\t3\t4";
	nb_paste_field f[8];
	int n = nb_cellin_split(row, strlen(row), f, 8);

	ck_assert_int_eq(n, 4);
	ck_assert_uint_eq(f[1].len, 0); /* an empty cell stays a blank */
	ck_assert_int_eq(f[2].col, 2);
	ck_assert_int_eq(f[3].col, 3);
	row = "  5   6\u30007\r\n\n8 9\n";
	n = nb_cellin_split(row, strlen(row), f, 8);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(f[2].col, 2);
	ck_assert_int_eq(f[3].row, 1);
	ck_assert_int_eq(f[4].col, 1);
	ck_assert_int_eq(memcmp(row + f[4].off, "9", 1), 0);
	ck_assert_int_eq(nb_cellin_split("", 0, f, 8), 0);
	ck_assert_int_eq(nb_cellin_split(" \t \n", 4, f, 8), 0);
}
END_TEST

START_TEST(parse_pasted_field)
{
	nb_value v;

	ck_assert_ptr_null(nb_cellin_parse("", 0, &count, &v));
	ck_assert_int_eq(v.set, 0);
	ck_assert_ptr_null(nb_cellin_parse("1,234", 5, &count, &v));
	ck_assert_int_eq(v.v, 1234);
	ck_assert_ptr_nonnull(nb_cellin_parse("-3", 2, &count, &v));
	ck_assert_ptr_nonnull(nb_cellin_parse("abc", 3, &count, &v));
}
END_TEST

Suite *NB_SUITE(cellinput)(void)
{
	Suite *s = suite_create("cellinput");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, empty_is_blank);
	tcase_add_test(tc, count_refuses_letters_minus_point);
	tcase_add_test(tc, signed_minus_only_first);
	tcase_add_test(tc, money_point_and_unit);
	tcase_add_test(tc, fullwidth_digits);
	tcase_add_test(tc, backspace_and_overflow);
	tcase_add_test(tc, split_tabs_and_spaces);
	tcase_add_test(tc, parse_pasted_field);
	suite_add_tcase(s, tc);
	return s;
}
