/* Crash-safe save (src/savefile.h): degenerate cases, then every step of a
 * save failing through the ops table, then modes, backups and symlinks. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nbtest.h"
#include "io/savefile.h"

static char dir[256];
static char target[512];

static void mkdir_tmp(void)
{
	nbt_mkdtemp(dir, sizeof dir, "/tmp/nbsave.XXXXXX");
	snprintf(target, sizeof target, "%s/报告.yaml", dir);
}

static void teardown(void)
{
	nbt_rm_tree(dir);
}

static void put(const char *path, const char *s, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	close(fd);
	chmod(path, mode);
}

/* 1 when the file holds exactly s. */
static int holds(const char *path, const char *s)
{
	char *b;
	size_t n;
	int ok;
	if (nb_read_file(path, 1 << 24, &b, &n) != 0)
		return 0;
	ok = n == strlen(s) && memcmp(b, s, n) == 0;
	free(b);
	return ok;
}

/* Entries of dir whose name contains ".nbtmp." */
static int temps(const char *d)
{
	DIR *dd = opendir(d);
	struct dirent *de;
	int n = 0;
	ck_assert_ptr_nonnull(dd);
	while ((de = readdir(dd)) != NULL)
		if (strstr(de->d_name, ".nbtmp."))
			n++;
	closedir(dd);
	return n;
}

/* ---- injectable ops --------------------------------------------------- */

static int calls, fail_at, fail_errno;
static const char *failed_op;
static int short_writes, eintr_every, link_eperm;

#define INJECT(name)                                                          \
	do {                                                                  \
		if (++calls == fail_at) {                                     \
			failed_op = name;                                     \
			errno = fail_errno;                                   \
			return -1;                                            \
		}                                                             \
	} while (0)

static int t_open(const char *p, int f, mode_t m) { INJECT("open"); return open(p, f, m); }
static int t_mkstemp(char *t) { INJECT("mkstemp"); return nb_fileops_posix.mkstemp(t); }
static ssize_t t_write(int fd, const void *b, size_t n)
{
	static int k;
	INJECT("write");
	if (eintr_every && ++k % eintr_every == 0) {
		errno = EINTR;
		return -1;
	}
	if (short_writes && n > 7)
		n = 7;
	return write(fd, b, n);
}
static int t_fsync(int fd) { INJECT("fsync"); return fsync(fd); }
static int t_fchmod(int fd, mode_t m) { INJECT("fchmod"); return fchmod(fd, m); }
static int t_close(int fd)
{
	INJECT("close");
	return close(fd);
}
static int t_rename(const char *a, const char *b) { INJECT("rename"); return rename(a, b); }
static int t_link(const char *a, const char *b)
{
	INJECT("link");
	if (link_eperm) {
		errno = EPERM;
		return -1;
	}
	return link(a, b);
}
static int t_unlink(const char *p)
{
	/* Cleanup is not a step to fail: count it, never fail it. */
	return unlink(p);
}
static int t_fchown(int fd, uid_t u, gid_t g) { INJECT("fchown"); return fchown(fd, u, g); }

static const nb_fileops tops = {
	.open = t_open, .mkstemp = t_mkstemp, .write = t_write, .fsync = t_fsync,
	.fchmod = t_fchmod, .close = t_close, .rename = t_rename, .link = t_link,
	.unlink = t_unlink, .fchown = t_fchown,
};

static void reset_inject(int at, int e)
{
	calls = 0;
	fail_at = at;
	fail_errno = e;
	failed_op = NULL;
}

/* ---- degenerate ------------------------------------------------------- */

START_TEST(null_and_empty)
{
	nb_saveerr e;
	ck_assert_int_eq(nb_save_atomic(NULL, "x", 1, NULL, &e), -1);
	ck_assert_int_eq(e.err, EINVAL);
	ck_assert_int_eq(nb_save_atomic("", "x", 1, NULL, &e), -1);
	ck_assert_int_eq(nb_save_atomic(target, NULL, 1, NULL, &e), -1);
	ck_assert_int_eq(nb_save_atomic(target, "x", 1, NULL, NULL), 0);
	ck_assert(holds(target, "x"));
	ck_assert_ptr_null(nb_save_resolve(NULL));
	ck_assert_ptr_null(nb_save_resolve(""));
	ck_assert_int_eq(nb_save_sweep(NULL), -1);
}
END_TEST

