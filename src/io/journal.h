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
/* The per-user place used when the folder is read-only or another user's
 * file holds the name beside the report:
 * "$XDG_STATE_HOME/nianbao/NAME-HASH.nbjournal" (default state home
 * ~/.local/state), HASH from the report's real path. NULL with errno. */
char *nb_journal_state_path(const char *report_path);
/* Where a journal of this report may be: out[0] beside it, out[1] in the
 * state directory (malloc'd; unused ones NULL). Returns how many. */
int nb_journal_candidates(const char *report_path, char *out[2]);

/* Start a journal for a report (the header records host, pid, user, time
 * and a hash of the report file it applies to). No file is touched yet:
 * the journal file is created (atomically replacing an older one of ours)
 * by the first nb_journal_flush that has records. It is written beside
 * the report unless that fails (read-only folder) or the name there is
 * held by a file that is not ours or not a regular file, which is never
 * replaced nor deleted: then it goes to the state directory
 * (nb_journal_file tells which). So read an old journal with
 * nb_journal_read and re-add what you recover BEFORE the first flush;
 * to throw an old journal away, nb_journal_retire. NULL on error. */
nb_journal *nb_journal_open(const char *report_path, const char *base_hash,
			    char *errbuf, size_t errlen);
/* Append a record to the in-memory queue; cheap, never blocks on disk.
 * key: 1..NB_JOURNAL_MAX_KEY bytes, no NUL or newline; vlen up to
 * NB_JOURNAL_MAX_VALUE. Returns 0 or -1 (errno EINVAL, EFBIG, EOVERFLOW
 * past NB_JOURNAL_MAX_RECORDS, ENOMEM). */
int nb_journal_add(nb_journal *j, const char *key, const char *val, size_t vlen);
/* Write the journal in the state directory from now on. */
int nb_journal_use_state_dir(nb_journal *j);
/* The file the journal is written to (or will be). */
const char *nb_journal_file(const nb_journal *j);
/* Records restored from old_path were re-added: once they are durable in
 * this journal, old_path is removed if it is ours and another file. */
int nb_journal_adopt(nb_journal *j, const char *old_path);
/* The system calls the journal makes (crash-state test); NULL: real. */
struct nb_fileops;
void nb_journal_set_ops(nb_journal *j, const struct nb_fileops *ops);
/* Bytes of memory the journal holds (bounded by compaction: superseded
 * records of a key are dropped once they outweigh the live ones). */
size_t nb_journal_bytes(const nb_journal *j);

/* Write and fsync queued records. Before appending it checks that the
 * file is still the journal on disk (not deleted or renamed: inode and
 * link count) and writes it anew when not. Called by the editor's idle timer and on
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
	/* From the file itself (fstat), never from its header: */
	uid_t owner_uid;
	char owner[64];        /* login name of owner_uid */
	int ours;              /* a regular file owned by the effective user */
	int not_regular;       /* a FIFO, link, device... (read refused) */
	mode_t mode;           /* its type and permissions */
	time_t mtime;
} nb_journal_info;

/* Read a journal (opened without following a link or blocking on a
 * FIFO; anything but a regular file is refused, info->not_regular and
 * the owner filled); for each complete record call fn(key, val, vlen, ctx)
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
