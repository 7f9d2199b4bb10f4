/* Figures given for a group row as a whole. Some bodies publish the 2021
 * table 三 with the 2019 single row （六）其他处理: the group's figures are
 * known, its three rows are not. Such a figure is kept as published
 * (`tables: t3: otherwise:` in nianbao-report(5)) and the rules read it
 * where they would sum the group's rows, as long as those are blank. */
#ifndef NB_GROUPS_H
#define NB_GROUPS_H

#include "model/report.h"

typedef struct nb_gval {
	int table;   /* table index */
	int node;    /* a group node of the table's rows */
	int col;     /* leaf column */
	nb_value v;
	nb_mark mark;
} nb_gval;

/* Set (or, with v->set 0, clear) the figure of group row `node` in leaf
 * column `col`. 0, or -1 when node is not a group row or out of memory. */
int nb_group_set(nb_report *r, int table, int node, int col, const nb_value *v);
/* The figure given for a group row in a column, NULL when none. */
const nb_gval *nb_group_get(const nb_report *r, int table, int node, int col);
/* Any figure given for group row `node` of table? */
int nb_group_any(const nb_report *r, int table, int node);
/* The cell of leaf k (0..nleaves-1) of a group value's node. */
int nb_group_leaf_cell(const nb_form *f, const nb_gval *g, int k);
/* 1 when a and b give the same group figures. */
int nb_groups_eq(const nb_report *a, const nb_report *b);
/* For nb_report_free / nb_report_dup. */
void nb_groups_clear(nb_report *r);
int nb_groups_copy(nb_report *dst, const nb_report *src);

#endif
