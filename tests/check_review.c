/* Review: comments in the report file, the roll-up (exact money, units,
 * overflow, layouts, blanks, its record in the file) and diff. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nbtest.h"
#include "io/report_yaml.h"
#include "model/comments.h"
#include "model/diff.h"
#include "model/engine.h"
#include "model/rollup.h"

static const char SHA[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static nb_report *reload(const nb_report *r, char **bytes, size_t *blen)
{
	char *buf;
	size_t len;
	nb_err err;
	nb_load_status st;
	ck_assert_int_eq(nb_report_save_mem(r, &buf, &len), 0);
	nb_report *b = nb_report_load_mem(buf, len, "(mem)", &err, &st);
	ck_assert_msg(b != NULL, "reload: %s", err.msg);
	if (bytes) {
		*bytes = buf;
		*blen = len;
	} else {
		free(buf);
	}
	return b;
}

static void cell_is(const nb_report *r, const char *id, const char *want)
{
	char buf[NB_VALUE_BUFSZ];
	int c = nbt_cell(r->form, id);
	nb_value_format(&r->cell[c], nb_form_cell_type(r->form, c), buf, sizeof buf);
	ck_assert_msg(!strcmp(buf, want), "%s = \"%s\", want \"%s\"", id, buf, want);
}

/* ---------------- comments ---------------- */

START_TEST(test_comments_round_trip)
{
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	nb_report *orig = nb_report_dup(r);
	ck_assert_int_ge(nb_comment_add(r, "t3.new.natural", "增幅较大，请核实。\n第二行", "王审核",
					"2025-11-26T10:05:00+08:00", 0), 0);
	ck_assert_int_ge(nb_comment_add(r, "t3", "表三请复核", "", NULL, 0), 0);
	ck_assert_int_ge(nb_comment_add(r, "s5", "问题写得笼统", "李", "2025-11-27T09:00:00+08:00", 1), 0);
	ck_assert_int_eq(nb_comments_open(r), 2);
	char *bytes;
	size_t blen;
	nb_report *b = reload(r, &bytes, &blen);
	ck_assert(strstr(bytes, "comments:\n") != NULL);
	ck_assert_int_eq(b->ncomment, 3);
	ck_assert_str_eq(b->comment[0].text, "增幅较大，请核实。\n第二行");
	ck_assert_str_eq(b->comment[0].author, "王审核");
	ck_assert_str_eq(b->comment[1].target, "t3");
	ck_assert(b->comment[1].time[0] == '2'); /* stamped with the time now */
	ck_assert_int_eq(b->comment[2].resolved, 1);
	ck_assert(nb_comments_eq(r, b));
	/* A comment never changes a figure or a text. */
	for (int c = 0; c < r->form->ncell; c++)
		ck_assert(nb_value_eq(&b->cell[c], &orig->cell[c]));
	for (int i = 0; i < r->form->nfield; i++)
		ck_assert_str_eq(b->text[i], orig->text[i]);
	/* Cell marks: on the cell, near it through its table. */
	int cell = nbt_cell(r->form, "t3.new.natural");
	ck_assert_int_eq(nb_comment_on_cell(b, cell), 0);
	ck_assert_int_eq(nb_comment_near_cell(b, nbt_cell(r->form, "t3.new.legal")), 1);
	ck_assert_int_eq(nb_comment_near_cell(b, nbt_cell(r->form, "t2_1.rules.made")), -1);
	/* Saved twice, the same bytes. */
	char *again;
	size_t alen;
	nb_report *c2 = reload(b, &again, &alen);
	ck_assert_uint_eq(alen, blen);
	ck_assert(!memcmp(again, bytes, blen));
	free(again);
	free(bytes);
	nb_report_free(c2);
	nb_report_free(b);
	nb_report_free(orig);
	nb_report_free(r);
}
END_TEST

START_TEST(test_comments_older_file)
{
	/* A file from before comments: loads, has none, and is written back
	 * byte for byte (no empty comments: key appears). */
	size_t len;
	char *orig = nbt_slurp(NB_SRC("sample-data/city-2021.yaml"), &len);
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	ck_assert_int_eq(r->ncomment, 0);
	ck_assert_ptr_null(r->rollup);
	char *bytes;
	size_t blen;
	nb_report *b = reload(r, &bytes, &blen);
	ck_assert_uint_eq(blen, len);
	ck_assert(!memcmp(bytes, orig, len));
	free(bytes);
	free(orig);
	nb_report_free(b);
	nb_report_free(r);
}
END_TEST

