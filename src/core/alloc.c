/* Allocation with a test hook; see alloc.h. */
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"

static long fail_at, count;

static int refuse(void)
{
	return ++count == fail_at;
}

void *nb_malloc(size_t n)
{
	return refuse() ? NULL : malloc(n);
}

void *nb_calloc(size_t n, size_t size)
{
	return refuse() ? NULL : calloc(n, size);
}

char *nb_strdup(const char *s)
{
	return refuse() ? NULL : strdup(s);
}

long nb_alloc_fail_at(long n)
{
	long made = count;
	fail_at = n;
	count = 0;
	return made;
}
