/* Search in a report, as `/` in the viewer: the places whose text, label
 * or number contains a pattern, in the order the screens show them (the
 * cover's fields, then each section's tables and its prose). Plain byte
 * substring of UTF-8, so Chinese text matches as typed. No curses. */
#ifndef NB_SEARCH_H
#define NB_SEARCH_H

#include "model/report.h"

typedef struct {
	int cell;   /* a table cell, or -1 */
	int field;  /* a text slot, or -1 */
} nb_hit;

/* Every place that matches pat (non-empty): a text slot whose label or
 * text contains it; a cell whose value as shown contains it; the first
 * cell of a run of cells whose label path contains it (a row label gives
 * the row's first cell, not each of its cells); the first cell of a table
 * whose name contains it. *hits is malloc'd (free it); returns the count,
 * or -1 when out of memory. */
int nb_search(const nb_report *r, const char *pat, nb_hit **hits);

/* Index of the hit after (dir > 0), at or after (dir == 0), or before
 * (dir < 0) the place
 * (cell, field) in screen order, wrapping around; -1 when n == 0. */
int nb_search_next(const nb_report *r, const nb_hit *hits, int n, int cell,
		   int field, int dir);

#endif
