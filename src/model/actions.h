/* The one table of the editor's actions. It gives the key bindings, the
 * help screen, the key legend at the bottom and the KEYS section of
 * nianbao(1), so the four never drift. No curses: keys are nianbao's own
 * codes, which src/ui/keys.c maps from the terminal. */
#ifndef NB_ACTIONS_H
#define NB_ACTIONS_H

#include <stdio.h>

/* Key codes: a character is its code point (control keys 1..31, 127);
 * named keys sit above Unicode. */
enum {
	NB_K_NONE = 0,
	NB_K_BASE = 0x110000,
	NB_K_UP, NB_K_DOWN, NB_K_LEFT, NB_K_RIGHT,
	NB_K_HOME, NB_K_END, NB_K_PGUP, NB_K_PGDN,
	NB_K_BTAB, NB_K_DEL, NB_K_BS, NB_K_ENTER, NB_K_ESC, NB_K_TAB,
	NB_K_RESIZE, NB_K_PASTE, /* a whole bracketed paste arrived */
	NB_K_F0 = 0x110100      /* NB_K_F(n) for F1..F12 */
};
#define NB_K_F(n) (NB_K_F0 + (n))
#define NB_K_CTRL(c) ((c) & 0x1f)
#define NB_K_ALT(c) (0x120000 | (c))

typedef enum {
	NB_CTX_GLOBAL = 1,  /* every screen */
	NB_CTX_TABLE = 2,   /* the table grid */
	NB_CTX_TEXT = 4,    /* a text field (sections, cover) */
	NB_CTX_LIST = 8,    /* contents and findings lists */
	NB_CTX_VIEW = 16,   /* nianbao view: a pager's keys, before any other */
	NB_CTX_QUEUE = 32   /* nianbao view: the list of reports */
} nb_ctx;

typedef enum {
	NB_A_NONE = 0,
	/* global */
	NB_A_SAVE, NB_A_SAVE_AS, NB_A_QUIT, NB_A_NEXT_SECTION, NB_A_PREV_SECTION,
	NB_A_CONTENTS, NB_A_HELP, NB_A_UNDO, NB_A_REDO, NB_A_NEXT_FINDING,
	NB_A_REDRAW, NB_A_RECOMPUTE, NB_A_EXPORT, NB_A_SENTENCES,
	/* movement shared by tables, texts and lists */
	NB_A_UP, NB_A_DOWN, NB_A_LEFT, NB_A_RIGHT, NB_A_NEXT_FIELD,
	NB_A_PREV_FIELD, NB_A_PAGE_UP, NB_A_PAGE_DOWN, NB_A_HOME, NB_A_END,
	/* table */
	NB_A_TYPE_NUMBER, NB_A_COMMIT, NB_A_CLEAR, NB_A_ERASE, NB_A_CANCEL,
	NB_A_PASTE, NB_A_FILL_ZERO, NB_A_LEAVE_TABLE,
	/* text */
	NB_A_NEWLINE, NB_A_KILL_END, NB_A_KILL_START, NB_A_DELETE_CHAR,
	NB_A_BACKSPACE, NB_A_EXTERNAL,
	/* lists */
	NB_A_OPEN, NB_A_RESOLVE,
	/* nianbao view */
	NB_A_VIEW_QUIT, NB_A_VIEW_PAGE_DOWN, NB_A_VIEW_PAGE_UP, NB_A_VIEW_TOP,
	NB_A_VIEW_BOTTOM, NB_A_SEARCH, NB_A_SEARCH_NEXT, NB_A_SEARCH_PREV,
	NB_A_NEXT_FILE, NB_A_PREV_FILE, NB_A_COMMENT, NB_A_VIEW_DIFF,
	/* the queue */
	NB_A_SORT, NB_A_FILTER_ERRORS,
	NB_A_COUNT
} nb_action;

#define NB_ACTION_KEYS 4

typedef struct {
	nb_action id;
	const char *name;      /* ASCII identifier, "save" */
	int ctx;               /* nb_ctx bits where the binding applies */
	int keys[NB_ACTION_KEYS]; /* 0-terminated */
	const char *keytext;   /* shown instead of the key names, or NULL */
	const char *legend;    /* short Chinese word for the bottom legend, or NULL */
	const char *zh;        /* help screen */
	const char *en;        /* man page */
	unsigned flags;        /* NB_AF_* */
	int keep;              /* legend: when a line is too narrow, the
	                        * lowest go first (0 before 1 ...) */
} nb_actiondef;

/* The action changes the report: it does nothing in review (read-only)
 * mode, so the legend and the hints there leave it out. */
#define NB_AF_EDIT 1u

const nb_actiondef *nb_actions_table(int *n);
const nb_actiondef *nb_action_def(nb_action a);

/* The action a key means in a context (with NB_CTX_VIEW: the viewer's
 * bindings first; then the context's; then global). NB_A_NONE when
 * unbound. */
nb_action nb_action_for_key(int key, int ctx);

/* "^S", "F1", "Alt-U", "Shift-Tab", "Up"; ASCII only, so no ambiguous width. */
const char *nb_key_name(int key, char *buf, size_t n);
/* All keys of an action joined by " ", or its keytext. */
const char *nb_action_keys(const nb_actiondef *d, char *buf, size_t n);

/* 1 when the action changes the report or its file (save, undo, typing):
 * what the viewer neither does nor lists in its legend. */
int nb_action_edits(nb_action a);

/* The key legend of a context: actions with a legend word, global first
 * for NB_CTX_GLOBAL, then those of ctx. Returns how many (at most max).
 * readonly: only actions that work in review mode. With NB_CTX_VIEW in
 * ctx, the viewer's legend: its own keys on the first line, then the
 * context's and the global ones that do not edit. */
int nb_actions_legend(int ctx, const nb_actiondef **out, int max);
int nb_actions_legend_ro(int ctx, int readonly, const nb_actiondef **out, int max);
/* The legend fitted to cols columns of slots at least minslot wide: the
 * entries of lowest `keep` dropped first, the order kept. Returns how many
 * remain in out. */
int nb_actions_legend_fit(const nb_actiondef **out, int n, int cols, int minslot);

/* Key list as plain text (for --help, man=0), as mdoc for nianbao(1)
 * (man=1), or as mdoc in Chinese for the zh_CN nianbao(1) (man=2). */
enum { NB_KEYS_TEXT = 0, NB_KEYS_MAN = 1, NB_KEYS_MAN_ZH = 2 };
void nb_actions_print(FILE *out, int man);

#endif
