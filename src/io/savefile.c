/* Crash-safe saving by the recipe of ../shared/SAFETY.md: a temporary file
 * beside the target, written, fsync'd, renamed over the target, then the
 * directory fsync'd. The previous version is kept as "PATH~" by a hard
 * link made before the rename, so at no moment is the target missing. */
#include "io/savefile.h"
#include "core/sysio.h"
#include "core/utf8.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int posix_open(const char *path, int flags, mode_t mode)
{
	return open(path, flags, mode);
}

static int posix_mkstemp(char *tmpl)
{
	return mkostemp(tmpl, O_CLOEXEC);
}

const nb_fileops nb_fileops_posix = {
	.open = posix_open,
	.mkstemp = posix_mkstemp,
	.write = write,
	.fsync = fsync,
	.fchmod = fchmod,
	.close = close,
	.rename = rename,
	.link = link,
	.unlink = unlink,
	.fchown = fchown,
};

#define TMP_INFIX ".nbtmp."

/* ---- paths ---------------------------------------------------------- */

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

static char *join(const char *dir, const char *a, const char *b, const char *c)
{
	size_t n = strlen(dir) + 1 + strlen(a) + strlen(b) + strlen(c) + 1;
	char *p = malloc(n);
	if (!p)
		return NULL;
	snprintf(p, n, "%s/%s%s%s", dir, a, b, c);
	return p;
}

static char *concat(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 1;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s%s", a, b);
	return p;
}

