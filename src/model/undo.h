/* Undo and redo of the clerk's changes: cell values, text slots and the
 * resolved mark of reviewers' comments.
 * Changes pushed between nb_undo_begin and nb_undo_end (a pasted row)
 * are undone as one step. No curses. */
#ifndef NB_UNDO_H
#define NB_UNDO_H

#include "core/value.h"

typedef enum { NB_UNDO_CELL = 0, NB_UNDO_TEXT, NB_UNDO_COMMENT } nb_undo_kind;

typedef struct {
	nb_undo_kind kind;
	int index;           /* cell, field or comment index */
	nb_value oldv, newv; /* cells */
	char *oldt, *newt;   /* texts (owned) */
	int oldr, newr;      /* comments: resolved before and after */
	unsigned step;       /* records of one step share this */
} nb_undo_rec;

typedef struct nb_undo nb_undo;

/* Keep at most max records (the oldest steps are forgotten). */
nb_undo *nb_undo_new(int max);
void nb_undo_free(nb_undo *u);

void nb_undo_begin(nb_undo *u);
void nb_undo_end(nb_undo *u);

/* Record a change already made. Pushing forgets what could be redone.
 * Returns 0, -1 when out of memory (the history is then cleared). */
int nb_undo_cell(nb_undo *u, int cell, const nb_value *oldv,
		 const nb_value *newv);
int nb_undo_text(nb_undo *u, int field, const char *oldt, const char *newt);
int nb_undo_comment(nb_undo *u, int comment, int oldr, int newr);

/* Take one step back: returns how many records the step has and points
 * *recs at them, in the order to apply (apply oldv/oldt). 0 when nothing. */
int nb_undo_undo(nb_undo *u, const nb_undo_rec *const **recs);
/* Take one step forward again (apply newv/newt), same conventions. */
int nb_undo_redo(nb_undo *u, const nb_undo_rec *const **recs);

int nb_undo_can_undo(const nb_undo *u);
int nb_undo_can_redo(const nb_undo *u);

#endif
