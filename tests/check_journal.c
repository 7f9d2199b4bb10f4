/* Recovery journal (src/journal.h): bounds first, then the round trip with
 * Chinese values, a cut at every byte, a flipped byte anywhere, retire. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nbtest.h"
#include "io/journal.h"
#include "io/savefile.h"

static char dir[256];
static char report[512];

static void setup(void)
{
	nbt_mkdtemp(dir, sizeof dir, "/tmp/nbjournal.XXXXXX");
	snprintf(report, sizeof report, "%s/年报.yaml", dir);
	/* A journal that falls back to the state directory stays in here,
	 * never in the real ~/.local/state. */
	{
		char st[300];
		snprintf(st, sizeof st, "%s/state", dir);
		setenv("XDG_STATE_HOME", st, 1);
	}
}

static void teardown(void)
{
	nbt_rm_tree(dir);
}

/* ---- collecting records ------------------------------------------------ */

#define MAXREC 64
typedef struct {
	int n;
	char key[MAXREC][300];
	char *val[MAXREC];
	size_t vlen[MAXREC];
	int stop_at;
} got;

static int collect(const char *key, const char *val, size_t vlen, void *ctx)
{
	got *g = ctx;
	ck_assert_int_eq(val[vlen], 0); /* NUL-terminated for the caller */
	if (g->n < MAXREC) {
		snprintf(g->key[g->n], sizeof g->key[0], "%s", key);
		g->val[g->n] = malloc(vlen + 1);
		memcpy(g->val[g->n], val, vlen + 1);
		g->vlen[g->n] = vlen;
	}
	g->n++;
	return g->stop_at && g->n == g->stop_at;
}

static void got_free(got *g)
{
	for (int i = 0; i < g->n && i < MAXREC; i++)
		free(g->val[i]);
	memset(g, 0, sizeof *g);
}

static const char *K[] = { "t3.new.natural", "text.s1", "text.agency", "t2.x.y" };
static const char *V[] = { "１２", "一、总体情况\n本机关2023年……认真贯彻《条例》。", "某某市人民政府办公室", "" };
#define NKV 4

static char hash[65];

static nb_journal *fresh(void)
{
	char eb[256] = "";
	nb_hash_buf("report", 6, hash);
	nb_journal *j = nb_journal_open(report, hash, eb, sizeof eb);
	ck_assert_msg(j != NULL, "%s", eb);
	return j;
}

/* A journal with the NKV records, flushed; returns its bytes. */
static char *sample(size_t *len, size_t *bounds /* [NKV+1] */)
{
	nb_journal *j = fresh();
	char *jp = nb_journal_path(report), *buf;
	struct stat st;
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_int_eq(access(jp, F_OK), -1); /* nothing added: no file */
	for (int i = 0; i < NKV; i++) {
		ck_assert_int_eq(nb_journal_add(j, K[i], V[i], strlen(V[i])), 0);
		ck_assert_int_eq(nb_journal_flush(j), 0);
		if (bounds) {
			ck_assert_int_eq(stat(jp, &st), 0);
			bounds[i + 1] = (size_t)st.st_size;
		}
	}
	nb_journal_close(j);
	ck_assert_int_eq(nb_read_file(jp, 1 << 20, &buf, len), 0);
	if (bounds) {
		/* bounds[0], the end of the header: where a reading of a cut
		 * first record stops. */
		nb_journal_info info;
		ck_assert_int_eq(nb_journal_read_mem(buf, bounds[1] - 1, &info, NULL,
						     NULL, NULL, 0), 0);
		ck_assert_int_eq(info.torn, 1);
		bounds[0] = info.good_bytes;
	}
	free(jp);
	return buf;
}

/* ---- hash ------------------------------------------------------------- */

