/* The reviewer's queue (model/queue, doc/queue_load), search in a report
 * (model/search) and comments through the document (doc_review, resolve
 * with undo and journal). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "nbtest.h"
#include "doc/doc.h"
#include "doc/queue_load.h"
#include "io/report_yaml.h"
#include "model/comments.h"
#include "model/queue.h"
#include "model/search.h"

static char dir[256];

static void copy(const char *src, const char *name)
{
	char p[512];
	size_t n;
	char full[512];
	char *b;
	FILE *fp;

	snprintf(full, sizeof full, "%s/%s", NB_SRCDIR, src);
	b = nbt_slurp(full, &n);

	snprintf(p, sizeof p, "%s/%s", dir, name);
	fp = fopen(p, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(b, 1, n, fp), n);
	fclose(fp);
	free(b);
}

static void up(void)
{
	nbt_forms_up();
	nbt_mkdtemp(dir, sizeof dir, "/tmp/nbqueue.XXXXXX");
}

static void down(void)
{
	nbt_rm_tree(dir);
	nbt_forms_down();
}

static void loaded_blanks(nb_queue *q, const char *path, const char *agency, int year,
			  int errors, int blanks)
{
	int i = nb_queue_add(q, path);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(nb_queue_set_loaded(q, i, agency, year, "gk2021", errors, 0, blanks, 0, -1),
			 0);
	ck_assert_int_eq(q->e[i].blanks, blanks);
}

static void loaded(nb_queue *q, const char *path, const char *agency, int year, int errors)
{
	loaded_blanks(q, path, agency, year, errors, 0);
}

START_TEST(degenerate)
{
	nb_queue q;
	char *k;

	nb_queue_init(&q);
	ck_assert_int_eq(nb_queue_order(&q), 0);
	ck_assert_int_eq(q.norder, 0);
	ck_assert_int_eq(nb_queue_pair(&q), 0);
	ck_assert_int_eq(nb_queue_find(&q, "x"), -1);
	ck_assert_int_eq(nb_queue_pos(&q, 0), -1);
	k = nb_queue_body_key("");
	ck_assert_str_eq(k, "");
	free(k);
	/* ASCII and full-width spaces do not make another body. */
	k = nb_queue_body_key(" 市\xe3\x80\x80教育局 \t");
	ck_assert_str_eq(k, "市教育局");
	free(k);
	nb_queue_free(&q);
}
END_TEST

START_TEST(same_body_by_agency_not_file)
{
	nb_queue q;

	nb_queue_init(&q);
	loaded(&q, "a/2021.yaml", "市教育局", 2021, 0);      /* 0 */
	loaded(&q, "b/whatever.yaml", "市 教育局", 2020, 0); /* 1: same body */
	loaded(&q, "a/2020.yaml", "市民政局", 2020, 0);      /* 2: same name, other body */
	loaded(&q, "c.yaml", "市民政局", 2018, 0);           /* 3 */
	loaded(&q, "d.yaml", "市民政局", 2019, 0);           /* 4 */
	loaded(&q, "e.yaml", "市民政局", 2019, 0);           /* 5: a second 2019 */
	ck_assert_int_eq(nb_queue_pair(&q), 4);
	ck_assert_int_eq(q.e[0].last, 1);
	ck_assert_int_eq(q.e[1].last, -1);
	ck_assert_int_eq(q.e[2].last, 4); /* the first of the two, in file order */
	ck_assert_int_eq(q.e[3].last, -1);
	ck_assert_int_eq(q.e[4].last, 3);
	ck_assert_int_eq(q.e[5].last, 3);
	ck_assert_int_eq(nb_queue_pair(&q), 0); /* nothing changed */
	/* Last year's file changes: who counted against it is read again. */
	q.e[0].checked_with = 1;
	nb_queue_set_pending(&q, 1);
	ck_assert_int_eq(q.e[0].state, NB_QE_PENDING);
	ck_assert_int_eq(q.e[2].state, NB_QE_LOADED);
	nb_queue_free(&q);
}
END_TEST

