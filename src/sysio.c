/* See sysio.h. */
#include "sysio.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
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
