/* The recovery journal, ".NAME.nbjournal" beside the report.
 *
 * Format (all numbers lower-case hex, fixed width, so `less` shows it):
 *
 *   "NBJ1\n"
 *   record*    where a record is
 *   "@" TYPE " " KLEN(8) " " VLEN(8) " " TIME(16) "\n"   38 bytes
 *   KEY "\n" VALUE "\n" CRC32(8) "\n"
 *
 * The CRC covers the record from "@" to the newline after VALUE. The first
 * record is the header (TYPE 'H', key "nianbao-journal", value lines
 * "host=", "user=", "pid=", "started=", "base="); then 'S' records, one
 * per committed change. A journal is only appended to; a cut or damaged
 * record ends the reading, and everything before it is good. */
#include "io/journal.h"
#include "io/savefile.h"
#include "core/sysio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "NBJ1\n"
#define MAGIC_LEN 5
#define FRAME_LEN 38
#define TRAILER_LEN 9 /* CRC(8) "\n" */
#define HEADER_KEY "nianbao-journal"
#define HEADER_MAX 4096

/* ---- common --------------------------------------------------------- */

static void seterr(char *errbuf, size_t errlen, const char *fmt, const char *a,
		   const char *b)
{
	if (errbuf && errlen)
		snprintf(errbuf, errlen, fmt, a, b);
}

char *nb_journal_path(const char *report_path)
{
	return nb_save_beside(report_path, ".nbjournal");
}

/* ---- writer --------------------------------------------------------- */

struct nb_journal {
	char *path, *dir, *tmpl;
	char base[65];
	char host[256], user[64];
	pid_t pid;
	time_t started;
	char *img;          /* the whole file: magic, header, records */
	size_t len, cap;
	size_t hdr_len;     /* magic + header record */
	size_t ondisk;      /* bytes of img written and fsync'd to fd */
	int nrec, nrec_disk;
	int fd;             /* -1 until the first flush with records */
	int rewrite;        /* the file on disk cannot be trusted: rewrite it */
};

static int img_reserve(nb_journal *j, size_t more)
{
	if (j->cap - j->len >= more)
		return 0;
	size_t nc = j->cap ? j->cap : 4096;
	while (nc - j->len < more) {
		if (nc > SIZE_MAX / 2) {
			errno = ENOMEM;
			return -1;
		}
		nc *= 2;
	}
	char *p = realloc(j->img, nc);
	if (!p) {
		errno = ENOMEM;
		return -1;
	}
	j->img = p;
	j->cap = nc;
	return 0;
}

static int img_record(nb_journal *j, char type, const char *key, size_t klen,
		      const char *val, size_t vlen, time_t t)
{
	size_t total = FRAME_LEN + klen + 1 + vlen + 1 + TRAILER_LEN;
	if (img_reserve(j, total) != 0)
		return -1;
	char *p = j->img + j->len;
	snprintf(p, FRAME_LEN + 1, "@%c %08x %08x %016llx\n", type,
		 (unsigned)klen, (unsigned)vlen, (unsigned long long)(int64_t)t);
	memcpy(p + FRAME_LEN, key, klen);
	p[FRAME_LEN + klen] = '\n';
	if (vlen)
		memcpy(p + FRAME_LEN + klen + 1, val, vlen);
	p[FRAME_LEN + klen + 1 + vlen] = '\n';
	uint32_t crc = nb_crc32(p, FRAME_LEN + klen + 1 + vlen + 1);
	char tr[TRAILER_LEN + 1];
	snprintf(tr, sizeof tr, "%08x\n", (unsigned)crc);
	memcpy(p + FRAME_LEN + klen + 1 + vlen + 1, tr, TRAILER_LEN);
	j->len += total;
	return 0;
}

/* Magic and header at the start of an empty image. */
static int img_header(nb_journal *j)
{
	char v[HEADER_MAX];
	int n = snprintf(v, sizeof v, "host=%s\nuser=%s\npid=%ld\nstarted=%lld\nbase=%s\n",
			 j->host, j->user, (long)j->pid, (long long)j->started,
			 j->base);
	if (n < 0 || (size_t)n >= sizeof v) {
		errno = EINVAL;
		return -1;
	}
	j->len = 0;
	if (img_reserve(j, MAGIC_LEN) != 0)
		return -1;
	memcpy(j->img, MAGIC, MAGIC_LEN);
	j->len = MAGIC_LEN;
	if (img_record(j, 'H', HEADER_KEY, strlen(HEADER_KEY), v, (size_t)n,
		       j->started) != 0)
		return -1;
	j->hdr_len = j->len;
	return 0;
}

