/* Crash states (issue 10), in the spirit of ALICE (Pillai et al., OSDI
 * 2014): kill -9 never loses what the kernel accepted, so it cannot show
 * what a power cut does. The system calls of a save and of journal
 * flushes are recorded through the nb_fileops seam (done for real in a
 * scratch directory, so the code runs as usual); then, after every call,
 * every on-disk state POSIX allows after a power cut is built:
 *
 *  - a file's data written since its last fsync is lost, half there, all
 *    there, or there in size only (zeros: delayed allocation);
 *  - names created, linked, renamed or unlinked since the directory's
 *    last fsync are each kept or undone (any subset, in their order; an
 *    operation whose source is gone does nothing).
 *
 * Each state is opened with nianbao's loaders (nb_report_load_mem,
 * nb_journal_read_mem): the report must load and be the old or the new
 * version byte for byte, and every journal record whose flush returned
 * (was fsync'd) must be recovered, unless the report already holds it.
 * `make check-crash` runs this suite alone and prints the count. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nbtest.h"
#include "core/sysio.h"
#include "io/journal.h"
#include "io/report_yaml.h"
#include "io/savefile.h"

#define MAXOPS 256
#define MAXINO 64
#define MAXNAMES 32
#define NAMELEN 96

enum { OP_CREATE, OP_WRITE, OP_FSYNC, OP_FSYNC_DIR, OP_RENAME, OP_LINK,
       OP_UNLINK, OP_ACK };

typedef struct {
	int kind;
	char a[NAMELEN], b[NAMELEN];
	int ino;
	size_t off, n;
	char *data;     /* OP_WRITE */
	int acked;      /* OP_ACK: journal records durable so far */
} op;

typedef struct {
	char *data;
	size_t len;
} blob;

typedef struct {
	char name[NAMELEN];
	int ino;
} dent;

typedef struct {
	dent d[MAXNAMES];
	int n;
} names;

/* The recording. */
static op ops[MAXOPS];
static int nops;
static int ninos;
static struct {
	int used, ino, dir;
	size_t off;
} fds[1024];
static names live; /* the real directory, as the recorder sees it */
static char dir[256];

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static op *add_op(int kind)
{
	ck_assert_int_lt(nops, MAXOPS);
	op *o = &ops[nops++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	return o;
}

static int ns_find(const names *n, const char *name)
{
	for (int i = 0; i < n->n; i++)
		if (!strcmp(n->d[i].name, name))
			return i;
	return -1;
}

static void ns_set(names *n, const char *name, int ino)
{
	int i = ns_find(n, name);
	if (i < 0) {
		ck_assert_int_lt(n->n, MAXNAMES);
		i = n->n++;
		snprintf(n->d[i].name, NAMELEN, "%s", name);
	}
	n->d[i].ino = ino;
}

static void ns_del(names *n, const char *name)
{
	int i = ns_find(n, name);
	if (i >= 0)
		n->d[i] = n->d[--n->n];
}

/* ---- the recording fileops -------------------------------------------- */

static int r_open(const char *path, int flags, mode_t mode)
{
	int fd = open(path, flags, mode);
	if (fd >= 0) {
		fds[fd].used = 1;
		fds[fd].dir = (flags & O_DIRECTORY) != 0;
		fds[fd].ino = fds[fd].dir ? -1 : live.d[ns_find(&live, base(path))].ino;
		fds[fd].off = 0;
	}
	return fd;
}

static int r_mkstemp(char *tmpl)
{
	int fd = mkostemp(tmpl, O_CLOEXEC);
	if (fd >= 0) {
		op *o = add_op(OP_CREATE);
		snprintf(o->a, NAMELEN, "%s", base(tmpl));
		o->ino = ninos++;
		ns_set(&live, o->a, o->ino);
		fds[fd].used = 1;
		fds[fd].dir = 0;
		fds[fd].ino = o->ino;
		fds[fd].off = 0;
	}
	return fd;
}

static ssize_t r_write(int fd, const void *buf, size_t n)
{
	ssize_t w = write(fd, buf, n);
	if (w > 0 && fds[fd].used && !fds[fd].dir) {
		op *o = add_op(OP_WRITE);
		o->ino = fds[fd].ino;
		o->off = fds[fd].off;
		o->n = (size_t)w;
		o->data = malloc((size_t)w);
		memcpy(o->data, buf, (size_t)w);
		fds[fd].off += (size_t)w;
	}
	return w;
}

static int r_fsync(int fd)
{
	int r = fsync(fd);
	if (r == 0 && fds[fd].used) {
		op *o = add_op(fds[fd].dir ? OP_FSYNC_DIR : OP_FSYNC);
		o->ino = fds[fd].ino;
	}
	return r;
}

static int r_close(int fd)
{
	if (fd >= 0 && fd < 1024)
		fds[fd].used = 0;
	return close(fd);
}

static int r_rename(const char *from, const char *to)
{
	int r = rename(from, to);
	if (r == 0) {
		op *o = add_op(OP_RENAME);
		snprintf(o->a, NAMELEN, "%s", base(from));
		snprintf(o->b, NAMELEN, "%s", base(to));
		ns_set(&live, o->b, live.d[ns_find(&live, o->a)].ino);
		ns_del(&live, o->a);
	}
	return r;
}

static int r_link(const char *from, const char *to)
{
	int r = link(from, to);
	if (r == 0) {
		op *o = add_op(OP_LINK);
		snprintf(o->a, NAMELEN, "%s", base(from));
		snprintf(o->b, NAMELEN, "%s", base(to));
		ns_set(&live, o->b, live.d[ns_find(&live, o->a)].ino);
	}
	return r;
}

static int r_unlink(const char *path)
{
	int r = unlink(path);
	if (r == 0) {
		op *o = add_op(OP_UNLINK);
		snprintf(o->a, NAMELEN, "%s", base(path));
		ns_del(&live, o->a);
	}
	return r;
}

static const nb_fileops recording = {
	.open = r_open, .mkstemp = r_mkstemp, .write = r_write, .fsync = r_fsync,
	.fchmod = fchmod, .close = r_close, .rename = r_rename, .link = r_link,
	.unlink = r_unlink, .fchown = fchown,
};

/* ---- the world before the recording: files already durable ----------- */

static blob init_data[MAXINO];
static names init_ns;

static void put_file(const char *name, const char *data, size_t len)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	int ino = ninos++;
	init_data[ino].data = malloc(len ? len : 1);
	memcpy(init_data[ino].data, data, len);
	init_data[ino].len = len;
	ns_set(&init_ns, name, ino);
	ns_set(&live, name, ino);
}

