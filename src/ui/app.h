/* State of the editor shared by the screens, and the interfaces between
 * the UI modules. Only src/ui/ includes this (it includes curses). */
#ifndef NB_UI_APP_H
#define NB_UI_APP_H

#include <curses.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>

#include "model/actions.h"
#include "model/cellinput.h"
#include "model/engine.h"
#include "doc/doc.h"
#include "model/report.h"
#include "model/textbuf.h"
#include "model/undo.h"
#include "ui/ui.h"

/* Designed for 80x24; below this the "too small" screen shows. */
#define NB_MIN_COLS 60
#define NB_MIN_LINES 20

typedef enum {
	NB_SCR_CONTENTS = 0, NB_SCR_COVER, NB_SCR_SECTION, NB_SCR_FINDINGS,
	NB_SCR_HELP, NB_SCR_SMALL, NB_SCR_QUEUE, NB_SCR_COUNT
} nb_scr;

/* One input event. key is an NB_K_* code or a code point. */
typedef struct {
	int key;
	char *paste;     /* NB_K_PASTE: the pasted bytes (owned by keys.c) */
	size_t plen;
} nb_ev;

typedef struct nb_app nb_app;

/* What a screen's key handler did with a key (as htop's HandlerResult):
 * named, so the loop and the screens never trade bare numbers. */
typedef enum {
	NB_IGNORED = 0,   /* not a key of this screen */
	NB_HANDLED,       /* used; the next draw shows the change */
	NB_REDRAW         /* used, and the whole screen must be repainted */
} nb_result;

/* Every screen has the same entry points, called by the loop. Its own
 * state (scroll positions, selections) lives in a private struct of
 * priv_size bytes, zeroed at start, that only its file knows (as tig's
 * per-view private data): nb_priv(a, scr). */
typedef struct {
	const char *name;
	int ctx;                          /* nb_ctx of its keys and legend */
	void (*open)(nb_app *a);
	void (*draw)(nb_app *a);          /* paint the body; ncurses sends the diff */
	nb_result (*key)(nb_app *a, const nb_ev *ev, nb_action act);
	void (*close)(nb_app *a);
	size_t priv_size;
} nb_screen;

/* The text field being edited (cover field or section prose). */
typedef struct {
	int field;        /* -1: none */
	nb_textbuf tb;
	nb_tb_layout lay;
	int top;          /* first layout line shown */
	int changed;      /* tb differs from the report */
	int64_t last_edit_ms; /* first change of this run of typing */
	int64_t last_key_ms;  /* latest change: a pause commits */
} nb_textedit;

/* Where the cursor is in each table. */
typedef struct {
	int row, col;     /* leaf indexes */
	int top, left;    /* first display row and first leaf column shown */
} nb_tablepos;


struct nb_app {
	const nb_form *form;
	nb_report *rep;
	nb_report *last;
	nb_engine *eng;
	nb_undo *undo;
	nb_doc *doc;            /* the report: form, rep, eng and undo are its */
	char *new_path;         /* a file to create (none existed) */
	const char *last_path;  /* --last, offered for a new report's carry-over */
	int want_readonly;      /* --read-only: review, no lock taken */
	int lost_said;          /* the clerk was told a change missed the journal */
	int ascii, color;

	nb_scr scr, back;       /* current screen; where help returns */
	void *priv[NB_SCR_COUNT]; /* each screen's private state */
	int part;               /* 0 cover, 1..nsection, nsection+1 closing */
	int sub;                /* section screen: part of the section */
	nb_tablepos *tpos;      /* [form->ntable] */
	int editing;            /* a cell edit is open */
	int edit_cell;
	nb_value edit_orig;     /* the cell's value before the edit began */
	int64_t edit_key_ms;    /* last keystroke of the open cell edit */
	int edit_journaled;     /* its typed value went to the journal */
	nb_value edit_jval;     /* ...this value */
	nb_cellin ci;
	nb_textedit te;
	int cover_field;
	int list_sel;           /* contents: the part selected */
	int find_i;             /* last finding jumped to; -1 at first */

	char msg[512];          /* one-shot message on the status line */
	int msg_sev;            /* 0 info, NB_SEV_WARNING, NB_SEV_ERROR */
	int cur_y, cur_x;       /* where the hardware cursor goes; -1: hide */
	int last_y, last_x;     /* one character sent after all else; -1: none */
	int grid_status_lines;  /* the grid's status area as drawn before an edit */
	int grid_status_size;   /* and the screen size it was drawn for */
	int full;               /* repaint everything on the next draw */
	int ctx;                /* key context of what is drawn (nb_ctx) */
	int quit;
	struct nb_view *view;   /* nianbao view (ui/view.h); NULL in the editor */
};

extern const nb_screen nb_screen_contents, nb_screen_cover,
	nb_screen_section, nb_screen_findings, nb_screen_help,
	nb_screen_small, nb_screen_queue;

