/* System helpers shared by the files that write beside a report (savefile,
 * journal, lock): portable open flags, writing a whole buffer, and the
 * names of this host and user as they go into a lock or journal line. */
#ifndef NB_SYSIO_H
#define NB_SYSIO_H

#include <fcntl.h>
#include <stddef.h>
#include <sys/types.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
/* Read a whole file, at most max bytes (-1 with errno EFBIG past that).
 * *buf is malloc'd and NUL-terminated (buf[len] == 0) for convenience. */
int nb_read_file(const char *path, size_t max, char **buf, size_t *len);

#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY 0
/* Read a whole file, at most max bytes (-1 with errno EFBIG past that).
 * *buf is malloc'd and NUL-terminated (buf[len] == 0) for convenience. */
int nb_read_file(const char *path, size_t max, char **buf, size_t *len);

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

#endif