/* ---- replaying a prefix and enumerating the crash states -------------- */

typedef struct {
	blob cur[MAXINO], dur[MAXINO];
	names vol, durns;
	int pend[MAXOPS], npend; /* namespace ops since the last dir fsync */
	int acked;
} sim;

static void blob_set(blob *b, const blob *from)
{
	free(b->data);
	b->data = malloc(from->len ? from->len : 1);
	if (from->len)
		memcpy(b->data, from->data, from->len);
	b->len = from->len;
}

static void sim_free(sim *s)
{
	for (int i = 0; i < MAXINO; i++) {
		free(s->cur[i].data);
		free(s->dur[i].data);
	}
}

static void apply_ns(names *n, const op *o)
{
	int i;
	switch (o->kind) {
	case OP_CREATE:
		ns_set(n, o->a, o->ino);
		break;
	case OP_RENAME:
		if ((i = ns_find(n, o->a)) >= 0) {
			int ino = n->d[i].ino;
			ns_del(n, o->a);
			ns_set(n, o->b, ino);
		}
		break;
	case OP_LINK:
		if ((i = ns_find(n, o->a)) >= 0)
			ns_set(n, o->b, n->d[i].ino);
		break;
	case OP_UNLINK:
		ns_del(n, o->a);
		break;
	}
}

static void replay(sim *s, int k)
{
	memset(s, 0, sizeof *s);
	for (int i = 0; i < MAXINO; i++) {
		blob_set(&s->cur[i], &init_data[i]);
		blob_set(&s->dur[i], &init_data[i]);
	}
	s->vol = init_ns;
	s->durns = init_ns;
	for (int i = 0; i < k; i++) {
		op *o = &ops[i];
		blob *c;
		switch (o->kind) {
		case OP_WRITE:
			c = &s->cur[o->ino];
			if (o->off + o->n > c->len) {
				c->data = realloc(c->data, o->off + o->n);
				memset(c->data + c->len, 0, o->off + o->n - c->len);
				c->len = o->off + o->n;
			}
			memcpy(c->data + o->off, o->data, o->n);
			break;
		case OP_FSYNC:
			blob_set(&s->dur[o->ino], &s->cur[o->ino]);
			break;
		case OP_FSYNC_DIR:
			s->durns = s->vol;
			s->npend = 0;
			break;
		case OP_ACK:
			s->acked = o->acked;
			break;
		default:
			apply_ns(&s->vol, o);
			s->pend[s->npend++] = i;
			break;
		}
	}
}

