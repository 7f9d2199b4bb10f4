/* The C half of the fault tests (tests/fault/run.sh compiles it with
 * src/savefile.c src/journal.c src/lock.c):
 *
 *   nbfault save TARGET SRCFILE [--no-ignore-xfsz] [--inject-write ERRNO]
 *       one save; prints "err=N step=S" and the message; exit 0 / 1
 *   nbfault sweep TARGET          prints how many temporaries it removed
 *   nbfault killsave DIR KILLS [A B]
 *       a child saves A and B alternately onto DIR/report.yaml and is
 *       killed -9 at random moments; after each kill the file must be A or
 *       B and the sweep must leave no temporary
 *   nbfault jdump JOURNAL        the journal's header, owner and records
 *   nbfault jwrite REPORT K V... a journal with these records, flushed;
 *                                prints the file it went to
 *   nbfault jvanish REPORT unlink|rename
 *       flush a record, take the journal file away, flush another: both
 *       must be in the journal file afterwards
 *   nbfault jgrow REPORT KB N    N one-character edits of a KB-kilobyte
 *                                text, flushed each; prints file size
 *                                and peak memory
 *   nbfault jfind REPORT         the journals a reopen would offer
 *   nbfault lockinfo REPORT      try the lock; print the judgement
 *   nbfault lockhold REPORT SECS take the lock and hold it
 *   nbfault killjournal DIR KILLS
 *       a child appends and flushes journal records and is killed -9 at
 *       random; the reader must always get a correct prefix, at least as
 *       long as what the child had seen flushed
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "io/journal.h"
#include "io/lock.h"
#include "core/sysio.h"
#include "io/savefile.h"

static int inject_errno;
static ssize_t inj_write(int fd, const void *b, size_t n)
{
	(void)fd, (void)b, (void)n;
	errno = inject_errno;
	return -1;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int count_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, ".nbtmp."))
			n++;
	closedir(d);
	return n;
}

static int cmd_save(int argc, char **argv)
{
	nb_saveerr err;
	nb_fileops ops = nb_fileops_posix;
	char *buf;
	size_t len;
	int ignore = 1;
	for (int i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "--no-ignore-xfsz"))
			ignore = 0;
		else if (!strcmp(argv[i], "--inject-write") && i + 1 < argc) {
			inject_errno = atoi(argv[++i]);
			ops.write = inj_write;
		}
	}
	/* What the editor does at start-up (see savefile.h). */
	if (ignore)
		signal(SIGXFSZ, SIG_IGN);
	if (nb_read_file(argv[3], 64u << 20, &buf, &len) != 0) {
		perror(argv[3]);
		return 2;
	}
	int r = nb_save_atomic(argv[2], buf, len, &ops, &err);
	free(buf);
	if (r == 0) {
		printf("saved\n");
#ifdef NB_ENOTREG
		if (err.warn)
			printf("warn=%d %s\n", err.warn, err.note);
#endif
		return 0;
	}
	printf("err=%d step=%s\n%s\n", err.err, err.step ? err.step : "?", err.msg);
	return 1;
}

/* ---- kill -9 during saves -------------------------------------------- */

/* About 15 KB of report-like YAML, different everywhere between A and B. */
static char *make_report(int variant, size_t *len)
{
	size_t cap = 32768, n = 0;
	char *b = malloc(cap);
	n += (size_t)snprintf(b + n, cap - n,
		"nianbao: 1\nform: gk2021\ncover:\n  agency: 某某市人民政府办公室%d\n"
		"  year: %d\ntexts:\n  s1: |\n", variant, 2021 + variant);
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(b + n, cap - n,
			"    （%d）本机关认真贯彻落实《中华人民共和国政府信息公开条例》，第%d版。\n",
			i, variant);
	n += (size_t)snprintf(b + n, cap - n, "cells:\n");
	for (int i = 0; n < 15000 + (size_t)variant * 700; i++)
		n += (size_t)snprintf(b + n, cap - n, "  t3.r%03d.natural: %d\n", i,
				      i * 7 + variant * 1000);
	n += (size_t)snprintf(b + n, cap - n, "...\n");
	*len = n;
	return b;
}

