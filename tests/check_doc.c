/* The document layer without a terminal: every named result, the lock,
 * recovery from a journal, save and save-as. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "nbtest.h"
#include "core/sysio.h"
#include "doc/doc.h"
#include "io/report_yaml.h"

static char dir[256];
static char path[512];

static void up(void)
{
	size_t n;
	char *b;
	FILE *fp;

	nbt_forms_up();
	nbt_mkdtemp(dir, sizeof dir, "/tmp/nbdoc.XXXXXX");
	snprintf(path, sizeof path, "%s/r.yaml", dir);
	b = nbt_slurp(NB_SRC("sample-data/city-2021.yaml"), &n);
	fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(b, 1, n, fp), n);
	fclose(fp);
	free(b);
}

static void down(void)
{
	nbt_rm_tree(dir);
	nbt_forms_down();
}

static nb_doc *open_locked(const char *p)
{
	nb_doc *d;
	nb_err e;
	nb_lock_owner o;

	ck_assert_int_eq(nb_doc_open(p, NULL, &d, &e), NB_OK);
	ck_assert_int_eq(nb_doc_lock(d, &o, &e), NB_OK);
	ck_assert_int_eq(d->readonly, 0);
	return d;
}

static nb_value count(int64_t v)
{
	nb_value x = {1, 0, 0, v};
	return x;
}

START_TEST(open_results)
{
	nb_doc *d = (nb_doc *)1;
	nb_err e;
	char p[600];
	FILE *fp;

	snprintf(p, sizeof p, "%s/missing.yaml", dir);
	ck_assert_int_eq(nb_doc_open(p, NULL, &d, &e), NB_NOT_FOUND);
	ck_assert_ptr_null(d);
	ck_assert_int_eq(nb_doc_open(dir, NULL, &d, &e), NB_UNREADABLE);

	snprintf(p, sizeof p, "%s/damaged.yaml", dir);
	fp = fopen(p, "w");
	fputs("nianbao_report: 1\nform: gk2021\n[[[", fp);
	fclose(fp);
	ck_assert_int_eq(nb_doc_open(p, NULL, &d, &e), NB_DAMAGED);
	ck_assert_msg(strstr(e.msg, "damaged.yaml:") != NULL, "%s", e.msg);

	snprintf(p, sizeof p, "%s/big.yaml", dir);
	fp = fopen(p, "w");
	for (unsigned i = 0; i < NB_LIMIT_FILE_BYTES / 32; i++)
		fputs("# a comment line that pads the file past the limit of reports\n", fp);
	fclose(fp);
	ck_assert_int_eq(nb_doc_open(p, NULL, &d, &e), NB_TOO_BIG);
	ck_assert_msg(strstr(e.msg, "big.yaml:1:1:") != NULL, "%s", e.msg);

	ck_assert_int_eq(nb_doc_open(NB_SRC("tests/data/bad-version.yaml"), NULL, &d, &e),
			 NB_INVALID);
	ck_assert_int_eq(e.status, NB_INVALID);
}
END_TEST

START_TEST(readonly_until_locked)
{
	nb_doc *d;
	nb_err e;
	nb_value v = count(5);
	const nb_undo_rec *const *r;
	int n, cell;

	ck_assert_int_eq(nb_doc_open(path, NULL, &d, &e), NB_OK);
	ck_assert_int_eq(d->readonly, 1);
	cell = nbt_cell(d->form, "t3.new.natural");
	ck_assert_int_eq(nb_doc_set_cell(d, cell, &v), NB_READONLY_DOC);
	ck_assert_int_eq(nb_doc_set_text(d, nb_form_field(d->form, "s1"), "x"), NB_READONLY_DOC);
	ck_assert_int_eq(nb_doc_undo(d, 0, &r, &n), NB_READONLY_DOC);
	ck_assert_int_eq(nb_doc_save(d, NULL, 0, NULL, &e), NB_READONLY_DOC);
	nb_doc_close(d, 0);
}
END_TEST

START_TEST(change_results)
{
	nb_doc *d = open_locked(path);
	nb_value v = count(7);
	const nb_undo_rec *const *r;
	int n, cell = nbt_cell(d->form, "t3.new.natural");
	int total = nbt_cell(d->form, "t3.new.total");
	int64_t before = d->rep->cell[total].v;
	int64_t old = d->rep->cell[cell].v;

	ck_assert_int_eq(nb_doc_undo(d, 0, &r, &n), NB_NOTHING_TO_UNDO);
	ck_assert_int_eq(nb_doc_set_cell(d, total, &v), NB_COMPUTED);
	ck_assert_int_eq(nb_doc_set_cell(d, -1, &v), NB_NO_SUCH_CELL);
	ck_assert_int_eq(nb_doc_set_cell(d, d->form->ncell, &v), NB_NO_SUCH_CELL);
	ck_assert_int_eq(nb_doc_set_cell(d, cell, &v), NB_OK);
	ck_assert_int_eq(d->modified, 1);
	/* The total follows. */
	ck_assert_int_eq(d->rep->cell[total].v, before - old + 7);
	ck_assert_int_eq(nb_doc_set_text(d, nb_form_field(d->form, "s1"), "\xE4\xB8"),
			 NB_BAD_VALUE);
	ck_assert_int_eq(nb_doc_set_text(d, nb_form_field(d->form, "s1"), "新的总体情况"), NB_OK);
	ck_assert_int_eq(nb_doc_undo(d, 0, &r, &n), NB_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(r[0]->kind, NB_UNDO_TEXT);
	ck_assert_int_eq(nb_doc_undo(d, 0, &r, &n), NB_OK);
	ck_assert_int_eq(d->rep->cell[cell].v, old);
	ck_assert_int_eq(d->rep->cell[total].v, before);
	ck_assert_int_eq(nb_doc_undo(d, 1, &r, &n), NB_OK);
	ck_assert_int_eq(d->rep->cell[cell].v, 7);
	nb_doc_close(d, 0);
}
END_TEST