static void expect_refused(const char *tail, const char *needle, int line)
{
	size_t len;
	char *orig = nbt_slurp(NB_SRC("sample-data/city-2021.yaml"), &len);
	size_t tl = strlen(tail);
	char *buf = malloc(len + tl + 1);
	ck_assert_ptr_nonnull(buf);
	memcpy(buf, orig, len - 4); /* drop "...\n" */
	memcpy(buf + len - 4, tail, tl + 1);
	int lines = 1;
	for (size_t i = 0; i < len - 4; i++)
		lines += orig[i] == '\n';
	nb_err err;
	nb_load_status st;
	nb_report *r = nb_report_load_mem(buf, len - 4 + tl, "c.yaml", &err, &st);
	ck_assert_msg(r == NULL, "loaded: %s", tail);
	ck_assert_msg(strstr(err.msg, needle), "%s not in %s", needle, err.msg);
	int col;
	ck_assert_int_eq(nbt_err_pos(err.msg, "c.yaml", &col), lines - 1 + line);
	free(buf);
	free(orig);
}

START_TEST(test_comments_bad)
{
	expect_refused("comments:\n- target: t9.x.y\n  text: a\n...\n", "不是本表单的格", 2);
	expect_refused("comments:\n- target: t3\n  txt: a\n...\n", "未知的键“txt”", 3);
	expect_refused("comments:\n- target: t3\n  resolved: yes\n...\n", "true 或 false", 3);
	expect_refused("comments: {a: 1}\n...\n", "应为列表", 1);
	expect_refused("rollup:\n  inputs:\n  - file: a\n    sha256: xyz\n...\n", "SHA-256", 3);
}
END_TEST

/* ---------------- roll-up ---------------- */

static nb_report *blank_of(const char *form)
{
	return nb_report_new(nbt_form(form));
}

START_TEST(test_rollup_money_exact_10000)
{
	/* 10,000 inputs of 收费金额 with 0 to 6 decimals: the sum is the
	 * exact sum of the digits, computed here in micro-units. */
	const nb_form *f = nbt_form("gk2021");
	nb_rollup *s = nb_rollup_new(f, NB_BARE_REFUSE);
	nb_report *r = blank_of("gk2021");
	int64_t want_micro = 0;
	uint32_t x = 12345;
	nb_err err;
	for (int i = 0; i < 10000; i++) {
		char v[40];
		x = x * 1103515245u + 12345u;
		int64_t ip = x % 100000000u;
		int sc = (int)(x >> 8) % 7;
		int64_t frac = sc ? (int64_t)((x >> 4) % 1000000u) % (int64_t)(sc == 6 ? 1000000 :
			sc == 5 ? 100000 : sc == 4 ? 10000 : sc == 3 ? 1000 : sc == 2 ? 100 : 10) : 0;
		if (sc)
			snprintf(v, sizeof v, "%lld.%0*lld", (long long)ip, sc, (long long)frac);
		else
			snprintf(v, sizeof v, "%lld", (long long)ip);
		int64_t m = frac;
		for (int k = sc; k < 6; k++)
			m *= 10;
		want_micro += ip * 1000000 + m;
		nbt_set(r, "t2_8.charges.fees", v);
		ck_assert_int_eq(nb_rollup_add(s, r, "in.yaml", SHA, 0, &err), NB_OK);
	}
	nb_report *res = nb_rollup_result(s, "岚川市", &err);
	ck_assert_msg(res != NULL, "%s", err.msg);
	char want[40];
	snprintf(want, sizeof want, "%lld.%06lld", (long long)(want_micro / 1000000),
		 (long long)(want_micro % 1000000));
	cell_is(res, "t2_8.charges.fees", want);
	ck_assert_int_eq(res->rollup->nin, 10000);
	/* Written and read back with 10,000 inputs listed. */
	nb_report *b = reload(res, NULL, NULL);
	ck_assert(nb_rollup_info_eq(b->rollup, res->rollup, f->ncell));
	cell_is(b, "t2_8.charges.fees", want);
	nb_report_free(b);
	nb_report_free(res);
	nb_report_free(r);
	nb_rollup_free(s);
}
END_TEST

