/* The printed layout of the tables: the merges FORMATS.md describes. */
#include <stdlib.h>
#include <string.h>
#include "nbtest.h"
#include "form/layout.h"

static const nb_lcell *at(const nb_layout *l, int row, int col)
{
	for (int i = l->row_first[row]; i < l->row_first[row + 1]; i++)
		if (l->cell[i].col == col)
			return &l->cell[i];
	return NULL;
}

static const nb_lcell *find(const nb_layout *l, const char *label)
{
	for (int i = 0; i < l->ncell; i++)
		if (l->cell[i].text && !strcmp(l->cell[i].text, label))
			return &l->cell[i];
	return NULL;
}

static int section_of(const nb_form *f, const char *id)
{
	for (int i = 0; i < f->nsection; i++)
		if (!strcmp(f->section[i].id, id))
			return i;
	return -1;
}

/* No two cells cover one grid position, and every position is covered. */
static void assert_tiles(const nb_layout *l)
{
	int n = l->nrows * l->ncols;
	unsigned char *seen = calloc((size_t)n, 1);
	ck_assert_ptr_nonnull(seen);
	for (int i = 0; i < l->ncell; i++) {
		const nb_lcell *c = &l->cell[i];
		for (int r = c->row; r < c->row + c->rowspan; r++)
			for (int k = c->col; k < c->col + c->colspan; k++) {
				ck_assert_int_lt(r, l->nrows);
				ck_assert_int_lt(k, l->ncols);
				ck_assert_int_eq(seen[r * l->ncols + k], 0);
				seen[r * l->ncols + k] = 1;
			}
	}
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(seen[i], 1);
	free(seen);
}

START_TEST(test_layout_t3)
{
	const char *ids[] = {"gk2021", "gk2019"};
	const int rows[] = {25, 23}, span3[] = {22, 20};
	nbt_forms_up();
	for (int k = 0; k < 2; k++) {
		const nb_form *f = nbt_form(ids[k]);
		nb_layout l;
		ck_assert_int_eq(nb_layout_build(f, section_of(f, "s3"), &l), 0);
		ck_assert_int_eq(l.ncols, 10);
		ck_assert_int_eq(l.nrows, 3 + rows[k]);
		ck_assert_int_eq(l.nhead, 3);
		assert_tiles(&l);
		const nb_lcell *c = at(&l, 0, 0);
		ck_assert_int_eq(c->kind, NB_LC_CORNER);
		ck_assert_int_eq(c->rowspan, 3);
		ck_assert_int_eq(c->colspan, 3);
		c = find(&l, "申请人情况");
		ck_assert_int_eq(c->colspan, 7);
		c = find(&l, "法人或其他组织");
		ck_assert_int_eq(c->colspan, 5);
		ck_assert_int_eq(c->rowspan, 1);
		c = find(&l, "自然人");
		ck_assert_int_eq(c->rowspan, 2);
		c = find(&l, "三、本年度办理结果");
		ck_assert_int_eq(c->rowspan, span3[k]);
		ck_assert_int_eq(c->colspan, 1);
		c = find(&l, "一、本年新收政府信息公开申请数量");
		ck_assert_int_eq(c->colspan, 3);
		c = find(&l, "（一）予以公开");
		ck_assert_int_eq(c->colspan, 2);
		c = find(&l, "（三）不予公开");
		ck_assert_int_eq(c->rowspan, 8);
		c = find(&l, "（六）其他处理");
		ck_assert_int_eq(c->rowspan, k == 0 ? 3 : 1);
		ck_assert_int_eq(c->colspan, k == 0 ? 1 : 2);
		/* The first value: 一 / 自然人. */
		c = at(&l, 3, 3);
		ck_assert_int_eq(c->kind, NB_LC_VALUE);
		ck_assert_int_eq(c->cell, nbt_cell(f, "t3.new.natural"));
		nb_layout_free(&l);
	}
	nbt_forms_down();
}
END_TEST

START_TEST(test_layout_t4_t2)
{
	nbt_forms_up();
	const nb_form *f = nbt_form("gk2021");
	nb_layout l;
	ck_assert_int_eq(nb_layout_build(f, section_of(f, "s4"), &l), 0);
	ck_assert_int_eq(l.ncols, 15);
	ck_assert_int_eq(l.nrows, 4);
	assert_tiles(&l);
	ck_assert_int_eq(find(&l, "行政复议")->colspan, 5);
	ck_assert_int_eq(find(&l, "行政诉讼")->colspan, 10);
	ck_assert_int_eq(find(&l, "未经复议直接起诉")->colspan, 5);
	ck_assert_int_eq(at(&l, 1, 0)->rowspan, 2); /* 结果维持 under 行政复议 */
	ck_assert_int_eq(at(&l, 3, 0)->cell, nbt_cell(f, "t4.cases.r_upheld"));
	nb_layout_free(&l);

	/* 表二: four stacked tables, 4 columns wide; the narrow ones span. */
	ck_assert_int_eq(nb_layout_build(f, section_of(f, "s2"), &l), 0);
	ck_assert_int_eq(l.ncols, 4);
	ck_assert_int_eq(l.nhead, 0);
	ck_assert_int_eq(l.nrows, 4 * 2 + 2 + 1 + 2 + 1);
	assert_tiles(&l);
	ck_assert_int_eq(at(&l, 0, 0)->kind, NB_LC_TITLE);
	ck_assert_int_eq(at(&l, 0, 0)->colspan, 4);
	ck_assert_str_eq(at(&l, 1, 0)->text, "信息内容");
	ck_assert_int_eq(find(&l, "本年处理决定数量")->colspan, 3);
	nb_layout_free(&l);

	/* A section of prose only. */
	ck_assert_int_eq(nb_layout_build(f, section_of(f, "s1"), &l), 0);
	ck_assert_int_eq(l.nrows, 0);
	nb_layout_free(&l);
	nbt_forms_down();
}
END_TEST

Suite *NB_SUITE(layout)(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");
	tcase_add_test(tc, test_layout_t3);
	tcase_add_test(tc, test_layout_t4_t2);
	suite_add_tcase(s, tc);
	return s;
}
