/* How the official template draws a section's tables: one grid of merged
 * cells, computed from the form's header trees alone, so a third layout
 * prints with no code change. Shared by every export format (HTML, Word,
 * spreadsheet) and by the importer, which matches a published table
 * against the same grid.
 *
 * The rules (FORMATS.md, "How the template draws the tables"):
 * - column headers: a group spans its leaves; a leaf above the deepest
 *   level spans down to the last header row;
 * - row labels: a group spans its leaves' rows in its own label column; a
 *   leaf spans the label columns right of its depth;
 * - the corner spans the label columns and the header rows;
 * - a table whose only row has an empty label (表四) has no label column;
 * - several tables in one section (表二) are stacked: each starts with its
 *   title row across the full width, then its header rows; where a table
 *   has fewer value columns than the widest, its last column spans the
 *   rest. */
#ifndef NB_LAYOUT_H
#define NB_LAYOUT_H

#include "form/form.h"

typedef enum {
	NB_LC_TITLE = 0, /* a stacked table's title row ("第二十条第（一）项") */
	NB_LC_CORNER,    /* top-left header cell (the rule of 表三, "信息内容") */
	NB_LC_COLHEAD,   /* a column label */
	NB_LC_ROWHEAD,   /* a row label */
	NB_LC_VALUE      /* a value cell of the report */
} nb_lkind;

typedef struct {
	int row, col;          /* top-left position in the grid, 0-based */
	int rowspan, colspan;  /* >= 1 */
	nb_lkind kind;
	const char *text;      /* the printed label (form-owned); NULL for a value */
	int table;             /* form table index */
	int node;              /* header node index in its axis, -1 otherwise */
	int cell;              /* NB_LC_VALUE: the report cell; else -1 */
} nb_lcell;

typedef struct {
	int nrows, ncols;
	int nhead;             /* leading rows that are headers of a single
				* table (repeated on each printed page); 0
				* for stacked tables */
	nb_lcell *cell;        /* in reading order: by row, then column */
	int ncell;
	int *row_first;        /* [nrows + 1]: cells starting in row r are
				* cell[row_first[r] .. row_first[r+1]) */
	unsigned char *row_head; /* [nrows]: 1 for a title or header row */
} nb_layout;

/* The grid of section s (its tables, in order). A section without tables
 * gives an empty grid (nrows == 0). 0, or -1 when out of memory. */
int nb_layout_build(const nb_form *f, int section, nb_layout *l);
void nb_layout_free(nb_layout *l);

#endif