/* What the test expects of each state. */
static blob old_rep, new_rep;
static char jname[NAMELEN];
/* Journal records added, in order; acked = how many were durable. */
#define MAXREC 64
static char rec_key[MAXREC][64], rec_val[MAXREC][64];
static int nrec_added;
static int states, bad, quiet;

typedef struct {
	char key[MAXREC][64];
	int idx[MAXREC];
	int n;
} replayed;

static int note_rec(const char *key, const char *val, size_t vlen, void *ctx)
{
	replayed *r = ctx;
	(void)vlen;
	/* Which added record is this? (the latest with this key and value) */
	int idx = -1;
	for (int i = 0; i < nrec_added; i++)
		if (!strcmp(rec_key[i], key) && !strcmp(rec_val[i], val))
			idx = i;
	int j;
	for (j = 0; j < r->n; j++)
		if (!strcmp(r->key[j], key))
			break;
	if (j == r->n) {
		snprintf(r->key[r->n], 64, "%s", key);
		r->n++;
	}
	r->idx[j] = idx;
	return 0;
}

static void check_state(const names *ns, blob *data, int acked, int k)
{
	int i = ns_find(ns, "r.yaml");
	int is_new = 0;
	states++;
	if (i < 0) {
		bad++;
		if (!quiet)
			fprintf(stderr, "crash after call %d: the report is missing\n", k);
		return;
	}
	blob *r = &data[ns->d[i].ino];
	is_new = r->len == new_rep.len && !memcmp(r->data, new_rep.data, r->len);
	if (!is_new && !(r->len == old_rep.len && !memcmp(r->data, old_rep.data, r->len))) {
		bad++;
		if (!quiet)
			fprintf(stderr, "crash after call %d: the report is neither old nor new (%zu bytes)\n",
			k, r->len);
		return;
	}
	nb_err err;
	nb_load_status st;
	nb_report *rep = nb_report_load_mem(r->data, r->len, "r.yaml", &err, &st);
	if (!rep) {
		bad++;
		if (!quiet)
			fprintf(stderr, "crash after call %d: %s\n", k, err.msg);
		return;
	}
	nb_report_free(rep);
	if (is_new || acked == 0)
		return;
	/* The report is the old one: the journal must hold every record
	 * whose flush returned, each key at its acked value or a later one. */
	replayed got;
	memset(&got, 0, sizeof got);
	int j = ns_find(ns, jname);
	if (j >= 0) {
		blob *jb = &data[ns->d[j].ino];
		if (nb_journal_read_mem(jb->data, jb->len, NULL, note_rec, &got, NULL, 0) != 0)
			got.n = 0;
	}
	for (int a = 0; a < acked; a++) {
		int g;
		for (g = 0; g < got.n; g++)
			if (!strcmp(got.key[g], rec_key[a]))
				break;
		/* the latest acked record of this key */
		int want = a;
		for (int b = a + 1; b < acked; b++)
			if (!strcmp(rec_key[b], rec_key[a]))
				want = b;
		if (g == got.n || got.idx[g] < want) {
			bad++;
			if (!quiet)
				fprintf(stderr, "crash after call %d: journal record %d (%s) lost\n",
				k, want, rec_key[a]);
			return;
		}
	}
}

