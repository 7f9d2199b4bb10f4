/* A report: one clerk's data for one form. Plain C, no curses, no YAML. */
#ifndef NB_REPORT_H
#define NB_REPORT_H

#include "form/form.h"
#include "core/utf8.h"

typedef struct { int line, col; } nb_mark; /* 1-based; 0 = not from a file */

typedef struct nb_report {
	const nb_form *form;
	char **text;        /* [form->nfield] UTF-8, never NULL ("" when empty) */
	nb_value *cell;     /* [form->ncell] */
	nb_mark *cell_mark; /* [form->ncell] where each value was read */
	/* Reviewers' comments (model/comments.h) and, for a roll-up, where
	 * its figures came from (model/rollup.h); both optional, neither
	 * ever changes a figure. */
	struct nb_comment *comment;
	int ncomment;
	struct nb_rollup_info *rollup;
	/* Figures given for a group row as a whole (model/groups.h); none in
	 * a file the editor wrote. */
	struct nb_gval *gval;
	int ngval;
} nb_report;

nb_report *nb_report_new(const nb_form *f);
void nb_report_free(nb_report *r);
nb_report *nb_report_dup(const nb_report *r);

/* Replace a text slot. Rejects invalid UTF-8 and NUL (returns -1); stores
 * CR LF, lone CR and NEL as LF. A year field takes only "" or four digits. */
int nb_report_set_text(nb_report *r, int field, const char *s, size_t len);
/* The same for text already known to be valid UTF-8 without NUL (libyaml
 * has checked what it parsed). */
int nb_report_set_text_valid(nb_report *r, int field, const char *s, size_t len);
/* The year of the cover (its NB_ROLE_YEAR field), 0 when blank, not a year,
 * or outside NB_YEAR_MIN..NB_YEAR_MAX. */
int nb_report_year(const nb_report *r);
/* The report's title: the cover's own title, else the form's template with
 * {agency} and {year} replaced ("" when the form has none). */
void nb_report_title(const nb_report *r, char *buf, size_t n);
/* 1 when every cell and text is blank. */
int nb_report_is_blank(const nb_report *r);

/* Keys shared by the journal, `nianbao cells` and scripts:
 *   "t3.new.natural" for a cell (value as typed, "" for blank),
 *   "text.s1" / "text.agency" for a text slot. */
int nb_report_set_by_key(nb_report *r, const char *key, const char *val,
			 size_t vlen, nb_err *err);
/* Parse a value for a cell as files and the journal give it: a negative
 * count is accepted here (the engine reports it as an error). */
nb_verr nb_report_parse_cell(const nb_report *r, int cell, const char *val,
			     size_t vlen, nb_value *v);
/* Current value of a key as text (malloc'd), NULL when no such key. */
char *nb_report_get_by_key(const nb_report *r, const char *key);


#endif
