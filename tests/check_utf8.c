/* The one UTF-8 decoder (src/core/utf8.h) and what is built on it. */
#include <string.h>

#include "core/utf8.h"
#include "nbtest.h"

START_TEST(test_decode)
{
	static const struct { const char *s; size_t n; int len; uint32_t cp; } c[] = {
		{"", 0, -1, 0},
		{"a", 1, 1, 'a'},
		{"\x7f", 1, 1, 0x7f},
		{"\xc2\xa0", 2, 2, 0xa0},
		{"中", 3, 3, 0x4e2d},
		{"\xef\xbc\x90", 3, 3, 0xff10},          /* full-width 0 */
		{"\xf0\x9f\x98\x80", 4, 4, 0x1f600},
		{"\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff},
		{"\x80", 1, -1, 0},                      /* stray continuation */
		{"\xc0\x80", 2, -1, 0},                  /* overlong NUL */
		{"\xc1\xbf", 2, -1, 0},
		{"\xe0\x80\x80", 3, -1, 0},              /* overlong */
		{"\xf0\x80\x80\x80", 4, -1, 0},
		{"\xed\xa0\x80", 3, -1, 0},              /* surrogate */
		{"\xf4\x90\x80\x80", 4, -1, 0},          /* past U+10FFFF */
		{"\xf5\x80\x80\x80", 4, -1, 0},
		{"\xff", 1, -1, 0},
		{"\xe4\xb8", 2, -1, 0},                  /* cut short */
		{"\xe4\xb8\xad", 2, -1, 0},              /* n says cut short */
		{"\xe4\x41\xad", 3, -1, 0},              /* not a continuation */
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		uint32_t cp = 12345;
		int k = nb_utf8_decode(c[i].s, c[i].n, &cp);
		ck_assert_msg(k == c[i].len, "case %zu: length %d, want %d", i, k, c[i].len);
		if (k > 0)
			ck_assert_msg(cp == c[i].cp, "case %zu: U+%04X", i, (unsigned)cp);
		size_t l = nb_utf8_next(c[i].s, c[i].n, &cp);
		ck_assert_uint_eq(l, k > 0 ? (size_t)k : 1);
		if (k < 0)
			ck_assert_uint_eq(cp, 0xfffd);
	}
}
END_TEST

START_TEST(test_check_and_encode)
{
	ck_assert_uint_eq(nb_utf8_check("年报", strlen("年报")), (size_t)-1);
	ck_assert_uint_eq(nb_utf8_check("年\0报", 7), 3);
	ck_assert_uint_eq(nb_utf8_check("年\xe5\xb9", 5), 3);
	ck_assert_uint_eq(nb_utf8_check("ab\xed\xa0\x80", 5), 2);
	char out[4];
	uint32_t cp;
	static const uint32_t cps[] = {0x41, 0xe9, 0x5e74, 0x1f600, 0x10ffff};
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		size_t n = nb_utf8_encode(cps[i], out);
		ck_assert_int_eq(nb_utf8_decode(out, n, &cp), (int)n);
		ck_assert_uint_eq(cp, cps[i]);
	}
	ck_assert_uint_eq(nb_utf8_encode(0xd800, out), 3);
	ck_assert_int_eq(nb_utf8_decode(out, 3, &cp), 3);
	ck_assert_uint_eq(cp, 0xfffd);
}
END_TEST

Suite *NB_SUITE(utf8)(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("decode");
	tcase_add_test(tc, test_decode);
	tcase_add_test(tc, test_check_and_encode);
	suite_add_tcase(s, tc);
	return s;
}
