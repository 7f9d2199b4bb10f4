/* nianbao view: reports read-only in the editor's screens, a pager's keys,
 * a list of reports (the queue) and reviewers' comments. Its state is its
 * own (nb_app.view); the editor's loop calls the hooks below. */
#ifndef NB_UI_VIEW_H
#define NB_UI_VIEW_H

#include "ui/app.h"
#include "model/queue.h"
#include "model/search.h"

typedef struct nb_view {
	nb_queue q;
	const char *dir;        /* view DIR: scanned again on the timer */
	int has_list;           /* opened on a list (DIR or several files) */
	int cur;                /* entry of the report open, -1: the list */
	int sel, top;           /* the list's selected line and first line */
	int loading;            /* background reading remains */
	int64_t next_stat_ms;
	char pat[256];          /* the last search */
	nb_hit *hits;
	int nhits, hit_i;
	char qpat[256];         /* the last search in the list */
	int diff_cur, diff_sel; /* year against year: of entry diff_cur, the
				 * line selected last */
	/* A comment the report's lock refused, kept to be sent again. */
	char *pend_path, *pend_target, *pend_text;
} nb_view;

/* view.c */
/* Open entry i of the queue (read-only, against last year's report of
 * the same body when it is among the files), at its first finding.
 * 0, or -1 with a message on the list. */
int nb_view_open(nb_app *a, int i);
/* Close the report and show the list. */
void nb_view_back(nb_app *a);
/* Reopen the report from disk where the reader is (after a comment). */
void nb_view_reload(nb_app *a);
void nb_view_idle(nb_app *a);
int nb_view_due_ms(const nb_app *a);
/* " [只读查看 3/300]": the header's mark of a report in view. */
const char *nb_view_mark(nb_app *a);

/* pager.c: the viewer's keys; 1 when the key was handled. */
int nb_view_dispatch(nb_app *a, nb_ev *ev);
/* The place under the cursor: a cell, or a text field, or neither (-1). */
void nb_view_here(nb_app *a, int *cell, int *field);

/* screen_queue.c */
void nb_queue_key(nb_app *a, const nb_ev *ev);
/* Keep the selection on the same report while the list re-sorts. */
void nb_view_reorder(nb_app *a);

/* comment_box.c: the comment key. */
void nb_view_comment(nb_app *a);

/* diff_box.c: the report against last year's of the same body. */
void nb_view_diff(nb_app *a);

#endif
