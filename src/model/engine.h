/* The rule engine: derives computed cells and checks every rule of a form.
 * One engine serves `nianbao check`, the editor and every later feature.
 * Recomputing after one cell changes touches only what depends on it. */
#ifndef NB_ENGINE_H
#define NB_ENGINE_H

#include "form/deps.h"
#include "model/report.h"

typedef struct nb_engine nb_engine;

#define NB_FINDING_MSG 512

typedef struct {
	nb_severity sev;
	int rule;          /* rule index, or -1 for a finding of its own kind */
	const char *kind;  /* rule id, or "type", "blank", "layout", "text" */
	int cell;          /* cell to jump to, -1 for none (editing: the cell whose change broke the rule) */
	int field;         /* text field concerned, -1 for none */
	const int *cells;  /* every cell the finding involves */
	int ncells;
	int has_expected;  /* expected/actual are meaningful */
	int64_t expected, actual;
	int expected_blank, actual_blank; /* that side had no filled cell:
					   * blank, which is not 0 */
	char msg[NB_FINDING_MSG]; /* Simplified Chinese, names cells by label */
} nb_finding;

/* `last` (last year's report) may be NULL: rules that need it are skipped.
 * The engine keeps pointers to the report; it must outlive the engine. */
nb_engine *nb_engine_new(nb_report *r, const nb_report *last);
void nb_engine_free(nb_engine *e);
/* The errors nb_engine_new(r, NULL) would find (nb_engine_count of
 * NB_SEV_ERROR), without the passes that give only warnings (prose, blank
 * cells, texts): `nianbao sum` checks every input. -1 out of memory. */
int nb_engine_count_errors(nb_report *r);

/* Check everything from scratch (after load). Computed cells keep the
 * figures the file had: a different figure is an error, never overwritten. */
void nb_engine_check_all(nb_engine *e);
/* Write every computed cell from its inputs (a new report, or the clerk's
 * "recompute totals" command). */
void nb_engine_derive_all(nb_engine *e);

/* The clerk changed one cell: store it, re-derive the computed cells that
 * depend on it and re-check the rules that read any changed cell.
 * Returns the number of rule instances evaluated (for tests). Setting a
 * computed cell is refused (-1). */
int nb_engine_set(nb_engine *e, int cell, const nb_value *v);
/* A text slot changed (text rules, the layout/year rule). */
void nb_engine_text_changed(nb_engine *e, int field);

int nb_engine_is_computed(const nb_engine *e, int cell);
/* Worst severity of the findings involving a cell, 0 when none. */
int nb_engine_cell_sev(const nb_engine *e, int cell);
/* The most severe finding involving a cell (first of equals), or NULL. */
const nb_finding *nb_engine_cell_finding(const nb_engine *e, int cell);
/* Same for a text field. */
const nb_finding *nb_engine_field_finding(const nb_engine *e, int field);

/* All current findings in a stable order (form order of their cells). The
 * pointers stay valid until the next call that changes the engine. */
int nb_engine_nfindings(nb_engine *e);
const nb_finding *nb_engine_finding(nb_engine *e, int i);
int nb_engine_count(const nb_engine *e, nb_severity sev);
/* Blank input cells (not computed, not inside a group given as a whole)
 * of table t, or of every table when t < 0: what is left to fill in. */
int nb_engine_blank_inputs(const nb_engine *e, int t);

/* A sum over report cells, blank cells counting 0. */
typedef struct {
	int64_t v;
	int any;     /* some cell was filled */
	int ovf;     /* past 64 bits */
	int missing; /* rep (in another layout) lacks a cell the term names */
} nb_sum;

/* Add one term of rule r (of form f) at binding bind, read from rep: this
 * year's report, or last year's, matched by ids when its form differs. */
void nb_term_sum(const nb_form *f, const nb_rule *r, int bind, const nb_term *tm,
		 const nb_report *rep, nb_sum *s);

/* Cells whose value or mark changed since the last call (for repaint);
 * returns how many were written into out (at most max), and clears them. */
int nb_engine_take_dirty(nb_engine *e, int *out, int max);

/* The editor's view (issue 9 items 1, 2), off by default so `nianbao
 * check` reports as it always has. On: a rule whose figures are not all
 * filled in yet is "unfinished", not a finding (a total kept from a file
 * is checked all the same); and a rule broken by nb_engine_set is blamed
 * on the cell set: its finding's `cell` is that cell, which is marked too
 * (the likeliest culprit is what the clerk just typed). Re-evaluates
 * every rule. */
void nb_engine_set_editing(nb_engine *e, int on);
/* Unfinished rule instances now (0 unless lenient). */
int nb_engine_nunfinished(const nb_engine *e);
/* The k-th unfinished instance: its description into buf ("表三「自然人」
 * 列：... 尚未填完（3 个格子空白）"); returns its first blank input cell
 * (to jump to), or -1 when there is no k-th. */
int nb_engine_unfinished(const nb_engine *e, int k, char *buf, size_t n);

#endif
