/* The recovery journal: every committed change of the editor, appended and
 * fsync'd within about a second, replayed after a crash or lost terminal.
 * Records are key/value pairs using the keys of nb_report_set_by_key()
 * ("t3.new.natural", "text.s1"). A torn last record is expected and skipped. */
#ifndef NB_JOURNAL_H
#define NB_JOURNAL_H

#include <stddef.h>
#include <time.h>
#include <sys/types.h>

typedef struct nb_journal nb_journal;

/* Journal file of a report: "DIR/.NAME.nbjournal" beside it. */
char *nb_journal_path(const char *report_path);

/* Start a journal for a report (the header records host, pid, user, time
 * and a hash of the report file it applies to). */
nb_journal *nb_journal_open(const char *report_path, const char *base_hash,
			    char *errbuf, size_t errlen);
/* Append a record to the in-memory queue; cheap, never blocks on disk. */
int nb_journal_add(nb_journal *j, const char *key, const char *val, size_t vlen);
/* Write and fsync queued records. Called by the editor's idle timer and on
 * hang-up. Returns 0 or -1 (errno set). */
int nb_journal_flush(nb_journal *j);
/* After a successful save: the journal is no longer needed. */
int nb_journal_retire(nb_journal *j);
void nb_journal_close(nb_journal *j); /* flushes, keeps the file */

typedef struct {
	char host[256];
	char user[64];
	pid_t pid;
	time_t started, last;  /* first and last record */
	char base_hash[65];
	int nrecords;          /* complete records */
	int torn;              /* 1 when a torn last record was skipped */
} nb_journal_info;

/* Read a journal; for each complete record call fn(key, val, vlen, ctx).
 * Returns 0, or -1 with a message when the file is not a journal. */
int nb_journal_read(const char *jpath, nb_journal_info *info,
		    int (*fn)(const char *key, const char *val, size_t vlen, void *ctx),
		    void *ctx, char *errbuf, size_t errlen);
int nb_journal_read_mem(const char *buf, size_t len, nb_journal_info *info,
			int (*fn)(const char *key, const char *val, size_t vlen, void *ctx),
			void *ctx, char *errbuf, size_t errlen);

#endif
