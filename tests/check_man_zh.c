/* The Chinese manual's KEYS section is exactly what the actions table
 * prints for it (`nianbao keys --man zh_CN`), as check_actions.c holds
 * the English one to `nianbao keys --man`: either page drifting from the
 * table fails. Regenerate both with `make man-keys`. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nbtest.h"
#include "model/actions.h"

/* The lines between the BEGIN KEYS and END KEYS markers of a page;
 * *seen tells whether both markers were there. */
static char *keys_block(const char *path, size_t *len, int *seen)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *got = NULL;
	size_t cap = 0;
	FILE *g = open_memstream(&got, len);
	int inside = 0, begin = 0, end = 0;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	while (getline(&line, &cap, f) > 0) {
		if (strncmp(line, ".\\\" END KEYS", 12) == 0) {
			inside = 0;
			end = 1;
		}
		if (inside)
			fputs(line, g);
		if (strncmp(line, ".\\\" BEGIN KEYS", 14) == 0)
			inside = begin = 1;
	}
	fclose(f);
	fclose(g);
	free(line);
	*seen = begin && end;
	return got;
}

static char *table_block(int how, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	nb_actions_print(f, how);
	fclose(f);
	return buf;
}

START_TEST(zh_page_keys_in_sync)
{
	size_t glen, wlen;
	int seen;
	char *got = keys_block(NB_SRC("man/zh_CN/nianbao.1"), &glen, &seen);
	char *want = table_block(NB_KEYS_MAN_ZH, &wlen);

	ck_assert_msg(seen, "man/zh_CN/nianbao.1 lacks the BEGIN KEYS / END KEYS markers");
	ck_assert_msg(glen == wlen && memcmp(got, want, wlen) == 0,
		      "man/zh_CN/nianbao.1 KEYS section differs from "
		      "`nianbao keys --man zh_CN`; run make man-keys");
	free(got);
	free(want);
}
END_TEST

/* The Chinese list carries the help screen's words, every action's. */
START_TEST(zh_block_has_every_action)
{
	size_t len;
	int n;
	char *zh = table_block(NB_KEYS_MAN_ZH, &len);
	const nb_actiondef *t = nb_actions_table(&n);

	for (int i = 0; i < n; i++)
		ck_assert_msg(strstr(zh, t[i].zh) != NULL, "action %s missing", t[i].name);
	ck_assert_ptr_nonnull(strstr(zh, ".Ss 任何画面\n"));
	ck_assert_ptr_null(strstr(zh, "Everywhere"));
	free(zh);
}
END_TEST

Suite *NB_SUITE(man_zh)(void)
{
	Suite *s = suite_create("man_zh");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, zh_page_keys_in_sync);
	tcase_add_test(tc, zh_block_has_every_action);
	suite_add_tcase(s, tc);
	return s;
}
