/* The dependency graph of a form's rules: every rule instance (a rule bound
 * to one row or column), the cells it reads, the cell it derives, and the
 * order in which computed cells must be derived. Shared by the form loader
 * (which refuses cycles) and the engine (which recomputes incrementally). */
#ifndef NB_DEPS_H
#define NB_DEPS_H

#include "form/form.h"

typedef struct {
	int rule;
	int bind;      /* leaf index on the axis the rule runs over */
	int target;    /* cell derived by this instance, -1 when it only checks */
	int *cells;    /* this year's cells it involves (target first) */
	int ncells;
} nb_inst;

typedef struct nb_deps {
	nb_inst *inst;
	int ninst;
	int *computed_by;  /* [ncell] deriving instance, -1 for input cells */
	int *rd_start;     /* [ncell+1] readers of cell c: rd[rd_start[c]..rd_start[c+1]) */
	int *rd;
	int *order;        /* deriving instances, inputs before what uses them */
	int norder;
	int *pool;         /* owns every inst.cells */
} nb_deps;

/* Returns -1 on success, else the index of the rule at fault (why filled;
 * 0 with why "内存不足" when memory ran out). Forms are limited to
 * NB_MAX_RULE_CELLS cells over all rule instances. */
#define NB_MAX_RULE_CELLS 200000
int nb_deps_build(const nb_form *f, nb_deps *d, char *why, size_t n);
void nb_deps_free(nb_deps *d);

/* Instances of a rule: the leaves of the axis it runs over, or 1 for a
 * rule of fixed cells (NB_EACH_NONE). */
int nb_rule_nbind(const nb_form *f, const nb_rule *r);
/* How many cells a term reads (the same at every binding), and the k-th
 * of them at binding bind. */
int nb_term_ncells(const nb_form *f, const nb_rule *r, const nb_term *tm);
int nb_term_cell(const nb_form *f, const nb_rule *r, int bind, const nb_term *tm, int k);

/* The axis a rule runs over, and the axis its names refer to (in its own
 * table; for NB_EACH_NONE the rows and the columns). */
const nb_axis *nb_rule_each(const nb_form *f, const nb_rule *r);
const nb_axis *nb_rule_other(const nb_form *f, const nb_rule *r);

/* The cell at binding `bind` (a leaf of the axis the rule runs over) and
 * leaf `other_leaf` of the other axis. */
int nb_inst_cell(const nb_form *f, const nb_rule *r, int bind, int other_leaf);

#endif