/* loop.c */
int64_t nb_now_ms(void);
/* The private state of screen s (its priv_size bytes). */
void *nb_priv(nb_app *a, nb_scr s);
void nb_go(nb_app *a, nb_scr s);
void nb_go_part(nb_app *a, int part);
extern volatile sig_atomic_t nb_hangup;
/* Handle pending signals and timers from inside a nested prompt loop;
 * returns 1 when the program must stop (hang-up). */
int nb_poll_background(nb_app *a);
/* The loop itself and the signal set-up, for nianbao view (ui/view.c). */
void nb_loop_run(nb_app *a);
const nb_screen *nb_screen_of(nb_scr s);
/* Every screen's private state, zeroed (0, or -1 when out of memory), and
 * its release. */
int nb_privs_alloc(nb_app *a);
void nb_privs_free(nb_app *a);
void nb_signals_init(void);

/* term.c */
int nb_term_check_locale(void);
void nb_term_start(nb_app *a);
void nb_term_stop(void);
void nb_term_suspend(void);   /* before running an external editor */
void nb_term_resume(void);

/* keys.c: reads one event; returns 1 (ev->key may be NB_K_NONE for a key
 * we do not know), 0 on timeout, -1 when the terminal is gone (EIO, or a
 * run of errors that come back at once). nb_key_suspect: such errors have
 * begun, so do not draw. */
int nb_key_read(nb_ev *ev, int timeout_ms);
int nb_key_suspect(void);
void nb_keys_init(void);

/* draw.c */
enum { NB_ATTR_HEAD = 1, NB_ATTR_ERROR, NB_ATTR_WARN, NB_ATTR_COMPUTED,
       NB_ATTR_KEY, NB_ATTR_SEL, NB_ATTR_DIM, NB_ATTR_OK, NB_ATTR_HINT };
void nb_attr_init(nb_app *a);
attr_t nb_attr(int which);
short nb_pair(int which);
/* Put s at (y,x) in at most w columns; returns columns used. Never splits
 * a character; bad bytes show as U+FFFD; pads with spaces when pad. */
int nb_put(int y, int x, const char *s, int w, int pad);
int nb_put_n(int y, int x, const char *s, size_t n, int w, int pad);
/* Right-aligned in w columns. */
void nb_put_right(int y, int x, const char *s, int w);
void nb_put_center(int y, int x, const char *s, int w, int fill_line);
void nb_hline(nb_app *a, int y, int x, int w);
void nb_vline_ch(nb_app *a, int y, int x);
/* The mark under the current column's header (on the blank line under
 * the headers). */
void nb_col_mark(int y, int x);
/* The mark beside the current row's label (in place of the divider). */
void nb_row_mark(int y, int x);
/* Whether the terminal shows its cursor (then it marks the current cell). */
int nb_cursor_shown(void);
/* Wrap s into at most maxl lines of w columns at (y,x); returns lines used. */
/* One display line of s[0..n) from *i: at most w columns, ending at a
 * newline (consumed, not counted) or where the next character would not
 * fit. Returns its length in bytes and moves *i to the next line. */