START_TEST(empty_buffer)
{
	nb_saveerr e;
	put(target, "old", 0644);
	ck_assert_int_eq(nb_save_atomic(target, "", 0, NULL, &e), 0);
	ck_assert(holds(target, ""));
	ck_assert_int_eq(e.err, 0);
}
END_TEST

START_TEST(target_is_dir)
{
	nb_saveerr e;
	ck_assert_int_eq(nb_save_atomic(dir, "x", 1, NULL, &e), -1);
	ck_assert_int_eq(e.err, EISDIR);
	ck_assert_str_eq(e.step, "stat");
	ck_assert_ptr_nonnull(strstr(e.msg, "目录"));
}
END_TEST

START_TEST(missing_dir)
{
	nb_saveerr e;
	char p[600];
	snprintf(p, sizeof p, "%s/没有/r.yaml", dir);
	ck_assert_int_eq(nb_save_atomic(p, "x", 1, NULL, &e), -1);
	ck_assert_int_eq(e.err, ENOENT);
	ck_assert_ptr_nonnull(strstr(e.msg, "另存为"));
}
END_TEST

START_TEST(name_too_long)
{
	nb_saveerr e;
	char p[700];
	int n = snprintf(p, sizeof p, "%s/", dir);
	memset(p + n, 'a', 250); /* fits NAME_MAX, the temp name does not */
	p[n + 250] = 0;
	ck_assert_int_eq(nb_save_atomic(p, "x", 1, NULL, &e), -1);
	ck_assert_int_eq(e.err, ENAMETOOLONG);
	ck_assert_int_eq(temps(dir), 0);
}
END_TEST

START_TEST(fifo_target)
{
	nb_saveerr e;
	ck_assert_int_eq(mkfifo(target, 0644), 0);
	ck_assert_int_eq(nb_save_atomic(target, "x", 1, NULL, &e), -1);
	ck_assert_int_eq(e.err, EINVAL);
}
END_TEST