/* Names are values of "name=value" header lines: no '=' in them either. */
static void no_equals(char *s)
{
	for (; *s; s++)
		if (*s == '=')
			*s = '_';
}

static void set_base(nb_journal *j, const char *h)
{
	size_t i;
	for (i = 0; h && h[i] && i < 64; i++) {
		char c = h[i];
		j->base[i] = ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
			      (c >= 'A' && c <= 'F')) ? c : '_';
	}
	j->base[i] = 0;
}

nb_journal *nb_journal_open(const char *report_path, const char *base_hash,
			    char *errbuf, size_t errlen)
{
	nb_journal *j = calloc(1, sizeof *j);
	if (!j) {
		seterr(errbuf, errlen, "%s%s", "内存不足", "");
		return NULL;
	}
	j->fd = -1;
	j->path = nb_journal_path(report_path);
	if (!j->path) {
		seterr(errbuf, errlen, "%s: 无法确定恢复日志的位置：%s",
		       report_path ? report_path : "", strerror(errno));
		free(j);
		return NULL;
	}
	{
		char *slash = strrchr(j->path, '/');
		size_t dl = (size_t)(slash - j->path);
		size_t base = strlen(slash + 1);
		j->dir = malloc(dl + 2);
		/* ".NAME.nbjournal" -> ".NAME.nbtmp.XXXXXX", swept like a save's */
		j->tmpl = malloc(dl + 1 + base + 16);
		if (!j->dir || !j->tmpl) {
			seterr(errbuf, errlen, "%s%s", "内存不足", "");
			nb_journal_close(j);
			return NULL;
		}
		memcpy(j->dir, j->path, dl ? dl : 1);
		j->dir[dl ? dl : 1] = 0;
		memcpy(j->tmpl, j->path, dl + 1 + base - strlen(".nbjournal"));
		strcpy(j->tmpl + dl + 1 + base - strlen(".nbjournal"), ".nbtmp.XXXXXX");
	}
	nb_host_token(j->host, sizeof j->host);
	nb_user_token(j->user, sizeof j->user);
	no_equals(j->host);
	no_equals(j->user);
	j->pid = getpid();
	j->started = time(NULL);
	set_base(j, base_hash);
	if (img_header(j) != 0) {
		seterr(errbuf, errlen, "%s%s", "内存不足", "");
		nb_journal_close(j);
		return NULL;
	}
	return j;
}

int nb_journal_add(nb_journal *j, const char *key, const char *val, size_t vlen)
{
	size_t klen;
	if (!j || !key || (!val && vlen)) {
		errno = EINVAL;
		return -1;
	}
	klen = strlen(key);
	if (klen == 0 || klen > NB_JOURNAL_MAX_KEY || strchr(key, '\n')) {
		errno = EINVAL;
		return -1;
	}
	if (vlen > NB_JOURNAL_MAX_VALUE) {
		errno = EFBIG;
		return -1;
	}
	if (j->nrec >= NB_JOURNAL_MAX_RECORDS) {
		errno = EOVERFLOW;
		return -1;
	}
	if (img_record(j, 'S', key, klen, val ? val : "", vlen, time(NULL)) != 0)
		return -1;
	j->nrec++;
	return 0;
}

static void fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* A fresh file holding the whole image, renamed over the journal. */
static int rewrite_file(nb_journal *j)
{
	char *tmp = malloc(strlen(j->tmpl) + 1);
	int fd, e;
	if (!tmp) {
		errno = ENOMEM;
		return -1;
	}
	strcpy(tmp, j->tmpl);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		free(tmp);
		errno = e;
		return -1;
	}
	if (nb_write_all(fd, j->img, j->len) != 0 || fsync(fd) != 0 ||
	    rename(tmp, j->path) != 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		errno = e;
		return -1;
	}
	free(tmp);
	fsync_dir(j->dir);
	if (j->fd >= 0)
		close(j->fd);
	j->fd = fd;
	j->ondisk = j->len;
	j->nrec_disk = j->nrec;
	j->rewrite = 0;
	return 0;
}

