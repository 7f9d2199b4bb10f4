#define _GNU_SOURCE /* renameat2 */
/* See doc.h. Decisions that could lose work (restore or drop a journal,
 * overwrite a file changed on disk or taken over) are refused with a named
 * status until the front end comes back with the clerk's answer. */
#include "doc/doc.h"
#include "model/comments.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/sysio.h"
#include "core/utf8.h"
#include "io/report_yaml.h"
#include "io/savefile.h"

#define UNDO_MAX 10000

int64_t nb_doc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A report file without write permission (chmod a-w, or another owner's):
 * a save would replace it all the same, the directory being writable, so
 * the front end is told and the clerk asked. Mode bits count for root too,
 * who passes every access check. */
static int file_readonly(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	if ((st.st_mode & 0222) == 0)
		return 1;
	return faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) < 0 && errno == EACCES;
}

static nb_doc *doc_alloc(const char *path)
{
	nb_doc *d = calloc(1, sizeof *d);

	if (!d)
		return NULL;
	d->path = strdup(path);
	d->undo = nb_undo_new(UNDO_MAX);
	if (!d->path || !d->undo) {
		free(d->path);
		nb_undo_free(d->undo);
		free(d);
		return NULL;
	}
	d->readonly = 1;
	return d;
}

static void doc_free(nb_doc *d)
{
	if (!d)
		return;
	nb_engine_free(d->eng);
	nb_report_free(d->rep);
	nb_undo_free(d->undo);
	free(d->path);
	free(d);
}

static nb_status load_status(nb_load_status st)
{
	switch (st) {
	case NB_LOAD_OK: return NB_OK;
	case NB_LOAD_IO: return NB_UNREADABLE;
	case NB_LOAD_DAMAGED: return NB_DAMAGED;
	case NB_LOAD_FORM: return NB_NO_FORM;
	default: return NB_INVALID;
	}
}

nb_status nb_doc_open(const char *path, const nb_report *last, nb_doc **out,
		      nb_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	nb_load_status ls;
	nb_doc *d;

	*out = NULL;
	if (!(d = doc_alloc(path)))
		return nb_fail(err, NB_NOMEM, "%s: %s", path, nb_status_text(NB_NOMEM));
	char shown[512];

	nb_clean_name(shown, sizeof shown, path);
	if (stat(path, &d->st) < 0) {
		int e = errno;
		doc_free(d);
		/* Only "no such file" means absent: EACCES on a planted link,
		 * ELOOP, ENOTDIR are refusals, never a new report. */
		if (e == ENOENT)
			return nb_fail(err, NB_NOT_FOUND, "%s: %s", shown,
				       nb_status_text(NB_NOT_FOUND));
		return nb_fail(err, NB_UNREADABLE, "%s: 无法打开：%s", shown, strerror(e));
	}
	if (nb_read_file(path, NB_LIMIT_FILE_BYTES, &buf, &len) < 0) {
		int e = errno;
		doc_free(d);
		if (e == EFBIG)
			return nb_fail(err, NB_TOO_BIG, "%s:1:1: 文件过大（上限 %u 字节），不是年报文件",
				       shown, NB_LIMIT_FILE_BYTES);
		return nb_fail(err, NB_UNREADABLE, "%s: 无法读取：%s", shown, strerror(e));
	}
	d->rep = nb_report_load_mem(buf, len, path, err, &ls);
	if (!d->rep) {
		free(buf);
		doc_free(d);
		if (err) {
			/* File contents are neutralised already; the name too. */
			char m[sizeof err->msg];
			nb_clean_name(m, sizeof m, err->msg);
			snprintf(err->msg, sizeof err->msg, "%s", m);
			err->status = load_status(ls);
		}
		return load_status(ls);
	}
	nb_hash_buf(buf, len, d->hash);
	free(buf);
	d->exists = 1;
	d->ro_file = file_readonly(path);
	d->form = d->rep->form;
	d->last = last;
	if (!(d->eng = nb_engine_new(d->rep, last))) {
		doc_free(d);
		return nb_fail(err, NB_NOMEM, "%s: %s", path, nb_status_text(NB_NOMEM));
	}
	nb_engine_check_all(d->eng);
	*out = d;
	return NB_OK;
}

/* Fill cells that rules tie to last year alone (上年结转 = 上年 结转下年度继续办理,
 * 2019 上一年项目数量 = 上年 上一年项目数量 + 上年 本年增/减). */
