/* The recovery journal: every committed change of the editor, appended and
 * fsync'd within about a second, replayed after a crash or lost terminal.
 * Records are key/value pairs using the keys of nb_report_set_by_key()
 * ("t3.new.natural", "text.s1"). A torn last record is expected and skipped. */
#ifndef NB_JOURNAL_H
#define NB_JOURNAL_H

#include "core/hash.h"
#include <stddef.h>
#include <time.h>
#include <sys/types.h>

typedef struct nb_journal nb_journal;

/* Bounds: a hostile or damaged journal cannot make the reader allocate
 * more than this, and the writer refuses records past them. */
#define NB_JOURNAL_MAX_KEY     256u
#define NB_JOURNAL_MAX_VALUE   (1u << 20)
#define NB_JOURNAL_MAX_RECORDS 1000000 /* the reader reads a file in a
					* window of about one record */


/* Journal file of a report: "DIR/.NAME.nbjournal" beside it. */
char *nb_journal_path(const char *report_path);

/* Start a journal for a report (the header records host, pid, user, time
 * and a hash of the report file it applies to). No file is touched yet:
 * the journal file is created (atomically replacing an older one) by the
 * first nb_journal_flush that has records. So read an old journal with
 * nb_journal_read and re-add what you recover BEFORE the first flush;
 * to throw an old journal away, nb_journal_retire. NULL on error. */
nb_journal *nb_journal_open(const char *report_path, const char *base_hash,
			    char *errbuf, size_t errlen);
/* Append a record to the in-memory queue; cheap, never blocks on disk.
 * key: 1..NB_JOURNAL_MAX_KEY bytes, no NUL or newline; vlen up to
 * NB_JOURNAL_MAX_VALUE. Returns 0 or -1 (errno EINVAL, EFBIG, EOVERFLOW
 * past NB_JOURNAL_MAX_RECORDS, ENOMEM). */
int nb_journal_add(nb_journal *j, const char *key, const char *val, size_t vlen);
/* Write and fsync queued records. Called by the editor's idle timer and on
 * hang-up (from the main loop after the handler set its flag: this is
 * plain code, not async-signal-safe). Returns 0 or -1 (errno set); after
 * a failure the records stay queued and a later flush tries again (after
 * a failed fsync by rewriting the whole journal, never fsync'ing again). */
int nb_journal_flush(nb_journal *j);
/* After a successful save: the journal is no longer needed. Unlinks the
 * file and forgets all records; later adds start a fresh journal. */
int nb_journal_retire(nb_journal *j);
/* The report file changed (a save): later journals apply to this hash. */
int nb_journal_set_base(nb_journal *j, const char *base_hash);
/* Records added but not yet durable on disk. */
size_t nb_journal_pending(const nb_journal *j);
void nb_journal_close(nb_journal *j); /* flushes, keeps the file */

typedef struct {
	char host[256];
	char user[64];
	pid_t pid;
	time_t started, last;  /* first and last record */
	char base_hash[65];
	int nrecords;          /* complete records */
	int torn;              /* 1 when a torn last record was skipped */
	int corrupt;           /* 1 when a damaged record (bad CRC or frame)
				* stopped the reading, not a clean cut */
	size_t good_bytes;     /* end of the last complete record */
} nb_journal_info;

/* Read a journal; for each complete record call fn(key, val, vlen, ctx)
 * (key and val NUL-terminated; val may contain NULs, trust vlen), in the
 * order they were added. Reading stops at the first damaged or cut
 * record (torn = 1). fn returning non-zero stops the reading: -1.
 * Returns 0, or -1 with a message when the file is not a journal. */
int nb_journal_read(const char *jpath, nb_journal_info *info,
		    int (*fn)(const char *key, const char *val, size_t vlen, void *ctx),
		    void *ctx, char *errbuf, size_t errlen);
int nb_journal_read_mem(const char *buf, size_t len, nb_journal_info *info,
			int (*fn)(const char *key, const char *val, size_t vlen, void *ctx),
			void *ctx, char *errbuf, size_t errlen);

#endif