/* Every state after a crash just after the first k recorded calls. */
static void explore(int k)
{
	sim s;
	replay(&s, k);
	if (s.npend > 16)
		ck_abort_msg("too many pending names (%d)", s.npend);
	for (unsigned mask = 0; mask < (1u << s.npend); mask++) {
		names ns = s.durns;
		for (int p = 0; p < s.npend; p++)
			if (mask & (1u << p))
				apply_ns(&ns, &ops[s.pend[p]]);
		/* Files named in this state whose data is not all durable. */
		int dirty[MAXNAMES], nd = 0;
		for (int i = 0; i < ns.n; i++) {
			int ino = ns.d[i].ino, seen = 0;
			blob *c = &s.cur[ino], *d = &s.dur[ino];
			if (c->len == d->len && !memcmp(c->data, d->data, c->len))
				continue;
			for (int q = 0; q < nd; q++)
				seen |= dirty[q] == ino;
			if (!seen)
				dirty[nd++] = ino;
		}
		ck_assert_int_le(nd, 4);
		int combos = 1;
		for (int q = 0; q < nd; q++)
			combos *= 4;
		for (int c = 0; c < combos; c++) {
			blob data[MAXINO];
			/* Clean files shared with s; only dirty ones copied. */
			memcpy(data, s.cur, sizeof data);
			int cc = c;
			for (int q = 0; q < nd; q++, cc /= 4) {
				int ino = dirty[q];
				blob *cur = &s.cur[ino], *dur = &s.dur[ino], *out = &data[ino];
				out->data = NULL;
				blob_set(out, cur);
				size_t keep = dur->len < cur->len ? dur->len : cur->len;
				switch (cc % 4) {
				case 0: /* lost: as last fsync'd */
					blob_set(out, dur);
					break;
				case 1: /* all there */
					break;
				case 2: /* half of what was written since */
					out->len = keep + (cur->len - keep) / 2;
					break;
				case 3: /* the size, not the data */
					memset(out->data + keep, 0, cur->len - keep);
					break;
				}
			}
			check_state(&ns, data, s.acked, k);
			for (int q = 0; q < nd; q++)
				free(data[dirty[q]].data);
		}
	}
	sim_free(&s);
}

static void reset(void)
{
	for (int i = 0; i < nops; i++)
		free(ops[i].data);
	for (int i = 0; i < MAXINO; i++) {
		free(init_data[i].data);
		init_data[i].data = NULL;
		init_data[i].len = 0;
	}
	nops = ninos = nrec_added = 0;
	memset(&live, 0, sizeof live);
	memset(&init_ns, 0, sizeof init_ns);
	memset(fds, 0, sizeof fds);
}

static void setup(void)
{
	nbt_forms_up();
	nbt_mkdtemp(dir, sizeof dir, "/tmp/nbcrash.XXXXXX");
	reset();
	snprintf(jname, sizeof jname, ".r.yaml.nbjournal");
	/* A journal that falls back to the state directory stays in here,
	 * never in the real ~/.local/state. */
	{
		char st[300];
		snprintf(st, sizeof st, "%s/state", dir);
		setenv("XDG_STATE_HOME", st, 1);
	}
	/* Old and new versions of a real report. */
	nb_report *r = nbt_load_file(NB_SRC("tests/data/gk2021-city.yaml"));
	nb_err why;
	ck_assert_int_eq(nb_report_save(r, &old_rep.data, &old_rep.len, &why), 0);
	nbt_set(r, "t3.new.natural", "999");
	nbt_set(r, "text.s1", "断电之后，报告要么是旧的，要么是新的。");
	ck_assert_int_eq(nb_report_save(r, &new_rep.data, &new_rep.len, &why), 0);
	nb_report_free(r);
}

static void teardown(void)
{
	reset();
	free(old_rep.data);
	free(new_rep.data);
	memset(&old_rep, 0, sizeof old_rep);
	memset(&new_rep, 0, sizeof new_rep);
	nbt_rm_tree(dir);
	nbt_forms_down();
}

static void add_rec(nb_journal *j, const char *key, const char *val)
{
	ck_assert_int_lt(nrec_added, MAXREC);
	snprintf(rec_key[nrec_added], 64, "%s", key);
	snprintf(rec_val[nrec_added], 64, "%s", val);
	nrec_added++;
	ck_assert_int_eq(nb_journal_add(j, key, val, strlen(val)), 0);
}

static void flushed(nb_journal *j)
{
	ck_assert_int_eq(nb_journal_flush(j), 0);
	add_op(OP_ACK)->acked = nrec_added;
}

static void explore_all(const char *what)
{
	int before = states;
	for (int k = 0; k <= nops; k++)
		explore(k);
	printf("crash states: %s: %d calls recorded, %d states explored\n", what, nops,
	       states - before);
}

/* A save over an existing report that has a backup already. */
START_TEST(save_states)
{
	char target[512];
	nb_saveerr e;
	put_file("r.yaml", old_rep.data, old_rep.len);
	put_file("r.yaml~", "older\n", 6);
	snprintf(target, sizeof target, "%s/r.yaml", dir);
	ck_assert_int_eq(nb_save_atomic(target, new_rep.data, new_rep.len, &recording, &e), 0);
	states = bad = 0;
	explore_all("save");
	printf("crash states: save: %d bad\n", bad);
	ck_assert_int_eq(bad, 0);
	ck_assert_int_gt(states, 20);
}
END_TEST

