/* See sysio.h. */
#include "core/sysio.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int nb_write_all_with(ssize_t (*wr)(int fd, const void *buf, size_t n),
		      int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n) {
		ssize_t w = wr(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int nb_write_all(int fd, const void *buf, size_t n)
{
	return nb_write_all_with(write, fd, buf, n);
}

void nb_clean_token(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x21 || *s == 0x7f)
			*s = '_';
}

void nb_host_token(char *buf, size_t n)
{
	if (gethostname(buf, n) != 0 || !buf[0])
		snprintf(buf, n, "unknown");
	buf[n - 1] = 0;
	nb_clean_token(buf);
}

void nb_user_token(char *buf, size_t n)
{
	struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name && pw->pw_name[0])
		snprintf(buf, n, "%s", pw->pw_name);
	else
		snprintf(buf, n, "%ld", (long)geteuid());
	nb_clean_token(buf);
}

int nb_read_file(const char *path, size_t max, char **buf, size_t *len)
{
	int fd, e;
	size_t cap = 4096, n = 0;
	char *b;
	struct stat st;

	*buf = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			close(fd);
			errno = EISDIR;
			return -1;
		}
		if (S_ISREG(st.st_mode) && st.st_size > 0) {
			if ((unsigned long long)st.st_size > max) {
				close(fd);
				errno = EFBIG;
				return -1;
			}
			cap = (size_t)st.st_size + 1;
		}
	}
	b = malloc(cap + 1);
	if (!b) {
		close(fd);
		errno = ENOMEM;
		return -1;
	}
	for (;;) {
		ssize_t r;
		if (n == cap) {
			/* The file grew, or its size was unknown. */
			size_t nc = cap * 2;
			char *nb;
			if (cap > max) {
				e = EFBIG;
				goto fail;
			}
			nb = realloc(b, nc + 1);
			if (!nb) {
				e = ENOMEM;
				goto fail;
			}
			b = nb;
			cap = nc;
		}
		r = read(fd, b + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			e = EFBIG;
			goto fail;
		}
	}
	close(fd);
	b[n] = 0;
	*buf = b;
	*len = n;
	return 0;
fail:
	free(b);
	close(fd);
	errno = e;
	return -1;
}
