/* The document: one report with its form, rule engine, undo history,
 * recovery journal, lock and file identity, and every policy that decides
 * whether a change or a save may go ahead. No curses: the editor, the
 * commands (new, export, import, review) and the tests all open, change,
 * recover and save a report through this, and none re-implements it.
 *
 * Every operation that can be refused returns an nb_status (core/err.h):
 * LOCKED, LOCK_LOST, CHANGED_ON_DISK, READONLY_FILE, READONLY_DOC, EXISTS,
 * JOURNAL_FOUND... A front end turns the status into a question or into
 * words; to go ahead after the clerk agrees it calls again with the flag
 * that says so. The document never asks and never prints. */
#ifndef NB_DOC_H
#define NB_DOC_H

#include <stdint.h>
#include <sys/stat.h>

#include "core/err.h"
#include "io/journal.h"
#include "io/lock.h"
#include "model/engine.h"
#include "model/undo.h"

typedef struct nb_doc {
	const nb_form *form;
	nb_report *rep;
	const nb_report *last;  /* last year's report (borrowed), or NULL */
	nb_engine *eng;
	nb_undo *undo;

	/* Identity of the file as loaded or last saved: a save refuses to
	 * overwrite a file that is no longer this one. */
	char *path;             /* as given */
	struct stat st;
	int exists;             /* the file existed when loaded / was saved */
	char hash[65];          /* SHA-256 of its bytes: the journal's base */

	int readonly;           /* no changes, nothing written beside the
				 * report; until nb_doc_lock (or
				 * nb_doc_edit_unlocked) every document is */
	int ro_file;            /* the report file itself lacks write permission */
	int modified;           /* changes not yet saved */

	nb_lock *lock;
	nb_journal *journal;    /* opened at the first change */
	int64_t last_flush_ms;
	int journal_pending;    /* records added since the last good flush */
	int flush_failed;       /* the last flush failed: retried, slower */
	int journal_lost;       /* a change could not be journalled: not
				 * durable until the next durable save */
	char aside[4096];       /* where the last old journal was set aside */
	char jfound[4096];      /* the old journal nb_doc_journal_probe found */
	int jforeign;           /* ...and it is not the user's own file */
	int jnext;              /* candidates (beside, state dir) looked at */
	char save_note[512];    /* what the last save could not keep (the
				 * backup, the owner, the group); "" if all */
} nb_doc;

/* ---- opening ---- */

/* Read the report at path (read-only until nb_doc_lock). NOT_FOUND when
 * there is no such file (a front end may then offer nb_doc_create);
 * UNREADABLE, TOO_BIG, DAMAGED, INVALID, NO_FORM with err saying
 * "FILE:LINE:COL: what" otherwise. last may be NULL. */
nb_status nb_doc_open(const char *path, const nb_report *last, nb_doc **out,
		      nb_err *err);

/* A new report in memory for path, of form f, for the year (0: blank),
 * carried over from last year's report `from` when not NULL: the cover
 * (agency, contacts; never year, title or period) and the cells that rules
 * tie to last year alone (上年结转, 2019 上一年项目数量). Totals derived.
 * Nothing is written until nb_doc_save. `from` also serves as last year's
 * report for the carry-over checks. */
nb_status nb_doc_create(const char *path, const nb_form *f, int year,
			const nb_report *from, nb_doc **out, nb_err *err);

/* A report made elsewhere (imported, summed) as a new document for path:
 * the document owns rep from here on (freed on failure too). Its figures
 * are kept as they are, wrong totals included: nothing is derived. */
nb_status nb_doc_adopt(const char *path, nb_report *rep, const nb_report *last,
		       nb_doc **out, nb_err *err);

/* Take the report's lock: OK (the document may now change and save),
 * LOCKED (holder filled in: someone else has it open; holder->stale when
 * that process is gone), LOCK_FAILED (err says why). */
