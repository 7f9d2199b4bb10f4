/* Out of memory while loading a form (src/core/alloc.h's test hook): each
 * allocation in turn fails, and every time the loader returns NULL with
 * 内存不足 at a position, never dereferencing NULL (ASan and valgrind run
 * this suite too) and leaking nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "form/form.h"
#include "nbtest.h"

/* The whole form, its mentions included (form_mentions.c checks its
 * allocations like the rest of the loader). */
static char *form_text(const char *rel, size_t *len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", NB_SRCDIR, rel);
	return nbt_slurp(path, len);
}

static void sweep(const char *rel)
{
	size_t len;
	char *text = form_text(rel, &len);
	long n;
	for (n = 1; n < 100000; n++) {
		nb_err err;
		memset(&err, 0, sizeof err);
		nb_alloc_fail_at(n);
		nb_form *f = nb_form_load_mem(text, len, "oom.yaml", &err);
		long made = nb_alloc_fail_at(0);
		if (f) {
			/* Loaded: the n-th allocation was never asked for. */
			ck_assert_msg(made < n, "%s: allocation %ld failed, yet it loaded", rel, n);
			ck_assert_int_gt(f->nrule, 0);
			nb_form_free(f);
			break;
		}
		ck_assert_msg(strstr(err.msg, "内存不足") != NULL, "%s: allocation %ld: %s", rel,
			      n, err.msg);
		nbt_err_pos(err.msg, "oom.yaml", NULL);
	}
	ck_assert_msg(n > 5, "%s: only %ld allocations", rel, n);
	free(text);
}

START_TEST(test_oom_builtin_2021)
{
	sweep("forms/gk2021.yaml");
}
END_TEST

START_TEST(test_oom_province)
{
	sweep("tests/data/forms/province2021.yaml");
}
END_TEST

START_TEST(test_hook_counts)
{
	nb_alloc_fail_at(0);
	void *a = nb_malloc(8), *b = nb_calloc(2, 4);
	char *c = nb_strdup("年报");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(c, "年报");
	ck_assert_int_eq(nb_alloc_fail_at(2), 3);
	void *d = nb_malloc(8), *e = nb_malloc(8), *g = nb_malloc(8);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_null(e);
	ck_assert_ptr_nonnull(g);
	nb_alloc_fail_at(0);
	free(a);
	free(b);
	free(c);
	free(d);
	free(g);
}
END_TEST

Suite *NB_SUITE(alloc)(void)
{
	Suite *s = suite_create("alloc");
	TCase *tc = tcase_create("form_oom");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_hook_counts);
	tcase_add_test(tc, test_oom_builtin_2021);
	tcase_add_test(tc, test_oom_province);
	suite_add_tcase(s, tc);
	return s;
}