int nb_journal_flush(nb_journal *j)
{
	if (!j) {
		errno = EINVAL;
		return -1;
	}
	if (j->nrec == 0 && j->fd < 0)
		return 0; /* nothing worth a file yet */
	if (j->fd < 0 || j->rewrite)
		return rewrite_file(j);
	if (j->ondisk == j->len)
		return 0;
	if (nb_write_all(j->fd, j->img + j->ondisk, j->len - j->ondisk) != 0) {
		int e = errno;
		/* Cut the partial record so later appends are not hidden behind
		 * it; if even that fails, start a new file next time. */
		if (ftruncate(j->fd, (off_t)j->ondisk) != 0 ||
		    lseek(j->fd, (off_t)j->ondisk, SEEK_SET) < 0)
			j->rewrite = 1;
		errno = e;
		return -1;
	}
	if (fsync(j->fd) != 0) {
		/* The kernel may have dropped the pages: never fsync again and
		 * believe it; write everything to a new file next time. */
		j->rewrite = 1;
		return -1;
	}
	j->ondisk = j->len;
	j->nrec_disk = j->nrec;
	return 0;
}

int nb_journal_retire(nb_journal *j)
{
	int r = 0;
	if (!j) {
		errno = EINVAL;
		return -1;
	}
	if (j->fd >= 0) {
		close(j->fd);
		j->fd = -1;
	}
	if (unlink(j->path) != 0 && errno != ENOENT)
		r = -1;
	int e = errno;
	j->len = j->hdr_len;
	j->ondisk = 0;
	j->nrec = j->nrec_disk = 0;
	j->rewrite = 0;
	errno = e;
	return r;
}

int nb_journal_set_base(nb_journal *j, const char *base_hash)
{
	if (!j) {
		errno = EINVAL;
		return -1;
	}
	set_base(j, base_hash);
	/* Rebuild the header in front of the records already queued. */
	size_t rl = j->len - j->hdr_len;
	char *recs = NULL;
	if (rl) {
		recs = malloc(rl);
		if (!recs) {
			errno = ENOMEM;
			return -1;
		}
		memcpy(recs, j->img + j->hdr_len, rl);
	}
	if (img_header(j) != 0 || img_reserve(j, rl) != 0) {
		free(recs);
		return -1;
	}
	if (rl)
		memcpy(j->img + j->len, recs, rl);
	j->len += rl;
	free(recs);
	if (j->fd >= 0)
		j->rewrite = 1;
	return 0;
}

size_t nb_journal_pending(const nb_journal *j)
{
	return j ? (size_t)(j->nrec - j->nrec_disk) : 0;
}

void nb_journal_close(nb_journal *j)
{
	if (!j)
		return;
	if (j->img)
		(void)nb_journal_flush(j);
	if (j->fd >= 0)
		close(j->fd);
	free(j->img);
	free(j->path);
	free(j->dir);
	free(j->tmpl);
	free(j);
}

/* ---- reader --------------------------------------------------------- */

/* A window over the journal: all of it for a buffer, about one record of
 * a file at a time, so a huge file cannot make us allocate much. */
typedef struct {
	const char *buf;
	size_t len, pos;   /* valid bytes [pos, len) */
	size_t consumed;   /* file offset of buf[0] */
	int fd;            /* -1 for memory */
	char *own;
	size_t cap;
	int eof, err;
} src;

/* 1 when n bytes are available at pos, 0 at the end, -1 on error. */
static int need(src *s, size_t n)
{
	if (s->len - s->pos >= n)
		return 1;
	if (s->fd < 0 || s->eof)
		return 0;
	if (s->pos) {
		memmove(s->own, s->own + s->pos, s->len - s->pos);
		s->len -= s->pos;
		s->consumed += s->pos;
		s->pos = 0;
	}
	if (n > s->cap) {
		size_t nc = n < 65536 ? 65536 : n;
		char *p = realloc(s->own, nc);
		if (!p) {
			s->err = ENOMEM;
			return -1;
		}
		s->own = p;
		s->cap = nc;
	}
	s->buf = s->own;
	while (s->len < n) {
		ssize_t r = read(s->fd, s->own + s->len, s->cap - s->len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			s->err = errno;
			return -1;
		}
		if (r == 0) {
			s->eof = 1;
			return 0;
		}
		s->len += (size_t)r;
	}
	return 1;
}