START_TEST(test_rollup_units)
{
	const nb_form *f = nbt_form("gk2019");
	nb_report *a = blank_of("gk2019"), *b = blank_of("gk2019"), *c = blank_of("gk2019");
	nb_err err;
	int cell = -1;
	char id[200];
	for (int k = 0; k < f->ncell; k++)
		if (nb_form_cell_type(f, k)->type == NB_T_MONEY)
			cell = k;
	ck_assert_int_ge(cell, 0);
	nb_form_cell_id(f, cell, id, sizeof id);
	nbt_set(a, id, "251000元");
	nbt_set(b, id, "1.23456万元");
	nbt_set(c, id, "7");
	/* 元 and 万元: converted exactly to 元, and said so. */
	nb_rollup *s = nb_rollup_new(f, NB_BARE_REFUSE);
	ck_assert_int_eq(nb_rollup_add(s, a, "a", SHA, 0, &err), NB_OK);
	ck_assert_int_eq(nb_rollup_add(s, b, "b", SHA, 0, &err), NB_OK);
	nb_report *res = nb_rollup_result(s, NULL, &err);
	ck_assert_msg(res != NULL, "%s", err.msg);
	cell_is(res, id, "263345.6元");
	ck_assert_int_eq(res->rollup->nnote, 1);
	ck_assert(strstr(res->rollup->note[0], "换算为元") != NULL);
	nb_report_free(res);
	nb_rollup_free(s);
	/* A bare number beside ones with a unit is refused, naming both files... */
	s = nb_rollup_new(f, NB_BARE_REFUSE);
	ck_assert_int_eq(nb_rollup_add(s, a, "a.yaml", SHA, 0, &err), NB_OK);
	ck_assert_int_eq(nb_rollup_add(s, c, "c.yaml", SHA, 0, &err), NB_OK);
	ck_assert_ptr_null(nb_rollup_result(s, NULL, &err));
	ck_assert_int_eq(err.status, NB_BAD_VALUE);
	ck_assert(strstr(err.msg, "a.yaml") && strstr(err.msg, "c.yaml"));
	nb_rollup_free(s);
	/* ...unless the clerk says what it means. */
	s = nb_rollup_new(f, NB_BARE_WAN);
	ck_assert_int_eq(nb_rollup_add(s, a, "a", SHA, 0, &err), NB_OK);
	ck_assert_int_eq(nb_rollup_add(s, c, "c", SHA, 0, &err), NB_OK);
	res = nb_rollup_result(s, NULL, &err);
	ck_assert_msg(res != NULL, "%s", err.msg);
	cell_is(res, id, "321000元");
	nb_report_free(res);
	nb_rollup_free(s);
	nb_report_free(a);
	nb_report_free(b);
	nb_report_free(c);
}
END_TEST

START_TEST(test_rollup_overflow)
{
	const nb_form *f = nbt_form("gk2021");
	nb_report *a = blank_of("gk2021");
	nb_err err;
	nbt_set(a, "t3.new.natural", "9000000000000000000");
	nb_rollup *s = nb_rollup_new(f, NB_BARE_REFUSE);
	ck_assert_int_eq(nb_rollup_add(s, a, "a.yaml", SHA, 0, &err), NB_OK);
	ck_assert_int_eq(nb_rollup_add(s, a, "b.yaml", SHA, 0, &err), NB_BAD_VALUE);
	ck_assert(strstr(err.msg, "b.yaml") && strstr(err.msg, "t3.new.natural"));
	nb_rollup_free(s);
	/* Money past 18 digits cannot be written: refused, not clamped. */
	nb_report_free(a);
	a = blank_of("gk2021");
	nbt_set(a, "t2_8.charges.fees", "999999999999.999999");
	s = nb_rollup_new(f, NB_BARE_REFUSE);
	ck_assert_int_eq(nb_rollup_add(s, a, "a", SHA, 0, &err), NB_OK);
	ck_assert_int_eq(nb_rollup_add(s, a, "b", SHA, 0, &err), NB_OK);
	ck_assert_ptr_null(nb_rollup_result(s, NULL, &err));
	ck_assert(strstr(err.msg, "t2_8.charges.fees") != NULL);
	nb_rollup_free(s);
	nb_report_free(a);
}
END_TEST