static void carry_over(nb_report *r, const nb_report *last)
{
	const nb_form *f = r->form;
	const nb_deps *dp = f->deps;

	for (int i = 0; i < dp->ninst; i++) {
		const nb_inst *in = &dp->inst[i];
		const nb_rule *ru = &f->rule[in->rule];
		/* An inequality that reads last year fills nothing. */
		int only_last = ru->rel == NB_REL_EQ && ru->needs_last && ru->nlhs == 1 &&
				!ru->lhs[0].last;
		for (int k = 0; only_last && k < ru->nrhs; k++)
			only_last = ru->rhs[k].last;
		if (!only_last || in->ncells != 1)
			continue;
		nb_sum s = {0, 0, 0, 0};
		for (int k = 0; k < ru->nrhs; k++)
			nb_term_sum(f, ru, in->bind, &ru->rhs[k], last, &s);
		if (!s.missing && !s.ovf && s.any && s.v >= 0) {
			nb_value v = {1, 0, 0, s.v};
			r->cell[in->cells[0]] = v;
		}
	}
}

/* The cover fields that stay from year to year: the agency, its contacts
 * and website. Year, title and period belong to one year only. */
static void carry_cover(nb_report *r, const nb_report *last)
{
	const nb_form *f = r->form;

	for (int k = 0; k < f->nfield; k++) {
		const nb_field *fd = &f->field[k];
		int lf = nb_form_field(last->form, fd->id), skipit = fd->section >= 0;
		skipit |= k == nb_form_field_role(f, NB_ROLE_YEAR) ||
			  k == nb_form_field_role(f, NB_ROLE_TITLE) ||
			  k == nb_form_field_role(f, NB_ROLE_PERIOD);
		if (lf >= 0 && !skipit && last->form->field[lf].section < 0)
			nb_report_set_text(r, k, last->text[lf], strlen(last->text[lf]));
	}
}

nb_status nb_doc_create(const char *path, const nb_form *f, int year,
			const nb_report *from, nb_doc **out, nb_err *err)
{
	nb_doc *d;

	*out = NULL;
	if (!(d = doc_alloc(path)) || !(d->rep = nb_report_new(f))) {
		doc_free(d);
		return nb_fail(err, NB_NOMEM, "%s: %s", path, nb_status_text(NB_NOMEM));
	}
	d->form = f;
	if (year) {
		char y[16];
		int yf = nb_form_field_role(f, NB_ROLE_YEAR);
		snprintf(y, sizeof y, "%d", year);
		/* A form without a year field simply has none to fill. */
		if (yf >= 0 && nb_report_set_text(d->rep, yf, y, strlen(y)) < 0) {
			doc_free(d);
			return nb_fail(err, NB_BAD_YEAR, "%d: %s", year, nb_status_text(NB_BAD_YEAR));
		}
	}
	if (from) {
		carry_cover(d->rep, from);
		carry_over(d->rep, from);
	}
	d->last = from;
	if (!(d->eng = nb_engine_new(d->rep, from))) {
		doc_free(d);
		return nb_fail(err, NB_NOMEM, "%s: %s", path, nb_status_text(NB_NOMEM));
	}
	nb_engine_derive_all(d->eng);
	nb_engine_check_all(d->eng);
	d->modified = 1; /* not on disk yet */
	*out = d;
	return NB_OK;
}

nb_status nb_doc_adopt(const char *path, nb_report *rep, const nb_report *last,
		       nb_doc **out, nb_err *err)
{
	nb_doc *d;

	*out = NULL;
	if (!(d = doc_alloc(path))) {
		nb_report_free(rep);
		return nb_fail(err, NB_NOMEM, "%s: %s", path, nb_status_text(NB_NOMEM));
	}
	d->rep = rep;
	d->form = rep->form;
	d->last = last;
	if (!(d->eng = nb_engine_new(d->rep, last))) {
		doc_free(d);
		return nb_fail(err, NB_NOMEM, "%s: %s", path, nb_status_text(NB_NOMEM));
	}
	d->modified = 1; /* not on disk yet */
	*out = d;
	return NB_OK;
}

static nb_status lock_result(int r, const char *why, nb_err *err)
{
	if (r == 0)
		return NB_OK;
	if (r > 0)
		return nb_fail(err, NB_LOCKED, "%s", nb_status_text(NB_LOCKED));
	return nb_fail(err, NB_LOCK_FAILED, "%s", why);
}