static int hexn(const char *p, int n, uint64_t *out)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++) {
		char c = p[i];
		int d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return 0;
}

enum { REC_OK, REC_END, REC_TORN, REC_BAD, REC_ERR };

typedef struct {
	char type;
	char key[NB_JOURNAL_MAX_KEY + 1];
	const char *val; /* inside the window, valid until the next read */
	size_t vlen;
	time_t t;
} rec;

static int next_record(src *s, rec *r)
{
	uint64_t klen, vlen, t, crc;
	int k = need(s, 1);
	if (k < 0)
		return REC_ERR;
	if (k == 0)
		return REC_END;
	k = need(s, FRAME_LEN);
	if (k < 0)
		return REC_ERR;
	const char *p = s->buf + s->pos;
	if (k == 0) {
		/* A cut frame is torn only if what is there could be a frame. */
		return p[0] == '@' ? REC_TORN : REC_BAD;
	}
	if (p[0] != '@' || p[1] < 'A' || p[1] > 'Z' || p[2] != ' ' ||
	    p[11] != ' ' || p[20] != ' ' || p[37] != '\n' ||
	    hexn(p + 3, 8, &klen) || hexn(p + 12, 8, &vlen) ||
	    hexn(p + 21, 16, &t))
		return REC_BAD;
	if (klen == 0 || klen > NB_JOURNAL_MAX_KEY || vlen > NB_JOURNAL_MAX_VALUE)
		return REC_BAD;
	size_t body = FRAME_LEN + (size_t)klen + 1 + (size_t)vlen + 1;
	k = need(s, body + TRAILER_LEN);
	if (k < 0)
		return REC_ERR;
	if (k == 0)
		return REC_TORN;
	p = s->buf + s->pos; /* the window may have moved */
	if (p[FRAME_LEN + klen] != '\n' || p[body - 1] != '\n' ||
	    p[body + 8] != '\n' || hexn(p + body, 8, &crc) ||
	    crc != nb_crc32(p, body))
		return REC_BAD;
	memcpy(r->key, p + FRAME_LEN, (size_t)klen);
	r->key[klen] = 0;
	if (strlen(r->key) != klen || strchr(r->key, '\n'))
		return REC_BAD;
	r->type = p[1];
	r->val = p + FRAME_LEN + klen + 1;
	r->vlen = (size_t)vlen;
	r->t = (time_t)(int64_t)t;
	s->pos += body + TRAILER_LEN;
	return REC_OK;
}

static void header_field(const char *v, size_t vlen, const char *name,
			 char *out, size_t outlen)
{
	size_t nl = strlen(name);
	const char *p = v, *end = v + vlen;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		if ((size_t)(e - p) > nl && memcmp(p, name, nl) == 0 && p[nl] == '=') {
			size_t n = (size_t)(e - p) - nl - 1;
			if (n >= outlen)
				n = outlen - 1;
			memcpy(out, p + nl + 1, n);
			out[n] = 0;
			return;
		}
		p = e + 1;
	}
	out[0] = 0;
}

static long long to_ll(const char *s)
{
	long long v = 0;
	int neg = *s == '-';
	if (neg)
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (LLONG_MAX - 9) / 10)
			return 0;
		v = v * 10 + (*s - '0');
	}
	return neg ? -v : v;
}

