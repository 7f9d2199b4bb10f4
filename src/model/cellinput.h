/* Editing one table cell: which keystrokes a column accepts, and turning
 * the typed text into a value. A refused key is never stored; the caller
 * shows the message. No curses. */
#ifndef NB_CELLINPUT_H
#define NB_CELLINPUT_H

#include <stddef.h>
#include <stdint.h>
#include "core/value.h"

#define NB_CELLIN_MAX 64

typedef struct {
	const nb_valtype *vt;
	char buf[NB_CELLIN_MAX]; /* ASCII digits, '-', '.', ',' then a unit */
	size_t len;
} nb_cellin;

/* Begin editing; init is the current text (may be NULL or ""). */
void nb_cellin_start(nb_cellin *c, const nb_valtype *vt, const char *init);

/* Offer one typed character. Full-width digits and the full-width or
 * Chinese-IME forms of '-' '.' ',' are stored as ASCII. Returns NULL when
 * accepted, else a short Simplified Chinese reason. */
const char *nb_cellin_key(nb_cellin *c, uint32_t ch);
/* Remove the last character; 0 when already empty. */
int nb_cellin_backspace(nb_cellin *c);

/* The value typed: blank when nothing was typed. Returns NULL, or a
 * message (and *out untouched) when the text is not a valid value. */
const char *nb_cellin_commit(const nb_cellin *c, nb_value *out);

/* Parse one pasted field against a column type: "" or blanks give a blank
 * value. Returns NULL or a message. */
const char *nb_cellin_parse(const char *s, size_t len, const nb_valtype *vt,
			    nb_value *out);

/* A pasted block split into fields: one row per line; in a line that has
 * a tab, fields are separated by single tabs (an empty field is a blank
 * cell, as WPS and Excel copy them), else by runs of spaces (ASCII or
 * U+3000). Empty lines are skipped. */
typedef struct {
	size_t off, len; /* bytes of the field in the pasted text */
	int row, col;    /* offsets from the first cell */
} nb_paste_field;

/* Returns how many fields there are (may exceed max; only max written). */
int nb_cellin_split(const char *s, size_t len, nb_paste_field *out, int max);

#endif