/* Journal flushes (creating the file, appending, compaction rewriting
 * it), then the save of the edits and the journal retired, as the editor
 * does: until the new report is durable the journal must hold every
 * record that was acknowledged. */
START_TEST(journal_then_save_states)
{
	char target[512];
	nb_saveerr e;
	put_file("r.yaml", old_rep.data, old_rep.len);
	snprintf(target, sizeof target, "%s/r.yaml", dir);
	nb_journal *j = nb_journal_open(target, "00", NULL, 0);
	ck_assert_ptr_nonnull(j);
	nb_journal_set_ops(j, &recording);
	add_rec(j, "t3.new.natural", "5");
	flushed(j);                      /* creates the file */
	add_rec(j, "t3.new.legal", "6");
	add_rec(j, "text.s1", "第一段");
	flushed(j);                      /* appends */
	add_rec(j, "t3.new.natural", "999");
	flushed(j);
	/* A base change rewrites the whole journal by rename. */
	ck_assert_int_eq(nb_journal_set_base(j, "ab"), 0);
	add_rec(j, "text.s1", "断电之后，报告要么是旧的，要么是新的。");
	flushed(j);
	ck_assert_int_eq(nb_save_atomic(target, new_rep.data, new_rep.len, &recording, &e), 0);
	ck_assert_int_eq(nb_journal_retire(j), 0);
	nb_journal_close(j);
	states = bad = 0;
	explore_all("journal+save");
	printf("crash states: journal+save: %d bad\n", bad);
	ck_assert_int_eq(bad, 0);
	ck_assert_int_gt(states, 50);
}
END_TEST

/* Compaction: a large text journalled again and again is rewritten
 * whole; no acknowledged record may be lost across the rewrite. */
START_TEST(compaction_states)
{
	char target[512];
	static char text[140 * 1024];
	put_file("r.yaml", old_rep.data, old_rep.len);
	snprintf(target, sizeof target, "%s/r.yaml", dir);
	nb_journal *j = nb_journal_open(target, "00", NULL, 0);
	ck_assert_ptr_nonnull(j);
	nb_journal_set_ops(j, &recording);
	memset(text, 'x', sizeof text - 1);
	for (int i = 0; i < 5; i++) {
		char v[8];
		snprintf(v, sizeof v, "%d", i);
		add_rec(j, "t3.new.natural", v);
		/* the big value is checked by key only: its text is not kept */
		ck_assert_int_eq(nb_journal_add(j, "text.s2", text, sizeof text - 1), 0);
		flushed(j);
	}
	nb_journal_close(j);
	/* The file was rewritten by compaction (a second create). */
	int creates = 0;
	for (int i = 0; i < nops; i++)
		creates += ops[i].kind == OP_CREATE;
	ck_assert_int_ge(creates, 2);
	states = bad = 0;
	explore_all("compaction");
	printf("crash states: compaction: %d bad\n", bad);
	ck_assert_int_eq(bad, 0);
}
END_TEST

/* The test can fail: a save whose fsync does nothing (the file renamed
 * over the report before its data is durable, the recipe SAFETY.md
 * measured leaving 59 of 60 targets damaged) must give bad states. */
static int no_fsync(int fd)
{
	(void)fd;
	return 0;
}

START_TEST(unsynced_save_is_caught)
{
	char target[512];
	nb_saveerr e;
	nb_fileops careless = recording;
	careless.fsync = no_fsync;
	put_file("r.yaml", old_rep.data, old_rep.len);
	snprintf(target, sizeof target, "%s/r.yaml", dir);
	ck_assert_int_eq(nb_save_atomic(target, new_rep.data, new_rep.len, &careless, &e), 0);
	states = bad = 0;
	quiet = 1; /* the bad states are expected here */
	explore_all("save without fsync");
	quiet = 0;
	printf("crash states: save without fsync (must be caught): %d bad\n", bad);
	ck_assert_int_gt(bad, 0);
}
END_TEST

Suite *NB_SUITE(crash)(void)
{
	Suite *s = suite_create("crash");
	TCase *tc = tcase_create("crash");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, save_states);
	tcase_add_test(tc, journal_then_save_states);
	tcase_add_test(tc, compaction_states);
	tcase_add_test(tc, unsynced_save_is_caught);
	suite_add_tcase(s, tc);
	return s;
}