/* Split "dir/base" (no trailing slash) into malloc'd parts; "." when no dir. */
static int split(const char *path, char **dir, char **base)
{
	const char *slash = strrchr(path, '/');
	if (slash) {
		size_t dl = (size_t)(slash - path);
		*dir = malloc(dl ? dl + 1 : 2);
		if (!*dir)
			return -1;
		if (dl) {
			memcpy(*dir, path, dl);
			(*dir)[dl] = 0;
		} else {
			strcpy(*dir, "/");
		}
		*base = xstrdup(slash + 1);
	} else {
		*dir = xstrdup(".");
		*base = xstrdup(path);
	}
	if (!*dir || !*base) {
		free(*dir);
		free(*base);
		*dir = *base = NULL;
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

char *nb_save_resolve(const char *path)
{
	if (!path || !*path) {
		errno = EINVAL;
		return NULL;
	}
	struct stat kst;
	char *r;
	/* Ask the kernel first: realpath() and the loop below read links by
	 * hand, which would walk through a link the kernel refuses to follow
	 * (fs.protected_symlinks: a link planted in a sticky folder). Any
	 * answer but "no such file" is a refusal. */
	if (stat(path, &kst) != 0 && errno != ENOENT)
		return NULL;
	r = realpath(path, NULL);
	if (r)
		return r;
	if (errno != ENOENT)
		return NULL;
	/* New file, or a dangling symlink: follow links by hand so the save
	 * creates the link's target, as vim and emacs do. */
	char *cur = xstrdup(path);
	for (int hops = 0; cur && hops < 40; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) {
			char *dir, *base, *rdir;
			size_t bl;
			if (split(cur, &dir, &base) != 0) {
				free(cur);
				return NULL;
			}
			free(cur);
			bl = strlen(base);
			if (bl == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
				free(dir);
				free(base);
				errno = EISDIR;
				return NULL;
			}
			rdir = realpath(dir, NULL);
			free(dir);
			if (!rdir) {
				free(base);
				return NULL;
			}
			r = strcmp(rdir, "/") == 0 ? concat("/", base)
						   : join(rdir, "", base, "");
			free(rdir);
			free(base);
			if (!r)
				errno = ENOMEM;
			return r;
		}
		char lnk[PATH_MAX];
		ssize_t n = readlink(cur, lnk, sizeof lnk - 1);
		if (n < 0) {
			free(cur);
			return NULL;
		}
		lnk[n] = 0;
		char *next;
		if (lnk[0] == '/') {
			next = xstrdup(lnk);
		} else {
			char *dir, *base;
			if (split(cur, &dir, &base) != 0) {
				free(cur);
				return NULL;
			}
			next = join(dir, "", lnk, "");
			free(dir);
			free(base);
		}
		free(cur);
		cur = next;
	}
	if (cur) {
		free(cur);
		errno = ELOOP;
	} else {
		errno = ENOMEM;
	}
	return NULL;
}

char *nb_save_beside(const char *path, const char *suffix)
{
	char *real = nb_save_resolve(path);
	char *slash, *p;
	size_t n;
	if (!real)
		return NULL;
	slash = strrchr(real, '/'); /* resolved paths are absolute */
	n = strlen(real) + strlen(suffix) + 2;
	p = malloc(n);
	if (p) {
		*slash = 0;
		snprintf(p, n, "%s/.%s%s", real, slash + 1, suffix);
	} else {
		errno = ENOMEM;
	}
	free(real);
	return p;
}

/* ---- messages ------------------------------------------------------- */

/* Cut s to fit n bytes without splitting a UTF-8 character. */
static void utf8_trim(char *s)
{
	size_t n = strlen(s);
	size_t i = n;
	uint32_t cp;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	/* The last character, when snprintf cut it short. */
	if (i > 0 && (unsigned char)s[i - 1] >= 0xC0 &&
	    nb_utf8_decode(s + i - 1, n - (i - 1), &cp) < 0)
		s[i - 1] = 0;
}

static const char *cause_of(int e)
{
	switch (e) {
	case ENOSPC:
		return "磁盘已满。请删除不需要的文件腾出空间后再保存，"
		       "或用另存为保存到其他磁盘（如U盘）。";
#ifdef EDQUOT
	case EDQUOT:
		return "您的磁盘配额已用完。请删除不需要的文件后再保存，"
		       "或用另存为保存到其他位置，或请管理员增加配额。";
#endif
	case EROFS:
		return "磁盘是只读的，不能写入。请用另存为保存到其他位置。";
	case EACCES:
	case EPERM:
		return "没有在此目录写文件的权限。请用另存为保存到自己有权限的"
		       "位置（如个人目录），或请管理员修改权限。";
	case EFBIG:
		return "文件超过了系统允许的大小上限（ulimit -f）。请用 "
		       "ulimit -f unlimited 解除限制后重新启动本程序，"
		       "或用另存为保存到其他位置。";
	case EIO:
		return "磁盘读写出错（EIO），磁盘或网络连接可能有故障。"
		       "您的工作仍在内存和恢复日志中：请用另存为保存到其他"
		       "磁盘，并请管理员检查磁盘。";
	case ENOENT:
		return "文件所在的目录不存在（可能已被删除或移走）。"
		       "请用另存为保存到其他位置。";
	case EISDIR:
		return "这是一个目录，不是文件。请用另存为指定文件名。";
	case ENAMETOOLONG:
		return "文件名太长。请用另存为换一个短一些的文件名。";
	case ELOOP:
		return "符号链接层数太多（可能是循环链接）。请用另存为保存到"
		       "其他位置。";
	case EXDEV:
		return "临时文件与目标不在同一个磁盘上。请用另存为保存到其他位置。";
	case EINVAL:
		return "目标不是普通文件。请用另存为保存到其他位置。";
	case ENOMEM:
		return "内存不足。请关闭其他程序后再保存。";
	default:
		return NULL;
	}
}

static int fail(nb_saveerr *err, const char *step, int e, const char *path)
{
	if (err) {
		const char *c = cause_of(e);
		if (e == EACCES && step && strcmp(step, "realpath") == 0)
			c = "系统拒绝访问这个文件名（可能是其他用户放置的符号链接，"
			    "系统不允许跟随）。请用另存为保存到其他位置。";
		char shown[160];
		err->err = e ? e : EIO;
		err->step = step;
		snprintf(shown, sizeof shown, "%s", path ? path : "");
		utf8_trim(shown);
		if (c)
			snprintf(err->msg, sizeof err->msg,
				 "保存 %s 失败（%s）：%s原文件未改动。", shown,
				 step, c);
		else
			snprintf(err->msg, sizeof err->msg,
				 "保存 %s 失败（%s）：%s。原文件未改动，"
				 "请用另存为保存到其他位置。",
				 shown, step, strerror(err->err));
		utf8_trim(err->msg);
	}
	errno = e ? e : EIO;
	return -1;
}

/* ---- the save ------------------------------------------------------- */

void nb_fileops_fill(nb_fileops *o, const nb_fileops *ops)
{
	const nb_fileops *p = &nb_fileops_posix;
	*o = ops ? *ops : *p;
	if (!o->open) o->open = p->open;
	if (!o->mkstemp) o->mkstemp = p->mkstemp;
	if (!o->write) o->write = p->write;
	if (!o->fsync) o->fsync = p->fsync;
	if (!o->fchmod) o->fchmod = p->fchmod;
	if (!o->close) o->close = p->close;
	if (!o->rename) o->rename = p->rename;
	if (!o->link) o->link = p->link;
	if (!o->unlink) o->unlink = p->unlink;
	if (!o->fchown) o->fchown = p->fchown;
}

/* Create a temporary beside the target holding buf, durable and closed.
 * On failure the temporary is gone and *step names what failed. */
static int write_temp(const nb_fileops *o, const char *tmpl, char **tmp,
		      const char *buf, size_t len, mode_t mode, int chown_it,
		      uid_t uid, gid_t gid, const char **step, int *warn)
{
	int fd, e;
	*tmp = xstrdup(tmpl);
	if (!*tmp) {
		*step = "malloc";
		errno = ENOMEM;
		return -1;
	}
	fd = o->mkstemp(*tmp);
	if (fd < 0) {
		e = errno;
		*step = "mkstemp";
		free(*tmp);
		*tmp = NULL;
		errno = e;
		return -1;
	}
	if (nb_write_all_with(o->write, fd, buf, len) != 0) {
		*step = "write";
		goto fail;
	}
	/* chown before chmod: chown may clear set-id bits. Only root may
	 * give a file away; any member of the group may keep the group, so a
	 * colleague's save in a shared folder does not lock its owner out. */
	if (chown_it && o->fchown(fd, uid, gid) != 0) {
		if (errno != EPERM && errno != EINVAL) {
			*step = "fchown";
			goto fail;
		}
		if (warn)
			*warn |= uid != geteuid() ? NB_SAVE_OWNER_LOST : 0;
		if (gid != getegid() && o->fchown(fd, (uid_t)-1, gid) != 0) {
			if (errno != EPERM && errno != EINVAL) {
				*step = "fchown";
				goto fail;
			}
			if (warn)
				*warn |= NB_SAVE_GROUP_LOST;
		}
	}
	if (o->fchmod(fd, mode) != 0) {
		*step = "fchmod";
		goto fail;
	}
	/* Never retry a failed fsync: the kernel may have dropped the dirty
	 * pages and report success the second time ("fsyncgate"). */
	if (o->fsync(fd) != 0) {
		*step = "fsync";
		goto fail;
	}
	/* A failed close may still have closed fd: never close it twice. */
	if (o->close(fd) != 0) {
		*step = "close";
		e = errno;
		o->unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
		errno = e;
		return -1;
	}
	return 0;
fail:
	e = errno;
	o->close(fd);
	o->unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	errno = e;
	return -1;
}

static int fsync_dir(const nb_fileops *o, const char *dir)
{
	int fd = o->open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	int r = o->fsync(fd);
	int e = errno;
	o->close(fd);
	/* Some file systems cannot fsync a directory; nothing more to do. */
	if (r != 0 && (e == EINVAL || e == ENOTSUP || e == EBADF))
		r = 0;
	errno = e;
	return r;
}

/* The backup "TARGET~": a hard link to the old target, made under a
 * temporary name and renamed, so the target itself is never touched.
 * Where hard links are impossible, a copy written the same safe way. */
static int make_backup(const nb_fileops *o, const char *real, const char *dir,
		       const char *base, const char *tmp, const struct stat *st,
		       const char **step)
{
	char *bak = concat(real, "~");
	/* The link's temporary name: the save's own unique name plus ".b",
	 * so the sweep finds it too. */
	char *lnk = concat(tmp, ".b");
	int e;
	if (!bak || !lnk) {
		free(bak);
		free(lnk);
		*step = "malloc";
		errno = ENOMEM;
		return -1;
	}
	if (o->link(real, lnk) == 0) {
		if (o->rename(lnk, bak) != 0) {
			e = errno;
			o->unlink(lnk);
			*step = "backup-rename";
			goto out_err;
		}
		free(lnk);
		free(bak);
		return 0;
	}
	e = errno;
	if (e != EPERM && e != ENOTSUP && e != EOPNOTSUPP && e != EMLINK &&
	    e != ENOSYS) {
		*step = "backup-link";
		goto out_err;
	}
	/* No hard links here (vfat, some network shares): copy instead. */
	{
		char *old = NULL, *t2 = NULL, *tmpl;
		size_t oldlen = 0;
		const char *s2 = NULL;
		if (nb_read_file(real, (size_t)1 << 30, &old, &oldlen) != 0) {
			e = errno;
			*step = "backup-read";
			goto out_err;
		}
		tmpl = join(dir, ".", base, TMP_INFIX "XXXXXX");
		if (!tmpl) {
			free(old);
			e = ENOMEM;
			*step = "malloc";
			goto out_err;
		}
		if (write_temp(o, tmpl, &t2, old, oldlen, st->st_mode & 07777, 0,
			       0, 0, &s2, NULL) != 0) {
			e = errno;
			free(old);
			free(tmpl);
			*step = "backup-write";
			goto out_err;
		}
		free(old);
		free(tmpl);
		if (o->rename(t2, bak) != 0) {
			e = errno;
			o->unlink(t2);
			free(t2);
			*step = "backup-rename";
			goto out_err;
		}
		free(t2);
	}
	free(lnk);
	free(bak);
	return 0;
out_err:
	free(lnk);
	free(bak);
	errno = e;
	return -1;
}

/* "REAL~" exists and is not a regular file of ours. */
static int backup_in_the_way(const char *real)
{
	char *bak = concat(real, "~");
	struct stat bst;
	int r = bak && lstat(bak, &bst) == 0 &&
		(!S_ISREG(bst.st_mode) || bst.st_uid != geteuid());
	free(bak);
	return r;
}

/* err->note for the NB_SAVE_* bits, naming whose backup is in the way. */
static void backup_note(nb_saveerr *err, const char *real, int e)
{
	char *bak;
	struct stat bst;
	char who[64] = "", shown[200];
	if (!err)
		return;
	err->warn |= NB_SAVE_NO_BACKUP;
	bak = concat(real, "~");
	if (bak && lstat(bak, &bst) == 0) {
		nb_uid_name(bst.st_uid, who, sizeof who);
		nb_clean_name(shown, sizeof shown, bak);
		snprintf(err->note, sizeof err->note,
			 "备份 %s 是用户 %s 的%s，无法替换（%s）：本次保存没有留下备份。",
			 shown, who, nb_file_kind(bst.st_mode), strerror(e));
	} else {
		nb_clean_name(shown, sizeof shown, bak ? bak : real);
		snprintf(err->note, sizeof err->note,
			 "无法写备份 %s（%s）：本次保存没有留下备份。", shown,
			 strerror(e));
	}
	utf8_trim(err->note);
	free(bak);
}

/* Say what could not be kept of the owner and group. */
static void owner_note(nb_saveerr *err, const struct stat *old)
{
	char u[64], g[64], me[64];
	size_t n;
	if (!err || !(err->warn & (NB_SAVE_OWNER_LOST | NB_SAVE_GROUP_LOST)))
		return;
	nb_uid_name(old->st_uid, u, sizeof u);
	nb_uid_name(geteuid(), me, sizeof me);
	snprintf(g, sizeof g, "%ld", (long)old->st_gid);
	{
		struct group *gr = getgrgid(old->st_gid);
		if (gr && gr->gr_name)
			snprintf(g, sizeof g, "%s", gr->gr_name);
		nb_clean_token(g);
	}
	n = strlen(err->note);
	snprintf(err->note + n, sizeof err->note - n, "%s%s%s",
		 err->warn & NB_SAVE_OWNER_LOST ? "文件原属用户 " : "",
		 err->warn & NB_SAVE_OWNER_LOST ? u : "",
		 err->warn & NB_SAVE_OWNER_LOST ? "，保存后属于您" : "");
	n = strlen(err->note);
	if (err->warn & NB_SAVE_GROUP_LOST)
		snprintf(err->note + n, sizeof err->note - n,
			 "%s无法保持文件的组 %s（您不在该组中），组内其他人可能无法再打开它",
			 err->warn & NB_SAVE_OWNER_LOST ? "；" : "", g);
	n = strlen(err->note);
	snprintf(err->note + n, sizeof err->note - n, "。");
	(void)me;
	utf8_trim(err->note);
}

int nb_save_atomic(const char *path, const char *buf, size_t len,
		   const nb_fileops *ops, nb_saveerr *err)
{
	nb_fileops o;
	char *real = NULL, *dir = NULL, *base = NULL, *tmpl = NULL, *tmp = NULL;
	const char *step = NULL;
	struct stat st;
	int exists, e;
	mode_t mode;

	if (err) {
		err->err = 0;
		err->step = NULL;
		err->msg[0] = 0;
		err->warn = 0;
		err->note[0] = 0;
	}
	if (!path || !*path || (!buf && len))
		return fail(err, "args", EINVAL, path);
	nb_fileops_fill(&o, ops);

	real = nb_save_resolve(path);
	if (!real)
		return fail(err, "realpath", errno, path);
	if (split(real, &dir, &base) != 0) {
		e = errno;
		free(real);
		return fail(err, "malloc", e, path);
	}

	if (stat(real, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			e = EISDIR;
			step = "stat";
			goto out;
		}
		if (!S_ISREG(st.st_mode)) {
			e = EINVAL;
			step = "stat";
			goto out;
		}
		exists = 1;
		mode = st.st_mode & 07777;
	} else if (errno == ENOENT) {
		mode_t um = umask(022);
		umask(um);
		exists = 0;
		mode = 0644 & ~um;
	} else {
		e = errno;
		step = "stat";
		goto out;
	}

	tmpl = join(dir, ".", base, TMP_INFIX "XXXXXX");
	if (!tmpl) {
		e = ENOMEM;
		step = "malloc";
		goto out;
	}
	if (write_temp(&o, tmpl, &tmp, buf, len, mode,
		       exists && (st.st_uid != geteuid() || st.st_gid != getegid()),
		       exists ? st.st_uid : 0, exists ? st.st_gid : 0, &step,
		       err ? &err->warn : NULL) != 0) {
		e = errno;
		goto out;
	}
	if (exists && make_backup(&o, real, dir, base, tmp, &st, &step) != 0) {
		e = errno;
		/* "NAME~" held by a file that is not ours to replace (another
		 * account's, a FIFO, a link): saving matters more than the
		 * backup, so go on without one and say why. Any other failure
		 * (disk full, I/O error) stops the save as before. */
		if (!backup_in_the_way(real)) {
			o.unlink(tmp);
			goto out;
		}
		backup_note(err, real, e);
		step = NULL;
	}
	if (o.rename(tmp, real) != 0) {
		e = errno;
		step = "rename";
		o.unlink(tmp);
		goto out;
	}
	if (fsync_dir(&o, dir) != 0) {
		e = errno;
		step = "fsync-dir";
		free(tmp);
		free(tmpl);
		free(dir);
		free(base);
		if (err) {
			const char *c = cause_of(e);
			char shown[160];
			snprintf(shown, sizeof shown, "%s", path);
			utf8_trim(shown);
			err->err = e;
			err->step = step;
			snprintf(err->msg, sizeof err->msg,
				 "保存 %s 时目录同步失败（%s）：文件已写入，但断电后"
				 "可能丢失，请稍后再保存一次。%s",
				 shown, c ? "fsync-dir" : strerror(e), c ? c : "");
			utf8_trim(err->msg);
		}
		free(real);
		errno = e;
		return -1;
	}
	if (exists)
		owner_note(err, &st);
	free(tmp);
	free(tmpl);
	free(real);
	free(dir);
	free(base);
	return 0;
out:
	free(tmp);
	free(tmpl);
	free(dir);
	free(base);
	fail(err, step, e, path);
	free(real);
	errno = e;
	return -1;
}

/* ---- sweep, read ---------------------------------------------------- */

/* What mkostemp put after ".NAME.nbtmp.": six letters or digits, and ".b"
 * for the backup link's name. Anything else is not ours: the journal of a
 * report called "NAME.nbtmp.x" must survive NAME's sweep. */
static int tmp_suffix(const char *s)
{
	for (int i = 0; i < 6; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return !s[6] || !strcmp(s + 6, ".b");
}

int nb_save_sweep(const char *path)
{
	char *real = nb_save_resolve(path), *dir, *base, *prefix;
	DIR *d;
	struct dirent *de;
	int count = 0;
	size_t pl;

	if (!real)
		return -1;
	if (split(real, &dir, &base) != 0) {
		free(real);
		return -1;
	}
	free(real);
	pl = strlen(base) + strlen(TMP_INFIX) + 2;
	prefix = malloc(pl);
	if (!prefix) {
		free(dir);
		free(base);
		return -1;
	}
	snprintf(prefix, pl, ".%s" TMP_INFIX, base);
	pl = strlen(prefix);
	d = opendir(dir);
	if (!d) {
		free(prefix);
		free(dir);
		free(base);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		char *p;
		if (strncmp(de->d_name, prefix, pl) != 0 || !tmp_suffix(de->d_name + pl))
			continue;
		p = join(dir, "", de->d_name, "");
		if (!p)
			continue;
		/* Only plain files we could have made; never follow a link. */
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && unlink(p) == 0)
			count++;
		free(p);
	}
	closedir(d);
	free(prefix);
	free(dir);
	free(base);
	return count;
}

