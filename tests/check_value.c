/* Cell values: parsing, formatting and equality (src/value.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nbtest.h"
#include "core/value.h"

static const nb_valtype T_COUNT = {NB_T_COUNT, 0, {0}};
static const nb_valtype T_SIGNED = {NB_T_SIGNED, 0, {0}};
static const nb_valtype T_MONEY = {NB_T_MONEY, 0, {0}};
static const nb_valtype T_YUAN = {NB_T_MONEY, 2, {"元", "万元"}};

static nb_verr parse(const char *s, const nb_valtype *t, nb_value *out)
{
	memset(out, 0xAB, sizeof *out);
	return nb_value_parse(s, strlen(s), t, out);
}

/* Parse must succeed with exactly these fields. */
#define OK_VAL(s, t, ev, escale, eunit)                                      \
	do {                                                                 \
		nb_value v_;                                                 \
		nb_verr e_ = parse((s), (t), &v_);                           \
		ck_assert_msg(e_ == NB_VOK, "parse(\"%s\") = %d, want NB_VOK", \
			      (s), (int)e_);                                 \
		ck_assert_msg(v_.set == 1, "parse(\"%s\"): set=%d", (s),      \
			      (int)v_.set);                                  \
		ck_assert_msg(v_.v == (int64_t)(ev),                         \
			      "parse(\"%s\"): v=%lld, want %lld", (s),       \
			      (long long)v_.v, (long long)(ev));             \
		ck_assert_msg(v_.scale == (escale),                          \
			      "parse(\"%s\"): scale=%d, want %d", (s),       \
			      (int)v_.scale, (int)(escale));                 \
		ck_assert_msg(v_.unit == (eunit),                            \
			      "parse(\"%s\"): unit=%d, want %d", (s),        \
			      (int)v_.unit, (int)(eunit));                   \
	} while (0)

#define ERR_VAL(s, t, want)                                                  \
	do {                                                                 \
		nb_value v_;                                                 \
		nb_verr e_ = parse((s), (t), &v_);                           \
		ck_assert_msg(e_ == (want), "parse(\"%s\") = %d, want %d",   \
			      (s), (int)e_, (int)(want));                    \
	} while (0)

/* format(parse(in)) == want */
#define FMT(in, t, want)                                                     \
	do {                                                                 \
		nb_value v_;                                                 \
		char b_[NB_VALUE_BUFSZ];                                     \
		nb_verr e_ = parse((in), (t), &v_);                          \
		ck_assert_msg(e_ == NB_VOK, "parse(\"%s\") = %d", (in),       \
			      (int)e_);                                      \
		memset(b_, 'X', sizeof b_);                                  \
		size_t n_ = nb_value_format(&v_, (t), b_, sizeof b_);        \
		ck_assert_msg(strcmp(b_, (want)) == 0,                       \
			      "format(parse(\"%s\")) = \"%s\", want \"%s\"", \
			      (in), b_, (want));                             \
		ck_assert_uint_eq(n_, strlen(want));                         \
	} while (0)

/* ---- degenerate input ---- */

START_TEST(test_null_and_empty)
{
	nb_value v;
	ck_assert_int_eq(nb_value_parse(NULL, 0, &T_COUNT, &v), NB_VEMPTY);
	ck_assert_int_eq(nb_value_parse("", 0, &T_COUNT, &v), NB_VEMPTY);
	ck_assert_int_eq(nb_value_parse("", 0, &T_MONEY, &v), NB_VEMPTY);
	ERR_VAL(" ", &T_COUNT, NB_VEMPTY);
	ERR_VAL("     ", &T_SIGNED, NB_VEMPTY);
	ERR_VAL("   ", &T_YUAN, NB_VEMPTY);
}
END_TEST

START_TEST(test_len_is_respected)
{
	nb_value v;
	/* Only the first len bytes count, the rest is someone else's. */
	ck_assert_int_eq(nb_value_parse("123abc", 3, &T_COUNT, &v), NB_VOK);
	ck_assert_int_eq(v.v, 123);
	ck_assert_int_eq(nb_value_parse("4.5", 1, &T_COUNT, &v), NB_VOK);
	ck_assert_int_eq(v.v, 4);
	/* An embedded NUL is not a digit. */
	ck_assert_int_eq(nb_value_parse("1\0" "2", 3, &T_COUNT, &v), NB_VSYNTAX);
}
END_TEST