nb_status nb_doc_lock(nb_doc *d, nb_lock_owner *holder, nb_err *err)
{
	char why[256] = "";
	nb_lock_owner o;
	nb_status st;

	memset(&o, 0, sizeof o);
	st = lock_result(nb_lock_take(d->path, &d->lock, &o, why, sizeof why), why, err);
	if (holder)
		*holder = o;
	if (st == NB_OK) {
		d->readonly = 0;
		/* Holding the lock, every temporary file of ours there is stale. */
		nb_save_sweep(d->path);
	}
	return st;
}

nb_status nb_doc_steal_lock(nb_doc *d, nb_err *err)
{
	char why[256] = "";

	if (nb_lock_steal(d->path, &d->lock, why, sizeof why) < 0)
		return nb_fail(err, NB_LOCK_FAILED, "%s", why);
	d->readonly = 0;
	nb_save_sweep(d->path);
	return NB_OK;
}

void nb_doc_edit_unlocked(nb_doc *d)
{
	d->readonly = 0;
}

/* ---- journals ---- */

static int count_rec(const char *key, const char *val, size_t vlen, void *ctx)
{
	(void)key; (void)val; (void)vlen; (void)ctx;
	return 0;
}

/* Keep an old journal under a new name, never replacing anything: a
 * journal set aside twice in one second gets "-2", "-3"... */
static nb_status set_aside(nb_doc *d, const char *jp, nb_err *err)
{
	char ts[32] = "old";
	time_t now = time(NULL);
	struct tm tm;
	int e = 0;

	if (localtime_r(&now, &tm))
		strftime(ts, sizeof ts, "%Y%m%d-%H%M%S", &tm);
	for (int i = 1; i < 100; i++) {
		if (i == 1)
			snprintf(d->aside, sizeof d->aside, "%s.%s", jp, ts);
		else
			snprintf(d->aside, sizeof d->aside, "%s.%s-%d", jp, ts, i);
		if (link(jp, d->aside) == 0) {
			unlink(jp);
			return NB_OK;
		}
		e = errno;
		if (e == EEXIST)
			continue;
		/* No hard links here (some shared file systems): rename, but
		 * only onto a name that is free, atomically where the kernel
		 * can (RENAME_NOREPLACE), else after a look. */
		if (renameat2(AT_FDCWD, jp, AT_FDCWD, d->aside, RENAME_NOREPLACE) == 0)
			return NB_OK;
		e = errno;
		if (e == EEXIST)
			continue;
		if (e == EINVAL || e == ENOSYS) {
			struct stat st;
			if (lstat(d->aside, &st) == 0 || errno != ENOENT)
				continue;
			if (rename(jp, d->aside) == 0)
				return NB_OK;
			e = errno;
		}
		break;
	}
	d->aside[0] = 0;
	d->readonly = 1; /* a new journal would replace it */
	return nb_fail(err, NB_SYSTEM, "无法改名恢复记录 %s：%s", jp, strerror(e));
}

nb_status nb_doc_journal_set_aside(nb_doc *d, nb_err *err)
{
	nb_status st;

	/* Another user's file is never renamed. */
	if (d->jforeign || !d->jfound[0]) {
		nb_doc_journal_keep(d);
		return NB_OK;
	}
	st = set_aside(d, d->jfound, err);
	d->jfound[0] = 0;
	return st;
}

nb_status nb_doc_journal_discard(nb_doc *d, nb_err *err)
{
	int e;

	if (d->jforeign || !d->jfound[0]) {
		nb_doc_journal_keep(d);
		return NB_OK;
	}
	if (unlink(d->jfound) < 0 && errno != ENOENT) {
		e = errno;
		return nb_fail(err, NB_SYSTEM, "无法删除恢复记录：%s", strerror(e));
	}
	d->jfound[0] = 0;
	return NB_OK;
}

void nb_doc_journal_keep(nb_doc *d)
{
	d->jfound[0] = 0;
}

