/* Crash-safe saving (../shared/SAFETY.md): after a crash or power cut the
 * target is the old file or the new one, never a mix or empty. */
#ifndef NB_SAVEFILE_H
#define NB_SAVEFILE_H

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
} nb_fileops;

extern const nb_fileops nb_fileops_posix;

typedef struct {
	int err;            /* errno of the failing step, 0 on success */
	const char *step;   /* "mkstemp", "write", "fsync", "rename", ... */
	char msg[512];      /* Simplified Chinese: cause and what to do */
} nb_saveerr;

/* Write buf to path (following a symlink to the real file), keeping the
 * mode, keeping the previous version as "PATH~" (the backup), in the
 * recipe of SAFETY.md. ops may be NULL for the real system calls.
 * Returns 0, or -1 with err filled and the target byte-identical. */
int nb_save_atomic(const char *path, const char *buf, size_t len,
		   const nb_fileops *ops, nb_saveerr *err);

/* Remove our own stale temporary files (".NAME.nbtmp.XXXXXX" beside the
 * report) left by a process that died mid-save. Returns how many. */
int nb_save_sweep(const char *path);

/* Read a whole file, at most max bytes (-1 with errno EFBIG past that). */
int nb_read_file(const char *path, size_t max, char **buf, size_t *len);

#endif
