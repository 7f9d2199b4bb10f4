/* Shared by the Check suites: each tests/check_*.c defines one or more
 * `Suite *NB_SUITE(name)(void)`; the Makefile collects them into runner.c.
 * The nbt_* helpers (tests/nbtest.c) assert as they go: a helper that
 * returns has succeeded. */
#ifndef NB_TEST_H
#define NB_TEST_H
#include <stddef.h>
#include <check.h>

#include "model/report.h"

#define NB_SUITE(name) nb_suite_##name
/* Path of a file in the source tree, for fixtures. */
#define NB_SRC(rel) NB_SRCDIR "/" rel

/* Fixture: the built-in forms loaded / unloaded. */
void nbt_forms_up(void);
void nbt_forms_down(void);
/* A built-in form by id; a cell of a form by id. */
const nb_form *nbt_form(const char *id);
int nbt_cell(const nb_form *f, const char *id);
/* r's value at key ("t3.new.natural", "text.s1") set to val. */
void nbt_set(nb_report *r, const char *key, const char *val);
/* A report file that must load. */
nb_report *nbt_load_file(const char *path);
/* A whole file, NUL-terminated (*len without the NUL); malloc'd. */
char *nbt_slurp(const char *path, size_t *len);
/* msg must be "NAME:LINE:COL: message"; returns LINE, stores COL. */
int nbt_err_pos(const char *msg, const char *name, int *col);

/* A fresh directory from tmpl ("/tmp/nbsomething.XXXXXX"), written into
 * dir (n bytes). */
void nbt_mkdtemp(char *dir, size_t n, const char *tmpl);
/* Remove d and everything below it, also read-only subdirectories. */
void nbt_rm_tree(const char *d);
#endif