nb_status nb_doc_journal_probe(nb_doc *d, nb_journal_info *info, nb_err *err)
{
	char *c[2] = {NULL, NULL}, why[256], shown[512];
	int n;
	nb_status res = NB_OK;

	memset(info, 0, sizeof *info);
	d->aside[0] = 0;
	d->jfound[0] = 0;
	d->jforeign = 0;
	if (d->readonly)
		return NB_OK; /* nothing of ours can replace it */
	n = nb_journal_candidates(d->path, c);
	while (res == NB_OK && d->jnext < n) {
		const char *jp = c[d->jnext++];
		struct stat st;
		int rr;

		if (!jp || lstat(jp, &st) < 0)
			continue;
		nb_clean_name(shown, sizeof shown, jp);
		snprintf(d->jfound, sizeof d->jfound, "%s", jp);
		rr = nb_journal_read(jp, info, count_rec, NULL, why, sizeof why);
		if (!S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
			/* Not the user's own: its owner is the file's, never
			 * what its header says. */
			d->jforeign = 1;
			if (!info->owner[0])
				nb_uid_name(st.st_uid, info->owner, sizeof info->owner);
			if (S_ISREG(st.st_mode) && rr == 0 && info->nrecords == 0) {
				d->jfound[0] = 0;
				d->jforeign = 0;
				continue; /* nothing in it to offer */
			}
			info->not_regular = !S_ISREG(st.st_mode);
			/* The reader's message names the file already. */
			if (rr < 0)
				res = nb_fail(err, NB_JOURNAL_FOREIGN, "%s", why);
			else
				res = nb_fail(err, NB_JOURNAL_FOREIGN, "%s: %s", shown,
					      nb_status_text(NB_JOURNAL_FOREIGN));
		} else if (rr < 0) {
			res = nb_fail(err, NB_JOURNAL_DAMAGED, "%s: %s", shown, why);
		} else if (info->nrecords > 0) {
			res = NB_JOURNAL_FOUND;
		} else if (info->torn || info->corrupt) {
			/* Nothing complete in it; a damaged one is kept all the same. */
			res = set_aside(d, jp, err);
			d->jfound[0] = 0;
		} else {
			d->jfound[0] = 0;
		}
	}
	free(c[0]);
	free(c[1]);
	return res;
}

int nb_doc_journal_same_base(const nb_doc *d, const nb_journal_info *info)
{
	return strcmp(info->base_hash, d->hash) == 0;
}

static void open_journal(nb_doc *d)
{
	char why[256];

	if (d->journal || d->readonly)
		return;
	d->journal = nb_journal_open(d->path, d->hash, why, sizeof why);
}

/* A change the journal could not take (no journal, a value past its
 * limits, no memory) is remembered: until a save, the document is not
 * durable and a flush says so, never "all is on disk". */
static void journal_add(nb_doc *d, const char *key, const char *val)
{
	if (d->readonly)
		return;
	open_journal(d);
	if (!d->journal || nb_journal_add(d->journal, key, val, strlen(val)) < 0) {
		d->journal_lost = 1;
		return;
	}
	d->journal_pending = 1;
}

typedef struct {
	nb_doc *d;
	int applied, failed;
	nb_err *err;
} restore_ctx;

static int apply_rec(const char *key, const char *val, size_t vlen, void *vctx)
{
	restore_ctx *c = vctx;
	nb_err e;

	if (nb_report_set_by_key(c->d->rep, key, val, vlen, &e) == 0) {
		c->applied++;
	} else {
		if (!c->failed && c->err)
			*c->err = e;
		c->failed++;
	}
	return 0;
}

/* Re-journal the restored values so a second crash loses nothing. */
static int rejournal_rec(const char *key, const char *val, size_t vlen, void *ctx)
{
	nb_doc *d = ctx;

	if (d->journal)
		nb_journal_add(d->journal, key, val, vlen);
	return 0;
}

nb_status nb_doc_recover(nb_doc *d, int *applied, int *failed, nb_err *err)
{
	char why[256];
	const char *jp = d->jfound;
	nb_journal_info info;
	restore_ctx rc = {d, 0, 0, err};
	nb_status st = NB_OK;

	*applied = *failed = 0;
	if (d->readonly)
		return nb_fail(err, NB_READONLY_DOC, "%s", nb_status_text(NB_READONLY_DOC));
	if (!jp[0]) {
		/* Not probed first: look for the user's own journal, never
		 * take another user's without the probe's explicit step. */
		nb_status ps = nb_doc_journal_probe(d, &info, err);
		if (ps != NB_JOURNAL_FOUND)
			return ps == NB_OK ? NB_OK : ps;
	}
	if (nb_journal_read(jp, &info, apply_rec, &rc, why, sizeof why) < 0) {
		*applied = rc.applied;
		*failed = rc.failed;
		if (rc.applied)
			d->modified = 1; /* what was applied shows; the file stays */
		nb_engine_check_all(d->eng);
		if (!d->jforeign)
			set_aside(d, jp, NULL);
		d->jfound[0] = 0;
		return nb_fail(err, NB_JOURNAL_DAMAGED, "%s", why);
	}
	nb_engine_check_all(d->eng);
	/* Our journal starts with the same records; its first flush replaces
	 * an old file of ours atomically, so they are never lost. */
	open_journal(d);
	if (!d->journal ||
	    nb_journal_read(jp, &info, rejournal_rec, d, why, sizeof why) < 0) {
		/* Cannot carry them over: keep the old file apart. */
		if (d->journal) {
			nb_journal_close(d->journal);
			d->journal = NULL;
		}
		if (!d->jforeign)
			st = set_aside(d, jp, err);
	} else {
		/* A journal damaged in the middle has records after the
		 * damage that could not be read: keep the file apart rather
		 * than let our first flush replace it. Once carried over, an
		 * old one of ours elsewhere (the state directory) goes;
		 * another user's never does. */
		if (!d->jforeign && info.corrupt)
			set_aside(d, jp, NULL);
		else if (!d->jforeign)
			nb_journal_adopt(d->journal, jp);
		if (nb_journal_flush(d->journal) < 0)
			d->journal_pending = 1; /* the timer tries again */
	}
	d->modified = 1;
	*applied = rc.applied;
	*failed = rc.failed;
	d->jfound[0] = 0;
	return st;
}

