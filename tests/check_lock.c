/* Editor lock (src/lock.h): free, held, stale, stolen, released. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "nbtest.h"
#include "io/lock.h"
#include "io/savefile.h"
#include "core/sysio.h"

static char dir[256];
static char report[512];
static char lockp[800];

static void setup(void)
{
	nbt_mkdtemp(dir, sizeof dir, "/tmp/nblock.XXXXXX");
	snprintf(report, sizeof report, "%s/年报.yaml", dir);
	char *rd = realpath(dir, NULL);
	snprintf(lockp, sizeof lockp, "%s/.年报.yaml.nblock", rd);
	free(rd);
}

static void teardown(void)
{
	nbt_rm_tree(dir);
}

static void put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	close(fd);
}

static pid_t dead_pid(void)
{
	pid_t p = fork();
	ck_assert_int_ge(p, 0);
	if (p == 0)
		_exit(0);
	waitpid(p, NULL, 0);
	return p;
}

static void host(char *h, size_t n)
{
	gethostname(h, n);
	h[n - 1] = 0;
}

START_TEST(path_and_degenerate)
{
	char eb[256] = "";
	nb_lock *l = (nb_lock *)1;
	nb_lock_owner o;
	char *p = nb_lock_path(report);
	ck_assert_str_eq(p, lockp);
	free(p);
	ck_assert_ptr_null(nb_lock_path(NULL));
	ck_assert_int_eq(nb_lock_take("/nonexistent-nb/r.yaml", &l, &o, eb, sizeof eb), -1);
	ck_assert_ptr_null(l);
	ck_assert_int_gt(strlen(eb), 0);
	ck_assert_int_eq(nb_lock_steal("/nonexistent-nb/r.yaml", &l, eb, sizeof eb), -1);
	nb_lock_release(NULL);
	ck_assert_int_eq(nb_lock_held(NULL), -1);
}
END_TEST

START_TEST(take_then_held)
{
	nb_lock *l, *l2 = (nb_lock *)1;
	nb_lock_owner o;
	char eb[256], h[256], *buf;
	size_t len;
	ck_assert_int_eq(nb_lock_take(report, &l, &o, eb, sizeof eb), 0);
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(nb_lock_held(l), 1);
	/* One line: user host pid since token. */
	ck_assert_int_eq(nb_read_file(lockp, 4096, &buf, &len), 0);
	ck_assert_int_eq(buf[len - 1], '\n');
	ck_assert_ptr_eq(strchr(buf, '\n'), buf + len - 1);
	free(buf);
	/* A second editor finds it held, by a live process: us. */
	ck_assert_int_eq(nb_lock_take(report, &l2, &o, eb, sizeof eb), 1);
	ck_assert_ptr_null(l2);
	ck_assert_int_eq(o.pid, getpid());
	host(h, sizeof h);
	ck_assert_str_eq(o.host, h);
	ck_assert_int_gt(strlen(o.user), 0);
	ck_assert_int_le(o.since, time(NULL));
	ck_assert_int_gt(o.since, time(NULL) - 60);
	ck_assert_int_eq(o.stale, 0);
	nb_lock_release(l);
	ck_assert_int_eq(access(lockp, F_OK), -1);
	/* Free again. */
	ck_assert_int_eq(nb_lock_take(report, &l, &o, eb, sizeof eb), 0);
	nb_lock_release(l);
}
END_TEST

START_TEST(stale_same_host_dead_pid)
{
	char line[512], h[256], eb[256];
	nb_lock_owner o;
	nb_lock *l;
	host(h, sizeof h);
	pid_t p = dead_pid();
	snprintf(line, sizeof line, "王五 %s %ld 1700000000 0123456789abcdef\n", h, (long)p);
	put(lockp, line);
	ck_assert_int_eq(nb_lock_take(report, &l, &o, eb, sizeof eb), 1);
	ck_assert_int_eq(o.stale, 1);
	ck_assert_str_eq(o.user, "王五");
	ck_assert_int_eq(o.pid, p);
	ck_assert_int_eq(o.since, 1700000000);
	ck_assert_int_eq(nb_lock_steal(report, &l, eb, sizeof eb), 0);
	ck_assert_int_eq(nb_lock_held(l), 1);
	ck_assert_int_eq(nb_lock_take(report, NULL, &o, eb, sizeof eb), 1);
	ck_assert_int_eq(o.pid, getpid());
	ck_assert_int_eq(o.stale, 0);
	nb_lock_release(l);
	ck_assert_int_eq(access(lockp, F_OK), -1);
	ck_assert_int_eq(nb_save_sweep(report), 0); /* the steal left no temp */
}
END_TEST