START_TEST(read_file_limits)
{
	char *b = (char *)1;
	size_t n = 99;
	char p[600];
	snprintf(p, sizeof p, "%s/nope", dir);
	ck_assert_int_eq(nb_read_file(p, 100, &b, &n), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_ptr_null(b);
	put(target, "", 0644);
	ck_assert_int_eq(nb_read_file(target, 100, &b, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(b[0], 0);
	free(b);
	put(target, "0123456789", 0644);
	ck_assert_int_eq(nb_read_file(target, 10, &b, &n), 0);
	ck_assert_uint_eq(n, 10);
	free(b);
	ck_assert_int_eq(nb_read_file(target, 9, &b, &n), -1);
	ck_assert_int_eq(errno, EFBIG);
	ck_assert_int_eq(nb_read_file(dir, 9, &b, &n), -1);
	ck_assert_int_eq(errno, EISDIR);
	/* No size from stat: grows by reading, still capped. */
	ck_assert_int_eq(nb_read_file("/proc/self/status", 8, &b, &n), -1);
	ck_assert_int_eq(errno, EFBIG);
	ck_assert_int_eq(nb_read_file("/proc/self/status", 1 << 20, &b, &n), 0);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_eq(strlen(b), n);
	free(b);
}
END_TEST

/* ---- the normal save -------------------------------------------------- */

START_TEST(new_file_mode_from_umask)
{
	nb_saveerr e;
	struct stat st;
	mode_t old = umask(027);
	ck_assert_int_eq(nb_save_atomic(target, "新的", strlen("新的"), NULL, &e), 0);
	umask(old);
	ck_assert(holds(target, "新的"));
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0640);
	ck_assert_int_eq(temps(dir), 0);
	char bak[600];
	snprintf(bak, sizeof bak, "%s~", target);
	ck_assert_int_eq(access(bak, F_OK), -1); /* nothing to back up */
}
END_TEST

START_TEST(mode_kept_backup_written)
{
	nb_saveerr e;
	struct stat st0, st;
	char bak[600];
	mode_t old = umask(0);
	put(target, "旧版本", 0604);
	stat(target, &st0);
	ck_assert_int_eq(nb_save_atomic(target, "新版本", strlen("新版本"), NULL, &e), 0);
	umask(old);
	ck_assert(holds(target, "新版本"));
	stat(target, &st);
	ck_assert_int_eq(st.st_mode & 07777, 0604);
	ck_assert(st.st_ino != st0.st_ino); /* replaced, not rewritten in place */
	snprintf(bak, sizeof bak, "%s~", target);
	ck_assert(holds(bak, "旧版本"));
	/* A second save moves the backup along. */
	ck_assert_int_eq(nb_save_atomic(target, "第三版", strlen("第三版"), NULL, &e), 0);
	ck_assert(holds(bak, "新版本"));
	ck_assert(holds(target, "第三版"));
	ck_assert_int_eq(temps(dir), 0);
}
END_TEST

START_TEST(owner_kept_as_root)
{
	nb_saveerr e;
	struct stat st;
	if (geteuid() != 0)
		return; /* only root can give a file away */
	put(target, "old", 0640);
	ck_assert_int_eq(chown(target, 65534, 65534), 0);
	ck_assert_int_eq(nb_save_atomic(target, "new", 3, NULL, &e), 0);
	stat(target, &st);
	ck_assert_int_eq(st.st_uid, 65534);
	ck_assert_int_eq(st.st_gid, 65534);
	ck_assert_int_eq(st.st_mode & 07777, 0640);
}
END_TEST

START_TEST(symlink_followed)
{
	nb_saveerr e;
	char sub[600], real[700], lnk[600], bak[800];
	struct stat st;
	snprintf(sub, sizeof sub, "%s/real", dir);
	mkdir(sub, 0755);
	snprintf(real, sizeof real, "%s/r.yaml", sub);
	snprintf(lnk, sizeof lnk, "%s/link.yaml", dir);
	put(real, "A", 0600);
	ck_assert_int_eq(symlink("real/r.yaml", lnk), 0);
	ck_assert_int_eq(nb_save_atomic(lnk, "B", 1, NULL, &e), 0);
	ck_assert_int_eq(lstat(lnk, &st), 0);
	ck_assert(S_ISLNK(st.st_mode)); /* the link itself stays a link */
	ck_assert(holds(real, "B"));
	stat(real, &st);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	snprintf(bak, sizeof bak, "%s~", real);
	ck_assert(holds(bak, "A")); /* beside the real file */
	ck_assert_int_eq(temps(dir), 0);
	ck_assert_int_eq(temps(sub), 0);
	char *r = nb_save_resolve(lnk), *want = realpath(real, NULL);
	ck_assert_str_eq(r, want);
	free(r);
	free(want);
}
END_TEST

START_TEST(dangling_symlink_creates_target)
{
	nb_saveerr e;
	char lnk[600], real[600];
	struct stat st;
	snprintf(lnk, sizeof lnk, "%s/l1", dir);
	snprintf(real, sizeof real, "%s/new.yaml", dir);
	ck_assert_int_eq(symlink("l2", lnk), 0);
	snprintf(real, sizeof real, "%s/l2", dir);
	ck_assert_int_eq(symlink("new.yaml", real), 0);
	snprintf(real, sizeof real, "%s/new.yaml", dir);
	ck_assert_int_eq(nb_save_atomic(lnk, "C", 1, NULL, &e), 0);
	ck_assert(holds(real, "C"));
	ck_assert_int_eq(lstat(lnk, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
}
END_TEST

START_TEST(symlink_loop)
{
	nb_saveerr e;
	char a[600], b[600];
	snprintf(a, sizeof a, "%s/a", dir);
	snprintf(b, sizeof b, "%s/b", dir);
	ck_assert_int_eq(symlink("b", a), 0);
	ck_assert_int_eq(symlink("a", b), 0);
	ck_assert_int_eq(nb_save_atomic(a, "x", 1, NULL, &e), -1);
	ck_assert_int_eq(e.err, ELOOP);
}
END_TEST

START_TEST(relative_path)
{
	nb_saveerr e;
	char cwd[1024];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(nb_save_atomic("rel.yaml", "R", 1, NULL, &e), 0);
	char *r = nb_save_resolve("rel.yaml");
	ck_assert_int_eq(r[0], '/');
	free(r);
	ck_assert_int_eq(chdir(cwd), 0);
	char p[600];
	snprintf(p, sizeof p, "%s/rel.yaml", dir);
	ck_assert(holds(p, "R"));
}
END_TEST

START_TEST(short_writes_and_eintr)
{
	nb_saveerr e;
	char big[20000];
	for (size_t i = 0; i < sizeof big - 1; i++)
		big[i] = (char)('a' + i % 26);
	big[sizeof big - 1] = 0;
	put(target, "old", 0644);
	reset_inject(0, 0);
	short_writes = 1;
	eintr_every = 3;
	ck_assert_int_eq(nb_save_atomic(target, big, strlen(big), &tops, &e), 0);
	short_writes = eintr_every = 0;
	ck_assert(holds(target, big));
}
END_TEST

START_TEST(no_hard_links_copies_backup)
{
	nb_saveerr e;
	char bak[600];
	put(target, "旧", 0644);
	reset_inject(0, 0);
	link_eperm = 1;
	ck_assert_int_eq(nb_save_atomic(target, "新", strlen("新"), &tops, &e), 0);
	link_eperm = 0;
	snprintf(bak, sizeof bak, "%s~", target);
	ck_assert(holds(bak, "旧"));
	ck_assert(holds(target, "新"));
	ck_assert_int_eq(temps(dir), 0);
}
END_TEST

START_TEST(null_members_mean_posix)
{
	nb_saveerr e;
	nb_fileops partial = { .write = t_write };
	reset_inject(0, 0);
	put(target, "old", 0644);
	ck_assert_int_eq(nb_save_atomic(target, "new", 3, &partial, &e), 0);
	ck_assert(holds(target, "new"));
	ck_assert_int_gt(calls, 0);
}
END_TEST

/* ---- every step failing ----------------------------------------------- */

/* Fail call N of a save for N = 1, 2, ... until a save needs fewer calls.
 * Each failure leaves the original byte-identical (except a failing
 * directory fsync, after the rename), no temporary, err filled. */
static int fail_every_step(int e, int with_backup_copy, const char *want)
{
	nb_saveerr err;
	char bak[600];
	int n, steps = 0;
	const char *old = "原来的报告：表三 1 2 3\n";
	const char *neu = "新的报告：表三 4 5 6\n";
	snprintf(bak, sizeof bak, "%s~", target);
	for (n = 1; n < 100; n++) {
		put(target, old, 0640);
		unlink(bak);
		reset_inject(n, e);
		link_eperm = with_backup_copy;
		int r = nb_save_atomic(target, neu, strlen(neu), &tops, &err);
		link_eperm = 0;
		if (r == 0 && failed_op && calls == n &&
		    strcmp(failed_op, "close") == 0) {
			/* The last call, closing the directory after its fsync:
			 * nothing is lost, the save succeeded. */
			ck_assert(holds(target, neu));
			break;
		}
		if (r == 0 && failed_op && strcmp(failed_op, "link") == 0 &&
		    (e == EPERM || e == ENOTSUP)) {
			/* "No hard links here": the backup is copied instead. */
			ck_assert(holds(target, neu));
			ck_assert(holds(bak, old));
			ck_assert_int_eq(temps(dir), 0);
			continue;
		}
		if (!failed_op) {
			ck_assert_int_eq(r, 0);
			ck_assert(holds(target, neu));
			ck_assert(holds(bak, old));
			break;
		}
		steps++;
		ck_assert_msg(r == -1, "call %d (%s) failed but save returned %d",
			      n, failed_op, r);
		ck_assert_int_eq(err.err, e);
		ck_assert_ptr_nonnull(err.step);
		ck_assert_msg(strstr(err.msg, want), "step %s: msg \"%s\" lacks \"%s\"",
			      err.step, err.msg, want);
		if (strcmp(err.step, "fsync-dir") == 0) {
			ck_assert(holds(target, neu));
		} else {
			ck_assert_msg(holds(target, old),
				      "call %d (%s, step %s): original changed", n,
				      failed_op, err.step);
			ck_assert_msg(strstr(err.msg, "原文件未改动"), "%s", err.msg);
		}
		/* The backup, when there is one, is the old version. */
		ck_assert(access(bak, F_OK) != 0 || holds(bak, old));
		ck_assert_msg(temps(dir) == 0, "call %d (%s): temp left", n,
			      failed_op);
	}
	ck_assert_int_lt(n, 100);
	return steps;
}

START_TEST(each_step_fails_eio)
{
	int steps = fail_every_step(EIO, 0, "EIO");
	ck_assert_int_ge(steps, 9); /* mkstemp write fchmod fsync close link rename rename open fsync */
}
END_TEST

START_TEST(each_step_fails_enospc)
{
	fail_every_step(ENOSPC, 0, "磁盘已满");
}
END_TEST

START_TEST(each_step_fails_edquot)
{
	fail_every_step(EDQUOT, 0, "配额");
}
END_TEST

START_TEST(each_step_fails_erofs)
{
	fail_every_step(EROFS, 0, "只读");
	fail_every_step(EROFS, 0, "另存为");
}
END_TEST

START_TEST(each_step_fails_eacces)
{
	fail_every_step(EACCES, 0, "权限");
	fail_every_step(EPERM, 0, "另存为");
}
END_TEST

START_TEST(each_step_fails_efbig)
{
	fail_every_step(EFBIG, 0, "ulimit -f");
}
END_TEST

START_TEST(each_step_fails_backup_copy)
{
	/* Without hard links the backup is a copy: more steps to fail. */
	int steps = fail_every_step(EIO, 1, "EIO");
	ck_assert_int_ge(steps, 14);
}
END_TEST

START_TEST(unknown_errno_message)
{
	nb_saveerr err;
	put(target, "old", 0644);
	reset_inject(1, ETXTBSY);
	ck_assert_int_eq(nb_save_atomic(target, "new", 3, &tops, &err), -1);
	ck_assert_int_eq(err.err, ETXTBSY);
	ck_assert_str_eq(err.step, "mkstemp");
	ck_assert_ptr_nonnull(strstr(err.msg, "另存为"));
	ck_assert(holds(target, "old"));
}
END_TEST

START_TEST(long_path_message_is_valid_utf8)
{
	nb_saveerr err;
	char p[1024];
	int n = snprintf(p, sizeof p, "%s/", dir);
	/* 80 three-byte characters: the message must cut between them. */
	for (int i = 0; i < 80; i++)
		n += snprintf(p + n, sizeof p - (size_t)n, "报");
	reset_inject(1, ENOSPC);
	ck_assert_int_eq(nb_save_atomic(p, "x", 1, &tops, &err), -1);
	size_t len = strlen(err.msg);
	ck_assert_uint_lt(len, sizeof err.msg);
	/* Well-formed: no dangling lead byte at the end. */
	const unsigned char *m = (const unsigned char *)err.msg;
	size_t i = 0;
	while (i < len) {
		size_t k = m[i] < 0x80 ? 1 : m[i] >= 0xF0 ? 4 : m[i] >= 0xE0 ? 3 : 2;
		ck_assert_uint_le(i + k, len);
		i += k;
	}
}
END_TEST

/* ---- a real EFBIG: ulimit -f with SIGXFSZ ignored ---------------------- */

START_TEST(real_efbig_under_rlimit)
{
	nb_saveerr err;
	struct rlimit old, lim;
	static char big[64 * 1024];
	memset(big, 'x', sizeof big);
	put(target, "small original", 0644);
	signal(SIGXFSZ, SIG_IGN); /* what the program does at start-up */
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = 16 * 1024;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	int r = nb_save_atomic(target, big, sizeof big, NULL, &err);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	ck_assert_int_eq(r, -1);
	ck_assert_int_eq(err.err, EFBIG);
	ck_assert_str_eq(err.step, "write");
	ck_assert_ptr_nonnull(strstr(err.msg, "ulimit -f"));
	ck_assert(holds(target, "small original"));
	ck_assert_int_eq(temps(dir), 0);
}
END_TEST

/* ---- sweep ------------------------------------------------------------ */

START_TEST(sweep_only_ours)
{
	char p[700], other[700];
	put(target, "r", 0644);
	const char *mine[] = { ".报告.yaml.nbtmp.abc123", ".报告.yaml.nbtmp.abc123.b",
			       ".报告.yaml.nbtmp.Zz9Yy8" };
	const char *keep[] = { ".other.yaml.nbtmp.abc123", "报告.yaml.nbtmp.abc",
			       ".报告.yaml.nbtmpX", ".报告.yaml.nbtmp.", "报告.yaml~",
			       ".报告.yaml.nbjournal", ".报告.yaml.nblock",
			       /* the journal of a report called "报告.yaml.nbtmp.x.yaml" */
			       ".报告.yaml.nbtmp.x.yaml.nbjournal", ".报告.yaml.nbtmp.abc12",
			       ".报告.yaml.nbtmp.abc1234" };
	for (size_t i = 0; i < sizeof mine / sizeof *mine; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, mine[i]);
		put(p, "junk", 0600);
	}
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, keep[i]);
		put(p, "keep", 0600);
	}
	/* A link that looks like ours is not removed, nor what it points to. */
	snprintf(other, sizeof other, "%s/precious", dir);
	put(other, "precious", 0600);
	snprintf(p, sizeof p, "%s/.报告.yaml.nbtmp.link", dir);
	ck_assert_int_eq(symlink("precious", p), 0);
	ck_assert_int_eq(nb_save_sweep(target), 3);
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, keep[i]);
		ck_assert_msg(holds(p, "keep"), "%s removed", keep[i]);
	}
	ck_assert(holds(other, "precious"));
	ck_assert_int_eq(nb_save_sweep(target), 0);
}
END_TEST

