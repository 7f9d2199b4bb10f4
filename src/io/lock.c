/* The editor lock ".NAME.nblock": created with O_EXCL (atomic also on NFS
 * v3 and later), one line "USER HOST PID SINCE TOKEN". */
#include "io/lock.h"
#include "io/savefile.h"
#include "core/sysio.h"
#include "core/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LOCK_MAX 1024 /* a lock file larger than this is not ours */

struct nb_lock {
	char *path;
	char line[LOCK_MAX];
};

static void seterr(char *errbuf, size_t errlen, const char *what,
		   const char *path, int e)
{
	if (errbuf && errlen)
		snprintf(errbuf, errlen, "%s: %s：%s", path ? path : "", what,
			 strerror(e));
}

char *nb_lock_path(const char *report_path)
{
	return nb_save_beside(report_path, ".nblock");
}

static void my_line(char *line, size_t n)
{
	char host[256], user[64];
	unsigned char rnd[8];
	uint64_t tok = 0;
	int fd;

	nb_host_token(host, sizeof host);
	nb_user_token(user, sizeof user);
	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && read(fd, rnd, sizeof rnd) == (ssize_t)sizeof rnd) {
		for (size_t i = 0; i < sizeof rnd; i++)
			tok = tok << 8 | rnd[i];
	} else {
		/* Weaker, but pid and time already tell owners apart. */
		tok = (uint64_t)getpid() * 0x9e3779b97f4a7c15u ^
		      (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)&tok;
	}
	if (fd >= 0)
		close(fd);
	char boot[40], ns[32];
	unsigned long long start = 0;
	nb_boot_id(boot, sizeof boot);
	nb_pid_ns(ns, sizeof ns);
	(void)nb_proc_start(getpid(), &start);
	snprintf(line, n, "%s %s %ld %lld %016llx %s %s %llu\n", user, host,
		 (long)getpid(), (long long)time(NULL), (unsigned long long)tok,
		 boot[0] ? boot : "-", ns[0] ? ns : "-", start);
}

/* Read the lock file: 0 and its text, or -1 (errno; ENOENT when gone,
 * NB_ENOTREG when a FIFO or link is in its place: *st tells whose). */
