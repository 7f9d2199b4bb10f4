/* Memory for code whose out-of-memory paths must be tested: the same as
 * malloc/calloc/strdup, except that a test can make one chosen call fail
 * (tests/check_alloc.c walks every allocation of a form load this way). */
#ifndef NB_ALLOC_H
#define NB_ALLOC_H

#include <stddef.h>

void *nb_malloc(size_t n);
void *nb_calloc(size_t n, size_t size);
char *nb_strdup(const char *s);

/* For tests: the n-th allocation from now (1 = the next) returns NULL, the
 * others succeed; 0 turns this off. Returns how many allocations were made
 * since the previous call. */
long nb_alloc_fail_at(long n);

#endif
