/* Crash-safe saving (../shared/SAFETY.md): after a crash or power cut the
 * target is the old file or the new one, never a mix or empty. */
#ifndef NB_SAVEFILE_H
#define NB_SAVEFILE_H

#include "core/sysio.h"
#include <stddef.h>
#include <sys/types.h>

/* The system calls a save makes, behind a table so tests can fail the Nth. */
typedef struct nb_fileops {
	int (*open)(const char *path, int flags, mode_t mode);
	int (*mkstemp)(char *tmpl);     /* mkostemp(tmpl, O_CLOEXEC) */
	ssize_t (*write)(int fd, const void *buf, size_t n);
	int (*fsync)(int fd);
	int (*fchmod)(int fd, mode_t mode);
	int (*close)(int fd);
	int (*rename)(const char *from, const char *to);
	int (*link)(const char *from, const char *to);
	int (*unlink)(const char *path);
	/* Added after the first agreement; a NULL member of any table means
	 * the real call, so a table written before this still works. */
	int (*fchown)(int fd, uid_t uid, gid_t gid);
} nb_fileops;

extern const nb_fileops nb_fileops_posix;
/* *o = ops (NULL: the real calls) with every NULL member the real call. */
void nb_fileops_fill(nb_fileops *o, const nb_fileops *ops);

/* What a save that succeeded could not keep (nb_saveerr.warn bits). */
enum {
	NB_SAVE_NO_BACKUP = 1,  /* "PATH~" could not be replaced (another
				 * user's file, a FIFO in the way, ...):
				 * saved without a new backup */
	NB_SAVE_OWNER_LOST = 2, /* the file now belongs to the saver */
	NB_SAVE_GROUP_LOST = 4, /* the file's group could not be kept */
};

typedef struct {
	int err;            /* errno of the failing step, 0 on success */
	const char *step;   /* "mkstemp", "write", "fsync", "rename", ... */
	char msg[512];      /* Simplified Chinese: cause and what to do */
	int warn;           /* NB_SAVE_* bits, also after a success */
	char note[512];     /* what warn means, for the clerk; "" when 0 */
} nb_saveerr;

/* Write buf to path (following a symlink to the real file, but only one
 * the kernel itself follows: an error other than ENOENT from stat(path),
 * such as EACCES from fs.protected_symlinks, is a refusal), keeping the
 * mode, the owner where allowed and else the group (warn and note say
 * what could not be kept), keeping the previous version as "PATH~" (the
 * backup; when that cannot be replaced the save goes on without it and
 * says so in warn/note), in the
 * recipe of SAFETY.md. ops may be NULL for the real system calls.
 * Returns 0, or -1 with err filled and the target byte-identical.
 * The one exception: step "fsync-dir" fails after the new file is in place
 * (the data is written but may not survive a power cut; keep the report
 * dirty and save again).
 * The CALLER must ignore SIGXFSZ (signal(SIGXFSZ, SIG_IGN)) at start-up:
 * otherwise a save past `ulimit -f` kills the program instead of failing
 * with EFBIG. */
int nb_save_atomic(const char *path, const char *buf, size_t len,
		   const nb_fileops *ops, nb_saveerr *err);

/* Remove our own stale temporary files (".NAME.nbtmp.XXXXXX" beside the
 * report) left by a process that died mid-save. Returns how many, or -1.
 * Call it only while holding the report's lock (lock.h): then no other
 * nianbao is saving this report, so every such file is stale. */
int nb_save_sweep(const char *path);


/* The file a save of `path` really writes: symlinks followed (also a
 * dangling one) where the kernel follows them, directory made absolute;
 * NULL with errno (EACCES for a link fs.protected_symlinks refuses). The lock, the journal and the
 * temporary files all sit beside this file. malloc'd; NULL with errno. */
char *nb_save_resolve(const char *path);

/* "DIR/.NAME" SUFFIX for the real file DIR/NAME of a save of `path` (see
 * nb_save_resolve): where the lock and the journal live. malloc'd; NULL
 * with errno. */
char *nb_save_beside(const char *path, const char *suffix);

#endif