START_TEST(lock_results)
{
	nb_doc *a = open_locked(path), *b;
	nb_err e;
	nb_lock_owner o;
	nb_value v = count(3);

	ck_assert_int_eq(nb_doc_open(path, NULL, &b, &e), NB_OK);
	memset(&o, 0, sizeof o);
	ck_assert_int_eq(nb_doc_lock(b, &o, &e), NB_LOCKED);
	ck_assert_int_eq(o.pid, getpid());
	ck_assert_int_eq(o.stale, 0);
	ck_assert_int_eq(b->readonly, 1);
	/* b takes the lock over (as after the clerk's confirmation): a's
	 * save is then refused as LOCK_LOST until a agrees. */
	ck_assert_int_eq(nb_doc_steal_lock(b, &e), NB_OK);
	ck_assert_int_eq(nb_doc_set_cell(a, nbt_cell(a->form, "t3.new.natural"), &v), NB_OK);
	ck_assert_int_eq(nb_doc_save(a, NULL, 0, NULL, &e), NB_LOCK_LOST);
	ck_assert_int_eq(e.status, NB_LOCK_LOST);
	nb_doc_close(b, 0);
	nb_doc_close(a, 1);
}
END_TEST

START_TEST(save_results)
{
	nb_doc *d = open_locked(path);
	nb_err e;
	nb_value v = count(11);
	FILE *fp;
	char other[600], gone[600];
	int cell = nbt_cell(d->form, "t3.new.natural");

	ck_assert_int_eq(nb_doc_set_cell(d, cell, &v), NB_OK);
	/* Someone else writes the file: refused, then saved when agreed. */
	fp = fopen(path, "a");
	fputs("# another program was here\n", fp);
	fclose(fp);
	ck_assert_int_eq(nb_doc_save(d, NULL, 0, NULL, &e), NB_CHANGED_ON_DISK);
	ck_assert_int_eq(nb_doc_save(d, NULL, NB_SAVE_CHANGED_OK, NULL, &e), NB_OK);
	ck_assert_int_eq(d->modified, 0);
	/* Touched but the same bytes: not a change. */
	ck_assert_int_eq(utimes(path, NULL), 0);
	ck_assert_int_eq(nb_doc_save(d, NULL, 0, NULL, &e), NB_OK);
	/* A file without write permission. */
	ck_assert_int_eq(chmod(path, 0444), 0);
	ck_assert_int_eq(nb_doc_save(d, NULL, 0, NULL, &e), NB_READONLY_FILE);
	ck_assert_int_eq(nb_doc_save(d, NULL, NB_SAVE_READONLY_OK, NULL, &e), NB_OK);
	ck_assert_int_eq(chmod(path, 0644), 0);
	/* Save-as onto a file that exists, then into a folder that does not. */
	snprintf(other, sizeof other, "%s/other.yaml", dir);
	fp = fopen(other, "w");
	fputs("x\n", fp);
	fclose(fp);
	ck_assert_int_eq(nb_doc_save(d, other, 0, NULL, &e), NB_EXISTS);
	snprintf(gone, sizeof gone, "%s/no/such/dir.yaml", dir);
	ck_assert_int_eq(nb_doc_save(d, gone, 0, NULL, &e), NB_LOCK_FAILED);
	ck_assert_int_eq(nb_doc_save(d, gone, NB_SAVE_UNLOCKED_OK, NULL, &e), NB_SAVE_FAILED);
	ck_assert_int_eq(nb_doc_save(d, other, NB_SAVE_REPLACE_OK, NULL, &e), NB_OK);
	/* The document is now the other file, under its lock. */
	ck_assert_str_eq(d->path, other);
	nb_report *back = nbt_load_file(other);
	ck_assert_int_eq(back->cell[cell].v, 11);
	nb_report_free(back);
	nb_doc_close(d, 0);
}
END_TEST

