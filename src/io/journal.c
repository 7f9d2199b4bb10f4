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
#include "core/utf8.h"

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

/* The latest record of one key: compaction keeps only these. */
typedef struct {
	size_t off, size;  /* in img */
	uint32_t hash;
	size_t klen;
} latest;

struct nb_journal {
	char *path, *dir, *tmpl;   /* where the journal is written now */
	char *alt;                 /* the per-user fallback (state dir) */
	char *adopt;               /* an old journal this one replaces */
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
	dev_t dev;          /* the file fd has open, to notice when it */
	ino_t ino;          /* is deleted or renamed under us */
	latest *keys;
	size_t nkeys, capkeys;
	size_t *slots;      /* hash table over keys: index + 1, 0 empty */
	size_t nslots;      /* a power of two, at least twice nkeys */
	size_t live;        /* bytes of the records in keys[] */
	nb_fileops ops;
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

static char *dupstr(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* Point the writer at jpath: its directory and the temporary template
 * ".NAME.nbjournal" -> ".NAME.nbtmp.XXXXXX" (swept like a save's). */
static int set_path(nb_journal *j, const char *jpath)
{
	const char *slash = strrchr(jpath, '/');
	size_t dl = slash ? (size_t)(slash - jpath) : 0;
	size_t jl = strlen(jpath), sl = strlen(".nbjournal");
	char *path = dupstr(jpath), *dir = malloc(dl + 2), *tmpl = malloc(jl + 16);
	if (!path || !dir || !tmpl || !slash) {
		free(path);
		free(dir);
		free(tmpl);
		errno = slash ? ENOMEM : EINVAL;
		return -1;
	}
	memcpy(dir, jpath, dl ? dl : 1);
	dir[dl ? dl : 1] = 0;
	if (jl > sl && strcmp(jpath + jl - sl, ".nbjournal") == 0)
		snprintf(tmpl, jl + 16, "%.*s.nbtmp.XXXXXX", (int)(jl - sl), jpath);
	else
		snprintf(tmpl, jl + 16, "%s.nbtmp.XXXXXX", jpath);
	free(j->path);
	free(j->dir);
	free(j->tmpl);
	j->path = path;
	j->dir = dir;
	j->tmpl = tmpl;
	return 0;
}

/* "DIR/NAME-HASH16.nbjournal" under the state directory: NAME for people
 * looking, HASH16 from the report's real path so two reports of the same
 * name in different folders never share one. */
char *nb_journal_state_path(const char *report_path)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *real = nb_save_resolve(report_path), *p;
	char h[65], name[96];
	const char *slash;
	size_t n;
	if (!real)
		return NULL;
	nb_hash_buf(real, strlen(real), h);
	slash = strrchr(real, '/');
	/* The name only helps a person looking: keep it short and plain. */
	snprintf(name, sizeof name, "%.60s", slash ? slash + 1 : real);
	for (char *c = name; *c; c++)
		if ((unsigned char)*c < 0x21 || *c == 0x7f || *c == '/')
			*c = '_';
	free(real);
	if (xdg && xdg[0] == '/') { /* the spec: a relative one is ignored */
		n = strlen(xdg) + strlen(name) + 100;
		p = malloc(n);
		if (p)
			snprintf(p, n, "%s/nianbao/%s-%.16s.nbjournal", xdg, name, h);
	} else if (home && home[0] == '/') {
		n = strlen(home) + strlen(name) + 100;
		p = malloc(n);
		if (p)
			snprintf(p, n, "%s/.local/state/nianbao/%s-%.16s.nbjournal",
				 home, name, h);
	} else {
		errno = ENOENT;
		return NULL;
	}
	if (!p)
		errno = ENOMEM;
	return p;
}

int nb_journal_candidates(const char *report_path, char *out[2])
{
	int n = 0;
	out[0] = out[1] = NULL;
	if ((out[n] = nb_journal_path(report_path)) != NULL)
		n++;
	if ((out[n] = nb_journal_state_path(report_path)) != NULL)
		n++;
	if (n == 2 && strcmp(out[0], out[1]) == 0) {
		free(out[1]);
		out[1] = NULL;
		n = 1;
	}
	return n;
}

nb_journal *nb_journal_open(const char *report_path, const char *base_hash,
			    char *errbuf, size_t errlen)
{
	nb_journal *j = calloc(1, sizeof *j);
	char *jp;
	if (!j) {
		seterr(errbuf, errlen, "%s%s", "内存不足", "");
		return NULL;
	}
	j->fd = -1;
	nb_fileops_fill(&j->ops, NULL);
	jp = nb_journal_path(report_path);
	if (!jp || set_path(j, jp) != 0) {
		seterr(errbuf, errlen, "%s: 无法确定恢复日志的位置：%s",
		       report_path ? report_path : "", strerror(errno));
		free(jp);
		free(j);
		return NULL;
	}
	free(jp);
	j->alt = nb_journal_state_path(report_path); /* NULL: no fallback */
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

void nb_journal_set_ops(nb_journal *j, const nb_fileops *ops)
{
	if (j)
		nb_fileops_fill(&j->ops, ops);
}

const char *nb_journal_file(const nb_journal *j)
{
	return j ? j->path : NULL;
}

int nb_journal_adopt(nb_journal *j, const char *old_path)
{
	char *p;
	if (!j || !old_path) {
		errno = EINVAL;
		return -1;
	}
	p = dupstr(old_path);
	if (!p) {
		errno = ENOMEM;
		return -1;
	}
	free(j->adopt);
	j->adopt = p;
	return 0;
}

/* mkdir -p for the state directory, private to the user. */
static int mkdirs(const char *dir)
{
	char *d = dupstr(dir);
	if (!d) {
		errno = ENOMEM;
		return -1;
	}
	for (char *p = d + 1;; p++) {
		if (*p == '/' || !*p) {
			char c = *p;
			*p = 0;
			if (mkdir(d, 0700) != 0 && errno != EEXIST) {
				int e = errno;
				free(d);
				errno = e;
				return -1;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	free(d);
	return 0;
}

int nb_journal_use_state_dir(nb_journal *j)
{
	if (!j) {
		errno = EINVAL;
		return -1;
	}
	if (!j->alt) {
		errno = ENOENT;
		return -1;
	}
	if (strcmp(j->path, j->alt) == 0)
		return 0;
	/* A journal we already wrote beside the report would be offered
	 * again, stale, on reopen: drop it once the new file holds all. */
	if (j->fd >= 0 && !j->adopt)
		j->adopt = dupstr(j->path);
	char *alt = dupstr(j->alt);
	if (!alt || set_path(j, alt) != 0) {
		free(alt);
		errno = ENOMEM;
		return -1;
	}
	free(alt);
	if (mkdirs(j->dir) != 0)
		return -1;
	/* Everything goes into the new file at the next flush. */
	j->rewrite = 1;
	return 0;
}

static int in_state_dir(const nb_journal *j)
{
	return j->alt && strcmp(j->path, j->alt) == 0;
}

/* ---- compaction: the latest record of each key --------------------- */

static uint32_t key_hash(const char *k, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return h;
}

static int rehash(nb_journal *j, size_t nslots)
{
	size_t *s = calloc(nslots, sizeof *s);
	if (!s) {
		errno = ENOMEM;
		return -1;
	}
	for (size_t i = 0; i < j->nkeys; i++) {
		size_t k = j->keys[i].hash & (nslots - 1);
		while (s[k])
			k = (k + 1) & (nslots - 1);
		s[k] = i + 1;
	}
	free(j->slots);
	j->slots = s;
	j->nslots = nslots;
	return 0;
}

/* Note the record just appended at off (size bytes) as its key's latest. */
static int note_latest(nb_journal *j, const char *key, size_t klen, size_t off,
		       size_t size)
{
	uint32_t h = key_hash(key, klen);
	size_t k;
	if ((j->nkeys + 1) * 2 > j->nslots &&
	    rehash(j, j->nslots ? j->nslots * 2 : 256) != 0)
		return -1;
	for (k = h & (j->nslots - 1); j->slots[k]; k = (k + 1) & (j->nslots - 1)) {
		latest *l = &j->keys[j->slots[k] - 1];
		if (l->hash == h && l->klen == klen &&
		    memcmp(j->img + l->off + FRAME_LEN, key, klen) == 0) {
			j->live -= l->size;
			l->off = off;
			l->size = size;
			j->live += size;
			return 0;
		}
	}
	if (j->nkeys == j->capkeys) {
		size_t nc = j->capkeys ? j->capkeys * 2 : 64;
		latest *p = realloc(j->keys, nc * sizeof *p);
		if (!p) {
			errno = ENOMEM;
			return -1;
		}
		j->keys = p;
		j->capkeys = nc;
	}
	j->keys[j->nkeys++] = (latest){ off, size, h, klen };
	j->slots[k] = j->nkeys;
	j->live += size;
	return 0;
}

static int by_off(const void *a, const void *b)
{
	const latest *x = a, *y = b;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Replaying a journal sets each key to its last value, and keys do not
 * depend on each other: the latest record of each key, in their order,
 * gives the same report. Done once superseded records outweigh live ones,
 * so memory and file stay within about three times the edited text
 * however often a large section is journalled. */
static int compact(nb_journal *j)
{
	size_t nl = j->hdr_len + j->live, o = j->hdr_len;
	char *n = malloc(nl * 2 > nl ? nl * 2 : nl);
	if (!n) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(n, j->img, j->hdr_len);
	qsort(j->keys, j->nkeys, sizeof *j->keys, by_off);
	if (rehash(j, j->nslots) != 0) {
		free(n);
		return -1; /* keys[] sorted is still consistent with img */
	}
	for (size_t i = 0; i < j->nkeys; i++) {
		memcpy(n + o, j->img + j->keys[i].off, j->keys[i].size);
		j->keys[i].off = o;
		o += j->keys[i].size;
	}
	free(j->img);
	j->img = n;
	j->len = o;
	j->cap = nl * 2 > nl ? nl * 2 : nl;
	j->nrec = (int)j->nkeys;
	/* The file on disk still has every record: replace it whole, and
	 * count nothing as durable until that is done. */
	j->nrec_disk = 0;
	j->ondisk = 0;
	if (j->fd >= 0)
		j->rewrite = 1;
	return 0;
}

#define COMPACT_SLACK (256u * 1024)

int nb_journal_add(nb_journal *j, const char *key, const char *val, size_t vlen)
{
	size_t klen, off;
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
	off = j->len;
	if (img_record(j, 'S', key, klen, val ? val : "", vlen, time(NULL)) != 0)
		return -1;
	if (note_latest(j, key, klen, off, j->len - off) != 0) {
		j->len = off;
		return -1;
	}
	j->nrec++;
	if (j->len - j->hdr_len > 2 * j->live + COMPACT_SLACK)
		(void)compact(j); /* on failure the journal is only larger */
	return 0;
}

static void fsync_dir(nb_journal *j)
{
	int fd = j->ops.open(j->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd >= 0) {
		(void)j->ops.fsync(fd);
		j->ops.close(fd);
	}
}

/* A file at the journal's name that we must not replace: another user's,
 * or not a regular file (a FIFO, a link someone planted). */
static int foreign_in_the_way(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0;
	return !S_ISREG(st.st_mode) || st.st_uid != geteuid();
}

/* The errors after which the state directory may do better. */
static int try_elsewhere(int e)
{
	return e == EACCES || e == EPERM || e == EROFS || e == ENOENT ||
	       e == ENOTDIR || e == EISDIR || e == EEXIST;
}

/* A fresh file holding the whole image, renamed over the journal. */
static int rewrite_once(nb_journal *j)
{
	char *tmp;
	int fd, e;
	struct stat st;
	if (foreign_in_the_way(j->path)) {
		errno = EEXIST;
		return -1;
	}
	tmp = dupstr(j->tmpl);
	if (!tmp) {
		errno = ENOMEM;
		return -1;
	}
	fd = j->ops.mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(tmp);
		errno = e;
		return -1;
	}
	if (nb_write_all_with(j->ops.write, fd, j->img, j->len) != 0 ||
	    j->ops.fsync(fd) != 0 || fstat(fd, &st) != 0 ||
	    j->ops.rename(tmp, j->path) != 0) {
		e = errno;
		j->ops.close(fd);
		j->ops.unlink(tmp);
		free(tmp);
		errno = e;
		return -1;
	}
	free(tmp);
	fsync_dir(j);
	if (j->fd >= 0)
		j->ops.close(j->fd);
	j->fd = fd;
	j->dev = st.st_dev;
	j->ino = st.st_ino;
	j->ondisk = j->len;
	j->nrec_disk = j->nrec;
	j->rewrite = 0;
	return 0;
}

/* Beside the report if we can; in the state directory when the folder
 * is read-only or someone else's file holds the name. */
static int rewrite_file(nb_journal *j)
{
	if (rewrite_once(j) == 0)
		return 0;
	int e = errno;
	if (!in_state_dir(j) && try_elsewhere(e) && nb_journal_use_state_dir(j) == 0 &&
	    rewrite_once(j) == 0)
		return 0;
	errno = e;
	return -1;
}

/* Is the file we append to still the journal on disk? Deleted (no links
 * left) or renamed away, appends would go where no reader looks. */
static int still_in_place(const nb_journal *j)
{
	struct stat fs, ps;
	if (fstat(j->fd, &fs) != 0 || fs.st_nlink == 0)
		return 0;
	if (lstat(j->path, &ps) != 0)
		return 0;
	return ps.st_dev == fs.st_dev && ps.st_ino == fs.st_ino;
}

/* After the first good flush an adopted old journal has been carried
 * over: remove it, if it is ours and not the file we now write. */
static void drop_adopted(nb_journal *j)
{
	struct stat st;
	if (!j->adopt)
		return;
	if (strcmp(j->adopt, j->path) != 0 && lstat(j->adopt, &st) == 0 &&
	    S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	    !(st.st_dev == j->dev && st.st_ino == j->ino))
		(void)j->ops.unlink(j->adopt);
	free(j->adopt);
	j->adopt = NULL;
}

int nb_journal_flush(nb_journal *j)
{
	int r;
	if (!j) {
		errno = EINVAL;
		return -1;
	}
	if (j->nrec == 0 && j->fd < 0)
		return 0; /* nothing worth a file yet */
	if (j->fd >= 0 && !j->rewrite && !still_in_place(j))
		j->rewrite = 1;
	if (j->fd < 0 || j->rewrite) {
		r = rewrite_file(j);
		if (r == 0)
			drop_adopted(j);
		return r;
	}
	if (j->ondisk == j->len)
		return 0;
	if (nb_write_all_with(j->ops.write, j->fd, j->img + j->ondisk,
			      j->len - j->ondisk) != 0) {
		int e = errno;
		/* Cut the partial record so later appends are not hidden behind
		 * it; if even that fails, start a new file next time. */
		if (ftruncate(j->fd, (off_t)j->ondisk) != 0 ||
		    lseek(j->fd, (off_t)j->ondisk, SEEK_SET) < 0)
			j->rewrite = 1;
		errno = e;
		return -1;
	}
	if (j->ops.fsync(j->fd) != 0) {
		/* The kernel may have dropped the pages: never fsync again and
		 * believe it; write everything to a new file next time. */
		j->rewrite = 1;
		return -1;
	}
	j->ondisk = j->len;
	j->nrec_disk = j->nrec;
	drop_adopted(j);
	return 0;
}

int nb_journal_retire(nb_journal *j)
{
	int r = 0;
	if (!j) {
		errno = EINVAL;
		return -1;
	}
	struct stat st;
	int mine = lstat(j->path, &st) == 0 && S_ISREG(st.st_mode) &&
		   st.st_uid == geteuid();
	if (j->fd >= 0) {
		j->ops.close(j->fd);
		j->fd = -1;
		/* Only the file we wrote: a file put at its name since is
		 * someone else's business. */
		mine = mine && st.st_dev == j->dev && st.st_ino == j->ino;
	} else if (j->ondisk && j->ino) {
		mine = mine && st.st_dev == j->dev && st.st_ino == j->ino;
	} else {
		/* Nothing of this journal ever reached the disk: whatever is
		 * at its name (an earlier run's journal) is not ours to drop. */
		mine = 0;
	}
	/* Never another user's file, nor a FIFO or link in its place. */
	if (mine && j->ops.unlink(j->path) != 0 && errno != ENOENT)
		r = -1;
	int e = errno;
	j->len = j->hdr_len;
	j->ondisk = 0;
	j->nrec = j->nrec_disk = 0;
	j->rewrite = 0;
	j->nkeys = 0;
	j->live = 0;
	if (j->slots)
		memset(j->slots, 0, j->nslots * sizeof *j->slots);
	errno = e;
	return r;
}

int nb_journal_set_base(nb_journal *j, const char *base_hash)
{
	size_t old_hdr;
	if (!j) {
		errno = EINVAL;
		return -1;
	}
	set_base(j, base_hash);
	old_hdr = j->hdr_len;
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
	for (size_t i = 0; i < j->nkeys; i++)
		j->keys[i].off = j->keys[i].off - old_hdr + j->hdr_len;
	if (j->fd >= 0)
		j->rewrite = 1;
	return 0;
}

size_t nb_journal_pending(const nb_journal *j)
{
	return j ? (size_t)(j->nrec - j->nrec_disk) : 0;
}

size_t nb_journal_bytes(const nb_journal *j)
{
	return j ? j->cap : 0;
}

void nb_journal_close(nb_journal *j)
{
	if (!j)
		return;
	if (j->img)
		(void)nb_journal_flush(j);
	if (j->fd >= 0)
		j->ops.close(j->fd);
	free(j->img);
	free(j->keys);
	free(j->slots);
	free(j->path);
	free(j->dir);
	free(j->tmpl);
	free(j->alt);
	free(j->adopt);
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

/* Who really owns the file: from the inode, not from the header. */
static void fill_owner(nb_journal_info *info, const struct stat *st, int not_regular)
{
	info->owner_uid = st->st_uid;
	nb_uid_name(st->st_uid, info->owner, sizeof info->owner);
	info->ours = !not_regular && st->st_uid == geteuid();
	info->not_regular = not_regular;
	info->mode = st->st_mode;
	info->mtime = st->st_mtime;
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
	struct stat st;
	memset(&st, 0, sizeof st);
	/* Planted things: a link (to someone's private journal), a FIFO
	 * (open would wait for ever). Opened without following, without
	 * blocking, and only a regular file is read. */
	s.fd = nb_open_side(jpath, O_RDONLY, 0, &st);
	if (s.fd < 0 && errno == NB_ENOTREG) {
		char who[64];
		nb_uid_name(st.st_uid, who, sizeof who);
		if (info)
			fill_owner(info, &st, 1);
		if (errbuf && errlen) {
			char shown[256];
			nb_clean_name(shown, sizeof shown, jpath);
			snprintf(errbuf, errlen, "%s: 不是恢复日志，而是用户 %s 的%s"
				 "（不会打开它，也不会删除它）", shown, who,
				 nb_file_kind(st.st_mode));
		}
		return -1;
	}
	if (s.fd < 0) {
		seterr(errbuf, errlen, "%s: 无法打开恢复日志：%s", jpath,
		       strerror(errno));
		return -1;
	}
	r = read_src(&s, jpath, info, fn, ctx, errbuf, errlen);
	if (info)
		fill_owner(info, &st, 0);
	close(s.fd);
	free(s.own);
	return r;
}
