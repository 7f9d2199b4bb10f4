/* The actions table: bindings are unambiguous, every action is reachable,
 * and the man page's KEYS section is exactly what the table prints. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nbtest.h"
#include "model/actions.h"

START_TEST(no_key_bound_twice_in_a_context)
{
	int n;
	const nb_actiondef *t = nb_actions_table(&n);

	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			/* Two actions clash when their contexts overlap, or one is
			 * global (a context binding would hide it there). */
			int overlap = (t[i].ctx & t[j].ctx) ||
				      t[i].ctx == NB_CTX_GLOBAL || t[j].ctx == NB_CTX_GLOBAL;
			if (!overlap)
				continue;
			for (int a = 0; a < NB_ACTION_KEYS && t[i].keys[a]; a++)
				for (int b = 0; b < NB_ACTION_KEYS && t[j].keys[b]; b++)
					ck_assert_msg(t[i].keys[a] != t[j].keys[b],
						      "%s and %s share a key", t[i].name, t[j].name);
		}
}
END_TEST

START_TEST(every_action_reachable)
{
	int n;
	const nb_actiondef *t = nb_actions_table(&n);

	ck_assert_int_eq(n, NB_A_COUNT - 1);
	for (int i = 0; i < n; i++) {
		ck_assert_msg(t[i].keys[0] || t[i].keytext, "%s has no key", t[i].name);
		ck_assert_ptr_nonnull(t[i].zh);
		ck_assert_ptr_nonnull(t[i].en);
		ck_assert_ptr_eq(nb_action_def(t[i].id), &t[i]);
		/* Each has a control or plain key: F-keys only as extras. */
		if (t[i].keys[0])
			ck_assert_msg(t[i].keys[0] < NB_K_F0, "%s: first key is an F-key",
				      t[i].name);
	}
}
END_TEST

START_TEST(fixed_contract)
{
	ck_assert_int_eq(nb_action_for_key(NB_K_CTRL('S'), NB_CTX_TABLE), NB_A_SAVE);
	ck_assert_int_eq(nb_action_for_key(NB_K_CTRL('Q'), NB_CTX_TEXT), NB_A_QUIT);
	ck_assert_int_eq(nb_action_for_key(NB_K_CTRL('N'), NB_CTX_LIST), NB_A_NEXT_SECTION);
	ck_assert_int_eq(nb_action_for_key(NB_K_CTRL('P'), NB_CTX_TABLE), NB_A_PREV_SECTION);
	ck_assert_int_eq(nb_action_for_key(NB_K_F(1), NB_CTX_TABLE), NB_A_HELP);
	ck_assert_int_eq(nb_action_for_key(NB_K_CTRL('G'), NB_CTX_TEXT), NB_A_HELP);
	ck_assert_int_eq(nb_action_for_key(NB_K_CTRL('Z'), NB_CTX_TABLE), NB_A_UNDO);
	ck_assert_int_eq(nb_action_for_key(NB_K_ALT('u'), NB_CTX_TABLE), NB_A_UNDO);
	ck_assert_int_eq(nb_action_for_key(NB_K_CTRL('Y'), NB_CTX_TEXT), NB_A_REDO);
	ck_assert_int_eq(nb_action_for_key(NB_K_ENTER, NB_CTX_TABLE), NB_A_COMMIT);
	ck_assert_int_eq(nb_action_for_key(NB_K_ENTER, NB_CTX_TEXT), NB_A_NEWLINE);
	ck_assert_int_eq(nb_action_for_key(NB_K_TAB, NB_CTX_TABLE), NB_A_NEXT_FIELD);
	ck_assert_int_eq(nb_action_for_key(NB_K_CTRL('A'), NB_CTX_TEXT), NB_A_HOME);
	ck_assert_int_eq(nb_action_for_key(NB_K_CTRL('K'), NB_CTX_TEXT), NB_A_KILL_END);
	ck_assert_int_eq(nb_action_for_key('7', NB_CTX_TABLE), NB_A_NONE);
	/* Filling blanks with 0 is a table key only: in a text ^W is nothing. */
	ck_assert_int_eq(nb_action_for_key(NB_K_CTRL('W'), NB_CTX_TABLE), NB_A_FILL_ZERO);
	ck_assert_int_eq(nb_action_for_key(NB_K_CTRL('W'), NB_CTX_TEXT), NB_A_NONE);
	ck_assert_int_eq(nb_action_for_key(0, NB_CTX_TABLE), NB_A_NONE);
}
END_TEST