START_TEST(test_too_long)
{
	char big[2001];
	memset(big, '9', 2000);
	big[2000] = 0;
	ERR_VAL(big, &T_COUNT, NB_VOVERFLOW);
	ERR_VAL(big, &T_SIGNED, NB_VOVERFLOW);
	ERR_VAL(big, &T_MONEY, NB_VOVERFLOW);
	memset(big, ' ', 2000);
	ERR_VAL(big, &T_COUNT, NB_VEMPTY);
	memset(big, 'x', 2000);
	ERR_VAL(big, &T_COUNT, NB_VSYNTAX);
}
END_TEST

START_TEST(test_syntax)
{
	ERR_VAL("abc", &T_COUNT, NB_VSYNTAX);
	ERR_VAL("12a", &T_COUNT, NB_VSYNTAX);
	ERR_VAL("1 2", &T_COUNT, NB_VSYNTAX);
	ERR_VAL("-", &T_SIGNED, NB_VSYNTAX);
	ERR_VAL("+", &T_COUNT, NB_VSYNTAX);
	ERR_VAL("--5", &T_SIGNED, NB_VSYNTAX);
	ERR_VAL("5-", &T_SIGNED, NB_VSYNTAX);
	ERR_VAL("1.2.3", &T_MONEY, NB_VSYNTAX);
	ERR_VAL("元", &T_YUAN, NB_VSYNTAX);
	ERR_VAL("三", &T_COUNT, NB_VSYNTAX);
	ERR_VAL("0x10", &T_COUNT, NB_VSYNTAX);
	ERR_VAL("1e3", &T_COUNT, NB_VSYNTAX);
}
END_TEST

/* ---- counts ---- */

START_TEST(test_count_basic)
{
	OK_VAL("0", &T_COUNT, 0, 0, 0);
	OK_VAL("7", &T_COUNT, 7, 0, 0);
	OK_VAL("007", &T_COUNT, 7, 0, 0);
	OK_VAL(" 42 ", &T_COUNT, 42, 0, 0);
	OK_VAL("+5", &T_COUNT, 5, 0, 0);
	OK_VAL("１２３", &T_COUNT, 123, 0, 0);
	OK_VAL("０", &T_COUNT, 0, 0, 0);
	OK_VAL("1２3", &T_COUNT, 123, 0, 0);
}
END_TEST

START_TEST(test_count_separators)
{
	OK_VAL("3,985,758", &T_COUNT, 3985758, 0, 0);
	OK_VAL("3，985，758", &T_COUNT, 3985758, 0, 0);
	OK_VAL("11,203,456", &T_COUNT, 11203456, 0, 0);
	OK_VAL("999", &T_COUNT, 999, 0, 0);
	OK_VAL("1,000", &T_COUNT, 1000, 0, 0);
	ERR_VAL("1,23", &T_COUNT, NB_VSYNTAX);
	ERR_VAL("1,2345", &T_COUNT, NB_VSYNTAX);
	ERR_VAL(",123", &T_COUNT, NB_VSYNTAX);
	ERR_VAL("123,", &T_COUNT, NB_VSYNTAX);
	ERR_VAL("1,,234", &T_COUNT, NB_VSYNTAX);
	ERR_VAL("1234,567", &T_COUNT, NB_VSYNTAX);
	ERR_VAL(",", &T_COUNT, NB_VSYNTAX);
}
END_TEST

START_TEST(test_count_limits)
{
	OK_VAL("9223372036854775807", &T_COUNT, INT64_MAX, 0, 0);
	OK_VAL("9,223,372,036,854,775,807", &T_COUNT, INT64_MAX, 0, 0);
	ERR_VAL("9223372036854775808", &T_COUNT, NB_VOVERFLOW);
	ERR_VAL("18446744073709551616", &T_COUNT, NB_VOVERFLOW);
	ERR_VAL("99999999999999999999", &T_COUNT, NB_VOVERFLOW);
	ERR_VAL("99999999999999999999", &T_SIGNED, NB_VOVERFLOW);
}
END_TEST