/* ---- changes ---- */

static void journal_cell(nb_doc *d, int cell)
{
	char key[128], val[NB_VALUE_BUFSZ];

	nb_form_cell_id(d->form, cell, key, sizeof key);
	nb_value_format(&d->rep->cell[cell], nb_form_cell_type(d->form, cell), val, sizeof val);
	journal_add(d, key, val);
}

/* Totals the engine re-derived go to the journal too, so a replay gives
 * back exactly the figures on screen. */
static void journal_derived(nb_doc *d)
{
	int dirty[512], n;

	while ((n = nb_engine_take_dirty(d->eng, dirty, 512)) > 0) {
		for (int i = 0; i < n && i < 512; i++)
			if (nb_engine_is_computed(d->eng, dirty[i]))
				journal_cell(d, dirty[i]);
		if (n < 512)
			break;
	}
}

void nb_doc_journal_cell(nb_doc *d, int cell)
{
	journal_cell(d, cell);
	journal_derived(d);
}

void nb_doc_preview_cell(nb_doc *d, int cell, const nb_value *v)
{
	if (nb_doc_cell_refusal(d, cell) != NB_OK)
		return;
	if (!nb_value_eq(&d->rep->cell[cell], v))
		nb_engine_set(d->eng, cell, v);
}

nb_status nb_doc_cell_refusal(const nb_doc *d, int cell)
{
	if (cell < 0 || cell >= d->form->ncell)
		return NB_NO_SUCH_CELL;
	if (d->readonly)
		return NB_READONLY_DOC;
	if (nb_engine_is_computed(d->eng, cell))
		return NB_COMPUTED;
	return NB_OK;
}

nb_status nb_doc_commit_cell(nb_doc *d, int cell, const nb_value *old,
			     const nb_value *v)
{
	nb_status st = nb_doc_cell_refusal(d, cell);

	if (st != NB_OK)
		return st;
	if (!nb_value_eq(&d->rep->cell[cell], v) && nb_engine_set(d->eng, cell, v) < 0)
		return NB_COMPUTED;
	if (nb_value_eq(old, v))
		return NB_OK;
	nb_undo_cell(d->undo, cell, old, v);
	journal_cell(d, cell);
	journal_derived(d);
	d->modified = 1;
	return NB_OK;
}

nb_status nb_doc_set_cell(nb_doc *d, int cell, const nb_value *v)
{
	nb_status st = nb_doc_cell_refusal(d, cell);
	nb_value old;

	if (st != NB_OK)
		return st;
	old = d->rep->cell[cell];
	return nb_doc_commit_cell(d, cell, &old, v);
}

/* Store a text without an undo record (undo itself, and set_text). */
static nb_status put_text(nb_doc *d, int f, const char *s)
{
	char key[128];

	if (nb_report_set_text(d->rep, f, s, strlen(s)) < 0)
		return NB_BAD_VALUE;
	nb_engine_text_changed(d->eng, f);
	snprintf(key, sizeof key, "text.%s", d->form->field[f].id);
	journal_add(d, key, s);
	d->modified = 1;
	return NB_OK;
}