START_TEST(sort_and_filter)
{
	nb_queue q;

	nb_queue_init(&q);
	loaded(&q, "1.yaml", "乙局", 2020, 0);
	loaded(&q, "2.yaml", "甲局", 2021, 3);
	nb_queue_add(&q, "3.yaml"); /* still pending */
	loaded(&q, "4.yaml", "丙局", 2019, 7);
	q.sort = NB_QSORT_ERRORS;
	nb_queue_order(&q);
	ck_assert_int_eq(q.norder, 4);
	ck_assert_int_eq(q.order[0], 3);
	ck_assert_int_eq(q.order[1], 1);
	ck_assert_int_eq(q.order[2], 0);
	ck_assert_int_eq(q.order[3], 2); /* unknown ones last */
	q.sort = NB_QSORT_YEAR;
	nb_queue_order(&q);
	ck_assert_int_eq(q.order[0], 1);
	ck_assert_int_eq(q.order[2], 3);
	q.sort = NB_QSORT_AGENCY; /* by code points: 丙 4E19 < 乙 4E59 < 甲 7532 */
	nb_queue_order(&q);
	ck_assert_int_eq(q.order[0], 3);
	ck_assert_int_eq(q.order[1], 0);
	ck_assert_int_eq(q.order[2], 1);
	q.only_errors = 1;
	nb_queue_order(&q);
	ck_assert_int_eq(q.norder, 3); /* two with errors, one not known yet */
	ck_assert_int_eq(nb_queue_pos(&q, 0), -1);
	nb_queue_set_bad(&q, 2, "damaged");
	nb_queue_order(&q);
	ck_assert_int_eq(q.norder, 2);
	ck_assert_int_eq(nb_queue_with_errors(&q), 2);
	nb_queue_free(&q);
}
END_TEST

/* Unfinished cells: sorted most first, ties by agency, unknown ones last;
 * a report that cannot be read any more has none. */
START_TEST(sort_by_blanks)
{
	nb_queue q;

	nb_queue_init(&q);
	loaded_blanks(&q, "1.yaml", "乙局", 2020, 0, 5);
	loaded_blanks(&q, "2.yaml", "甲局", 2021, 3, 0);
	nb_queue_add(&q, "3.yaml");
	loaded_blanks(&q, "4.yaml", "丙局", 2019, 7, 40);
	loaded_blanks(&q, "5.yaml", "丁局", 2019, 0, 5); /* 丁 4E01 < 乙 4E59 */
	q.sort = NB_QSORT_BLANKS;
	nb_queue_order(&q);
	ck_assert_int_eq(q.norder, 5);
	ck_assert_int_eq(q.order[0], 3);
	ck_assert_int_eq(q.order[1], 4);
	ck_assert_int_eq(q.order[2], 0);
	ck_assert_int_eq(q.order[3], 1);
	ck_assert_int_eq(q.order[4], 2);
	nb_queue_set_bad(&q, 3, "damaged");
	ck_assert_int_eq(q.e[3].blanks, 0);
	nb_queue_free(&q);
}
END_TEST

/* The loader counts the blank input cells: the totals computed from them
 * are not more cells to fill in. */
START_TEST(load_counts_blanks)
{
	nb_queue q;
	nb_doc *d;
	nb_err e;
	nb_lock_owner o;
	nb_value blank = {0, 0, 0, 0};
	char p[512];
	int full, part;
	static const char *const clear[] = {
		"t3.new.natural", "t3.carried.natural", "t4.cases.r_upheld"
	};

	copy("sample-data/city-2021.yaml", "a-full.yaml");
	copy("sample-data/city-2021.yaml", "b-part.yaml");
	snprintf(p, sizeof p, "%s/b-part.yaml", dir);
	ck_assert_int_eq(nb_doc_open(p, NULL, &d, &e), NB_OK);
	ck_assert_int_eq(nb_doc_lock(d, &o, &e), NB_OK);
	for (size_t k = 0; k < sizeof clear / sizeof clear[0]; k++) {
		int c = nb_form_cell_by_id(d->form, clear[k]);
		ck_assert_msg(c >= 0, "%s", clear[k]);
		ck_assert_int_eq(nb_doc_set_cell(d, c, &blank), NB_OK);
	}
	ck_assert_int_eq(nb_doc_save(d, NULL, 0, &o, &e), NB_OK);
	nb_doc_close(d, 0);

	nb_queue_init(&q);
	ck_assert_int_eq(nb_queue_scan_dir(&q, dir, &e), 2);
	while (nb_queue_step(&q, 1))
		;
	snprintf(p, sizeof p, "%s/a-full.yaml", dir);
	full = nb_queue_find(&q, p);
	snprintf(p, sizeof p, "%s/b-part.yaml", dir);
	part = nb_queue_find(&q, p);
	ck_assert_int_eq(q.e[full].state, NB_QE_LOADED);
	ck_assert_int_eq(q.e[part].state, NB_QE_LOADED);
	ck_assert_int_eq(q.e[full].blanks, 0); /* the sample is filled in */
	ck_assert_int_eq(q.e[part].blanks, 3);
	nb_queue_free(&q);
}
END_TEST