START_TEST(save_as_locked_target)
{
	nb_doc *a = open_locked(path), *b;
	nb_err e;
	nb_lock_owner o;
	char copy[600];
	FILE *fp;

	snprintf(copy, sizeof copy, "%s/copy.yaml", dir);
	fp = fopen(copy, "w");
	fputs("x\n", fp);
	fclose(fp);
	ck_assert_int_eq(nb_doc_open(path, NULL, &b, &e), NB_OK);
	/* b is a reader; a holds copy.yaml's lock after saving as it. */
	ck_assert_int_eq(nb_doc_save(a, copy, NB_SAVE_REPLACE_OK, NULL, &e), NB_OK);
	memset(&o, 0, sizeof o);
	ck_assert_int_eq(nb_doc_save(b, copy, NB_SAVE_REPLACE_OK, &o, &e), NB_LOCKED);
	ck_assert_int_eq(o.pid, getpid());
	nb_doc_close(b, 0);
	nb_doc_close(a, 0);
}
END_TEST

/* A hang-up keeps the journal; the next open finds it and recovers every
 * change, in our own journal at once. */
START_TEST(journal_recovery)
{
	nb_doc *d = open_locked(path);
	nb_journal_info info;
	nb_err e;
	nb_value v = count(4242);
	int applied, failed, cell = nbt_cell(d->form, "t3.carried.natural");
	int s1 = nb_form_field(d->form, "s1");

	ck_assert_int_eq(nb_doc_set_cell(d, cell, &v), NB_OK);
	ck_assert_int_eq(nb_doc_set_text(d, s1, "断线前输入的文字"), NB_OK);
	ck_assert_int_eq(nb_doc_flush(d, nb_doc_now_ms(), 1), NB_OK);
	ck_assert(nb_doc_durable(d, nb_doc_now_ms()));
	nb_doc_close(d, 1);

	d = open_locked(path);
	ck_assert_int_ne(d->rep->cell[cell].v, 4242);
	ck_assert_int_eq(nb_doc_journal_probe(d, &info, &e), NB_JOURNAL_FOUND);
	ck_assert_int_ge(info.nrecords, 2);
	ck_assert(nb_doc_journal_same_base(d, &info));
	ck_assert_int_eq(nb_doc_recover(d, &applied, &failed, &e), NB_OK);
	ck_assert_int_eq(failed, 0);
	ck_assert_int_ge(applied, 2);
	ck_assert_int_eq(d->rep->cell[cell].v, 4242);
	ck_assert_str_eq(d->rep->text[s1], "断线前输入的文字");
	ck_assert_int_eq(d->modified, 1);
	/* A second crash loses nothing: our journal holds them already. */
	nb_doc_close(d, 1);
	d = open_locked(path);
	ck_assert_int_eq(nb_doc_journal_probe(d, &info, &e), NB_JOURNAL_FOUND);
	/* Set aside: kept under a new name, the report unchanged. */
	ck_assert_int_eq(nb_doc_journal_set_aside(d, &e), NB_OK);
	ck_assert(d->aside[0] != 0);
	ck_assert_int_eq(access(d->aside, F_OK), 0);
	ck_assert_int_eq(nb_doc_journal_probe(d, &info, &e), NB_OK);
	nb_doc_close(d, 0);
}
END_TEST