nb_status nb_doc_set_text(nb_doc *d, int field, const char *s)
{
	char *old;
	nb_status st;

	if (field < 0 || field >= d->form->nfield)
		return NB_NO_SUCH_CELL;
	if (d->readonly)
		return NB_READONLY_DOC;
	if (strcmp(s, d->rep->text[field]) == 0)
		return NB_OK;
	if (!(old = strdup(d->rep->text[field])))
		return NB_NOMEM;
	st = put_text(d, field, s);
	if (st == NB_OK)
		nb_undo_text(d->undo, field, old, d->rep->text[field]);
	free(old);
	return st;
}

static void put_resolved(nb_doc *d, int i, int resolved)
{
	char key[64];

	d->rep->comment[i].resolved = resolved;
	snprintf(key, sizeof key, "comment.%d.resolved", i);
	journal_add(d, key, resolved ? "1" : "0");
	d->modified = 1;
}

nb_status nb_doc_resolve_comment(nb_doc *d, int i, int resolved)
{
	resolved = resolved != 0;
	if (i < 0 || i >= d->rep->ncomment)
		return NB_NO_SUCH_CELL;
	if (d->readonly)
		return NB_READONLY_DOC;
	if (d->rep->comment[i].resolved == resolved)
		return NB_OK;
	nb_undo_comment(d->undo, i, !resolved, resolved);
	put_resolved(d, i, resolved);
	return NB_OK;
}

void nb_doc_begin_step(nb_doc *d)
{
	nb_undo_begin(d->undo);
}

void nb_doc_end_step(nb_doc *d)
{
	nb_undo_end(d->undo);
}

nb_status nb_doc_undo(nb_doc *d, int redo, const nb_undo_rec *const **recs, int *n)
{
	const nb_undo_rec *const *r;
	int k, recheck = 0;

	*n = 0;
	if (d->readonly)
		return NB_READONLY_DOC;
	k = redo ? nb_undo_redo(d->undo, &r) : nb_undo_undo(d->undo, &r);
	if (k == 0)
		return NB_NOTHING_TO_UNDO;
	for (int i = 0; i < k; i++) {
		if (r[i]->kind == NB_UNDO_CELL) {
			const nb_value *v = redo ? &r[i]->newv : &r[i]->oldv;
			if (nb_engine_is_computed(d->eng, r[i]->index)) {
				/* Totals put back by undoing a recompute: the
				 * engine refuses to store them, so set and
				 * re-check everything. */
				d->rep->cell[r[i]->index] = *v;
				recheck = 1;
			} else {
				nb_engine_set(d->eng, r[i]->index, v);
			}
			journal_cell(d, r[i]->index);
		} else if (r[i]->kind == NB_UNDO_COMMENT) {
			if (r[i]->index < d->rep->ncomment)
				put_resolved(d, r[i]->index, redo ? r[i]->newr : r[i]->oldr);
		} else {
			put_text(d, r[i]->index, redo ? r[i]->newt : r[i]->oldt);
		}
	}
	if (recheck)
		nb_engine_check_all(d->eng);
	journal_derived(d);
	d->modified = 1;
	*recs = r;
	*n = k;
	return NB_OK;
}

nb_status nb_doc_recompute(nb_doc *d, int *changed)
{
	int nc = d->form->ncell;
	nb_value *before;

	*changed = 0;
	if (d->readonly)
		return NB_READONLY_DOC;
	if (!(before = malloc((size_t)nc * sizeof *before)))
		return NB_NOMEM;
	memcpy(before, d->rep->cell, (size_t)nc * sizeof *before);
	nb_engine_derive_all(d->eng);
	nb_undo_begin(d->undo);
	for (int c = 0; c < nc; c++) {
		if (nb_value_eq(&before[c], &d->rep->cell[c]))
			continue;
		nb_undo_cell(d->undo, c, &before[c], &d->rep->cell[c]);
		journal_cell(d, c);
		(*changed)++;
	}
	nb_undo_end(d->undo);
	free(before);
	if (*changed)
		d->modified = 1;
	return NB_OK;
}

/* ---- the journal's timer ---- */

/* A flush at most every FLUSH_MS keeps typing from waiting on fsync; a
 * failing one (disk full, directory made read-only) is tried again every
 * RETRY_MS until it works, with or without new changes: the records stay
 * queued in memory meanwhile. */
#define FLUSH_MS 250
#define RETRY_MS 2000

int nb_doc_flush_due_ms(const nb_doc *d, int64_t now)
{
	int64_t left;

	if (!d->journal || !d->journal_pending)
		return -1;
	left = d->last_flush_ms + (d->flush_failed ? RETRY_MS : FLUSH_MS) - now;
	return left < 0 ? 0 : (int)left;
}