START_TEST(test_rollup_layouts_and_blanks)
{
	const nb_form *f = nbt_form("gk2021");
	nb_report *a = blank_of("gk2021"), *b = blank_of("gk2021"), *old = blank_of("gk2019");
	nb_err err;
	nbt_set(b, "t3.new.natural", "3");
	nbt_set(a, "text.agency", "甲局");
	nbt_set(a, "text.year", "2021");
	nbt_set(b, "text.year", "2021");
	nb_rollup *s = nb_rollup_new(f, NB_BARE_REFUSE);
	ck_assert_int_eq(nb_rollup_add(s, a, "a.yaml", SHA, 0, &err), NB_OK);
	ck_assert_int_eq(nb_rollup_add(s, b, "b.yaml", SHA, 2, &err), NB_OK);
	ck_assert_int_eq(nb_rollup_add(s, old, "old.yaml", SHA, 0, &err), NB_LAYOUT_MISMATCH);
	ck_assert(strstr(err.msg, "old.yaml") && strstr(err.msg, "a.yaml"));
	nb_report *res = nb_rollup_result(s, "全市", &err);
	ck_assert_msg(res != NULL, "%s", err.msg);
	cell_is(res, "t3.new.natural", "3");   /* blank + 3 */
	cell_is(res, "t3.new.business", "");   /* blank + blank */
	cell_is(res, "t3.new.total", "3");     /* derived */
	ck_assert_int_eq(res->rollup->blank[nbt_cell(f, "t3.new.natural")], 1);
	ck_assert_int_eq(res->rollup->blank[nbt_cell(f, "t3.new.business")], 2);
	ck_assert_str_eq(res->rollup->in[0].agency, "甲局");
	ck_assert_int_eq(res->rollup->in[1].errors, 2);
	ck_assert_int_eq(nb_report_year(res), 2021);
	/* The record survives a save. */
	nb_report *back = reload(res, NULL, NULL);
	ck_assert(nb_rollup_info_eq(back->rollup, res->rollup, f->ncell));
	nb_report_free(back);
	nb_report_free(res);
	nb_rollup_free(s);
	nb_report_free(a);
	nb_report_free(b);
	nb_report_free(old);
}
END_TEST

/* ---------------- diff ---------------- */

START_TEST(test_diff)
{
	nb_report *a = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	nbt_set(a, "t2_1.rules.repealed", "");
	nb_report *b = nb_report_dup(a);
	nb_diff d;
	char ch[80];
	ck_assert_int_eq(nb_diff_reports(a, b, &d), 0);
	ck_assert_int_eq(d.n, 0);
	nb_diff_free(&d);
	nbt_set(b, "t3.new.natural", "300");
	nbt_set(b, "t2_8.charges.fees", "18651.1");
	nbt_set(b, "t2_1.rules.repealed", "3");
	nbt_set(b, "text.s6", "改了");
	ck_assert_int_eq(nb_diff_reports(a, b, &d), 0);
	ck_assert_int_eq(d.n, 4);
	ck_assert_int_eq(d.item[0].is_text, 1);
	for (int k = 1; k < d.n; k++) {
		char id[200];
		nb_form_cell_id(b->form, d.item[k].b, id, sizeof id);
		nb_diff_change(a, d.item[k].a, b, d.item[k].b, ch, sizeof ch);
		if (!strcmp(id, "t3.new.natural"))
			ck_assert_str_eq(ch, "+41");
		else if (!strcmp(id, "t2_8.charges.fees"))
			ck_assert_str_eq(ch, "+0.04");
		else if (!strcmp(id, "t2_1.rules.repealed"))
			ck_assert_str_eq(ch, "空→3");
		else
			ck_abort_msg("unexpected %s", id);
	}
	nb_diff_free(&d);
	nb_report_free(b);
	nb_report_free(a);
}
END_TEST

START_TEST(test_diff_layouts_and_years)
{
	nb_report *a = nbt_load_file(NB_SRC("sample-data/city-2020.yaml"));
	nb_report *b = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	nb_diff d;
	ck_assert_int_eq(nb_diff_reports(a, b, &d), 0);
	ck_assert_int_gt(d.n, 0);
	ck_assert_int_gt(d.only_old + d.only_new, 0); /* ids the other layout lacks */
	nb_diff_free(&d);
	ck_assert(nb_diff_same_body(a, b));
	ck_assert(nb_diff_consecutive(a, b));
	ck_assert(!nb_diff_consecutive(b, a));
	nbt_set(b, "text.agency", "另一个单位");
	ck_assert(!nb_diff_consecutive(a, b));
	nb_report_free(b);
	nb_report_free(a);
}
END_TEST

Suite *NB_SUITE(review)(void)
{
	Suite *s = suite_create("review");
	TCase *tc = tcase_create("comments");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_add_test(tc, test_comments_round_trip);
	tcase_add_test(tc, test_comments_older_file);
	tcase_add_test(tc, test_comments_bad);
	suite_add_tcase(s, tc);
	tc = tcase_create("rollup");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_rollup_money_exact_10000);
	tcase_add_test(tc, test_rollup_units);
	tcase_add_test(tc, test_rollup_overflow);
	tcase_add_test(tc, test_rollup_layouts_and_blanks);
	suite_add_tcase(s, tc);
	tc = tcase_create("diff");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_add_test(tc, test_diff);
	tcase_add_test(tc, test_diff_layouts_and_years);
	suite_add_tcase(s, tc);
	return s;
}