START_TEST(sweep_through_symlink)
{
	char sub[600], real[700], lnk[600], junk[800];
	snprintf(sub, sizeof sub, "%s/d", dir);
	mkdir(sub, 0755);
	snprintf(real, sizeof real, "%s/r.yaml", sub);
	snprintf(lnk, sizeof lnk, "%s/l.yaml", dir);
	put(real, "A", 0644);
	ck_assert_int_eq(symlink(real, lnk), 0);
	snprintf(junk, sizeof junk, "%s/.r.yaml.nbtmp.qwerty", sub);
	put(junk, "j", 0600);
	ck_assert_int_eq(nb_save_sweep(lnk), 1);
	ck_assert_int_eq(access(junk, F_OK), -1);
}
END_TEST

Suite *NB_SUITE(savefile)(void)
{
	Suite *s = suite_create("savefile");
	TCase *tc = tcase_create("degenerate");
	tcase_add_checked_fixture(tc, mkdir_tmp, teardown);
	tcase_add_test(tc, null_and_empty);
	tcase_add_test(tc, empty_buffer);
	tcase_add_test(tc, target_is_dir);
	tcase_add_test(tc, missing_dir);
	tcase_add_test(tc, name_too_long);
	tcase_add_test(tc, fifo_target);
	tcase_add_test(tc, read_file_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("save");
	tcase_add_checked_fixture(tc, mkdir_tmp, teardown);
	tcase_add_test(tc, new_file_mode_from_umask);
	tcase_add_test(tc, mode_kept_backup_written);
	tcase_add_test(tc, owner_kept_as_root);
	tcase_add_test(tc, symlink_followed);
	tcase_add_test(tc, dangling_symlink_creates_target);
	tcase_add_test(tc, symlink_loop);
	tcase_add_test(tc, relative_path);
	tcase_add_test(tc, short_writes_and_eintr);
	tcase_add_test(tc, no_hard_links_copies_backup);
	tcase_add_test(tc, null_members_mean_posix);
	suite_add_tcase(s, tc);

	tc = tcase_create("failures");
	tcase_add_checked_fixture(tc, mkdir_tmp, teardown);
	tcase_add_test(tc, each_step_fails_eio);
	tcase_add_test(tc, each_step_fails_enospc);
	tcase_add_test(tc, each_step_fails_edquot);
	tcase_add_test(tc, each_step_fails_erofs);
	tcase_add_test(tc, each_step_fails_eacces);
	tcase_add_test(tc, each_step_fails_efbig);
	tcase_add_test(tc, each_step_fails_backup_copy);
	tcase_add_test(tc, unknown_errno_message);
	tcase_add_test(tc, long_path_message_is_valid_utf8);
	tcase_add_test(tc, real_efbig_under_rlimit);
	suite_add_tcase(s, tc);

	tc = tcase_create("sweep");
	tcase_add_checked_fixture(tc, mkdir_tmp, teardown);
	tcase_add_test(tc, sweep_only_ours);
	tcase_add_test(tc, sweep_through_symlink);
	suite_add_tcase(s, tc);
	return s;
}