/* A 2021 report whose carried-over figure disagrees with the 2020 report
 * of the same body, under a file name unlike the other's. */
static void write_mismatch(const char *name)
{
	char p[512];
	nb_doc *d;
	nb_err e;
	nb_lock_owner o;
	nb_value v = {1, 0, 0, 99};

	copy("sample-data/city-2021.yaml", name);
	snprintf(p, sizeof p, "%s/%s", dir, name);
	ck_assert_int_eq(nb_doc_open(p, NULL, &d, &e), NB_OK);
	ck_assert_int_eq(nb_doc_lock(d, &o, &e), NB_OK);
	ck_assert_int_eq(nb_doc_set_cell(d, nb_form_cell_by_id(d->form, "t3.carried.natural"), &v), NB_OK);
	ck_assert_int_eq(nb_doc_save(d, NULL, 0, &o, &e), NB_OK);
	nb_doc_close(d, 0);
}

START_TEST(load_dir)
{
	nb_queue q;
	nb_err e;
	char p[512];
	int i20, i21, ibad, idam, wlast;
	FILE *fp;

	copy("sample-data/city-2020.yaml", "a-2020.yaml");
	write_mismatch("z-current.yaml");
	copy("sample-data/city-2021-bad.yaml", "m-bad.yaml");
	snprintf(p, sizeof p, "%s/damaged.yaml", dir);
	fp = fopen(p, "w");
	fputs("form: [\n", fp);
	fclose(fp);
	snprintf(p, sizeof p, "%s/.hidden.yaml", dir);
	fp = fopen(p, "w");
	fclose(fp);
	snprintf(p, sizeof p, "%s/notes.txt", dir);
	fp = fopen(p, "w");
	fclose(fp);

	nb_queue_init(&q);
	ck_assert_int_eq(nb_queue_scan_dir(&q, dir, &e), 4);
	ck_assert_int_eq(q.n, 4);
	ck_assert_int_eq(q.norder, 4); /* shown before anything is read */
	ck_assert_int_eq(nb_queue_scan_dir(&q, dir, &e), 0);
	while (nb_queue_step(&q, 1))
		;
	snprintf(p, sizeof p, "%s/a-2020.yaml", dir);
	i20 = nb_queue_find(&q, p);
	snprintf(p, sizeof p, "%s/z-current.yaml", dir);
	i21 = nb_queue_find(&q, p);
	snprintf(p, sizeof p, "%s/m-bad.yaml", dir);
	ibad = nb_queue_find(&q, p);
	snprintf(p, sizeof p, "%s/damaged.yaml", dir);
	idam = nb_queue_find(&q, p);
	ck_assert_int_eq(q.e[idam].state, NB_QE_BAD);
	ck_assert_ptr_nonnull(strstr(q.e[idam].why, "damaged.yaml:"));
	ck_assert_int_eq(q.e[i20].state, NB_QE_LOADED);
	ck_assert_str_eq(q.e[i20].agency, "岚川市人民政府办公室");
	ck_assert_int_eq(q.e[i20].year, 2020);
	ck_assert_str_eq(q.e[i20].form, "gk2019");
	/* Paired by agency and year, and checked against last year: the
	 * carried-over figure that disagrees is a warning only then. */
	ck_assert_int_eq(q.e[i21].last, i20);
	ck_assert_int_eq(q.e[i21].checked_with, i20);
	ck_assert_int_ge(q.e[i21].warnings, 1);
	wlast = q.e[i21].warnings;
	ck_assert_int_eq(q.e[ibad].last, i20);
	ck_assert_int_eq(q.e[ibad].errors, 8);
	ck_assert_int_eq(nb_queue_with_errors(&q), 2);

	/* A changed file is read again; a removed one is gone. */
	ck_assert_int_eq(nb_queue_stat(&q), 0);
	snprintf(p, sizeof p, "%s/m-bad.yaml", dir);
	ck_assert_int_eq(unlink(p), 0);
	copy("sample-data/city-2021.yaml", "m-bad.yaml");
	ck_assert_int_ge(nb_queue_stat(&q), 1);
	ck_assert_int_eq(q.e[ibad].state, NB_QE_PENDING);
	while (nb_queue_step(&q, 4))
		;
	ck_assert_int_eq(q.e[ibad].errors, 0);
	snprintf(p, sizeof p, "%s/a-2020.yaml", dir);
	ck_assert_int_eq(unlink(p), 0);
	ck_assert_int_eq(nb_queue_scan_dir(&q, dir, &e), 1);
	ck_assert_int_eq(q.e[i20].state, NB_QE_GONE);
	ck_assert_int_eq(q.e[i21].state, NB_QE_PENDING); /* its last year went */
	while (nb_queue_step(&q, 4))
		;
	ck_assert_int_eq(q.e[i21].last, -1);
	ck_assert_int_lt(q.e[i21].warnings, wlast); /* the carry-over one went */
	nb_queue_free(&q);
}
END_TEST