START_TEST(key_names_are_ascii)
{
	char b[32];
	int n;
	const nb_actiondef *t = nb_actions_table(&n);

	ck_assert_str_eq(nb_key_name(NB_K_CTRL('S'), b, sizeof b), "^S");
	ck_assert_str_eq(nb_key_name(NB_K_F(1), b, sizeof b), "F1");
	ck_assert_str_eq(nb_key_name(NB_K_ALT('u'), b, sizeof b), "Alt-U");
	ck_assert_str_eq(nb_key_name(NB_K_BTAB, b, sizeof b), "Shift-Tab");
	ck_assert_str_eq(nb_key_name(31, b, sizeof b), "^_");
	/* Legends are measured as 2 columns a character: no ambiguous width. */
	for (int i = 0; i < n; i++)
		for (int k = 0; k < NB_ACTION_KEYS && t[i].keys[k]; k++) {
			nb_key_name(t[i].keys[k], b, sizeof b);
			for (char *p = b; *p; p++)
				ck_assert((unsigned char)*p < 128);
		}
}
END_TEST

START_TEST(legend_has_the_contract)
{
	const nb_actiondef *d[32];
	int n = nb_actions_legend(NB_CTX_GLOBAL, d, 32), save = 0, quit = 0;

	for (int i = 0; i < n; i++) {
		save |= d[i]->id == NB_A_SAVE;
		quit |= d[i]->id == NB_A_QUIT;
	}
	ck_assert(save && quit);
	ck_assert_int_le(n, 8);
	n = nb_actions_legend(NB_CTX_TABLE, d, 32);
	ck_assert_int_gt(n, 0);
	ck_assert_int_le(n, 8);
	n = nb_actions_legend(NB_CTX_TEXT, d, 32);
	ck_assert_int_le(n, 8);
}
END_TEST

static char *print(int man, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	nb_actions_print(f, man);
	fclose(f);
	return buf;
}

START_TEST(print_lists_every_action)
{
	size_t len;
	char *plain = print(0, &len), *man = print(1, &len);
	int n;
	const nb_actiondef *t = nb_actions_table(&n);

	for (int i = 0; i < n; i++) {
		ck_assert_ptr_nonnull(strstr(plain, t[i].zh));
		ck_assert_ptr_nonnull(strstr(man, ".It Sy "));
	}
	ck_assert_ptr_nonnull(strstr(man, ".Bl -tag"));
	ck_assert_ptr_null(strstr(man, ".Sh"));
	free(plain);
	free(man);
}
END_TEST

/* The KEYS section between the markers must be the table's own output
 * (`nianbao keys --man`): regenerate with tools or by hand when it fails. */
START_TEST(man_page_in_sync)
{
	FILE *f = fopen(NB_SRC("man/nianbao.1"), "r");
	char *line = NULL, *got = NULL, *want;
	size_t cap = 0, glen = 0, wlen;
	FILE *g = open_memstream(&got, &glen);
	int inside = 0, seen = 0;

	ck_assert_ptr_nonnull(f);
	while (getline(&line, &cap, f) > 0) {
		if (strncmp(line, ".\\\" END KEYS", 12) == 0)
			inside = 0;
		if (inside)
			fputs(line, g);
		if (strncmp(line, ".\\\" BEGIN KEYS", 14) == 0)
			inside = seen = 1;
	}
	fclose(f);
	fclose(g);
	free(line);
	ck_assert_msg(seen, "man/nianbao.1 has no BEGIN KEYS marker");
	want = print(1, &wlen);
	ck_assert_msg(glen == wlen && memcmp(got, want, wlen) == 0,
		      "man/nianbao.1 KEYS section differs from `nianbao keys --man`; "
		      "put its output between the markers");
	free(got);
	free(want);
}
END_TEST

Suite *NB_SUITE(actions)(void)
{
	Suite *s = suite_create("actions");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, no_key_bound_twice_in_a_context);
	tcase_add_test(tc, every_action_reachable);
	tcase_add_test(tc, fixed_contract);
	tcase_add_test(tc, key_names_are_ascii);
	tcase_add_test(tc, legend_has_the_contract);
	tcase_add_test(tc, print_lists_every_action);
	tcase_add_test(tc, man_page_in_sync);
	suite_add_tcase(s, tc);
	return s;
}