START_TEST(journal_damaged_and_discard)
{
	nb_doc *d = open_locked(path);
	nb_journal_info info;
	nb_err e;
	char *jp = nb_journal_path(path);
	FILE *fp = fopen(jp, "w");

	fputs("this is not a journal\n", fp);
	fclose(fp);
	ck_assert_int_eq(nb_doc_journal_probe(d, &info, &e), NB_JOURNAL_DAMAGED);
	ck_assert_int_eq(e.status, NB_JOURNAL_DAMAGED);
	ck_assert_int_eq(nb_doc_journal_discard(d, &e), NB_OK);
	ck_assert_int_ne(access(jp, F_OK), 0);
	ck_assert_int_eq(nb_doc_journal_probe(d, &info, &e), NB_OK);
	free(jp);
	nb_doc_close(d, 0);
}
END_TEST

START_TEST(create_carries_over)
{
	nb_doc *d;
	nb_err e;
	nb_report *last = nbt_load_file(NB_SRC("sample-data/city-2020.yaml"));
	char p[600];
	const nb_form *f = nbt_form("gk2021");

	snprintf(p, sizeof p, "%s/new.yaml", dir);
	ck_assert_int_eq(nb_doc_create(p, f, 99999, NULL, &d, &e), NB_BAD_YEAR);
	ck_assert_int_eq(nb_doc_create(p, f, 2021, last, &d, &e), NB_OK);
	ck_assert_int_eq(d->modified, 1);
	/* 二、上年结转 = last year's 四、结转下年度继续办理, column by column. */
	for (int c = 0; c < f->table[nb_form_table(f, "t3")].cols.nleaf; c++) {
		int cur = nb_form_cell(f, nb_form_table(f, "t3"), 1, c);
		int prev = nb_form_cell(last->form, nb_form_table(last->form, "t3"),
					last->form->table[nb_form_table(last->form, "t3")].rows.nleaf - 1, c);
		ck_assert_int_eq(d->rep->cell[cur].v, last->cell[prev].v);
	}
	ck_assert_str_eq(d->rep->text[nb_form_field(f, "agency")],
			 last->text[nb_form_field(last->form, "agency")]);
	ck_assert_str_eq(d->rep->text[nb_form_field(f, "year")], "2021");
	/* Not on disk until saved, and the save takes the lock first. */
	ck_assert_int_ne(access(p, F_OK), 0);
	ck_assert_int_eq(nb_doc_save(d, NULL, 0, NULL, &e), NB_READONLY_DOC);
	ck_assert_int_eq(nb_doc_lock(d, NULL, &e), NB_OK);
	ck_assert_int_eq(nb_doc_save(d, NULL, 0, NULL, &e), NB_OK);
	ck_assert_int_eq(access(p, F_OK), 0);
	nb_doc_close(d, 0);
	nb_report_free(last);
}
END_TEST

/* A process's start time is field 22 of /proc/PID/stat: it does not move
 * when the process grows (field 23, its size, does). */
START_TEST(proc_start_stable)
{
	unsigned long long a = 0, b = 0;
	char *big;

	ck_assert_int_eq(nb_proc_start(getpid(), &a), 0);
	big = malloc(64u << 20);
	ck_assert_ptr_nonnull(big);
	memset(big, 1, 64u << 20);
	ck_assert_int_eq(nb_proc_start(getpid(), &b), 0);
	free(big);
	ck_assert(a == b);
	ck_assert(a > 0);
}
END_TEST