static int read_lock_st(const char *path, char *buf, size_t n, struct stat *st)
{
	int fd = nb_open_side(path, O_RDONLY, 0, st);
	size_t len = 0;
	if (fd < 0)
		return -1;
	while (len < n - 1) {
		ssize_t r = read(fd, buf + len, n - 1 - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	buf[len] = 0;
	return 0;
}

static int read_lock(const char *path, char *buf, size_t n)
{
	struct stat st;
	return read_lock_st(path, buf, n, &st);
}

static void cpy(char *dst, size_t n, const char *src)
{
	size_t k = strlen(src);
	if (k >= n)
		k = n - 1;
	memcpy(dst, src, k);
	dst[k] = 0;
}

/* The holder's pid namespace, from the last parse (judge_stale reads it). */
static char pidns[32];

/* Fill owner from the text; 0 when the line parsed. */
static int parse_owner(const char *text, nb_lock_owner *o)
{
	char f[8][256];
	int nf = 0;
	const char *p = text;
	memset(o, 0, sizeof *o);
	while (nf < 8) {
		size_t k = 0;
		while (*p == ' ')
			p++;
		if (!*p || *p == '\n')
			break;
		while (*p && *p != ' ' && *p != '\n') {
			if (k < sizeof f[0] - 1)
				f[nf][k++] = *p;
			p++;
		}
		f[nf][k] = 0;
		nf++;
	}
	if (nf < 4)
		return -1;
	long long pid = 0, since = 0;
	for (const char *q = f[2]; *q; q++) {
		if (*q < '0' || *q > '9' || pid > 1000000000)
			return -1;
		pid = pid * 10 + (*q - '0');
	}
	for (const char *q = f[3]; *q; q++) {
		if (*q < '0' || *q > '9' || since > 100000000000LL)
			return -1;
		since = since * 10 + (*q - '0');
	}
	if (pid <= 0)
		return -1;
	cpy(o->user, sizeof o->user, f[0]);
	cpy(o->host, sizeof o->host, f[1]);
	/* A planted lock may carry escape sequences: they reach a terminal
	 * in every message that names the holder. */
	{
		char t[256];
		nb_clean_name(t, sizeof t, o->user);
		cpy(o->user, sizeof o->user, t);
		nb_clean_name(t, sizeof t, o->host);
		cpy(o->host, sizeof o->host, t);
	}
	o->pid = (pid_t)pid;
	o->since = (time_t)since;
	o->age = (long long)(time(NULL) - o->since);
	if (nf >= 8 && strcmp(f[5], "-") != 0) {
		cpy(o->boot_id, sizeof o->boot_id, f[5]);
		cpy(pidns, sizeof pidns, f[6]);
		o->start = strtoull(f[7], NULL, 10);
	} else {
		pidns[0] = 0;
	}
	return 0;
}

static void judge_stale(const char *path, nb_lock_owner *o, int parsed)
{
	char host[256], boot[40], ns[32];
	struct stat st;
	unsigned long long start;
	o->stale = o->unsure = 0;
	if (!parsed) {
		/* Empty or garbage: its writer died between create and write,
		 * unless it is writing right now; give that a few seconds. */
		o->stale = stat(path, &st) == 0 && time(NULL) - st.st_mtime > 5;
		return;
	}
	nb_host_token(host, sizeof host);
	nb_boot_id(boot, sizeof boot);
	nb_pid_ns(ns, sizeof ns);
	if (o->boot_id[0]) {
		/* Another boot (of this machine or of one with the same name)
		 * or another pid namespace: its pid means nothing here. */
		if (!boot[0] || strcmp(boot, o->boot_id) != 0 || !ns[0] ||
		    strcmp(ns, pidns) != 0) {
			o->unsure = 1;
			return;
		}
		if (o->pid == getpid() && o->start) {
			unsigned long long me = 0;
			(void)nb_proc_start(getpid(), &me);
			o->stale = me != o->start; /* an earlier us, pid reused */
			return;
		}
		if (nb_proc_start(o->pid, &start) != 0) {
			if (errno == ESRCH)
				o->stale = 1;
			else
				o->unsure = 1; /* no /proc: cannot tell */
		} else {
			/* The same pid, started at another moment: reused. */
			o->stale = o->start && start != o->start;
		}
		return;
	}
	/* A lock of an older nianbao: host, pid, and the time it was taken. */
	if (strcmp(host, o->host) != 0) {
		o->unsure = 1;
		return;
	}
	if (o->pid != getpid() && kill(o->pid, 0) != 0 && errno == ESRCH) {
		o->stale = 1;
		return;
	}
	/* Alive, but the lock is older than this boot of the machine: no
	 * process survives a reboot, so the pid was given to another (a lock
	 * from 2023 on today's process). */
	time_t booted = nb_boot_time();
	o->stale = booted != 0 && o->since + 2 < booted;
}

/* Our lock for the report, not yet on disk; NULL with errbuf filled. */
static nb_lock *new_lock(const char *report_path, char *errbuf, size_t errlen)
{
	char *path = nb_lock_path(report_path);
	nb_lock *l;
	if (!path) {
		seterr(errbuf, errlen, "无法确定锁文件的位置", report_path, errno);
		return NULL;
	}
	l = calloc(1, sizeof *l);
	if (!l) {
		free(path);
		seterr(errbuf, errlen, "内存不足", report_path, ENOMEM);
		return NULL;
	}
	l->path = path;
	my_line(l->line, sizeof l->line);
	return l;
}

/* Forget l without touching the lock file. */
static void free_lock(nb_lock *l)
{
	free(l->path);
	free(l);
}

/* Write our line to fd, make it durable and close fd: 0 or an errno. */
static int put_line(int fd, const nb_lock *l)
{
	int e = 0;
	if (nb_write_all(fd, l->line, strlen(l->line)) != 0 || fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	return e;
}

int nb_lock_take(const char *report_path, nb_lock **out, nb_lock_owner *owner,
		 char *errbuf, size_t errlen)
{
	nb_lock_owner dummy;
	nb_lock *l;

	if (!owner)
		owner = &dummy;
	memset(owner, 0, sizeof *owner);
	if (out)
		*out = NULL;
	l = new_lock(report_path, errbuf, errlen);
	if (!l)
		return -1;
	/* Retry when the holder releases between our open and our read. */
	for (int tries = 0; tries < 5; tries++) {
		int fd = open(l->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0) {
			int e = put_line(fd, l);
			if (e) {
				unlink(l->path);
				seterr(errbuf, errlen, "无法写锁文件", l->path, e);
				nb_lock_release(l);
				return -1;
			}
			if (out)
				*out = l;
			else
				nb_lock_release(l);
			return 0;
		}
		if (errno != EEXIST) {
			seterr(errbuf, errlen, "无法创建锁文件", l->path, errno);
			nb_lock_release(l);
			return -1;
		}
		char text[LOCK_MAX];
		struct stat st;
		if (read_lock_st(l->path, text, sizeof text, &st) != 0) {
			if (errno == ENOENT)
				continue;
			if (errno == NB_ENOTREG) {
				/* Planted: never opened, never removed by us. */
				char who[64], shown[300];
				nb_uid_name(st.st_uid, who, sizeof who);
				nb_clean_name(shown, sizeof shown, l->path);
				if (errbuf && errlen)
					snprintf(errbuf, errlen,
						 "%s: 这里应是锁文件，却是用户 %s 的%s；"
						 "请该用户或管理员删除它", shown, who,
						 nb_file_kind(st.st_mode));
				owner->file_uid = st.st_uid;
				snprintf(owner->file_owner, sizeof owner->file_owner,
					 "%s", who);
				free_lock(l);
				return -1;
			}
			seterr(errbuf, errlen, "无法读锁文件", l->path, errno);
			nb_lock_release(l);
			return -1;
		}
		int parsed = parse_owner(text, owner) == 0;
		judge_stale(l->path, owner, parsed);
		owner->file_uid = st.st_uid;
		nb_uid_name(st.st_uid, owner->file_owner, sizeof owner->file_owner);
		free_lock(l);
		return 1;
	}
	seterr(errbuf, errlen, "锁文件反复出现又消失", l->path, EAGAIN);
	nb_lock_release(l);
	return -1;
}

int nb_lock_steal(const char *report_path, nb_lock **out, char *errbuf,
		  size_t errlen)
{
	char *tmp;
	nb_lock *l;
	int fd, e;
	size_t n;

	if (out)
		*out = NULL;
	l = new_lock(report_path, errbuf, errlen);
	if (!l)
		return -1;
	/* ".NAME.nblock" -> ".NAME.nbtmp.XXXXXX": swept like a save's temp. */
	n = strlen(l->path) + 16;
	tmp = malloc(n);
	if (!tmp) {
		seterr(errbuf, errlen, "内存不足", report_path, ENOMEM);
		nb_lock_release(l);
		return -1;
	}
	snprintf(tmp, n, "%.*s.nbtmp.XXXXXX",
		 (int)(strlen(l->path) - strlen(".nblock")), l->path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		seterr(errbuf, errlen, "无法创建锁文件", tmp, errno);
		free(tmp);
		free_lock(l);
		return -1;
	}
	if (fchmod(fd, 0644) != 0) {
		e = errno;
		close(fd);
	} else {
		e = put_line(fd, l);
	}
	if (!e && rename(tmp, l->path) != 0)
		e = errno;
	if (e) {
		unlink(tmp);
		seterr(errbuf, errlen, "无法写锁文件", l->path, e);
		free(tmp);
		free_lock(l);
		return -1;
	}
	free(tmp);
	/* Two thieves at once: the last rename wins, the other learns it here. */
	if (nb_lock_held(l) != 1) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "%s: %s", l->path,
				 "另一个程序同时接管了这个锁");
		free_lock(l);
		return -1;
	}
	if (out)
		*out = l;
	else
		nb_lock_release(l);
	return 0;
}

int nb_lock_held(const nb_lock *l)
{
	char text[LOCK_MAX];
	if (!l) {
		errno = EINVAL;
		return -1;
	}
	if (read_lock(l->path, text, sizeof text) != 0)
		return errno == ENOENT ? 0 : -1;
	return strcmp(text, l->line) == 0;
}

void nb_lock_release(nb_lock *l)
{
	if (!l)
		return;
	/* Between this check and the unlink a thief could slip in; the
	 * window is one system call, and a stolen lock is already a conflict
	 * the user was warned about. */
	if (nb_lock_held(l) == 1)
		unlink(l->path);
	free_lock(l);
}