START_TEST(test_count_sign_and_decimal)
{
	ERR_VAL("-1", &T_COUNT, NB_VNEGATIVE);
	ERR_VAL("－1", &T_COUNT, NB_VNEGATIVE);
	ERR_VAL("1.5", &T_COUNT, NB_VDECIMAL);
	ERR_VAL("1.5", &T_SIGNED, NB_VDECIMAL);
	ERR_VAL("2．0", &T_COUNT, NB_VDECIMAL);
}
END_TEST

START_TEST(test_signed)
{
	OK_VAL("-18", &T_SIGNED, -18, 0, 0);
	OK_VAL("－15", &T_SIGNED, -15, 0, 0);
	OK_VAL("\xe2\x88\x92" "7", &T_SIGNED, -7, 0, 0); /* U+2212 */
	OK_VAL("+5", &T_SIGNED, 5, 0, 0);
	OK_VAL("0", &T_SIGNED, 0, 0, 0);
	OK_VAL("-1,234", &T_SIGNED, -1234, 0, 0);
	OK_VAL("9223372036854775807", &T_SIGNED, INT64_MAX, 0, 0);
	OK_VAL("-9223372036854775807", &T_SIGNED, -INT64_MAX, 0, 0);
	OK_VAL("-9223372036854775808", &T_SIGNED, INT64_MIN, 0, 0);
	ERR_VAL("-9223372036854775809", &T_SIGNED, NB_VOVERFLOW);
	ERR_VAL("9223372036854775808", &T_SIGNED, NB_VOVERFLOW);
}
END_TEST

/* ---- money ---- */

START_TEST(test_money_basic)
{
	OK_VAL("96171.6", &T_MONEY, 961716, 1, 0);
	OK_VAL("18651.06", &T_MONEY, 1865106, 2, 0);
	OK_VAL("5949.088667", &T_MONEY, 5949088667LL, 6, 0);
	OK_VAL("73802895.90", &T_MONEY, 7380289590LL, 2, 0);
	OK_VAL("0", &T_MONEY, 0, 0, 0);
	OK_VAL("0.00", &T_MONEY, 0, 2, 0);
	OK_VAL("251000", &T_MONEY, 251000, 0, 0);
	OK_VAL("１２．５", &T_MONEY, 125, 1, 0);
	OK_VAL("3,985,758.5", &T_MONEY, 39857585, 1, 0);
	OK_VAL(" 96171.6 ", &T_MONEY, 961716, 1, 0);
	ERR_VAL("-5", &T_MONEY, NB_VNEGATIVE);
	ERR_VAL("-96171.6", &T_MONEY, NB_VNEGATIVE);
	ERR_VAL("1.2.3", &T_MONEY, NB_VSYNTAX);
}
END_TEST

START_TEST(test_money_units)
{
	OK_VAL("251000元", &T_YUAN, 251000, 0, 1);
	OK_VAL("73802895.90元", &T_YUAN, 7380289590LL, 2, 1);
	OK_VAL("12.5万元", &T_YUAN, 125, 1, 2);
	OK_VAL("251000", &T_YUAN, 251000, 0, 0);
	OK_VAL(" 251000元 ", &T_YUAN, 251000, 0, 1);
	/* A column without units refuses one. */
	ERR_VAL("251000元", &T_MONEY, NB_VUNIT);
	ERR_VAL("12.5万元", &T_MONEY, NB_VUNIT);
}
END_TEST