START_TEST(more_results)
{
	nb_doc *d;
	nb_err e;
	nb_journal_info info;
	nb_lock_owner o;
	char p[600], *jp, *lp, *big;
	int changed;

	/* An unknown form. */
	ck_assert_int_eq(nb_doc_open(NB_SRC("tests/data/hostile/unknown-form.yaml"), NULL, &d, &e),
			 NB_NO_FORM);

	/* A FIFO at the journal's name: someone else's, never ours. */
	d = open_locked(path);
	jp = nb_journal_path(path);
	ck_assert_int_eq(mkfifo(jp, 0600), 0);
	ck_assert_int_eq(nb_doc_journal_probe(d, &info, &e), NB_JOURNAL_FOREIGN);
	ck_assert_int_eq(info.not_regular, 1);
	/* Set aside or discard leave it where it is. */
	ck_assert_int_eq(nb_doc_journal_discard(d, &e), NB_OK);
	ck_assert_int_eq(access(jp, F_OK), 0);
	unlink(jp);
	free(jp);

	/* A change the journal cannot take is never reported durable. */
	big = malloc((1u << 20) + 100);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', (1u << 20) + 99);
	big[(1u << 20) + 99] = 0;
	ck_assert_int_eq(nb_doc_set_text(d, nb_form_field(d->form, "s1"), big), NB_OK);
	free(big);
	ck_assert_int_eq(nb_doc_flush(d, nb_doc_now_ms(), 1), NB_JOURNAL_FAILED);
	ck_assert(!nb_doc_durable(d, nb_doc_now_ms()));
	ck_assert_int_eq(nb_doc_recompute(d, &changed), NB_OK);
	nb_doc_discard(d);
	nb_doc_close(d, 0);

	/* Save-as where no lock can be taken: refused unless agreed. */
	d = open_locked(path);
	snprintf(p, sizeof p, "%s/s.yaml", dir);
	lp = nb_lock_path(p);
	ck_assert_int_eq(mkfifo(lp, 0600), 0);
	ck_assert_int_eq(nb_doc_save(d, p, 0, &o, &e), NB_LOCK_FAILED);
	ck_assert_int_ne(access(p, F_OK), 0);
	ck_assert_int_eq(nb_doc_save(d, p, NB_SAVE_UNLOCKED_OK, &o, &e), NB_OK);
	unlink(lp);
	free(lp);
	nb_doc_close(d, 0);
}
END_TEST

/* A journal left by an earlier run beside a file written anew (new
 * --force, sum, import) is not ours to delete: it survives the save. */
START_TEST(save_keeps_others_journal)
{
	nb_doc *d;
	nb_err e;
	nb_value v = count(5);
	char *jp = nb_journal_path(path);
	FILE *fp = fopen(jp, "w");

	fputs("NBJ1\n", fp);
	fclose(fp);
	ck_assert_int_eq(nb_doc_create(path, nbt_form("gk2021"), 2021, NULL, &d, &e), NB_OK);
	ck_assert_int_eq(nb_doc_lock(d, NULL, &e), NB_OK);
	ck_assert_int_eq(nb_doc_set_cell(d, nbt_cell(d->form, "t3.new.natural"), &v), NB_OK);
	ck_assert_int_eq(nb_doc_save(d, NULL, NB_SAVE_CHANGED_OK, NULL, &e), NB_OK);
	nb_doc_close(d, 0);
	ck_assert_int_eq(access(jp, F_OK), 0);
	free(jp);
}
END_TEST

START_TEST(status_table)
{
	for (int s = 0; s < NB_STATUS_COUNT; s++) {
		ck_assert(nb_status_text((nb_status)s)[0] != 0);
		ck_assert(nb_status_name((nb_status)s)[0] != 0);
	}
	ck_assert_str_eq(nb_status_name(NB_LOCK_LOST), "LOCK_LOST");
	ck_assert_str_eq(nb_status_name(NB_STATUS_COUNT), "UNKNOWN");
}
END_TEST

Suite *NB_SUITE(doc)(void)
{
	Suite *s = suite_create("doc");
	TCase *tc = tcase_create("doc");
	tcase_add_checked_fixture(tc, up, down);
	tcase_add_test(tc, open_results);
	tcase_add_test(tc, readonly_until_locked);
	tcase_add_test(tc, change_results);
	tcase_add_test(tc, lock_results);
	tcase_add_test(tc, save_results);
	tcase_add_test(tc, save_as_locked_target);
	tcase_add_test(tc, journal_recovery);
	tcase_add_test(tc, journal_damaged_and_discard);
	tcase_add_test(tc, create_carries_over);
	tcase_add_test(tc, status_table);
	tcase_add_test(tc, more_results);
	tcase_add_test(tc, save_keeps_others_journal);
	tcase_add_test(tc, proc_start_stable);
	suite_add_tcase(s, tc);
	return s;
}