nb_status nb_doc_flush(nb_doc *d, int64_t now, int force)
{
	if (!force && nb_doc_flush_due_ms(d, now) != 0)
		return d->flush_failed || d->journal_lost ? NB_JOURNAL_FAILED : NB_OK;
	if (d->journal && d->journal_pending) {
		d->last_flush_ms = now;
		if (nb_journal_flush(d->journal) < 0) {
			d->flush_failed = 1;
			return NB_JOURNAL_FAILED;
		}
		d->flush_failed = 0;
		d->journal_pending = 0;
	}
	return d->journal_lost ? NB_JOURNAL_FAILED : NB_OK;
}

int nb_doc_durable(nb_doc *d, int64_t now)
{
	if (!d->modified)
		return 1;
	nb_doc_flush(d, now, 1);
	return !d->journal_lost && d->journal && !d->journal_pending &&
	       nb_journal_pending(d->journal) == 0;
}

/* ---- saving ---- */

/* Has someone else written the file since we loaded or saved it? */
static int changed_on_disk(const nb_doc *d)
{
	struct stat st;
	char h[65];

	if (stat(d->path, &st) < 0)
		return d->exists; /* it was there and is gone */
	if (!d->exists)
		return 1;
	if (st.st_ino == d->st.st_ino && st.st_dev == d->st.st_dev &&
	    st.st_size == d->st.st_size &&
	    st.st_mtim.tv_sec == d->st.st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == d->st.st_mtim.tv_nsec)
		return 0;
	/* Touched, or copied back unchanged, is not a change. */
	if (nb_hash_file(d->path, h) < 0)
		return 1;
	return strcmp(h, d->hash) != 0;
}

/* Same real file? (symlinks followed, as a save follows them) */
static int same_file(const char *p, const char *q)
{
	char *rp = nb_save_resolve(p), *rq = nb_save_resolve(q);
	int same = rp && rq && strcmp(rp, rq) == 0;

	free(rp);
	free(rq);
	return same;
}

/* The journal's end after a save: gone when the save is durable, else
 * kept, applying to what is now on disk. */
static void after_save(nb_doc *d, const char *buf, size_t len, int durable)
{
	nb_hash_buf(buf, len, d->hash);
	if (stat(d->path, &d->st) < 0)
		memset(&d->st, 0, sizeof d->st);
	d->exists = 1;
	d->modified = !durable; /* fsync-dir failed: save again later */
	if (durable)
		d->journal_lost = 0; /* everything is in the file now */
	d->ro_file = file_readonly(d->path);
	if (!d->journal)
		return;
	if (durable) {
		nb_journal_retire(d->journal);
		nb_journal_close(d->journal);
		d->journal = NULL;
		d->journal_pending = 0;
	} else {
		nb_journal_set_base(d->journal, d->hash);
		d->journal_pending = 1;
	}
}

/* Save-as of an editable document: go on editing the new file, under its
 * own lock. The old file's journal goes: every change it held is in the
 * new file, and later ones are journalled beside the new file. */
static nb_status move_to(nb_doc *d, const char *target, nb_lock *newlock, int durable)
{
	char *np = strdup(target), *jp;
	struct stat jst;

	d->aside[0] = 0;
	if (!np) {
		if (newlock)
			nb_lock_release(newlock);
		return NB_NOMEM;
	}
	if (d->lock)
		nb_lock_release(d->lock);
	d->lock = newlock;
	/* The old file's journal goes only when the new file is surely on
	 * disk; otherwise it is the one durable copy of the work: it stays
	 * (beside the old file) until a save that is durable. */
	if (d->journal && durable) {
		nb_journal_retire(d->journal);
		nb_journal_close(d->journal);
		d->journal = NULL;
		d->journal_pending = 0;
	}
	free(d->path);
	d->path = np;
	nb_save_sweep(d->path);
	/* A journal left there by someone's crash would be replaced by our
	 * first flush: keep it apart instead. */
	jp = nb_journal_path(d->path);
	if (jp && lstat(jp, &jst) == 0 && S_ISREG(jst.st_mode) && jst.st_uid == geteuid())
		set_aside(d, jp, NULL);
	free(jp);
	return NB_OK;
}