START_TEST(live_pid_not_stale)
{
	char line[512], h[256];
	nb_lock_owner o;
	host(h, sizeof h);
	/* pid 1 is alive (kill may say EPERM, which still means alive), and
	 * it was running before this lock was taken. */
	snprintf(line, sizeof line, "u %s 1 %lld 00\n", h, (long long)time(NULL));
	put(lockp, line);
	ck_assert_int_eq(nb_lock_take(report, NULL, &o, NULL, 0), 1);
	ck_assert_int_eq(o.stale, 0);
	ck_assert_int_eq(o.unsure, 0);
}
END_TEST

START_TEST(reused_pid_is_stale)
{
	/* Issue 10, finding 4: a lock of 2023-11-14 naming a pid that is
	 * alive today belongs to a process that died long ago; the pid was
	 * given to another one (it started after the lock was taken). */
	char line[512], h[256];
	nb_lock_owner o;
	host(h, sizeof h);
	snprintf(line, sizeof line, "u %s 1 1700000000 00\n", h);
	put(lockp, line);
	ck_assert_int_eq(nb_lock_take(report, NULL, &o, NULL, 0), 1);
	ck_assert_int_eq(o.stale, 1);
	ck_assert_int_gt(o.age, 86400);
}
END_TEST

START_TEST(new_format_judged_by_start_time)
{
	char line[512], h[256], boot[40], ns[32];
	unsigned long long st1 = 0;
	nb_lock_owner o;
	host(h, sizeof h);
	nb_boot_id(boot, sizeof boot);
	nb_pid_ns(ns, sizeof ns);
	ck_assert(boot[0] && ns[0]);
	ck_assert_int_eq(nb_proc_start(1, &st1), 0);
	/* pid 1 with its real start time: alive. */
	snprintf(line, sizeof line, "u %s 1 %lld 00 %s %s %llu\n", h,
		 (long long)time(NULL), boot, ns, st1);
	put(lockp, line);
	ck_assert_int_eq(nb_lock_take(report, NULL, &o, NULL, 0), 1);
	ck_assert_int_eq(o.stale, 0);
	ck_assert_int_eq(o.unsure, 0);
	ck_assert_str_eq(o.boot_id, boot);
	/* The same pid with another start time: reused, stale. */
	snprintf(line, sizeof line, "u %s 1 %lld 00 %s %s %llu\n", h,
		 (long long)time(NULL), boot, ns, st1 + 5);
	put(lockp, line);
	ck_assert_int_eq(nb_lock_take(report, NULL, &o, NULL, 0), 1);
	ck_assert_int_eq(o.stale, 1);
	/* Another boot: cannot tell, never "stale" on its own. */
	snprintf(line, sizeof line, "u %s 1 %lld 00 %s %s %llu\n", h,
		 (long long)time(NULL), "00000000-0000-0000-0000-000000000000",
		 ns, st1);
	put(lockp, line);
	ck_assert_int_eq(nb_lock_take(report, NULL, &o, NULL, 0), 1);
	ck_assert_int_eq(o.stale, 0);
	ck_assert_int_eq(o.unsure, 1);
	/* Another pid namespace: its pids are not ours to look up. */
	snprintf(line, sizeof line, "u %s 999999 %lld 00 %s %s %llu\n", h,
		 (long long)time(NULL), boot, "1", st1);
	put(lockp, line);
	ck_assert_int_eq(nb_lock_take(report, NULL, &o, NULL, 0), 1);
	ck_assert_int_eq(o.stale, 0);
	ck_assert_int_eq(o.unsure, 1);
}
END_TEST

START_TEST(fifo_lock_refused_at_once)
{
	char eb[512];
	nb_lock_owner o;
	nb_lock *l = NULL;
	ck_assert_int_eq(mkfifo(lockp, 0666), 0);
	/* Would block for ever in open() without O_NONBLOCK. */
	ck_assert_int_eq(nb_lock_take(report, &l, &o, eb, sizeof eb), -1);
	ck_assert_ptr_null(l);
	ck_assert_msg(strstr(eb, "命名管道"), "%s", eb);
	ck_assert_msg(strstr(eb, "root") || strstr(eb, "用户"), "%s", eb);
	struct stat st;
	ck_assert_int_eq(lstat(lockp, &st), 0); /* left alone */
	ck_assert(S_ISFIFO(st.st_mode));
}
END_TEST