START_TEST(sha256_vectors)
{
	char h[65];
	nb_hash_buf("", 0, h);
	ck_assert_str_eq(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	nb_hash_buf("abc", 3, h);
	ck_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	nb_hash_buf(two, strlen(two), h);
	ck_assert_str_eq(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	static char mil[1000000];
	memset(mil, 'a', sizeof mil);
	nb_hash_buf(mil, sizeof mil, h);
	ck_assert_str_eq(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

START_TEST(hash_file)
{
	char h[65], h2[65];
	int fd = open(report, O_WRONLY | O_CREAT, 0644);
	ck_assert_int_eq(write(fd, "abc", 3), 3);
	close(fd);
	ck_assert_int_eq(nb_hash_file(report, h), 0);
	nb_hash_buf("abc", 3, h2);
	ck_assert_str_eq(h, h2);
	unlink(report);
	ck_assert_int_eq(nb_hash_file(report, h), -1);
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

/* ---- degenerate ------------------------------------------------------- */

START_TEST(path_beside_report)
{
	char *p = nb_journal_path(report), want[600];
	char *rd = realpath(dir, NULL);
	snprintf(want, sizeof want, "%s/.年报.yaml.nbjournal", rd);
	ck_assert_str_eq(p, want);
	free(p);
	free(rd);
	ck_assert_ptr_null(nb_journal_path(NULL));
	ck_assert_ptr_null(nb_journal_path("/nonexistent-dir-nb/x.yaml"));
}
END_TEST

START_TEST(null_args)
{
	char eb[256];
	ck_assert_int_eq(nb_journal_add(NULL, "k", "v", 1), -1);
	ck_assert_int_eq(nb_journal_flush(NULL), -1);
	ck_assert_int_eq(nb_journal_retire(NULL), -1);
	ck_assert_int_eq(nb_journal_set_base(NULL, "x"), -1);
	ck_assert_uint_eq(nb_journal_pending(NULL), 0);
	nb_journal_close(NULL);
	ck_assert_ptr_null(nb_journal_open("/nonexistent-dir-nb/x.yaml", "", eb, sizeof eb));
	ck_assert_ptr_nonnull(strstr(eb, "nonexistent"));
	ck_assert_int_eq(nb_journal_read(NULL, NULL, NULL, NULL, eb, sizeof eb), -1);
	ck_assert_int_eq(nb_journal_read_mem(NULL, 0, NULL, NULL, NULL, eb, sizeof eb), -1);
	ck_assert_int_eq(nb_journal_read_mem("", 0, NULL, NULL, NULL, NULL, 0), -1);
	ck_assert_int_eq(nb_journal_read_mem("NBJ1\n", 5, NULL, NULL, NULL, eb, sizeof eb), -1);
	ck_assert_int_eq(nb_journal_read_mem("NBJ2\n@H", 7, NULL, NULL, NULL, eb, sizeof eb), -1);
	ck_assert_ptr_nonnull(strstr(eb, "不是"));
	/* NULL base hash is allowed: an unsaved new report. */
	nb_journal *j = nb_journal_open(report, NULL, eb, sizeof eb);
	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(nb_journal_add(j, "k", NULL, 0), 0);
	ck_assert_int_eq(nb_journal_add(j, "k", NULL, 1), -1);
	nb_journal_close(j);
}
END_TEST

START_TEST(add_bounds)
{
	nb_journal *j = fresh();
	char key[NB_JOURNAL_MAX_KEY + 2];
	memset(key, 'k', sizeof key);
	key[NB_JOURNAL_MAX_KEY] = 0;
	ck_assert_int_eq(nb_journal_add(j, key, "v", 1), 0);
	key[NB_JOURNAL_MAX_KEY] = 'k';
	key[NB_JOURNAL_MAX_KEY + 1] = 0;
	ck_assert_int_eq(nb_journal_add(j, key, "v", 1), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(nb_journal_add(j, "", "v", 1), -1);
	ck_assert_int_eq(nb_journal_add(j, "a\nb", "v", 1), -1);
	ck_assert_int_eq(nb_journal_add(j, NULL, "v", 1), -1);
	char *big = calloc(1, NB_JOURNAL_MAX_VALUE + 1);
	ck_assert_int_eq(nb_journal_add(j, "big", big, NB_JOURNAL_MAX_VALUE + 1), -1);
	ck_assert_int_eq(errno, EFBIG);
	memset(big, 'x', NB_JOURNAL_MAX_VALUE);
	ck_assert_int_eq(nb_journal_add(j, "big", big, NB_JOURNAL_MAX_VALUE), 0);
	ck_assert_uint_eq(nb_journal_pending(j), 2);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_uint_eq(nb_journal_pending(j), 0);
	nb_journal_close(j);
	/* The file reader handles a value as large as allowed. */
	got g = { 0 };
	nb_journal_info info;
	char *jp = nb_journal_path(report);
	ck_assert_int_eq(nb_journal_read(jp, &info, collect, &g, NULL, 0), 0);
	ck_assert_int_eq(g.n, 2);
	ck_assert_uint_eq(g.vlen[1], NB_JOURNAL_MAX_VALUE);
	ck_assert(memcmp(g.val[1], big, NB_JOURNAL_MAX_VALUE) == 0);
	got_free(&g);
	free(big);
	free(jp);
}
END_TEST

START_TEST(no_records_no_file)
{
	nb_journal *j = fresh();
	char *jp = nb_journal_path(report);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	nb_journal_close(j);
	ck_assert_int_eq(access(jp, F_OK), -1);
	free(jp);
}
END_TEST

/* ---- round trip ------------------------------------------------------- */

START_TEST(round_trip_chinese)
{
	nb_journal *j = fresh();
	char *jp = nb_journal_path(report), eb[256];
	const char nul[] = { 'a', 0, 'b' };
	got g = { 0 };
	nb_journal_info info;
	time_t t0 = time(NULL);
	for (int i = 0; i < NKV; i++)
		ck_assert_int_eq(nb_journal_add(j, K[i], V[i], strlen(V[i])), 0);
	ck_assert_int_eq(nb_journal_add(j, "text.s2", nul, 3), 0);
	ck_assert_uint_eq(nb_journal_pending(j), NKV + 1);
	ck_assert_int_eq(access(jp, F_OK), -1); /* add never touches the disk */
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0); /* nothing new: fine */
	ck_assert_int_eq(nb_journal_read(jp, &info, collect, &g, eb, sizeof eb), 0);
	ck_assert_int_eq(g.n, NKV + 1);
	for (int i = 0; i < NKV; i++) {
		ck_assert_str_eq(g.key[i], K[i]);
		ck_assert_str_eq(g.val[i], V[i]);
		ck_assert_uint_eq(g.vlen[i], strlen(V[i]));
	}
	ck_assert_uint_eq(g.vlen[NKV], 3);
	ck_assert(memcmp(g.val[NKV], nul, 3) == 0);
	ck_assert_int_eq(info.nrecords, NKV + 1);
	ck_assert_int_eq(info.torn, 0);
	ck_assert_int_eq(info.corrupt, 0);
	ck_assert_int_eq(info.pid, getpid());
	ck_assert_str_eq(info.base_hash, hash);
	ck_assert_int_gt(strlen(info.host), 0);
	ck_assert_int_gt(strlen(info.user), 0);
	ck_assert_int_ge(info.started, t0 - 5);
	ck_assert_int_ge(info.last, info.started);
	got_free(&g);

	/* Appending more after a flush, then close (which flushes). */
	ck_assert_int_eq(nb_journal_add(j, "t3.new.natural", "13", 2), 0);
	nb_journal_close(j);
	ck_assert_int_eq(nb_journal_read(jp, &info, collect, &g, eb, sizeof eb), 0);
	ck_assert_int_eq(g.n, NKV + 2);
	ck_assert_str_eq(g.val[NKV + 1], "13");
	got_free(&g);

	/* The same bytes read from memory give the same. */
	char *buf;
	size_t len;
	ck_assert_int_eq(nb_read_file(jp, 1 << 20, &buf, &len), 0);
	ck_assert_int_eq(nb_journal_read_mem(buf, len, &info, collect, &g, eb, sizeof eb), 0);
	ck_assert_int_eq(g.n, NKV + 2);
	ck_assert_uint_eq(info.good_bytes, len);
	got_free(&g);
	/* The format is readable text for these records. */
	ck_assert(memcmp(buf, "NBJ1\n@H ", 8) == 0);
	ck_assert_ptr_nonnull(strstr(buf, "某某市人民政府办公室"));
	free(buf);
	free(jp);
}
END_TEST

START_TEST(callback_stops)
{
	size_t len;
	char *buf = sample(&len, NULL), eb[256];
	got g = { 0 };
	g.stop_at = 2;
	ck_assert_int_eq(nb_journal_read_mem(buf, len, NULL, collect, &g, eb, sizeof eb), -1);
	ck_assert_int_eq(g.n, 2);
	got_free(&g);
	free(buf);
}
END_TEST

/* ---- damage ----------------------------------------------------------- */

START_TEST(torn_at_every_cut)
{
	size_t len, b[NKV + 1];
	char *buf = sample(&len, b);
	ck_assert_uint_eq(b[NKV], len);
	ck_assert_uint_gt(b[0], 40);
	for (size_t cut = 0; cut <= len; cut++) {
		got g = { 0 };
		nb_journal_info info;
		char *copy = malloc(cut ? cut : 1); /* exact size: ASan sees overreads */
		memcpy(copy, buf, cut);
		int r = nb_journal_read_mem(copy, cut, &info, collect, &g, NULL, 0);
		if (cut < b[0]) {
			ck_assert_msg(r == -1, "cut %zu inside the header read", cut);
		} else {
			int want = 0;
			while (want < NKV && b[want + 1] <= cut)
				want++;
			ck_assert_int_eq(r, 0);
			ck_assert_msg(g.n == want, "cut %zu: %d records, want %d", cut,
				      g.n, want);
			ck_assert_int_eq(info.nrecords, want);
			ck_assert_int_eq(info.torn, cut != b[want]);
			ck_assert_int_eq(info.corrupt, 0); /* a cut is not damage */
			ck_assert_uint_eq(info.good_bytes, b[want]);
			for (int i = 0; i < want; i++)
				ck_assert_str_eq(g.val[i], V[i]);
		}
		got_free(&g);
		free(copy);
	}
	free(buf);
}
END_TEST

START_TEST(flipped_byte_anywhere)
{
	size_t len, b[NKV + 1];
	char *buf = sample(&len, b);
	for (size_t pos = 0; pos < len; pos++) {
		for (int bit = 0; bit < 8; bit += 3) {
			got g = { 0 };
			nb_journal_info info;
			buf[pos] ^= (char)(1 << bit);
			int r = nb_journal_read_mem(buf, len, &info, collect, &g, NULL, 0);
			buf[pos] ^= (char)(1 << bit);
			if (pos < b[0]) {
				ck_assert_msg(r == -1, "flip at %zu in header read", pos);
				got_free(&g);
				continue;
			}
			int rec = 0;
			while (b[rec + 1] <= pos)
				rec++;
			ck_assert_int_eq(r, 0);
			ck_assert_msg(g.n == rec, "flip at %zu: %d records, want %d",
				      pos, g.n, rec);
			ck_assert_int_eq(info.torn, 1);
			for (int i = 0; i < rec; i++)
				ck_assert_str_eq(g.val[i], V[i]);
			got_free(&g);
		}
	}
	free(buf);
}
END_TEST

START_TEST(corrupt_crc_detected)
{
	size_t len, b[NKV + 1];
	char *buf = sample(&len, b);
	nb_journal_info info;
	/* The CRC of record 2 is the 9 bytes before b[2]; make it wrong but
	 * still hex. */
	char *c = buf + b[2] - 9;
	c[0] = c[0] == '0' ? '1' : '0';
	ck_assert_int_eq(nb_journal_read_mem(buf, len, &info, NULL, NULL, NULL, 0), 0);
	ck_assert_int_eq(info.nrecords, 1);
	ck_assert_int_eq(info.torn, 1);
	ck_assert_int_eq(info.corrupt, 1);
	free(buf);
}
END_TEST

START_TEST(hostile_lengths)
{
	size_t len;
	char *buf = sample(&len, NULL);
	nb_journal_info info;
	const char *frames[] = {
		"@S ffffffff 00000001 0000000000000000\n",
		"@S 00000001 ffffffff 0000000000000000\n",
		"@S 00000000 00000001 0000000000000000\n",
		"@S 00000101 00000001 0000000000000000\n",
		"@S 00000001 00100001 0000000000000000\n",
		"@S 0000000G 00000001 0000000000000000\n",
		"@s 00000001 00000001 0000000000000000\n",
		"#S 00000001 00000001 0000000000000000\n",
	};
	for (size_t f = 0; f < sizeof frames / sizeof *frames; f++) {
		size_t n = len + 38 + 64;
		char *h = malloc(n);
		memcpy(h, buf, len);
		memcpy(h + len, frames[f], 38);
		memset(h + len + 38, 'x', 64);
		ck_assert_int_eq(nb_journal_read_mem(h, n, &info, NULL, NULL, NULL, 0), 0);
		ck_assert_msg(info.nrecords == NKV, "frame %zu", f);
		ck_assert_int_eq(info.torn, 1);
		ck_assert_msg(info.corrupt == 1, "frame %zu", f);
		free(h);
	}
	free(buf);
}
END_TEST

START_TEST(random_garbage_after_magic)
{
	unsigned s = 12345;
	char buf[512];
	for (int it = 0; it < 20000; it++) {
		size_t n = 5 + (s % 500);
		memcpy(buf, "NBJ1\n", 5);
		for (size_t i = 5; i < n; i++) {
			s = s * 1103515245 + 12345;
			/* Mostly plausible frame characters. */
			const char *alpha = "@HS 0123456789abcdef\nx";
			buf[i] = alpha[(s >> 16) % 22];
		}
		nb_journal_info info;
		got g = { 0 };
		int rc = nb_journal_read_mem(buf, n, &info, collect, &g, NULL, 0);
		/* Garbage is refused or read as what it holds: never more
		 * records than were delivered, never past its end. */
		ck_assert(rc == 0 || rc == -1);
		if (rc == 0) {
			ck_assert_int_eq(info.nrecords, g.n);
			ck_assert_uint_le(info.good_bytes, n);
			if (info.nrecords == 0)
				ck_assert_uint_le(info.good_bytes, n);
		}
		got_free(&g);
	}
}
END_TEST

/* ---- lifecycle -------------------------------------------------------- */

START_TEST(retire_and_start_again)
{
	nb_journal *j = fresh();
	char *jp = nb_journal_path(report);
	got g = { 0 };
	nb_journal_info info;
	char h2[65];
	ck_assert_int_eq(nb_journal_add(j, "text.s1", "甲", strlen("甲")), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_int_eq(access(jp, F_OK), 0);
	nb_hash_buf("saved", 5, h2);
	ck_assert_int_eq(nb_journal_set_base(j, h2), 0);
	ck_assert_int_eq(nb_journal_retire(j), 0);
	ck_assert_int_eq(access(jp, F_OK), -1);
	ck_assert_int_eq(nb_journal_retire(j), 0); /* twice is fine */
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_int_eq(access(jp, F_OK), -1);
	ck_assert_int_eq(nb_journal_add(j, "text.s1", "乙", strlen("乙")), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_int_eq(nb_journal_read(jp, &info, collect, &g, NULL, 0), 0);
	ck_assert_int_eq(g.n, 1);
	ck_assert_str_eq(g.val[0], "乙");
	ck_assert_str_eq(info.base_hash, h2);
	got_free(&g);
	nb_journal_close(j);
	free(jp);
}
END_TEST

START_TEST(set_base_rewrites_header)
{
	nb_journal *j = fresh();
	char *jp = nb_journal_path(report);
	nb_journal_info info;
	char h2[65];
	ck_assert_int_eq(nb_journal_add(j, "a", "1", 1), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	nb_hash_buf("x", 1, h2);
	ck_assert_int_eq(nb_journal_set_base(j, h2), 0);
	ck_assert_int_eq(nb_journal_add(j, "b", "2", 1), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_int_eq(nb_journal_read(jp, &info, NULL, NULL, NULL, 0), 0);
	ck_assert_str_eq(info.base_hash, h2);
	ck_assert_int_eq(info.nrecords, 2);
	nb_journal_close(j);
	free(jp);
}
END_TEST

START_TEST(old_journal_kept_until_first_flush)
{
	nb_journal *j = fresh();
	char *jp = nb_journal_path(report);
	nb_journal_info info;
	ck_assert_int_eq(nb_journal_add(j, "a", "old", 3), 0);
	nb_journal_close(j);
	/* A new session: the old journal survives until records are flushed. */
	j = fresh();
	ck_assert_int_eq(nb_journal_read(jp, &info, NULL, NULL, NULL, 0), 0);
	ck_assert_int_eq(info.nrecords, 1);
	ck_assert_int_eq(nb_journal_add(j, "b", "new", 3), 0);
	ck_assert_int_eq(nb_journal_add(j, "c", "new", 3), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_int_eq(nb_journal_read(jp, &info, NULL, NULL, NULL, 0), 0);
	ck_assert_int_eq(info.nrecords, 2);
	nb_journal_close(j);
	free(jp);
	/* No temporary left behind. */
	ck_assert_int_eq(nb_save_sweep(report), 0);
}
END_TEST

START_TEST(flush_fails_then_recovers)
{
	char sub[600], rp[700];
	snprintf(sub, sizeof sub, "%s/d", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	snprintf(rp, sizeof rp, "%s/r.yaml", sub);
	/* No state directory to fall back on: the records stay queued. */
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	nb_journal *j = nb_journal_open(rp, "", NULL, 0);
	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(nb_journal_add(j, "a", "1", 1), 0);
	ck_assert_int_eq(rmdir(sub), 0); /* the directory vanished */
	ck_assert_int_eq(nb_journal_flush(j), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_uint_eq(nb_journal_pending(j), 1); /* still queued */
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	ck_assert_int_eq(nb_journal_add(j, "b", "2", 1), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_uint_eq(nb_journal_pending(j), 0);
	nb_journal_close(j);
	nb_journal_info info;
	char jp[800];
	snprintf(jp, sizeof jp, "%s/.r.yaml.nbjournal", sub);
	ck_assert_int_eq(nb_journal_read(jp, &info, NULL, NULL, NULL, 0), 0);
	ck_assert_int_eq(info.nrecords, 2);
	unlink(jp);
	rmdir(sub);
}
END_TEST

START_TEST(too_many_records)
{
	/* The writer refuses record number NB_JOURNAL_MAX_RECORDS + 1 (of
	 * different keys: repeats of one key are compacted away). */
	nb_journal *j = fresh();
	char k[32];
	for (int i = 0; i < NB_JOURNAL_MAX_RECORDS; i++) {
		snprintf(k, sizeof k, "k%d", i);
		if (nb_journal_add(j, k, "", 0) != 0)
			ck_abort_msg("add %d failed", i);
	}
	ck_assert_int_eq(nb_journal_add(j, "k", "", 0), -1);
	ck_assert_int_eq(errno, EOVERFLOW);
	ck_assert_int_eq(nb_journal_retire(j), 0);
	nb_journal_close(j);
}
END_TEST

/* ---- issue 10: shared folders ----------------------------------------- */

START_TEST(owner_from_the_file_not_the_header)
{
	nb_journal_info info;
	char *jp = nb_journal_path(report);
	nb_journal *j = fresh();
	ck_assert_int_eq(nb_journal_add(j, "t3.new.natural", "999999", 6), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	nb_journal_close(j);
	ck_assert_int_eq(nb_journal_read(jp, &info, NULL, NULL, NULL, 0), 0);
	ck_assert_int_eq(info.ours, 1);
	ck_assert_int_eq(info.owner_uid, geteuid());
	if (geteuid() == 0) {
		/* Another account's file with a header naming us. */
		ck_assert_int_eq(chown(jp, 65534, 65534), 0);
		ck_assert_int_eq(nb_journal_read(jp, &info, NULL, NULL, NULL, 0), 0);
		ck_assert_int_eq(info.ours, 0);
		ck_assert_int_eq(info.owner_uid, 65534);
		ck_assert_str_ne(info.owner, info.user);
	}
	free(jp);
}
END_TEST

START_TEST(link_and_fifo_refused)
{
	nb_journal_info info;
	char eb[512], *jp = nb_journal_path(report), priv[600];
	/* A link to a private journal elsewhere is not followed. */
	snprintf(priv, sizeof priv, "%s/private.nbjournal", dir);
	nb_journal *j = fresh();
	ck_assert_int_eq(nb_journal_add(j, "text.s1", "私密", 6), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	nb_journal_close(j);
	ck_assert_int_eq(rename(jp, priv), 0);
	ck_assert_int_eq(symlink(priv, jp), 0);
	ck_assert_int_eq(nb_journal_read(jp, &info, NULL, NULL, eb, sizeof eb), -1);
	ck_assert_int_eq(info.not_regular, 1);
	ck_assert_msg(strstr(eb, "符号链接"), "%s", eb);
	ck_assert_int_eq(unlink(jp), 0);
	/* A FIFO: refused at once, not waited on. */
	ck_assert_int_eq(mkfifo(jp, 0600), 0);
	ck_assert_int_eq(nb_journal_read(jp, &info, NULL, NULL, eb, sizeof eb), -1);
	ck_assert_msg(strstr(eb, "命名管道"), "%s", eb);
	/* And the writer does not replace it: the state directory instead. */
	char st[600];
	snprintf(st, sizeof st, "%s/state", dir);
	setenv("XDG_STATE_HOME", st, 1);
	j = fresh();
	ck_assert_int_eq(nb_journal_add(j, "a", "1", 1), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_msg(strncmp(nb_journal_file(j), st, strlen(st)) == 0, "%s", nb_journal_file(j));
	struct stat sb;
	ck_assert_int_eq(lstat(jp, &sb), 0);
	ck_assert(S_ISFIFO(sb.st_mode));
	ck_assert_int_eq(nb_journal_retire(j), 0);
	nb_journal_close(j);
	ck_assert_int_eq(lstat(jp, &sb), 0); /* retire leaves the FIFO alone */
	free(jp);
}
END_TEST

START_TEST(deleted_journal_written_again)
{
	nb_journal_info info;
	char *jp = nb_journal_path(report);
	nb_journal *j = fresh();
	ck_assert_int_eq(nb_journal_add(j, "a", "1", 1), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_int_eq(unlink(jp), 0);
	ck_assert_int_eq(nb_journal_add(j, "b", "2", 1), 0);
	ck_assert_int_eq(nb_journal_flush(j), 0);
	ck_assert_int_eq(nb_journal_read(jp, &info, NULL, NULL, NULL, 0), 0);
	ck_assert_int_eq(info.nrecords, 2);
	nb_journal_close(j);
	free(jp);
}
END_TEST

START_TEST(compaction_bounds_size_and_memory)
{
	/* 30 one-character edits of a 1 MiB text (issue 10: 31 MB before). */
	size_t n = 1u << 20;
	char *t = malloc(n);
	char *jp = nb_journal_path(report);
	memset(t, 'a', n);
	nb_journal *j = fresh();
	ck_assert_int_eq(nb_journal_add(j, "t3.new.natural", "7", 1), 0);
	for (int i = 0; i < 31; i++) {
		t[i * 1000] = 'Z';
		ck_assert_int_eq(nb_journal_add(j, "text.s1", t, n), 0);
		ck_assert_int_eq(nb_journal_flush(j), 0);
	}
	struct stat sb;
	ck_assert_int_eq(stat(jp, &sb), 0);
	ck_assert_int_le(sb.st_size, 4 * (off_t)n);
	ck_assert_uint_le(nb_journal_bytes(j), 8 * n);
	got g;
	memset(&g, 0, sizeof g);
	ck_assert_int_eq(nb_journal_read(jp, NULL, collect, &g, NULL, 0), 0);
	/* Both keys there, the text at its last value. */
	int seen_cell = 0, last_text = -1;
	for (int i = 0; i < g.n && i < MAXREC; i++) {
		seen_cell |= !strcmp(g.key[i], "t3.new.natural");
		if (!strcmp(g.key[i], "text.s1"))
			last_text = i;
	}
	ck_assert(seen_cell);
	ck_assert_int_ge(last_text, 0);
	ck_assert_uint_eq(g.vlen[last_text], n);
	ck_assert(memcmp(g.val[last_text], t, n) == 0);
	got_free(&g);
	nb_journal_close(j);
	free(t);
	free(jp);
}
END_TEST

Suite *NB_SUITE(journal)(void)
{
	Suite *s = suite_create("journal");
	TCase *tc = tcase_create("degenerate");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, sha256_vectors);
	tcase_add_test(tc, owner_from_the_file_not_the_header);
	tcase_add_test(tc, link_and_fifo_refused);
	tcase_add_test(tc, deleted_journal_written_again);
	tcase_add_test(tc, compaction_bounds_size_and_memory);
	tcase_add_test(tc, hash_file);
	tcase_add_test(tc, path_beside_report);
	tcase_add_test(tc, null_args);
	tcase_add_test(tc, add_bounds);
	tcase_add_test(tc, no_records_no_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("round trip");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip_chinese);
	tcase_add_test(tc, callback_stops);
	suite_add_tcase(s, tc);

	tc = tcase_create("damage");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, torn_at_every_cut);
	tcase_add_test(tc, flipped_byte_anywhere);
	tcase_add_test(tc, corrupt_crc_detected);
	tcase_add_test(tc, hostile_lengths);
	tcase_add_test(tc, random_garbage_after_magic);
	suite_add_tcase(s, tc);

	tc = tcase_create("lifecycle");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, retire_and_start_again);
	tcase_add_test(tc, set_base_rewrites_header);
	tcase_add_test(tc, old_journal_kept_until_first_flush);
	tcase_add_test(tc, flush_fails_then_recovers);
	tcase_add_test(tc, too_many_records);
	suite_add_tcase(s, tc);
	return s;
}