nb_status nb_doc_save(nb_doc *d, const char *target, unsigned agreed,
		      nb_lock_owner *holder, nb_err *err)
{
	int own = !target || !strcmp(target, d->path) || same_file(target, d->path);
	nb_lock *newlock = NULL;
	char *buf = NULL;
	size_t len;
	nb_saveerr se;
	nb_err why;
	int r;

	if (own) {
		target = d->path;
		if (d->readonly)
			return nb_fail(err, NB_READONLY_DOC, "%s", nb_status_text(NB_READONLY_DOC));
		if (!(agreed & NB_SAVE_LOCK_LOST_OK) && d->lock && nb_lock_held(d->lock) == 0)
			return nb_fail(err, NB_LOCK_LOST, "%s", nb_status_text(NB_LOCK_LOST));
		if (!(agreed & NB_SAVE_READONLY_OK) && file_readonly(d->path))
			return nb_fail(err, NB_READONLY_FILE, "%s", nb_status_text(NB_READONLY_FILE));
		if (!(agreed & NB_SAVE_CHANGED_OK) && changed_on_disk(d))
			return nb_fail(err, NB_CHANGED_ON_DISK, "%s",
				       nb_status_text(NB_CHANGED_ON_DISK));
	} else {
		struct stat st;
		char lwhy[256] = "";
		nb_lock_owner o;

		char shown[512];

		/* Only "no such file" means free: any other answer (EACCES
		 * from a link the kernel will not follow, ELOOP) is a
		 * refusal, never "absent". */
		nb_clean_name(shown, sizeof shown, target);
		if (stat(target, &st) == 0) {
			if (!(agreed & NB_SAVE_REPLACE_OK))
				return nb_fail(err, NB_EXISTS, "%s: %s", shown,
					       nb_status_text(NB_EXISTS));
		} else if (errno != ENOENT) {
			return nb_fail(err, NB_SAVE_FAILED, "%s: 不能另存为这个文件：%s", shown,
				       strerror(errno));
		}
		/* Never write over a report another nianbao has open. */
		memset(&o, 0, sizeof o);
		switch (nb_lock_take(target, &newlock, &o, lwhy, sizeof lwhy)) {
		case 0:
			break;
		case 1:
			if (holder)
				*holder = o;
			if (!(o.stale && (agreed & NB_SAVE_STEAL_OK)))
				return nb_fail(err, NB_LOCKED, "%s", nb_status_text(NB_LOCKED));
			if (nb_lock_steal(target, &newlock, lwhy, sizeof lwhy) < 0)
				return nb_fail(err, NB_LOCK_FAILED, "%s", lwhy);
			break;
		default:
			/* No lock there (a FIFO at its name, a read-only
			 * folder): never go on editing the file unlocked
			 * unless the clerk agreed. */
			newlock = NULL;
			if (!(agreed & NB_SAVE_UNLOCKED_OK))
				return nb_fail(err, NB_LOCK_FAILED, "%s", lwhy);
			break;
		}
	}
	if (nb_report_save(d->rep, &buf, &len, &why) != 0) {
		if (newlock)
			nb_lock_release(newlock);
		return nb_fail(err, NB_SAVE_FAILED, "%s", why.msg);
	}
	d->save_note[0] = 0;
	r = nb_save_atomic(target, buf, len, NULL, &se);
	if (r == 0 && se.warn)
		snprintf(d->save_note, sizeof d->save_note, "%s", se.note);
	if (r < 0 && !(se.step && strcmp(se.step, "fsync-dir") == 0)) {
		free(buf);
		if (newlock)
			nb_lock_release(newlock);
		return nb_fail(err, NB_SAVE_FAILED, "%s", se.msg);
	}
	if (!own) {
		if (d->readonly) {
			/* A copy saved from review mode: the document stays. */
			if (newlock)
				nb_lock_release(newlock);
			free(buf);
			return r < 0 ? nb_fail(err, NB_NOT_DURABLE, "%s", se.msg) : NB_OK;
		}
		if (move_to(d, target, newlock, r == 0) != NB_OK) {
			free(buf);
			return nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
		}
	}
	after_save(d, buf, len, r == 0);
	free(buf);
	if (r < 0)
		return nb_fail(err, NB_NOT_DURABLE, "%s", se.msg);
	return NB_OK;
}

void nb_doc_discard(nb_doc *d)
{
	d->modified = 0;
	d->journal_lost = 0;
}

void nb_doc_close(nb_doc *d, int hangup)
{
	if (!d)
		return;
	if (d->journal) {
		if (!hangup && !d->modified)
			nb_journal_retire(d->journal);
		nb_journal_close(d->journal); /* flushes; keeps a live journal */
		d->journal = NULL;
	}
	if (d->lock) {
		nb_lock_release(d->lock);
		d->lock = NULL;
	}
	doc_free(d);
}