START_TEST(search_report)
{
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	nb_hit *h;
	int n, c;

	ck_assert_int_eq(nb_search(r, "", &h), 0);
	ck_assert_int_eq(nb_search(r, "没有这样的文字", &h), 0);
	free(h);
	/* A row label: the row's first cell once, not each of its cells. */
	n = nb_search(r, "上年结转政府信息公开申请数量", &h);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(h[0].cell, nb_form_cell_by_id(r->form, "t3.carried.natural"));
	free(h);
	/* A number: the cells showing it. */
	n = nb_search(r, "307", &h);
	ck_assert_int_ge(n, 1);
	c = nb_form_cell_by_id(r->form, "t3.new.total");
	{
		int found = 0;
		for (int i = 0; i < n; i++)
			found |= h[i].cell == c;
		ck_assert(found);
	}
	free(h);
	/* Chinese text of the cover and the prose. */
	n = nb_search(r, "岚川市人民政府办公室", &h);
	ck_assert_int_ge(n, 1);
	ck_assert_int_eq(h[0].field, nb_form_field(r->form, "agency"));
	ck_assert_int_eq(nb_search_next(r, h, n, -1, -1, 0), 0);
	ck_assert_int_eq(nb_search_next(r, h, n, -1, h[0].field, 1), n > 1 ? 1 : 0);
	ck_assert_int_eq(nb_search_next(r, h, n, -1, h[0].field, -1), n - 1);
	free(h);
	nb_report_free(r);
}
END_TEST

