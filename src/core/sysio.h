/* System helpers shared by the files that write beside a report (savefile,
 * journal, lock): portable open flags, writing a whole buffer, and the
 * names of this host and user as they go into a lock or journal line. */
#ifndef NB_SYSIO_H
#define NB_SYSIO_H

#include <fcntl.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY 0
#endif
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif

/* mkostemp is a GNU/BSD extension not declared under strict POSIX. */
int mkostemp(char *tmpl, int flags);

/* Write all n bytes with wr (write(2), or a test's stand-in), going on
 * after EINTR and short writes. 0, or -1 with errno (EIO when wr wrote
 * nothing). */
int nb_write_all_with(ssize_t (*wr)(int fd, const void *buf, size_t n),
		      int fd, const void *buf, size_t n);
/* The same with write(2). */
int nb_write_all(int fd, const void *buf, size_t n);

/* Make s one printable token: bytes below '!' and DEL become '_'. */
void nb_clean_token(char *s);
/* This host's name, "unknown" when it has none; one clean token. */
void nb_host_token(char *buf, size_t n);
/* The effective user's login name, its number when it has none; one clean
 * token. */
void nb_user_token(char *buf, size_t n);

/* Read a whole file, at most max bytes (-1 with errno EFBIG past that).
 * *buf is malloc'd and NUL-terminated (buf[len] == 0) for convenience. */
int nb_read_file(const char *path, size_t max, char **buf, size_t *len);

/* ---- side files: the lock, the journal, the backup ------------------

 * A side file sits in a folder other accounts may write to, so anything
 * found there may have been planted: a link to a private file, a FIFO
 * that blocks open() for ever, someone else's file. */

/* Open a side file without following a link (ELOOP) and without
 * blocking on a FIFO or device, then require a regular file: -1 with
 * errno EFTYPE-like NB_ENOTREG otherwise. *st (when not NULL) gets the
 * fstat of what was opened, or, on NB_ENOTREG and ELOOP, the lstat of
 * what is in the way, so a caller can say whose file it is. The fd
 * returned is blocking again. */
#define NB_ENOTREG EBADFD
int nb_open_side(const char *path, int flags, mode_t mode, struct stat *st);
/* Login name of uid (its number when it has none), one clean token. */
void nb_uid_name(uid_t uid, char *buf, size_t n);
/* What kind of file a mode is, in the clerk's words ("命名管道"). */
const char *nb_file_kind(mode_t mode);

/* ---- who is alive ---------------------------------------------------- */

/* This boot of this machine: /proc/sys/kernel/random/boot_id, 36
 * characters; "" when unknown. */
void nb_boot_id(char *buf, size_t n);
/* This process's pid namespace ("4026531836"), "" when unknown: a pid
 * means something only inside the namespace it was taken in. */
void nb_pid_ns(char *buf, size_t n);
/* Start time of process pid in clock ticks since boot (/proc/PID/stat
 * field 22): 0 and *ticks, or -1 (errno ESRCH when there is no such
 * process here). */
int nb_proc_start(pid_t pid, unsigned long long *ticks);
/* When this machine booted (/proc/stat btime), 0 when unknown. Start
 * ticks are not turned into wall-clock times: on a virtual machine
 * restored from a snapshot the two clocks disagree by hours. */
time_t nb_boot_time(void);

#endif