START_TEST(test_money_digits)
{
	/* 18 digits in all is the most. */
	OK_VAL("123456789012345678", &T_MONEY, 123456789012345678LL, 0, 0);
	OK_VAL("1234567890.12345678", &T_MONEY, 123456789012345678LL, 8, 0);
	OK_VAL("999999999999999999元", &T_YUAN, 999999999999999999LL, 0, 1);
	ERR_VAL("1234567890123456789", &T_MONEY, NB_VOVERFLOW);
	ERR_VAL("1234567890.123456789", &T_MONEY, NB_VOVERFLOW);
	ERR_VAL("9999999999999999999", &T_MONEY, NB_VOVERFLOW);
	ERR_VAL("99999999999999999999999999.5", &T_MONEY, NB_VOVERFLOW);
}
END_TEST

/* ---- formatting ---- */

START_TEST(test_format_blank)
{
	nb_value blank;
	memset(&blank, 0, sizeof blank);
	char b[NB_VALUE_BUFSZ];
	memset(b, 'X', sizeof b);
	ck_assert_uint_eq(nb_value_format(&blank, &T_COUNT, b, sizeof b), 0);
	ck_assert_str_eq(b, "");
	memset(b, 'X', sizeof b);
	ck_assert_uint_eq(nb_value_format(&blank, &T_YUAN, b, sizeof b), 0);
	ck_assert_str_eq(b, "");
}
END_TEST

START_TEST(test_format_canonical)
{
	/* Canonical text stays as it is. */
	FMT("0", &T_COUNT, "0");
	FMT("7", &T_COUNT, "7");
	FMT("3985758", &T_COUNT, "3985758");
	FMT("9223372036854775807", &T_COUNT, "9223372036854775807");
	FMT("-18", &T_SIGNED, "-18");
	FMT("0", &T_SIGNED, "0");
	FMT("-9223372036854775808", &T_SIGNED, "-9223372036854775808");
	FMT("96171.6", &T_MONEY, "96171.6");
	FMT("18651.06", &T_MONEY, "18651.06");
	FMT("5949.088667", &T_MONEY, "5949.088667");
	FMT("73802895.90", &T_MONEY, "73802895.90");
	FMT("0.00", &T_MONEY, "0.00");
	FMT("0.5", &T_MONEY, "0.5");
	FMT("0.05", &T_MONEY, "0.05");
	FMT("251000元", &T_YUAN, "251000元");
	FMT("73802895.90元", &T_YUAN, "73802895.90元");
	FMT("12.5万元", &T_YUAN, "12.5万元");
	FMT("1234567890.12345678", &T_MONEY, "1234567890.12345678");
	FMT("0.00000000000000001", &T_MONEY, "0.00000000000000001");
	FMT("12345678901234567.8万元", &T_YUAN, "12345678901234567.8万元");
}
END_TEST

START_TEST(test_format_normalises)
{
	FMT("007", &T_COUNT, "7");
	FMT("１２３", &T_COUNT, "123");
	FMT("3，985，758", &T_COUNT, "3985758");
	FMT("3,985,758", &T_COUNT, "3985758");
	FMT("+5", &T_COUNT, "5");
	FMT(" 42 ", &T_COUNT, "42");
	FMT("－15", &T_SIGNED, "-15");
	FMT("\xe2\x88\x92" "7", &T_SIGNED, "-7");
	FMT("１２．５", &T_MONEY, "12.5");
	FMT("007.50", &T_MONEY, "7.50");
	FMT(" 251000元 ", &T_YUAN, "251000元");
}
END_TEST

START_TEST(test_format_round_trip)
{
	/* parse(format(v)) == v for values built by hand. */
	static const struct { nb_value v; const nb_valtype *t; } c[] = {
		{{1, 0, 0, 0}, &T_COUNT},
		{{1, 0, 0, INT64_MAX}, &T_COUNT},
		{{1, 0, 0, -18}, &T_SIGNED},
		{{1, 0, 0, INT64_MIN}, &T_SIGNED},
		{{1, 6, 0, 5949088667LL}, &T_MONEY},
		{{1, 2, 0, 7380289590LL}, &T_MONEY},
		{{1, 3, 0, 5}, &T_MONEY},
		{{1, 0, 1, 251000}, &T_YUAN},
		{{1, 1, 2, 125}, &T_YUAN},
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		char b[NB_VALUE_BUFSZ];
		size_t n = nb_value_format(&c[i].v, c[i].t, b, sizeof b);
		ck_assert_uint_eq(n, strlen(b));
		nb_value back;
		ck_assert_msg(nb_value_parse(b, n, c[i].t, &back) == NB_VOK,
			      "case %zu: \"%s\" does not parse back", i, b);
		ck_assert_msg(back.set == 1 && back.v == c[i].v.v &&
				      back.scale == c[i].v.scale &&
				      back.unit == c[i].v.unit,
			      "case %zu: \"%s\" parses back differently", i, b);
		ck_assert_msg(nb_value_eq(&back, &c[i].v), "case %zu", i);
	}
}
END_TEST

