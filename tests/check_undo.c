/* Undo/redo history of cells and texts. */
#include <string.h>
#include "nbtest.h"
#include "model/undo.h"

static nb_value val(int64_t v)
{
	nb_value x = {1, 0, 0, v};
	return x;
}

START_TEST(empty_history)
{
	nb_undo *u = nb_undo_new(10);
	const nb_undo_rec *const *r;

	ck_assert_int_eq(nb_undo_undo(u, &r), 0);
	ck_assert_int_eq(nb_undo_redo(u, &r), 0);
	ck_assert_int_eq(nb_undo_can_undo(u), 0);
	nb_undo_free(u);
	nb_undo_free(NULL);
}
END_TEST

START_TEST(cell_undo_redo)
{
	nb_undo *u = nb_undo_new(10);
	const nb_undo_rec *const *r;
	nb_value blank = {0, 0, 0, 0}, a = val(12), b = val(11);

	nb_undo_cell(u, 5, &blank, &a);
	nb_undo_cell(u, 5, &a, &b);
	ck_assert_int_eq(nb_undo_undo(u, &r), 1);
	ck_assert_int_eq(r[0]->oldv.v, 12);
	ck_assert_int_eq(nb_undo_undo(u, &r), 1);
	ck_assert_int_eq(r[0]->oldv.set, 0); /* blank came back, not 0 */
	ck_assert_int_eq(nb_undo_undo(u, &r), 0);
	ck_assert_int_eq(nb_undo_redo(u, &r), 1);
	ck_assert_int_eq(r[0]->newv.v, 12);
	/* A new change forgets what could be redone. */
	nb_undo_cell(u, 6, &blank, &b);
	ck_assert_int_eq(nb_undo_can_redo(u), 0);
	nb_undo_free(u);
}
END_TEST

START_TEST(text_undo)
{
	nb_undo *u = nb_undo_new(10);
	const nb_undo_rec *const *r;

	nb_undo_text(u, 3, "", "义勇军");
	nb_undo_text(u, 3, "义勇军", "义勇军进行曲");
	ck_assert_int_eq(nb_undo_undo(u, &r), 1);
	ck_assert_int_eq(r[0]->kind, NB_UNDO_TEXT);
	ck_assert_str_eq(r[0]->oldt, "义勇军");
	ck_assert_int_eq(nb_undo_redo(u, &r), 1);
	ck_assert_str_eq(r[0]->newt, "义勇军进行曲");
	nb_undo_free(u);
}
END_TEST

START_TEST(grouped_paste_is_one_step)
{
	nb_undo *u = nb_undo_new(100);
	const nb_undo_rec *const *r;
	nb_value blank = {0, 0, 0, 0}, v = val(1);

	nb_undo_cell(u, 1, &blank, &v);
	nb_undo_begin(u);
	for (int i = 10; i < 13; i++)
		nb_undo_cell(u, i, &blank, &v);
	nb_undo_end(u);
	ck_assert_int_eq(nb_undo_undo(u, &r), 3);
	ck_assert_int_eq(r[0]->index, 12); /* latest first */
	ck_assert_int_eq(r[2]->index, 10);
	ck_assert_int_eq(nb_undo_redo(u, &r), 3);
	ck_assert_int_eq(r[0]->index, 10);
	ck_assert_int_eq(nb_undo_undo(u, &r), 3);
	ck_assert_int_eq(nb_undo_undo(u, &r), 1);
	ck_assert_int_eq(r[0]->index, 1);
	nb_undo_free(u);
}
END_TEST

START_TEST(limit_drops_oldest)
{
	nb_undo *u = nb_undo_new(3);
	const nb_undo_rec *const *r;
	nb_value a = val(1), b = val(2);
	int n = 0;

	for (int i = 0; i < 5; i++)
		nb_undo_cell(u, i, &a, &b);
	while (nb_undo_undo(u, &r) > 0)
		n++;
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(r[0]->index, 2);
	nb_undo_free(u);
}
END_TEST

Suite *NB_SUITE(undo)(void)
{
	Suite *s = suite_create("undo");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, empty_history);
	tcase_add_test(tc, cell_undo_redo);
	tcase_add_test(tc, text_undo);
	tcase_add_test(tc, grouped_paste_is_one_step);
	tcase_add_test(tc, limit_drops_oldest);
	suite_add_tcase(s, tc);
	return s;
}