nb_status nb_doc_lock(nb_doc *d, nb_lock_owner *holder, nb_err *err);
/* Take over a lock whose holder is gone, after the clerk agreed. */
nb_status nb_doc_steal_lock(nb_doc *d, nb_err *err);
/* Edit without a lock (the clerk's explicit choice when none can be had). */
void nb_doc_edit_unlocked(nb_doc *d);

/* ---- a journal left by an earlier run ---- */

/* Old journals are looked for beside the report, then in the state
 * directory ($XDG_STATE_HOME/nianbao, where one goes when the folder is
 * read-only or the name is taken). Call until it returns OK, handling each:
 * OK: none left (an empty, damaged one of ours was set aside: d->aside).
 * JOURNAL_FOUND: ours; info filled in; ask the clerk, then call recover,
 * set_aside or discard. JOURNAL_DAMAGED: ours but unreadable (err says
 * why): set it aside or quit. JOURNAL_FOREIGN: a file at a journal's name
 * that is not the user's own (another user's, a FIFO, a link): its real
 * owner is info->owner (from the file, not its header), info->not_regular
 * says it cannot even be read; it is never set aside or deleted: keep it
 * (nb_doc_journal_keep), or, as the clerk's explicit choice, recover. */
nb_status nb_doc_journal_probe(nb_doc *d, nb_journal_info *info, nb_err *err);
/* Leave the journal found alone (a foreign one is always left alone). */
void nb_doc_journal_keep(nb_doc *d);
/* The journal found was written on top of the file as it is now. */
int nb_doc_journal_same_base(const nb_doc *d, const nb_journal_info *info);
/* Apply the old journal's changes (the one nb_doc_journal_probe found; when
 * not probed, the user's own if there is one) and carry them into our own
 * journal, so
 * a second crash loses nothing. *applied and *failed count records; err
 * holds the first failure. JOURNAL_DAMAGED when it could not be read
 * through (what was applied stays; the old file is set aside). */
nb_status nb_doc_recover(nb_doc *d, int *applied, int *failed, nb_err *err);
/* Keep the old journal under a new name (d->aside); never replaces a file.
 * On failure the document becomes read-only, since our first flush would
 * replace the old journal. */
nb_status nb_doc_journal_set_aside(nb_doc *d, nb_err *err);
/* Delete the old journal: only when the clerk confirmed. */
nb_status nb_doc_journal_discard(nb_doc *d, nb_err *err);

/* ---- changes: each one undoable and journalled ---- */

/* Set a cell the clerk may type into: READONLY_DOC, COMPUTED (a total:
 * nb_doc_recompute fixes those), NO_SUCH_CELL or OK. */
nb_status nb_doc_set_cell(nb_doc *d, int cell, const nb_value *v);
/* The same for an edit whose value before it began was `old` (the engine
 * may already show v from nb_doc_preview_cell): one undo record. */
nb_status nb_doc_commit_cell(nb_doc *d, int cell, const nb_value *old,
			     const nb_value *v);
/* Show a value while it is being typed: totals and findings follow, but
 * nothing reaches undo, the journal or `modified`. */
void nb_doc_preview_cell(nb_doc *d, int cell, const nb_value *v);
/* Journal a cell's current value and the totals it moved, nothing else (a
 * cell edit left open, so a crash keeps what is on screen). */
void nb_doc_journal_cell(nb_doc *d, int cell);
/* Why a cell cannot be typed into: READONLY_DOC, COMPUTED or OK. */
nb_status nb_doc_cell_refusal(const nb_doc *d, int cell);
/* Replace a text: OK, READONLY_DOC, BAD_VALUE (invalid UTF-8, NUL, a
 * year that is not four digits). One undo step. */
nb_status nb_doc_set_text(nb_doc *d, int field, const char *s);
/* Mark reviewers' comment i resolved (or open again): one undo step,
 * journalled; never touches a figure. OK, READONLY_DOC, NO_SUCH_CELL. */