START_TEST(comments_through_the_document)
{
	char p[512], jp[600];
	nb_doc *d, *clerk;
	nb_err e;
	nb_lock_owner o;
	nb_report *r;
	const nb_undo_rec *const *recs;
	int n, applied, failed;
	int64_t before;

	copy("sample-data/city-2021.yaml", "r.yaml");
	snprintf(p, sizeof p, "%s/r.yaml", dir);
	ck_assert_int_eq(nb_doc_add_comment(p, NULL, "t3.new.total", "", "审核员", &o, &e),
			 NB_BAD_VALUE);
	ck_assert_int_eq(nb_doc_add_comment(p, "0000", "t3.new.total", "请核对", "审核员", &o, &e),
			 NB_CHANGED_ON_DISK);
	/* The clerk has it open: refused, holder named, file untouched. */
	ck_assert_int_eq(nb_doc_open(p, NULL, &clerk, &e), NB_OK);
	ck_assert_int_eq(nb_doc_lock(clerk, &o, &e), NB_OK);
	memset(&o, 0, sizeof o);
	ck_assert_int_eq(nb_doc_add_comment(p, clerk->hash, "t3.new.total", "请核对", "审核员", &o, &e),
			 NB_LOCKED);
	ck_assert(o.user[0] != 0);
	nb_doc_close(clerk, 0);
	ck_assert_int_eq(nb_doc_add_comment(p, NULL, "t3.new.total", "请核对总计", "审核员", &o, &e),
			 NB_OK);
	r = nbt_load_file(p);
	ck_assert_int_eq(r->ncomment, 1);
	ck_assert_str_eq(r->comment[0].text, "请核对总计");
	ck_assert_str_eq(r->comment[0].author, "审核员");
	nb_report_free(r);

	/* The clerk resolves it: one undo step, journalled, a figure never. */
	ck_assert_int_eq(nb_doc_open(p, NULL, &d, &e), NB_OK);
	ck_assert_int_eq(nb_doc_resolve_comment(d, 0, 1), NB_READONLY_DOC);
	ck_assert_int_eq(nb_doc_lock(d, &o, &e), NB_OK);
	ck_assert_int_eq(nb_doc_resolve_comment(d, 1, 1), NB_NO_SUCH_CELL);
	before = d->rep->cell[nb_form_cell_by_id(d->form, "t3.new.total")].v;
	ck_assert_int_eq(nb_doc_resolve_comment(d, 0, 1), NB_OK);
	ck_assert_int_eq(d->rep->comment[0].resolved, 1);
	ck_assert_int_eq(nb_comments_open(d->rep), 0);
	ck_assert_int_eq(nb_doc_undo(d, 0, &recs, &n), NB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(d->rep->comment[0].resolved, 0);
	ck_assert_int_eq(nb_doc_undo(d, 1, &recs, &n), NB_OK);
	ck_assert_int_eq(d->rep->comment[0].resolved, 1);
	ck_assert_int_eq(d->rep->cell[nb_form_cell_by_id(d->form, "t3.new.total")].v, before);
	ck_assert_int_eq(nb_doc_flush(d, nb_doc_now_ms(), 1), NB_OK);
	nb_doc_close(d, 1); /* as after a hang-up: the journal stays */
	snprintf(jp, sizeof jp, "%s/.r.yaml.nbjournal", dir);
	ck_assert_int_eq(access(jp, F_OK), 0);
	/* A reviewer may not write over the clerk's unsaved work. */
	ck_assert_int_eq(nb_doc_add_comment(p, NULL, "report", "再看", "审核员", &o, &e),
			 NB_JOURNAL_FOUND);
	/* Recovery gives the mark back. */
	ck_assert_int_eq(nb_doc_open(p, NULL, &d, &e), NB_OK);
	ck_assert_int_eq(nb_doc_lock(d, &o, &e), NB_OK);
	ck_assert_int_eq(d->rep->comment[0].resolved, 0);
	ck_assert_int_eq(nb_doc_recover(d, &applied, &failed, &e), NB_OK);
	ck_assert_int_eq(failed, 0);
	ck_assert_int_eq(d->rep->comment[0].resolved, 1);
	ck_assert_int_eq(nb_doc_save(d, NULL, 0, &o, &e), NB_OK);
	nb_doc_close(d, 0);
	r = nbt_load_file(p);
	ck_assert_int_eq(r->comment[0].resolved, 1);
	nb_report_free(r);
}
END_TEST

Suite *NB_SUITE(queue)(void)
{
	Suite *s = suite_create("queue");
	TCase *tc = tcase_create("queue");
	tcase_add_checked_fixture(tc, up, down);
	tcase_add_test(tc, degenerate);
	tcase_add_test(tc, same_body_by_agency_not_file);
	tcase_add_test(tc, sort_and_filter);
	tcase_add_test(tc, sort_by_blanks);
	tcase_add_test(tc, load_counts_blanks);
	tcase_add_test(tc, load_dir);
	tcase_add_test(tc, search_report);
	tcase_add_test(tc, comments_through_the_document);
	suite_add_tcase(s, tc);
	return s;
}