size_t nb_wrap_next(const char *s, size_t n, size_t *i, int w);
int nb_put_wrapped(int y, int x, const char *s, int w, int maxl);
/* The same, and when s needs more lines the last one ends in "……（后面还有）". */
int nb_put_wrapped_more(int y, int x, const char *s, int w, int maxl);
void nb_draw_chrome(nb_app *a, const char *title, int ctx);
void nb_msg(nb_app *a, int sev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Why an edit key does nothing in review mode. */
int nb_refuse_readonly(nb_app *a);
/* Severity marker for terminals without colour: '!' error, '?' warning. */
char nb_sev_mark(int sev);
/* Finding text with the expected figure when the engine gave one. */
void nb_finding_text(const nb_form *form, const nb_finding *f, char *buf,
		     size_t n);
/* The key of "recompute totals" from the actions table ("^R"). */
const char *nb_recompute_key(char *buf, size_t n);

/* prompt.c */
/* A box with lines of text; waits for one of the keys in `keys` (ASCII,
 * case-insensitive; Esc gives 27 when esc_ok). Returns the key, 0 on hang-up. */
int nb_ask(nb_app *a, const char *title, const char *const *lines, int n,
	   const char *choices, const char *keys, int esc_ok);
/* A list of n choices in a box (any number: it scrolls); Up/Down and
 * Enter, or the digit of one of the first nine; returns the index chosen,
 * -1 for Esc or a hang-up, -2 for extra_key (described by `extra` on the
 * line of keys; 0 for none). */
int nb_ask_choice(nb_app *a, const char *title, const char *const *items, int n,
		  int def, const char *extra, int extra_key);
/* One line of input on the status line; malloc'd answer or NULL (Esc). */
char *nb_ask_line(nb_app *a, const char *question, const char *init,
		  int digits_only);
/* The same in a box under a title and lines of explanation. */
char *nb_ask_text(nb_app *a, const char *title, const char *const *lines,
		  int n, const char *question, const char *init, int digits_only);

/* session.c */
/* Before curses: 0 loaded, 1 no such file (new report), -1 error (err). */
int nb_session_load(nb_app *a, const char *path, char *err, size_t n);
/* With curses: new-report questions, lock, recovery; -1 when the clerk quit. */
int nb_session_start(nb_app *a, int is_new);
void nb_session_close(nb_app *a, int hangup);
int nb_session_save(nb_app *a, int ask_path);
void nb_session_tick(nb_app *a, int force);
/* Milliseconds until nb_session_tick has a flush to do; -1: none. */
int nb_session_due_ms(const nb_app *a);
/* Every committed change is on disk in the journal (or there is none). */
int nb_session_durable(nb_app *a);

/* edit.c: every change of the model goes through these. */
int nb_edit_cell(nb_app *a, int cell, const nb_value *v);
/* Why a cell cannot be typed into (review mode, a total): 1 and a
 * message, or 0. */
int nb_refuse_cell(nb_app *a, int cell);
void nb_edit_cell_live(nb_app *a, int cell, const nb_value *v);
/* Journal a cell's value and the totals it moved, nothing else. */
void nb_edit_cell_journal(nb_app *a, int cell);
int nb_edit_cell_done(nb_app *a, int cell, const nb_value *old,
		      const nb_value *v);
void nb_edit_text_commit(nb_app *a);
void nb_edit_undo(nb_app *a, int redo);
void nb_edit_recompute(nb_app *a);
void nb_edit_cell_text(nb_app *a, int cell, char *buf, size_t n);
/* Go to finding i of the engine and say which it is. */
void nb_jump_finding(nb_app *a, int i);
void nb_next_finding(nb_app *a);
void nb_jump_cell(nb_app *a, int cell);
void nb_jump_field(nb_app *a, int field);

/* export_box.c: the export action (format, file name, write). */
void nb_export_ask(nb_app *a);
/* sentences_box.c: the figures sentences of 一、总体情况, previewed. */
void nb_sentences_ask(nb_app *a);

/* textedit.c: the text field widget shared by cover and sections. */
void nb_te_load(nb_app *a, int field);
void nb_te_draw(nb_app *a, int y, int x, int h, int w, int focused);
/* Handles editing keys; returns 1 when it used the key. */
int nb_te_key(nb_app *a, const nb_ev *ev, nb_action act, int h);
void nb_te_idle(nb_app *a);
/* Milliseconds until nb_te_idle has a commit to do; -1: none pending. */
int nb_te_due_ms(const nb_app *a);
void nb_te_external(nb_app *a);

/* grid.c: one table drawn and navigated. */
void nb_grid_draw(nb_app *a, int t, int y, int x, int h, int w);
/* Tables t0..t0+n-1 stacked, each under its title, scrolled by whole
 * tables so that table t0+cur shows; *top is the first one shown.
 * -1 (nothing drawn) when table cur alone does not fit. */
int nb_grid_draw_stack(nb_app *a, int t0, int n, int cur, int *top, int y,
		       int x, int h, int w);
/* What the grid did with a key: the section screen decides what leaving
 * or coming round means (the next table, the prose). */
typedef enum {
	NB_GRID_IGNORED = 0,
	NB_GRID_HANDLED,
	NB_GRID_LEFT_FORWARD,   /* Down below the last row, or ^V */
	NB_GRID_LEFT_BACK,      /* Up above the first row */
	NB_GRID_WRAPPED_FORWARD, /* Enter/Tab came round to the first input cell */
	NB_GRID_WRAPPED_BACK    /* Shift-Tab came round to the last */
} nb_grid_result;
nb_grid_result nb_grid_key(nb_app *a, int t, const nb_ev *ev, nb_action act);
/* Store the cell being typed (one undo and journal record), or, when
 * the text is not a value, put the old value back with a message. */
void nb_grid_commit(nb_app *a);
/* Drop the cell being typed: the value it had before comes back. */
void nb_grid_cancel(nb_app *a);
/* Like nb_grid_commit, but a text that is not a value keeps the edit
 * open with a message saying why: -1 then (the caller stops). */
int nb_grid_commit_or_keep(nb_app *a);
/* A cell edit left open: after a pause its value goes to the journal
 * (no undo step, not yet "modified"), so a crash keeps what is on screen. */
void nb_grid_idle(nb_app *a);
/* Milliseconds until nb_grid_idle has something to do; -1: nothing. */
int nb_grid_due_ms(const nb_app *a);

/* list.c: Up/Down/Tab/Shift-Tab/PgUp/PgDn on a list of n items, page
 * items a page; returns 1 when it used the action. */
int nb_list_key(int *sel, nb_action act, int n, int page);

/* contents.c helpers shared with the findings screen */
int nb_cell_section(const nb_form *f, int cell);
int nb_finding_section(const nb_form *f, const nb_finding *fd);

#endif