START_TEST(other_host_never_stale)
{
	nb_lock_owner o;
	char line[512];
	snprintf(line, sizeof line, "bob other-host.example %ld 1700000000 ff\n",
		 (long)dead_pid());
	put(lockp, line);
	ck_assert_int_eq(nb_lock_take(report, NULL, &o, NULL, 0), 1);
	ck_assert_str_eq(o.host, "other-host.example");
	ck_assert_int_eq(o.stale, 0);
}
END_TEST

START_TEST(garbage_lock)
{
	nb_lock_owner o;
	struct utimbuf ut;
	const char *bad[] = { "", "x", "a b c", "a b -1 5", "a b 12x 5", "a b 0 5",
			      "\n\n\n", "a b 99999999999999999999 1" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		put(lockp, bad[i]);
		ck_assert_int_eq(nb_lock_take(report, NULL, &o, NULL, 0), 1);
		ck_assert_msg(o.stale == 0, "fresh garbage \"%s\" is not stale", bad[i]);
		ck_assert_int_eq(o.pid, 0);
		ut.actime = ut.modtime = time(NULL) - 3600;
		ck_assert_int_eq(utime(lockp, &ut), 0);
		ck_assert_int_eq(nb_lock_take(report, NULL, &o, NULL, 0), 1);
		ck_assert_msg(o.stale == 1, "old garbage \"%s\" is stale", bad[i]);
	}
	/* A huge lock file is read only in part. */
	char big[5000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = 0;
	put(lockp, big);
	ck_assert_int_eq(nb_lock_take(report, NULL, &o, NULL, 0), 1);
}
END_TEST

START_TEST(release_spares_a_thief)
{
	nb_lock *mine, *thief;
	ck_assert_int_eq(nb_lock_take(report, &mine, NULL, NULL, 0), 0);
	ck_assert_int_eq(nb_lock_steal(report, &thief, NULL, 0), 0);
	ck_assert_int_eq(nb_lock_held(mine), 0);
	ck_assert_int_eq(nb_lock_held(thief), 1);
	nb_lock_release(mine); /* must not remove the thief's lock */
	ck_assert_int_eq(access(lockp, F_OK), 0);
	ck_assert_int_eq(nb_lock_held(thief), 1);
	nb_lock_release(thief);
	ck_assert_int_eq(access(lockp, F_OK), -1);
}
END_TEST

START_TEST(removed_lock_release_is_quiet)
{
	nb_lock *l;
	ck_assert_int_eq(nb_lock_take(report, &l, NULL, NULL, 0), 0);
	unlink(lockp);
	ck_assert_int_eq(nb_lock_held(l), 0);
	put(lockp, "someone else 1 1 1\n");
	nb_lock_release(l);
	ck_assert_int_eq(access(lockp, F_OK), 0);
}
END_TEST

START_TEST(symlinked_report_shares_lock)
{
	char lnk[600];
	nb_lock *l;
	nb_lock_owner o;
	snprintf(lnk, sizeof lnk, "%s/link.yaml", dir);
	put(report, "r");
	ck_assert_int_eq(symlink("年报.yaml", lnk), 0);
	ck_assert_int_eq(nb_lock_take(report, &l, NULL, NULL, 0), 0);
	ck_assert_int_eq(nb_lock_take(lnk, NULL, &o, NULL, 0), 1);
	nb_lock_release(l);
}
END_TEST

Suite *NB_SUITE(lock)(void)
{
	Suite *s = suite_create("lock");
	TCase *tc = tcase_create("lock");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, path_and_degenerate);
	tcase_add_test(tc, take_then_held);
	tcase_add_test(tc, stale_same_host_dead_pid);
	tcase_add_test(tc, live_pid_not_stale);
	tcase_add_test(tc, reused_pid_is_stale);
	tcase_add_test(tc, new_format_judged_by_start_time);
	tcase_add_test(tc, fifo_lock_refused_at_once);
	tcase_add_test(tc, other_host_never_stale);
	tcase_add_test(tc, garbage_lock);
	tcase_add_test(tc, release_spares_a_thief);
	tcase_add_test(tc, removed_lock_release_is_quiet);
	tcase_add_test(tc, symlinked_report_shares_lock);
	suite_add_tcase(s, tc);
	return s;
}
