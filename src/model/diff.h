/* Year against year: every cell and text that differs between two
 * reports. Reports of different layouts are compared where cell ids and
 * field ids match; the rest is counted, not guessed at. Curses-free. */
#ifndef NB_DIFF_H
#define NB_DIFF_H

#include "model/engine.h"
#include "model/report.h"

typedef struct {
	int is_text;  /* 0: a cell, 1: a text field */
	int a, b;     /* cell (or field) index in the old / new report's form */
} nb_diff_item;

typedef struct {
	nb_diff_item *item;
	int n;
	int only_old; /* cells with a value whose id the new layout lacks */
	int only_new; /* the same the other way */
} nb_diff;

/* 0, or -1 when out of memory. Items in the new report's form order:
 * cover and section texts first, then cells. */
int nb_diff_reports(const nb_report *a, const nb_report *b, nb_diff *out);
void nb_diff_free(nb_diff *d);

/* The change of a cell as text: "+13", "-2", "+12.50", "空→3", "3→空",
 * "单位不同" (元 against 万元). */
void nb_diff_change(const nb_report *a, int ca, const nb_report *b, int cb,
		    char *buf, size_t n);

/* What a text item is called where it is printed: the section's heading
 * ("一、总体情况") for a section's text, the label for a cover field. */
const char *nb_diff_label(const nb_form *f, int field);

/* The first line (between newlines) where two texts part: its start and
 * length in each. */
void nb_diff_first_change(const char *a, const char *b, const char **la, int *na,
			  const char **lb, int *nb);

/* A finding of a rule that reads last year's report (carry-over, 现行有效):
 * what comparing two years adds to comparing cells. */
int nb_diff_carried(const nb_form *f, const nb_finding *x);

/* b is the report of the same body (agency name, not file name) for the
 * year after a's: then the carry-over rules apply. */
int nb_diff_consecutive(const nb_report *a, const nb_report *b);
/* The agency names are the same (surrounding spaces ignored). */
int nb_diff_same_body(const nb_report *a, const nb_report *b);

#endif