nb_status nb_doc_resolve_comment(nb_doc *d, int i, int resolved);
/* Several changes undone as one step (a generated paragraph, a paste). */
void nb_doc_begin_step(nb_doc *d);
void nb_doc_end_step(nb_doc *d);
/* Undo (redo) one step; *recs and *n describe what changed, for the front end
 * to show. NOTHING_TO_UNDO, READONLY_DOC or OK. */
nb_status nb_doc_undo(nb_doc *d, int redo, const nb_undo_rec *const **recs, int *n);
/* Write every total from its parts; *changed cells moved (one undo step). */
nb_status nb_doc_recompute(nb_doc *d, int *changed);

/* ---- the journal's timer ---- */

/* Milliseconds until nb_doc_flush has work to do; -1 for none. */
int nb_doc_flush_due_ms(const nb_doc *d, int64_t now_ms);
/* Write queued journal records when due (or now, with force). OK, or
 * JOURNAL_FAILED (the records stay queued and are retried). */
nb_status nb_doc_flush(nb_doc *d, int64_t now_ms, int force);
/* Every committed change is durable in the journal, or there is none. */
int nb_doc_durable(nb_doc *d, int64_t now_ms);

/* ---- saving ---- */

/* What the clerk agreed to when a save was refused. */
enum {
	NB_SAVE_LOCK_LOST_OK  = 1 << 0, /* overwrite though our lock was taken over */
	NB_SAVE_READONLY_OK   = 1 << 1, /* replace a file without write permission */
	NB_SAVE_CHANGED_OK    = 1 << 2, /* overwrite a file changed on disk */
	NB_SAVE_REPLACE_OK    = 1 << 3, /* save-as onto an existing file */
	NB_SAVE_STEAL_OK      = 1 << 4, /* save-as onto a file whose lock is stale */
	NB_SAVE_UNLOCKED_OK   = 1 << 5  /* save-as where no lock can be taken */
};

/* Save to the document's own file (target NULL or the same real file), or
 * save as target. Refusals, in the order they are checked: READONLY_DOC,
 * LOCK_LOST, READONLY_FILE, CHANGED_ON_DISK (own file); EXISTS, LOCKED
 * (holder filled in), LOCK_FAILED (save-as where no lock can be taken:
 * NB_SAVE_UNLOCKED_OK to go on). Then SAVE_FAILED (err says
 * why; the file on disk untouched) or NOT_DURABLE (written, but the
 * directory sync failed: save again later). After a save-as of an editable
 * document, it continues as the new file, under the new file's lock; from
 * a read-only document it writes a copy and stays as it was. */
nb_status nb_doc_save(nb_doc *d, const char *target, unsigned agreed,
		      nb_lock_owner *holder, nb_err *err);

/* The clerk chose to leave without saving: the journal may go at close. */
void nb_doc_discard(nb_doc *d);

/* Release the lock and the journal: a journal of unsaved changes stays on
 * disk for the next run (always after a hang-up). */
void nb_doc_close(nb_doc *d, int hangup);

/* A reviewer's comment added to the report file at path (doc_review.c):
 * the file is opened, locked, the comment appended, saved and closed, so
 * it is never written under a clerk who has it open. LOCKED (holder
 * filled in), JOURNAL_FOUND (unsaved changes of an earlier editing
 * session lie beside it: the clerk must deal with them first),
 * CHANGED_ON_DISK (the file is not the one the reviewer read: expect_hash,
 * when not NULL, is the SHA-256 of what was read), BAD_VALUE (text not
 * valid), or what opening and saving return. */
nb_status nb_doc_add_comment(const char *path, const char *expect_hash,
			     const char *target, const char *text,
			     const char *author, nb_lock_owner *holder, nb_err *err);

/* The clock the journal timer uses (monotonic milliseconds). */
int64_t nb_doc_now_ms(void);

#endif
