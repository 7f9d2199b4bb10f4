/* The review keys of a report file: `comments:` (reviewers' remarks) and
 * `rollup:` (where a roll-up's figures came from). Both optional, both
 * described in nianbao-report(5); io/report_yaml.c calls these for its
 * loader and writer, so the report's shape is still described once. */
#ifndef NB_REPORT_REVIEW_H
#define NB_REPORT_REVIEW_H

#include "core/yamltree.h"
#include "io/emit.h"
#include "model/report.h"

/* Load the value of `comments:` / `rollup:` into r; 0, or -1 with err
 * "name:line:col: what". */
int nb_review_load_comments(nb_report *r, const nb_ynode *n, const char *name, nb_err *err);
int nb_review_load_rollup(nb_report *r, const nb_ynode *n, const char *name, nb_err *err);
/* Emit both keys when the report has them (nothing otherwise, so a file
 * without comments is byte for byte what it was before). */
void nb_review_emit(nb_emit *e, const nb_report *r);
/* 1 when both reports hold the same comments and roll-up record. */
int nb_review_eq(const nb_report *a, const nb_report *b);

#endif
