/* The terminal-type policy: $TERM when the database has it, else the
 * closest known entry in order, never a guess for "dumb" or no TERM. */
#include <string.h>
#include "nbtest.h"
#include "model/termpick.h"

/* ctx: the known entries, NULL-terminated. */
static int known_in(const char *name, void *ctx)
{
	for (const char *const *k = ctx; *k; k++)
		if (!strcmp(*k, name))
			return 1;
	return 0;
}

static const char *pick(const char *term, const char *const *db, int *fell)
{
	return nb_term_pick(term, known_in, (void *)db, fell);
}

START_TEST(no_term_or_dumb_is_refused)
{
	static const char *const db[] = {"dumb", "xterm-256color", "xterm", "vt100", NULL};
	int fell = 7;

	ck_assert_ptr_null(pick(NULL, db, &fell));
	ck_assert_int_eq(fell, 0);
	ck_assert_ptr_null(pick("", db, &fell));
	ck_assert_ptr_null(pick("dumb", db, &fell));
}
END_TEST

START_TEST(known_term_is_kept)
{
	static const char *const db[] = {"putty-256color", "xterm-256color", NULL};
	int fell = 7;

	ck_assert_str_eq(pick("putty-256color", db, &fell), "putty-256color");
	ck_assert_int_eq(fell, 0);
}
END_TEST

START_TEST(missing_term_falls_back_in_order)
{
	static const char *const full[] = {"vt100", "xterm", "xterm-256color", NULL};
	static const char *const plain[] = {"vt100", "xterm", NULL};
	static const char *const oldest[] = {"vt100", NULL};
	int fell = 0;

	ck_assert_str_eq(pick("putty-256color", full, &fell), "xterm-256color");
	ck_assert_int_eq(fell, 1);
	ck_assert_str_eq(pick("xterm-kitty", plain, &fell), "xterm");
	ck_assert_int_eq(fell, 1);
	ck_assert_str_eq(pick("alacritty", oldest, &fell), "vt100");
	ck_assert_int_eq(fell, 1);
}
END_TEST

START_TEST(nothing_known_is_refused)
{
	static const char *const none[] = {"linux", NULL};
	int fell = 0;

	ck_assert_ptr_null(pick("putty-256color", none, &fell));
	ck_assert_int_eq(fell, 0);
}
END_TEST

Suite *NB_SUITE(termpick)(void)
{
	Suite *s = suite_create("termpick");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, no_term_or_dumb_is_refused);
	tcase_add_test(tc, known_term_is_kept);
	tcase_add_test(tc, missing_term_falls_back_in_order);
	tcase_add_test(tc, nothing_known_is_refused);
	suite_add_tcase(s, tc);
	return s;
}