/* ---- equality ---- */

START_TEST(test_eq_blank_vs_zero)
{
	nb_value blank, zero, zero2, one;
	memset(&blank, 0, sizeof blank);
	ck_assert_int_eq(parse("0", &T_COUNT, &zero), NB_VOK);
	ck_assert_int_eq(parse("00", &T_COUNT, &zero2), NB_VOK);
	ck_assert_int_eq(parse("1", &T_COUNT, &one), NB_VOK);
	ck_assert(!nb_value_eq(&blank, &zero));
	ck_assert(!nb_value_eq(&zero, &blank));
	ck_assert(nb_value_eq(&blank, &blank));
	ck_assert(nb_value_eq(&zero, &zero2));
	ck_assert(!nb_value_eq(&zero, &one));

	nb_value a, b;
	ck_assert_int_eq(parse("251000元", &T_YUAN, &a), NB_VOK);
	ck_assert_int_eq(parse("251000", &T_YUAN, &b), NB_VOK);
	ck_assert(!nb_value_eq(&a, &b)); /* the unit is part of what was typed */
	ck_assert_int_eq(parse("251,000元", &T_YUAN, &b), NB_VOK);
	ck_assert(nb_value_eq(&a, &b));
}
END_TEST

START_TEST(test_verr_str)
{
	static const nb_verr all[] = {NB_VEMPTY, NB_VSYNTAX, NB_VNEGATIVE,
				      NB_VDECIMAL, NB_VOVERFLOW, NB_VUNIT};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		const char *s = nb_verr_str(all[i]);
		ck_assert_ptr_nonnull(s);
		ck_assert_msg(strlen(s) > 0, "empty message for %d", (int)all[i]);
		int cjk = 0;
		for (const unsigned char *p = (const unsigned char *)s; *p; p++)
			if (*p >= 0x80)
				cjk = 1;
		ck_assert_msg(cjk, "message for %d is not Chinese: %s",
			      (int)all[i], s);
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(strcmp(s, nb_verr_str(all[j])) != 0,
				      "errors %d and %d share a message",
				      (int)all[i], (int)all[j]);
	}
}
END_TEST

Suite *NB_SUITE(value)(void)
{
	Suite *s = suite_create("value");
	TCase *tc = tcase_create("degenerate");
	tcase_add_test(tc, test_null_and_empty);
	tcase_add_test(tc, test_len_is_respected);
	tcase_add_test(tc, test_too_long);
	tcase_add_test(tc, test_syntax);
	suite_add_tcase(s, tc);

	tc = tcase_create("count");
	tcase_add_test(tc, test_count_basic);
	tcase_add_test(tc, test_count_separators);
	tcase_add_test(tc, test_count_limits);
	tcase_add_test(tc, test_count_sign_and_decimal);
	tcase_add_test(tc, test_signed);
	suite_add_tcase(s, tc);

	tc = tcase_create("money");
	tcase_add_test(tc, test_money_basic);
	tcase_add_test(tc, test_money_units);
	tcase_add_test(tc, test_money_digits);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_format_blank);
	tcase_add_test(tc, test_format_canonical);
	tcase_add_test(tc, test_format_normalises);
	tcase_add_test(tc, test_format_round_trip);
	tcase_add_test(tc, test_eq_blank_vs_zero);
	tcase_add_test(tc, test_verr_str);
	suite_add_tcase(s, tc);
	return s;
}
