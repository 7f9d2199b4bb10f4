/* See sysio.h. */
#include "core/sysio.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* ---- side files ----------------------------------------------------- */

int nb_open_side(const char *path, int flags, mode_t mode, struct stat *st)
{
	struct stat dummy;
	int fd, e;

	if (!st)
		st = &dummy;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer or reader. */
	fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
	if (fd < 0) {
		e = errno;
		/* A link (ELOOP under O_NOFOLLOW), a FIFO with nobody at the
		 * other end (ENXIO), a device: say what is in the way. */
		if ((e == ELOOP || e == ENXIO || e == ENODEV || e == EISDIR) &&
		    lstat(path, st) == 0 && !S_ISREG(st->st_mode)) {
			errno = NB_ENOTREG;
			return -1;
		}
		errno = e;
		return -1;
	}
	if (fstat(fd, st) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		errno = NB_ENOTREG;
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

void nb_uid_name(uid_t uid, char *buf, size_t n)
{
	struct passwd *pw = getpwuid(uid);
	if (pw && pw->pw_name && pw->pw_name[0])
		snprintf(buf, n, "%s", pw->pw_name);
	else
		snprintf(buf, n, "%ld", (long)uid);
	nb_clean_token(buf);
}

const char *nb_file_kind(mode_t m)
{
	if (S_ISREG(m))
		return "普通文件";
	if (S_ISLNK(m))
		return "符号链接";
	if (S_ISFIFO(m))
		return "命名管道";
	if (S_ISDIR(m))
		return "目录";
	if (S_ISSOCK(m))
		return "套接字";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "设备文件";
	return "特殊文件";
}

/* ---- who is alive --------------------------------------------------- */

/* The first line of a small /proc file, without its newline. */
static int proc_line(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;
	if (fd < 0)
		return -1;
	r = read(fd, buf, n - 1);
	close(fd);
	if (r <= 0)
		return -1;
	buf[r] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

void nb_boot_id(char *buf, size_t n)
{
	if (proc_line("/proc/sys/kernel/random/boot_id", buf, n) != 0)
		buf[0] = 0;
	nb_clean_token(buf);
}

void nb_pid_ns(char *buf, size_t n)
{
	char l[128];
	ssize_t r = readlink("/proc/self/ns/pid", l, sizeof l - 1);
	const char *p, *q;
	buf[0] = 0;
	if (r <= 0)
		return;
	l[r] = 0;
	/* "pid:[4026531836]" */
	p = strchr(l, '[');
	q = p ? strchr(p, ']') : NULL;
	if (p && q && (size_t)(q - p - 1) < n) {
		memcpy(buf, p + 1, (size_t)(q - p - 1));
		buf[q - p - 1] = 0;
	}
}

int nb_proc_start(pid_t pid, unsigned long long *ticks)
{
	char path[64], buf[1024];
	const char *p;
	int fd;
	ssize_t r;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			errno = ESRCH;
		return -1;
	}
	r = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (r <= 0) {
		errno = EIO;
		return -1;
	}
	buf[r] = 0;
	/* The command name (field 2) may hold spaces and ')': fields are
	 * counted after its last ')'. Field 3 follows; 22 is 19 further. */
	p = strrchr(buf, ')');
	if (!p) {
		errno = EIO;
		return -1;
	}
	p++;
	for (int f = 3; f < 22; f++) { /* skip fields 3..21 */
		while (*p == ' ')
			p++;
		while (*p && *p != ' ')
			p++;
		if (!*p) {
			errno = EIO;
			return -1;
		}
	}
	*ticks = strtoull(p, NULL, 10);
	return 0;
}

time_t nb_boot_time(void)
{
	char buf[8192];
	int fd;
	ssize_t r;
	const char *p;

	fd = open("/proc/stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	r = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (r <= 0)
		return 0;
	buf[r] = 0;
	p = strstr(buf, "\nbtime ");
	return p ? (time_t)strtoll(p + 7, NULL, 10) : 0;
}