static int read_src(src *s, const char *name, nb_journal_info *info,
		    int (*fn)(const char *, const char *, size_t, void *),
		    void *ctx, char *errbuf, size_t errlen)
{
	nb_journal_info dummy;
	rec r;
	char *val = NULL;
	size_t valcap = 0;
	int k, ret = 0;

	if (!info)
		info = &dummy;
	memset(info, 0, sizeof *info);
	k = need(s, MAGIC_LEN);
	if (k < 0 || (k == 1 && memcmp(s->buf + s->pos, MAGIC, MAGIC_LEN) != 0) ||
	    k == 0) {
		if (k < 0)
			seterr(errbuf, errlen, "%s: 读取恢复日志出错：%s", name,
			       strerror(s->err));
		else
			seterr(errbuf, errlen, "%s: %s", name,
			       "不是 nianbao 恢复日志（开头标记不对）");
		return -1;
	}
	s->pos += MAGIC_LEN;
	k = next_record(s, &r);
	if (k != REC_OK || r.type != 'H' || strcmp(r.key, HEADER_KEY) != 0 ||
	    r.vlen > HEADER_MAX) {
		if (k == REC_ERR)
			seterr(errbuf, errlen, "%s: 读取恢复日志出错：%s", name,
			       strerror(s->err));
		else
			seterr(errbuf, errlen, "%s: %s", name,
			       "恢复日志的头部已损坏");
		return -1;
	}
	{
		char pid[32], started[32];
		header_field(r.val, r.vlen, "host", info->host, sizeof info->host);
		header_field(r.val, r.vlen, "user", info->user, sizeof info->user);
		header_field(r.val, r.vlen, "base", info->base_hash,
			     sizeof info->base_hash);
		header_field(r.val, r.vlen, "pid", pid, sizeof pid);
		header_field(r.val, r.vlen, "started", started, sizeof started);
		info->pid = (pid_t)to_ll(pid);
		info->started = (time_t)to_ll(started);
		info->last = info->started;
	}
	info->good_bytes = s->consumed + s->pos;
	for (;;) {
		k = next_record(s, &r);
		if (k == REC_END)
			break;
		if (k == REC_ERR) {
			seterr(errbuf, errlen, "%s: 读取恢复日志出错：%s", name,
			       strerror(s->err));
			ret = -1;
			break;
		}
		if (k == REC_TORN || k == REC_BAD) {
			info->torn = 1;
			info->corrupt = k == REC_BAD;
			break;
		}
		if (info->nrecords >= NB_JOURNAL_MAX_RECORDS) {
			info->torn = info->corrupt = 1;
			break;
		}
		info->good_bytes = s->consumed + s->pos;
		if (r.type != 'S')
			continue; /* a later version's record: skip it */
		info->nrecords++;
		info->last = r.t;
		if (!fn)
			continue;
		if (r.vlen + 1 > valcap) {
			size_t nc = r.vlen + 1 < 4096 ? 4096 : r.vlen + 1;
			char *p = realloc(val, nc);
			if (!p) {
				seterr(errbuf, errlen, "%s: %s", name, "内存不足");
				ret = -1;
				break;
			}
			val = p;
			valcap = nc;
		}
		if (r.vlen)
			memcpy(val, r.val, r.vlen);
		val[r.vlen] = 0;
		if (fn(r.key, val, r.vlen, ctx) != 0) {
			seterr(errbuf, errlen, "%s: %s", name,
			       "恢复被中止");
			ret = -1;
			break;
		}
	}
	free(val);
	return ret;
}

int nb_journal_read_mem(const char *buf, size_t len, nb_journal_info *info,
			int (*fn)(const char *key, const char *val, size_t vlen, void *ctx),
			void *ctx, char *errbuf, size_t errlen)
{
	src s = { .buf = buf ? buf : "", .len = buf ? len : 0, .fd = -1 };
	return read_src(&s, "(memory)", info, fn, ctx, errbuf, errlen);
}

int nb_journal_read(const char *jpath, nb_journal_info *info,
		    int (*fn)(const char *key, const char *val, size_t vlen, void *ctx),
		    void *ctx, char *errbuf, size_t errlen)
{
	src s = { .buf = "", .fd = -1 };
	int r;
	if (info)
		memset(info, 0, sizeof *info);
	if (!jpath) {
		seterr(errbuf, errlen, "%s%s", "没有给出恢复日志", "");
		return -1;
	}
	s.fd = open(jpath, O_RDONLY | O_CLOEXEC);
	if (s.fd < 0) {
		seterr(errbuf, errlen, "%s: 无法打开恢复日志：%s", jpath,
		       strerror(errno));
		return -1;
	}
	r = read_src(&s, jpath, info, fn, ctx, errbuf, errlen);
	close(s.fd);
	free(s.own);
	return r;
}