static int same(const char *a, size_t al, const char *b, size_t bl)
{
	return al == bl && memcmp(a, b, al) == 0;
}

static int cmd_killsave(int argc, char **argv)
{
	const char *dir = argv[2];
	int kills = atoi(argv[3]);
	char target[4096], bak[4200];
	char *A, *B;
	size_t al, bl;
	nb_saveerr err;

	if (argc >= 6) {
		if (nb_read_file(argv[4], 64u << 20, &A, &al) != 0 ||
		    nb_read_file(argv[5], 64u << 20, &B, &bl) != 0) {
			perror("read A/B");
			return 2;
		}
	} else {
		A = make_report(0, &al);
		B = make_report(1, &bl);
	}
	if (same(A, al, B, bl)) {
		fprintf(stderr, "A and B are the same\n");
		return 2;
	}
	signal(SIGXFSZ, SIG_IGN);
	snprintf(target, sizeof target, "%s/report.yaml", dir);
	snprintf(bak, sizeof bak, "%s~", target);
	if (nb_save_atomic(target, A, al, NULL, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 2;
	}
	/* How long is a save here? Kill within about four of them. */
	double t0 = now();
	for (int i = 0; i < 20; i++)
		nb_save_atomic(target, i % 2 ? A : B, i % 2 ? al : bl, NULL, &err);
	double per = (now() - t0) / 20;
	long window_us = (long)(per * 4e6) + 50;

	srand((unsigned)getpid() ^ (unsigned)time(NULL));
	int na = 0, nb = 0, torn = 0, orphans = 0, swept = 0, left = 0, badbak = 0;
	t0 = now();
	for (int k = 0; k < kills; k++) {
		pid_t p = fork();
		if (p < 0) {
			perror("fork");
			return 2;
		}
		if (p == 0) {
			for (int i = 0;; i++)
				(void)nb_save_atomic(target, i % 2 ? A : B,
						     i % 2 ? al : bl, NULL, &err);
		}
		usleep((useconds_t)(rand() % window_us));
		kill(p, SIGKILL);
		waitpid(p, NULL, 0);

		char *got;
		size_t gl;
		if (nb_read_file(target, 64u << 20, &got, &gl) != 0) {
			torn++;
			fprintf(stderr, "kill %d: target unreadable: %s\n", k,
				strerror(errno));
		} else {
			if (same(got, gl, A, al))
				na++;
			else if (same(got, gl, B, bl))
				nb++;
			else {
				torn++;
				fprintf(stderr, "kill %d: target is neither A nor B (%zu bytes)\n",
					k, gl);
			}
			free(got);
		}
		if (nb_read_file(bak, 64u << 20, &got, &gl) == 0) {
			if (!same(got, gl, A, al) && !same(got, gl, B, bl))
				badbak++;
			free(got);
		} else {
			badbak++;
		}
		int t = count_temps(dir);
		if (t > 0)
			orphans++;
		int s = nb_save_sweep(target);
		if (s > 0)
			swept += s;
		if (count_temps(dir) != 0)
			left++;
	}
	double el = now() - t0;
	printf("kills=%d A=%d B=%d torn=%d bad_backup=%d kills_leaving_temps=%d "
	       "temps_swept=%d temps_left_after_sweep=%d save_ms=%.2f window_us=%ld "
	       "seconds=%.1f\n",
	       kills, na, nb, torn, badbak, orphans, swept, left, per * 1e3,
	       window_us, el);
	free(A);
	free(B);
	/* Kills that never landed mid-save would prove nothing. */
	if (orphans == 0)
		fprintf(stderr, "no kill landed mid-save: the test proved nothing\n");
	return torn || badbak || left || orphans == 0 || na == 0 || nb == 0;
}

/* ---- kill -9 during journal flushes ---------------------------------- */

static size_t rec_value(int i, char *out, size_t cap)
{
	/* Mostly small, now and then large enough that a write can be cut. */
	size_t want = i % 97 == 5 ? 300000 : (size_t)(i * 37 % 400);
	size_t n = (size_t)snprintf(out, cap, "第%d条记录：", i);
	while (n < want && n + 1 < cap) {
		out[n] = (char)('a' + (i + (int)n) % 26);
		n++;
	}
	return n;
}

typedef struct {
	int n, bad;
	char *buf;
} jcheck;

static int check_rec(const char *key, const char *val, size_t vlen, void *ctx)
{
	jcheck *c = ctx;
	char k[64];
	snprintf(k, sizeof k, "t3.r%d.natural", c->n);
	size_t el = rec_value(c->n, c->buf, 400000);
	if (strcmp(key, k) != 0 || vlen != el || memcmp(val, c->buf, el) != 0) {
		c->bad++;
		return 1;
	}
	c->n++;
	return 0;
}

static int cmd_killjournal(int argc, char **argv)
{
	const char *dir = argv[2];
	int kills = atoi(argv[3]);
	char report[4096];
	char *jp;
	int short_reads = 0, bad = 0, torn = 0, maxrec = 0, nonempty = 0;
	int swept = 0, left = 0;
	long total = 0;
	(void)argc;
	snprintf(report, sizeof report, "%s/report.yaml", dir);
	jp = nb_journal_path(report);
	if (!jp) {
		perror(report);
		return 2;
	}
	char *vb = malloc(400000);
	srand((unsigned)getpid() ^ (unsigned)time(NULL));
	double t0 = now();
	for (int k = 0; k < kills; k++) {
		int pfd[2];
		if (pipe(pfd) != 0) {
			perror("pipe");
			return 2;
		}
		pid_t p = fork();
		if (p == 0) {
			close(pfd[0]);
			nb_journal *j = nb_journal_open(report, "00", NULL, 0);
			if (!j)
				_exit(3);
			for (int i = 0;; i++) {
				size_t n = rec_value(i, vb, 400000);
				char key[64];
				snprintf(key, sizeof key, "t3.r%d.natural", i);
				if (nb_journal_add(j, key, vb, n) != 0)
					_exit(4);
				/* Flush after one to three records, like an
				 * idle timer would. */
				if (rand() % 3 == 0 || i % 3 == 2) {
					if (nb_journal_flush(j) != 0)
						_exit(5);
					int done = i + 1;
					if (write(pfd[1], &done, sizeof done) != sizeof done)
						_exit(6);
				}
			}
		}
		close(pfd[1]);
		usleep((useconds_t)(rand() % 40000));
		kill(p, SIGKILL);
		waitpid(p, NULL, 0);
		int acked = 0, v;
		while (read(pfd[0], &v, sizeof v) == sizeof v)
			acked = v;
		close(pfd[0]);

		jcheck c = { 0, 0, malloc(400000) };
		nb_journal_info info;
		char eb[512];
		int r = access(jp, F_OK) == 0
			? nb_journal_read(jp, &info, check_rec, &c, eb, sizeof eb)
			: (memset(&info, 0, sizeof info), 0);
		free(c.buf);
		if (r != 0 || c.bad) {
			bad++;
			fprintf(stderr, "kill %d: %s (after %d good records)\n", k,
				r ? eb : "record differs", c.n);
		}
		/* What the writer saw flushed is there (unless this child never
		 * flushed, when the previous child's journal is still in place). */
		if (acked && c.n < acked) {
			short_reads++;
			fprintf(stderr, "kill %d: %d records flushed, %d read\n", k,
				acked, c.n);
		}
		torn += info.torn;
		/* A kill while a journal was being created leaves its temp. */
		int sw = nb_save_sweep(report);
		if (sw > 0)
			swept += sw;
		if (count_temps(dir) != 0)
			left++;
		if (c.n > maxrec)
			maxrec = c.n;
		if (c.n > 0)
			nonempty++;
		total += c.n;
	}
	double el = now() - t0;
	printf("kills=%d bad=%d lost_flushed=%d torn_tails=%d nonempty=%d "
	       "max_records=%d mean_records=%.1f temps_swept=%d temps_left=%d "
	       "seconds=%.1f\n",
	       kills, bad, short_reads, torn, nonempty, maxrec,
	       kills ? (double)total / kills : 0.0, swept, left, el);
	free(vb);
	free(jp);
	return bad || short_reads || left || nonempty == 0;
}

static const char *jcheck_last;
static size_t jcheck_len;
static int jcheck_ok;
static int last_is(const char *key, const char *val, size_t vlen, void *ctx)
{
	(void)ctx;
	if (!strcmp(key, "text.s1"))
		jcheck_ok = vlen == jcheck_len && memcmp(val, jcheck_last, vlen) == 0;
	return 0;
}

/* ---- shared folders (issue 10) -------------------------------------- */

static int dump_rec(const char *key, const char *val, size_t vlen, void *ctx)
{
	(void)ctx;
	printf("rec %s=%.*s%s\n", key, vlen > 60 ? 60 : (int)vlen, val,
	       vlen > 60 ? "..." : "");
	return 0;
}

static int cmd_jdump(char **argv)
{
	nb_journal_info info;
	char eb[512] = "";
	int r = nb_journal_read(argv[2], &info, dump_rec, NULL, eb, sizeof eb);
	printf("read=%d header_user=%s records=%d\n", r, info.user, info.nrecords);
#ifdef NB_ENOTREG
	printf("owner=%s ours=%d not_regular=%d\n", info.owner, info.ours,
	       info.not_regular);
#endif
	if (r)
		printf("error=%s\n", eb);
	return r ? 1 : 0;
}

static int cmd_jwrite(int argc, char **argv)
{
	char eb[512] = "";
	nb_journal *j = nb_journal_open(argv[2], "00", eb, sizeof eb);
	if (!j) {
		printf("open failed: %s\n", eb);
		return 1;
	}
	for (int i = 3; i + 1 < argc; i += 2)
		nb_journal_add(j, argv[i], argv[i + 1], strlen(argv[i + 1]));
	int r = nb_journal_flush(j);
	if (r)
		printf("flush failed: %s\n", strerror(errno));
#ifdef NB_ENOTREG
	printf("file=%s\n", nb_journal_file(j));
#endif
	nb_journal_close(j);
	return r ? 1 : 0;
}

static int cmd_jvanish(char **argv)
{
	char *jp = nb_journal_path(argv[2]), moved[4200];
	nb_journal *j = nb_journal_open(argv[2], "00", NULL, 0);
	nb_journal_info info;
	if (!j || !jp)
		return 2;
	nb_journal_add(j, "t3.new.natural", "1", 1);
	if (nb_journal_flush(j) != 0)
		return 2;
	if (!strcmp(argv[3], "rename")) {
		snprintf(moved, sizeof moved, "%s.moved", jp);
		if (rename(jp, moved) != 0)
			return 2;
	} else if (unlink(jp) != 0) {
		return 2;
	}
	nb_journal_add(j, "t3.new.legal", "2", 1);
	int r = nb_journal_flush(j);
	/* A crash now: what does a reader find? */
	memset(&info, 0, sizeof info);
	int rr = nb_journal_read(jp, &info, dump_rec, NULL, NULL, 0);
	printf("flush=%d read=%d records=%d\n", r, rr, info.nrecords);
	nb_journal_close(j);
	free(jp);
	return rr == 0 && info.nrecords == 2 ? 0 : 1;
}

static int cmd_jgrow(char **argv)
{
	size_t kb = (size_t)atol(argv[3]);
	int n = atoi(argv[4]);
	char *jp = nb_journal_path(argv[2]);
	char *text = malloc(kb * 1024);
	struct stat st;
	struct rusage ru;
	nb_journal *j = nb_journal_open(argv[2], "00", NULL, 0);
	if (!j || !jp || !text)
		return 2;
	for (size_t i = 0; i < kb * 1024; i++)
		text[i] = (char)('a' + i % 26);
	for (int i = 0; i <= n; i++) {
		if (i)
			text[(size_t)i * 7919 % (kb * 1024)] = 'Z'; /* one character */
		if (nb_journal_add(j, "text.s1", text, kb * 1024) != 0 ||
		    nb_journal_flush(j) != 0) {
			perror("journal");
			return 2;
		}
	}
	if (stat(jp, &st) != 0) {
		perror(jp);
		return 2;
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("journal_bytes=%lld peak_rss_kb=%ld\n", (long long)st.st_size, ru.ru_maxrss);
	/* The last text must be what a reader gets back. */
	jcheck_last = text;
	jcheck_len = kb * 1024;
	jcheck_ok = 0;
	nb_journal_read(jp, NULL, last_is, NULL, NULL, 0);
	printf("last_value_ok=%d\n", jcheck_ok);
	nb_journal_close(j);
	free(text);
	free(jp);
	return jcheck_ok ? 0 : 1;
}

static int cmd_jfind(char **argv)
{
#ifdef NB_ENOTREG
	char *c[2];
	int n = nb_journal_candidates(argv[2], c), found = 0;
	for (int i = 0; i < n; i++) {
		nb_journal_info info;
		if (access(c[i], F_OK) == 0 &&
		    nb_journal_read(c[i], &info, dump_rec, NULL, NULL, 0) == 0) {
			printf("found %s records=%d\n", c[i], info.nrecords);
			found++;
		}
		free(c[i]);
	}
	return found ? 0 : 1;
#else
	(void)argv;
	printf("no nb_journal_candidates\n");
	return 1;
#endif
}

static int cmd_lockinfo(char **argv)
{
	nb_lock_owner o;
	nb_lock *l = NULL;
	char eb[512] = "";
	int r = nb_lock_take(argv[2], &l, &o, eb, sizeof eb);
	printf("take=%d", r);
	if (r == 1) {
		printf(" user=%s pid=%ld stale=%d", o.user, (long)o.pid, o.stale);
#ifdef NB_ENOTREG
		printf(" unsure=%d age=%lld file_owner=%s", o.unsure, o.age, o.file_owner);
#endif
	}
	if (r < 0)
		printf(" error=%s", eb);
	printf("\n");
	nb_lock_release(l);
	return 0;
}

static int cmd_lockhold(char **argv)
{
	nb_lock_owner o;
	nb_lock *l = NULL;
	char eb[512] = "";
	if (nb_lock_take(argv[2], &l, &o, eb, sizeof eb) != 0) {
		printf("not taken: %s\n", eb);
		return 1;
	}
	printf("held\n");
	fflush(stdout);
	sleep((unsigned)atoi(argv[3]));
	nb_lock_release(l);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "jdump"))
		return cmd_jdump(argv);
	if (argc >= 3 && !strcmp(argv[1], "jwrite"))
		return cmd_jwrite(argc, argv);
	if (argc >= 4 && !strcmp(argv[1], "jvanish"))
		return cmd_jvanish(argv);
	if (argc >= 5 && !strcmp(argv[1], "jgrow"))
		return cmd_jgrow(argv);
	if (argc >= 3 && !strcmp(argv[1], "jfind"))
		return cmd_jfind(argv);
	if (argc >= 3 && !strcmp(argv[1], "lockinfo"))
		return cmd_lockinfo(argv);
	if (argc >= 4 && !strcmp(argv[1], "lockhold"))
		return cmd_lockhold(argv);
	if (argc >= 4 && !strcmp(argv[1], "save"))
		return cmd_save(argc, argv);
	if (argc >= 3 && !strcmp(argv[1], "sweep")) {
		printf("%d\n", nb_save_sweep(argv[2]));
		return 0;
	}
	if (argc >= 4 && !strcmp(argv[1], "killsave"))
		return cmd_killsave(argc, argv);
	if (argc >= 4 && !strcmp(argv[1], "killjournal"))
		return cmd_killjournal(argc, argv);
	fprintf(stderr, "usage: nbfault save|sweep|killsave|killjournal|jdump|jwrite|jvanish|jgrow|jfind|lockinfo|lockhold ...\n");
	return 2;
}
