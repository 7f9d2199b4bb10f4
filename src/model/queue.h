/* The reviewer's queue: one entry per report file, with what the list
 * shows (agency, year, layout, errors, warnings, unfinished cells, open
 * comments) and which
 * entry is last year's report of the same body. Sorting, filtering and
 * the same-body pairing are plain data here; loading a file into an entry
 * is the document layer's (doc/queue_load.h). No curses, no I/O. */
#ifndef NB_QUEUE_H
#define NB_QUEUE_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
	NB_QE_PENDING = 0, /* not read yet (or changed on disk: read again) */
	NB_QE_LOADED,
	NB_QE_BAD,         /* cannot be read: why says so */
	NB_QE_GONE         /* the file has disappeared */
} nb_qstate;

typedef struct {
	char *path;
	nb_qstate state;
	char *agency;      /* the cover's agency name ("" unknown) */
	char *why;         /* NB_QE_BAD: "FILE:LINE:COL: what" */
	int year;          /* 0 unknown */
	char form[32];     /* layout id, "gk2021" */
	int errors, warnings, comments; /* comments: open ones */
	int blanks;        /* unfinished: blank input cells */
	int last;          /* entry of last year's report of the same body, -1 */
	int checked_with;  /* the `last` its errors/warnings were counted
			    * against (-1 none): differs from last when
			    * the pairing changed, so count again */
	/* What the file was when read: a change means read it again. */
	int64_t mtime_ns;
	int64_t size;
	uint64_t ino;
} nb_qentry;

typedef enum { NB_QSORT_FILE = 0, NB_QSORT_AGENCY, NB_QSORT_ERRORS,
	       NB_QSORT_YEAR, NB_QSORT_BLANKS, NB_QSORT_COUNT } nb_qsort;

typedef struct {
	nb_qentry *e;
	int n, cap;
	int *order;        /* entries shown, in the order shown */
	int norder;
	nb_qsort sort;
	int only_errors;   /* show only reports with errors */
	int loaded;        /* entries no longer pending */
} nb_queue;

void nb_queue_init(nb_queue *q);
void nb_queue_free(nb_queue *q);
/* Add a file (pending); its index, or -1 when out of memory. */
int nb_queue_add(nb_queue *q, const char *path);
/* The entry of path, or -1. */
int nb_queue_find(const nb_queue *q, const char *path);

/* Fill in an entry once read (counted against entry checked_with, -1
 * none; blanks: its blank input cells); strings copied. */
int nb_queue_set_loaded(nb_queue *q, int i, const char *agency, int year,
			const char *form, int errors, int warnings, int blanks,
			int comments, int checked_with);
int nb_queue_set_bad(nb_queue *q, int i, const char *why);
/* The file changed: read it again. Entries that had it as last year's
 * report are read again too (their carry-over checks depend on it). */
void nb_queue_set_pending(nb_queue *q, int i);
void nb_queue_set_gone(nb_queue *q, int i);

/* The agency as compared for "same body": spaces (ASCII and full-width)
 * dropped, so "市 教育局" and "市教育局　" are one body. malloc'd. */
char *nb_queue_body_key(const char *agency);
/* Link every loaded entry to last year's report of the same body among
 * the entries (same body key, same layout family not required, year - 1;
 * of several, the first in file order). Returns how many entries gained
 * or changed their link: those (last != checked_with) must be counted
 * again. */
int nb_queue_pair(nb_queue *q);

/* Recompute order[] from sort and only_errors (pending entries sort last
 * under agency/errors/year/blanks (most first), in file order; the filter keeps pending ones
 * until they are known). 0 or -1 (memory). */
int nb_queue_order(nb_queue *q);
/* The shown position of entry i, or -1 when filtered out. */
int nb_queue_pos(const nb_queue *q, int i);

/* Counting for the header. */
int nb_queue_count(const nb_queue *q, nb_qstate st);
int nb_queue_with_errors(const nb_queue *q);

#endif
