/* Shared by the Check suites: each tests/check_*.c defines one or more
 * `Suite *NB_SUITE(name)(void)`; the Makefile collects them into runner.c. */
#ifndef NB_TEST_H
#define NB_TEST_H
#include <check.h>
#define NB_SUITE(name) nb_suite_##name
/* Path of a file in the source tree, for fixtures. */
#define NB_SRC(rel) NB_SRCDIR "/" rel
#endif
