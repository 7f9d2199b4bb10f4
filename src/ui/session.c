/* The report on disk: load, lock, recovery journal, save. Decisions that
 * could lose work (restore or drop a journal, overwrite a file changed on
 * disk) are always asked, never taken silently. */
#include "ui/app.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/sysio.h"
#include "core/utf8.h"
#include "io/report_yaml.h"
#include "io/savefile.h"

static void when(time_t t, char *buf, size_t n)
{
	struct tm tm;

	if (t == 0 || !localtime_r(&t, &tm)) {
		snprintf(buf, n, "（时间不明）");
		return;
	}
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

/* A report file without write permission (chmod a-w, or another owner's):
 * a save would replace it all the same, the directory being writable, so
 * the clerk is told at the start and asked at ^S. Mode bits count for
 * root too, who passes every access check. */
static int file_readonly(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	if ((st.st_mode & 0222) == 0)
		return 1;
	return faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) < 0 && errno == EACCES;
}

int nb_session_load(nb_app *a, const char *path, char *err, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	nb_err e;
	nb_load_status st;

	a->ses.path = strdup(path);
	if (!a->ses.path) {
		snprintf(err, n, "%s: 内存不足", path);
		return -1;
	}
	char shown[512];
	nb_clean_name(shown, sizeof shown, path);
	if (stat(path, &a->ses.st) < 0) {
		if (errno == ENOENT)
			return 1;
		snprintf(err, n, "%s: 无法打开：%s", shown, strerror(errno));
		return -1;
	}
	if (nb_read_file(path, NB_LIMIT_FILE_BYTES, &buf, &len) < 0) {
		/* The same words and position as `nianbao check` gives. */
		if (errno == EFBIG)
			snprintf(err, n, "%s:1:1: 文件过大（上限 %u 字节），不是年报文件",
				 shown, NB_LIMIT_FILE_BYTES);
		else
			snprintf(err, n, "%s: %s", shown, strerror(errno));
		return -1;
	}
	a->rep = nb_report_load_mem(buf, len, path, &e, &st);
	if (!a->rep) {
		nb_clean_name(err, n, e.msg);
		free(buf);
		return -1;
	}
	nb_hash_buf(buf, len, a->ses.hash);
	free(buf);
	a->ses.exists = 1;
	a->ses.ro_file = file_readonly(path);
	a->form = a->rep->form;
	return 0;
}

/* A new report: ask the year first, then offer the layout in force. */
static int ask_new(nb_app *a)
{
	char *y = NULL, lines[8][160], keys[16] = "";
	const char *lp[8];
	int year, nf = nb_forms_count(), k, def = 0;
	const nb_form *f;
	nb_err e;

	char l0[4200], init[16];
	const char *why[3];
	int nwhy = 2;
	time_t now = time(NULL);
	struct tm tm;

	/* A report is written early in the year after the one it covers. */
	snprintf(init, sizeof init, "%d", localtime_r(&now, &tm) ? tm.tm_year + 1900 - 1 : 2024);
	snprintf(l0, sizeof l0, "文件 %s 还不存在，将新建一份年度报告。", a->ses.path);
	why[0] = l0;
	why[1] = "报告年度是报告所统计的那一年，通常是上一年。";
	for (;;) {
		free(y);
		y = nb_ask_text(a, "新建报告", why, nwhy, "请输入报告年度：", init, 1);
		if (!y)
			return -1;
		year = atoi(y);
		if (year >= 2008 && year <= 2100)
			break;
		why[2] = "年度应为 2008 至 2100 之间的四位数字，如 2024。";
		nwhy = 3;
		snprintf(init, sizeof init, "%.15s", y);
		beep();
		erase(); /* the box grows by the line that says why */
	}
	erase(); /* the year box goes before the layout box shows */
	f = nb_forms_for_year(year);
	if (nf > 7)
		nf = 7;
	for (int i = 0; i < nf; i++) {
		const nb_form *g = nb_forms_get(i);
		snprintf(lines[i], sizeof lines[i], "%d  %s%s", i + 1, g->name,
			 g == f ? "（该年度适用）" : "");
		lp[i] = lines[i];
		keys[i] = (char)('1' + i);
		if (g == f)
			def = i;
	}
	keys[nf] = 0;
	/* The layout in force answers Enter: put it first in the keys. */
	{
		char t = keys[0];
		keys[0] = keys[def];
		keys[def] = t;
	}
	k = nb_ask(a, "选择报告格式", lp, nf, "按数字选择，Enter 选适用的格式，Esc 退出",
		   keys, 1);
	free(y);
	if (k == 0 || k == 27)
		return -1;
	f = nb_forms_get(k - '1');
	a->form = f;
	a->rep = nb_report_new(f);
	if (!a->rep)
		return -1;
	{
		char ys[16];
		snprintf(ys, sizeof ys, "%d", year);
		nb_report_set_by_key(a->rep, "text.year", ys, strlen(ys), &e);
	}
	return 0;
}

static int take_lock(nb_app *a)
{
	nb_lock_owner o;
	char err[256], l0[300], l1[400], l2[160], since[64];
	const char *lp[4];
	int r, k;

	memset(&o, 0, sizeof o);
	r = nb_lock_take(a->ses.path, &a->ses.lock, &o, err, sizeof err);
	if (r == 0)
		return 0;
	if (r < 0) {
		snprintf(l0, sizeof l0, "%s", err); /* names the file and the cause */
		lp[0] = l0;
		lp[1] = "其他人可能同时编辑这份报告而互相覆盖。";
		k = nb_ask(a, "无法加锁", lp, 2,
			   "r 只读查看   e 仍然编辑   q 退出", "req", 0);
		if (k == 'e')
			return 0;
		if (k == 'r') {
			a->readonly = 1;
			return 0;
		}
		return -1;
	}
	when(o.since, since, sizeof since);
	snprintf(l0, sizeof l0, "用户 %s 正在编辑这份报告", o.user);
	snprintf(l1, sizeof l1, "主机 %s，进程 %ld，自 %s 起", o.host, (long)o.pid, since);
	snprintf(l2, sizeof l2, "%s", o.stale ? "该进程已不存在（上次可能异常退出），可以接管。" :
		 o.unsure ? "锁来自其他主机（或本机重启前、其他容器），无法判断对方是否仍在编辑。" :
			    "同时编辑会互相覆盖，建议只读查看。");
	lp[0] = l0;
	lp[1] = l1;
	lp[2] = l2;
	if (o.unsure) {
		/* Another host's lock: taken over only after the clerk has
		 * seen where it is, whose it is and how old it is. */
		k = nb_ask(a, "报告已被锁定", lp, 3,
			   "t 确认对方已不在编辑，接管   r 只读查看   q 退出", "trq", 0);
		if (k == 't') {
			char *lpath = nb_lock_path(a->ses.path), l3[600], l4[500], l5[160];
			snprintf(l3, sizeof l3, "锁文件：%s", lpath ? lpath : "");
			snprintf(l4, sizeof l4, "持有者：主机 %s 上用户 %s 的进程 %ld",
				 o.host, o.user, (long)o.pid);
			snprintf(l5, sizeof l5, "已持有 %lld 天 %lld 小时 %lld 分（自 %s 起）",
				 o.age / 86400, o.age % 86400 / 3600, o.age % 3600 / 60, since);
			free(lpath);
			lp[0] = l3;
			lp[1] = l4;
			lp[2] = l5;
			lp[3] = "如果对方其实仍在编辑，双方的修改会互相覆盖。";
			if (nb_ask(a, "确认接管", lp, 4, "n 不接管   y 确认接管", "ny", 0) != 'y')
				k = nb_ask(a, "报告已被锁定", lp, 0, "r 只读查看   q 退出", "rq", 0);
		}
	} else if (o.stale)
		k = nb_ask(a, "报告已被锁定", lp, 3,
			   "t 接管并编辑   r 只读查看   q 退出", "trq", 0);
	else
		k = nb_ask(a, "报告已被锁定", lp, 3, "r 只读查看   q 退出", "rq", 0);
	if (k == 'r') {
		a->readonly = 1;
		return 0;
	}
	if (k == 't') {
		if (nb_lock_steal(a->ses.path, &a->ses.lock, err, sizeof err) == 0)
			return 0;
		lp[0] = err;
		k = nb_ask(a, "接管失败", lp, 1, "r 只读查看   q 退出", "rq", 0);
		if (k == 'r') {
			a->readonly = 1;
			return 0;
		}
	}
	return -1;
}

typedef struct {
	nb_app *a;
	int applied, failed;
	char first_err[sizeof(((nb_err *)0)->msg)];
} restore_ctx;

static int count_rec(const char *key, const char *val, size_t vlen, void *ctx)
{
	(void)key; (void)val; (void)vlen; (void)ctx;
	return 0;
}

static int apply_rec(const char *key, const char *val, size_t vlen, void *vctx)
{
	restore_ctx *c = vctx;
	nb_err e;

	if (nb_report_set_by_key(c->a->rep, key, val, vlen, &e) == 0) {
		c->applied++;
	} else {
		if (!c->failed)
			snprintf(c->first_err, sizeof c->first_err, "%s", e.msg);
		c->failed++;
	}
	return 0;
}

/* Re-journal the restored values so a second crash loses nothing. */
static int rejournal_rec(const char *key, const char *val, size_t vlen, void *ctx)
{
	nb_app *a = ctx;

	if (a->ses.journal)
		nb_journal_add(a->ses.journal, key, val, vlen);
	return 0;
}

static void open_journal(nb_app *a)
{
	char err[256];

	if (a->ses.journal || a->readonly)
		return;
	a->ses.journal = nb_journal_open(a->ses.path, a->ses.hash, err, sizeof err);
	if (!a->ses.journal)
		nb_msg(a, NB_SEV_WARNING, "无法写恢复记录（%s）；请经常按 ^S 保存", err);
}

/* Keep an old journal under a new name, never replacing anything: a
 * journal set aside twice in one second gets "-2", "-3"... */
static int set_aside(nb_app *a, const char *jp)
{
	char aside[4096], ts[32] = "old";
	time_t now = time(NULL);
	struct tm tm;
	int e = 0;

	if (localtime_r(&now, &tm))
		strftime(ts, sizeof ts, "%Y%m%d-%H%M%S", &tm);
	for (int i = 1; i < 100; i++) {
		if (i == 1)
			snprintf(aside, sizeof aside, "%s.%s", jp, ts);
		else
			snprintf(aside, sizeof aside, "%s.%s-%d", jp, ts, i);
		if (link(jp, aside) == 0) {
			unlink(jp);
			nb_msg(a, 0, "恢复记录已另放为 %s", aside);
			return 0;
		}
		e = errno;
		if (e == EEXIST)
			continue;
		/* No hard links here (some shared file systems): rename, but
		 * only onto a name that is free. */
		if (access(aside, F_OK) == 0)
			continue;
		if (rename(jp, aside) == 0) {
			nb_msg(a, 0, "恢复记录已另放为 %s", aside);
			return 0;
		}
		e = errno;
		break;
	}
	nb_msg(a, NB_SEV_ERROR, "无法改名恢复记录 %s：%s；只读打开，以免覆盖它",
	       jp, strerror(e));
	a->readonly = 1; /* a new journal would replace it */
	return -1;
}

/* A journal beside the report from an earlier run. The first flush of our
 * own journal replaces that file, so by the time this returns the old one
 * is restored into ours, set aside, or deleted because the clerk said so;
 * otherwise we stay read-only. */
/* Someone else's file at a journal's name (their journal, a FIFO, a
 * link). Never presented as the clerk's, never deleted: the clerk may
 * leave it (our journal then goes to the state directory) or, as an
 * explicit choice confirmed once more, restore a readable one. 1 when
 * the clerk chose to restore, 0 leave it, -1 quit. */
static int foreign_journal(nb_app *a, const char *jp, const nb_journal_info *info,
			   const char *readerr)
{
	char l0[700], l1[600], t[64], shown[400];
	const char *lp[4];
	int k;

	nb_clean_name(shown, sizeof shown, jp);
	if (info->not_regular || readerr) {
		snprintf(l0, sizeof l0, "%s", readerr ? readerr : shown);
		snprintf(l1, sizeof l1, "它属于用户 %s，不是您的恢复记录；不会打开、改名或删除它。",
			 info->owner);
		lp[0] = l0;
		lp[1] = l1;
		lp[2] = "您这次的修改另记在个人目录（~/.local/state/nianbao）。";
		k = nb_ask(a, "恢复记录的位置被占用", lp, 3, "c 继续   q 退出", "cq", 0);
		return k == 'c' ? 0 : -1;
	}
	when(info->last, t, sizeof t);
	snprintf(l0, sizeof l0, "恢复记录 %s 属于用户 %s（文件的所有者），不是您的。", shown,
		 info->owner);
	snprintf(l1, sizeof l1, "文件自称来自主机 %s 上用户 %s 的进程 %ld，有 %d 处修改，最后在 %s；"
		 "这些说法无法核实。", info->host, info->user, (long)info->pid,
		 info->nrecords, t);
	lp[0] = l0;
	lp[1] = l1;
	lp[2] = "不恢复时原文件保持不动，您的修改另记在个人目录。";
	k = nb_ask(a, "发现其他用户的恢复记录", lp, 3,
		   "k 不恢复（保留原文件）   r 仍要恢复…   q 退出", "krq", 0);
	if (k == 'q' || k == 0 || k == 27)
		return -1;
	if (k != 'r')
		return 0;
	snprintf(l0, sizeof l0, "将把用户 %s 的文件中的 %d 处修改填入报告。", info->owner,
		 info->nrecords);
	lp[0] = l0;
	lp[1] = "恢复后请逐项核对，再决定是否保存。";
	return nb_ask(a, "确认恢复其他用户的修改", lp, 2, "n 不恢复   y 确认恢复", "ny", 0) == 'y';
}

static int offer_one(nb_app *a, char *jp);

/* Journals beside the report and in the state directory (where one goes
 * when the folder is read-only or its name is taken). */
static int offer_recovery(nb_app *a)
{
	char *c[2];
	int n = nb_journal_candidates(a->ses.path, c), r = 0;
	for (int i = 0; i < n; i++) {
		if (r == 0)
			r = offer_one(a, c[i]); /* takes c[i] */
		else
			free(c[i]);
	}
	return r;
}

static int offer_one(nb_app *a, char *jp)
{
	char err[256], l0[300], l1[500], l2[200], t[64];
	const char *lp[4];
	nb_journal_info info;
	struct stat st;
	restore_ctx rc;
	int k, n = 0, foreign = 0;

	if (!jp)
		return 0;
	if (lstat(jp, &st) < 0) {
		free(jp);
		return 0;
	}
	memset(&info, 0, sizeof info);
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		int rr = nb_journal_read(jp, &info, count_rec, NULL, err, sizeof err);
		if (!info.owner[0])
			nb_uid_name(st.st_uid, info.owner, sizeof info.owner);
		if (S_ISREG(st.st_mode) && rr == 0 && info.nrecords == 0) {
			free(jp);
			return 0; /* nothing in it to offer */
		}
		k = foreign_journal(a, jp, &info, rr < 0 ? err : NULL);
		if (k <= 0) {
			free(jp);
			return k;
		}
		foreign = 1;
		k = 'r';
		goto restore;
	}
	if (nb_journal_read(jp, &info, count_rec, NULL, err, sizeof err) < 0) {
		snprintf(l0, sizeof l0, "%s", err);
		lp[0] = l0;
		lp[1] = jp;
		k = nb_ask(a, "恢复记录无法读取", lp, 2,
			   "s 另放一边（改名）并继续   q 退出", "sq", 0);
		if (k != 's')
			goto quit;
		goto aside;
	}
	if (info.nrecords == 0) {
		/* Nothing complete in it; a damaged one is kept all the same. */
		if (info.torn || info.corrupt)
			goto aside;
		free(jp);
		return 0;
	}
	when(info.last, t, sizeof t);
	snprintf(l0, sizeof l0, "有 %d 处未保存的修改，最后一处在 %s", info.nrecords, t);
	snprintf(l1, sizeof l1, "来自主机 %s 上用户 %s 的进程 %ld%s", info.host,
		 info.user, (long)info.pid, info.torn ? "（最后一条不完整，已略去）" : "");
	snprintf(l2, sizeof l2, "%s", strcmp(info.base_hash, a->ses.hash) == 0 ?
		 "这些修改是在当前文件的基础上做的。" :
		 "注意：文件在这些修改之后又被改动过，恢复会覆盖相应内容。");
	lp[n++] = l0;
	lp[n++] = l1;
	lp[n++] = l2;
	k = nb_ask(a, "发现上次未保存的修改", lp, n,
		   "r 恢复   s 另放一边（改名保留）   d 丢弃（删除）   q 退出", "rsdq", 0);
restore:
	if (k == 'r') {
		memset(&rc, 0, sizeof rc);
		rc.a = a;
		if (nb_journal_read(jp, &info, apply_rec, &rc, err, sizeof err) < 0) {
			if (rc.applied)
				a->modified = 1; /* what was applied shows; the file stays */
			if (!foreign)
				set_aside(a, jp);
			nb_msg(a, NB_SEV_ERROR, "恢复失败：%s（恢复记录已另放一边保留）", err);
			free(jp);
			return 0;
		}
		/* Our journal starts with the same records; its first flush
		 * replaces the old file atomically, so they are never lost. */
		open_journal(a);
		if (!a->ses.journal ||
		    nb_journal_read(jp, &info, rejournal_rec, a, err, sizeof err) < 0) {
			char keep[sizeof a->msg];
			snprintf(keep, sizeof keep, "%s", a->msg);
			/* Cannot carry them over: keep the old file apart. */
			if (a->ses.journal) {
				nb_journal_close(a->ses.journal);
				a->ses.journal = NULL;
			}
			if (!foreign)
				set_aside(a, jp);
			if (keep[0])
				nb_msg(a, NB_SEV_WARNING, "%s", keep);
		} else {
			/* Once carried over, an old one of ours elsewhere (the
			 * state directory) goes; another user's never does. */
			nb_journal_adopt(a->ses.journal, jp);
			if (nb_journal_flush(a->ses.journal) < 0)
				a->ses.journal_pending = 1; /* the timer tries again */
		}
		a->modified = 1;
		if (rc.failed)
			nb_msg(a, NB_SEV_WARNING, "已恢复 %d 处修改，%d 处无法恢复（%s）",
			       rc.applied, rc.failed, rc.first_err);
		else
			nb_msg(a, 0, "已恢复 %d 处修改。请检查后按 ^S 保存", rc.applied);
		free(jp);
		return 0;
	}
	if (k == 'd') {
		lp[0] = "丢弃后这些修改无法找回。";
		if (nb_ask(a, "确认丢弃", lp, 1, "y 确认丢弃   n 不丢弃（另放一边）",
			   "ny", 0) == 'y') {
			if (unlink(jp) < 0 && errno != ENOENT) {
				nb_msg(a, NB_SEV_ERROR, "无法删除恢复记录：%s", strerror(errno));
				goto aside;
			}
			nb_msg(a, 0, "已丢弃上次未保存的修改");
			free(jp);
			return 0;
		}
		goto aside;
	}
	if (k == 's')
		goto aside;
quit:
	free(jp);
	return -1;
aside:
	set_aside(a, jp);
	free(jp);
	return 0;
}

int nb_session_start(nb_app *a, int is_new)
{
	if (is_new && ask_new(a) < 0)
		return -1;
	if (!a->readonly && take_lock(a) < 0)
		return -1;
	a->eng = nb_engine_new(a->rep, a->last);
	if (!a->eng)
		return -1;
	if (!a->readonly) {
		nb_save_sweep(a->ses.path);
		if (offer_recovery(a) < 0)
			return -1;
	}
	nb_engine_check_all(a->eng);
	if (a->ses.ro_file && !a->readonly && !a->msg[0])
		nb_msg(a, NB_SEV_WARNING, "文件是只读的：修改后 ^S 时会询问；可按 ^O 另存为");
	if (is_new) {
		nb_engine_derive_all(a->eng);
		/* Create the file at once: it records the layout chosen, which
		 * a recovery journal alone could not. */
		if (nb_session_save(a, 0) < 0)
			a->modified = 1;
	}
	return 0;
}

void nb_session_journal(nb_app *a, const char *key, const char *val)
{
	if (a->readonly)
		return;
	open_journal(a);
	if (!a->ses.journal)
		return;
	nb_journal_add(a->ses.journal, key, val, strlen(val));
	a->ses.journal_pending = 1;
}

/* A flush at most every FLUSH_MS keeps typing from waiting on fsync; a
 * failing one (disk full, directory made read-only) is tried again every
 * RETRY_MS until it works, with or without new changes: the records stay
 * queued in memory meanwhile. */
#define FLUSH_MS 250
#define RETRY_MS 2000

int nb_session_due_ms(const nb_app *a)
{
	int64_t left;

	if (!a->ses.journal || !a->ses.journal_pending)
		return -1;
	left = a->ses.last_flush_ms + (a->ses.flush_failed ? RETRY_MS : FLUSH_MS) -
	       nb_now_ms();
	return left < 0 ? 0 : (int)left;
}

void nb_session_tick(nb_app *a, int force)
{
	if (!force && nb_session_due_ms(a) != 0)
		return;
	if (!a->ses.journal || !a->ses.journal_pending)
		return;
	a->ses.last_flush_ms = nb_now_ms();
	if (nb_journal_flush(a->ses.journal) < 0) {
		if (!a->ses.flush_failed)
			nb_msg(a, NB_SEV_ERROR, "恢复记录写入失败（%s）；请尽快按 ^S 保存",
			       strerror(errno));
		a->ses.flush_failed = 1;
		return;
	}
	if (a->ses.flush_failed)
		nb_msg(a, 0, "恢复记录又能写入了，修改已记下");
	a->ses.flush_failed = 0;
	a->ses.journal_pending = 0;
}

int nb_session_durable(nb_app *a)
{
	if (!a->modified)
		return 1;
	nb_session_tick(a, 1);
	return a->ses.journal && !a->ses.journal_pending &&
	       nb_journal_pending(a->ses.journal) == 0;
}

/* Has someone else written the file since we loaded or saved it? */
static int changed_on_disk(nb_app *a)
{
	struct stat st;
	char h[65];

	if (stat(a->ses.path, &st) < 0)
		return a->ses.exists; /* it was there and is gone */
	if (!a->ses.exists)
		return 1;
	if (st.st_ino == a->ses.st.st_ino && st.st_dev == a->ses.st.st_dev &&
	    st.st_size == a->ses.st.st_size &&
	    st.st_mtim.tv_sec == a->ses.st.st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == a->ses.st.st_mtim.tv_nsec)
		return 0;
	/* Touched, or copied back unchanged, is not a change. */
	if (nb_hash_file(a->ses.path, h) < 0)
		return 1;
	return strcmp(h, a->ses.hash) != 0;
}

/* Same real file? (symlinks followed, as a save follows them) */
static int same_file(const char *p, const char *q)
{
	char *rp = nb_save_resolve(p), *rq = nb_save_resolve(q);
	int same = rp && rq && strcmp(rp, rq) == 0;

	free(rp);
	free(rq);
	return same;
}

/* The file we are about to overwrite is ours to overwrite: unchanged on
 * disk since we read it, and our lock not taken over. 1 go on, 0 stop,
 * 2 the clerk chose "save as". */
static int may_overwrite(nb_app *a)
{
	const char *lp[3];
	int k, held = a->ses.lock ? nb_lock_held(a->ses.lock) : 1;

	if (held == 0) {
		lp[0] = "这份报告的锁已被其他 nianbao 接管，对方可能正在编辑。";
		lp[1] = "覆盖会丢失对方的修改。";
		k = nb_ask(a, "报告已被他人接管", lp, 2,
			   "c 取消   a 另存为   o 仍然覆盖", "cao", 1);
		if (k == 'a')
			return 2;
		if (k != 'o')
			return 0;
	}
	if (file_readonly(a->ses.path)) {
		lp[0] = "这份报告文件是只读的（没有写权限），可能是有意防止改动。";
		lp[1] = "可以另存为其他文件；确需覆盖时选 o（文件仍保持只读）。";
		k = nb_ask(a, "文件是只读的", lp, 2,
			   "a 另存为   c 取消   o 仍然覆盖", "aco", 1);
		if (k == 'a')
			return 2;
		if (k != 'o')
			return 0;
	}
	if (changed_on_disk(a)) {
		lp[0] = "文件在打开后被其他程序或其他人修改过。";
		lp[1] = "覆盖会丢失对方的修改。";
		k = nb_ask(a, "文件已在磁盘上被修改", lp, 2,
			   "c 取消   a 另存为   o 仍然覆盖", "cao", 1);
		if (k == 'a')
			return 2;
		if (k != 'o')
			return 0;
	}
	return 1;
}

/* Ask where to save a copy. NULL when the clerk gave up; *lock is the
 * new file's lock when we are to go on editing it. */
static char *ask_target(nb_app *a, nb_lock **lock)
{
	const char *lp[3];
	char err[256], l0[400], l1[400];
	nb_lock_owner o;
	char *t;

	*lock = NULL;
	t = nb_ask_line(a, "另存为（文件名）：", a->ses.path, 0);
	if (!t || !*t) {
		free(t);
		return NULL;
	}
	{
		/* Any answer but "no such file" (EACCES from a link the kernel
		 * will not follow, ELOOP...) is a refusal, never "absent". */
		struct stat tst;
		if (stat(t, &tst) != 0 && errno != ENOENT) {
			char shown[300];
			nb_clean_name(shown, sizeof shown, t);
			snprintf(l0, sizeof l0, "%s: %.90s", shown, strerror(errno));
			lp[0] = l0;
			nb_ask(a, "不能另存为这个文件", lp, 1, "c 取消", "c", 1);
			free(t);
			return NULL;
		}
	}
	if (access(t, F_OK) == 0 && !same_file(t, a->ses.path)) {
		lp[0] = t;
		if (nb_ask(a, "文件已存在", lp, 1, "n 不覆盖   y 覆盖", "ny", 1) != 'y') {
			free(t);
			return NULL;
		}
	}
	if (same_file(t, a->ses.path))
		return t;
	/* Never write over a report another nianbao has open. */
	memset(&o, 0, sizeof o);
	switch (nb_lock_take(t, lock, &o, err, sizeof err)) {
	case 0:
		break;
	case 1:
		snprintf(l0, sizeof l0, "%s 正由用户 %s 编辑", t, o.user);
		snprintf(l1, sizeof l1, "主机 %s，进程 %ld%s", o.host, (long)o.pid,
			 o.stale ? "（该进程已不存在）" : "");
		lp[0] = l0;
		lp[1] = l1;
		if (o.stale && nb_ask(a, "文件已被锁定", lp, 2,
				      "c 取消   t 接管并保存", "ct", 1) == 't' &&
		    nb_lock_steal(t, lock, err, sizeof err) == 0)
			break;
		if (!o.stale)
			nb_ask(a, "文件已被锁定", lp, 2, "c 取消", "c", 1);
		free(t);
		return NULL;
	default:
		*lock = NULL; /* no lock possible there: the save will tell */
		break;
	}
	return t;
}

int nb_session_save(nb_app *a, int ask_path)
{
	char *buf = NULL, *answer = NULL;
	const char *target = a->ses.path;
	nb_lock *newlock = NULL;
	size_t len;
	nb_saveerr se;
	const char *lp[3];
	int k, r, moved = 0;

	/* What is being typed is saved too; a text that is not yet a value
	 * stops the save rather than vanish under a "saved" message. */
	if (nb_grid_commit_or_keep(a) < 0)
		return -1;
	nb_edit_text_commit(a);
	if (!ask_path && a->readonly) {
		nb_msg(a, NB_SEV_WARNING, "只读查看模式不能保存到原文件；可按 ^O 另存为");
		return -1;
	}
	if (ask_path) {
		answer = ask_target(a, &newlock);
		if (!answer) {
			nb_msg(a, 0, "已取消另存为");
			return -1;
		}
		target = answer;
	}
	if (!ask_path || same_file(target, a->ses.path)) {
		if (a->readonly) {
			free(answer);
			nb_msg(a, NB_SEV_WARNING, "只读查看模式不能保存到原文件");
			return -1;
		}
		switch (may_overwrite(a)) {
		case 2:
			free(answer);
			return nb_session_save(a, 1);
		case 0:
			free(answer);
			nb_msg(a, 0, "未保存");
			return -1;
		}
		target = a->ses.path;
	}
	nb_err why;
	if (nb_report_save(a->rep, &buf, &len, &why) != 0) {
		if (newlock)
			nb_lock_release(newlock);
		free(answer);
		nb_msg(a, NB_SEV_ERROR, "保存失败：%s", why.msg);
		return -1;
	}
	r = nb_save_atomic(target, buf, len, NULL, &se);
	if (r < 0 && !(se.step && strcmp(se.step, "fsync-dir") == 0)) {
		free(buf);
		if (newlock)
			nb_lock_release(newlock);
		free(answer);
		lp[0] = se.msg;
		/* se.msg already says the original is untouched. */
		lp[1] = nb_session_durable(a) ? "修改仍在编辑器中和恢复记录里。" :
			"修改只在编辑器中（恢复记录也无法写入），请另存为其他位置。";
		k = nb_ask(a, "保存失败", lp, 2, "a 另存为其他位置   c 取消", "ac", 1);
		if (k == 'a')
			return nb_session_save(a, 1);
		nb_msg(a, NB_SEV_ERROR, "未保存：%s", se.msg);
		return -1;
	}
	if (target != a->ses.path && !a->readonly) {
		/* Save-as: go on editing the new file, under its own lock. The
		 * old file's journal goes: every change it held is in the new
		 * file, and later ones are journalled beside the new file. */
		if (a->ses.lock)
			nb_lock_release(a->ses.lock);
		a->ses.lock = newlock;
		newlock = NULL;
		if (a->ses.journal) {
			nb_journal_retire(a->ses.journal);
			nb_journal_close(a->ses.journal);
			a->ses.journal = NULL;
			a->ses.journal_pending = 0;
		}
		free(a->ses.path);
		a->ses.path = answer;
		answer = NULL;
		target = a->ses.path;
		moved = 1;
		nb_save_sweep(a->ses.path);
		/* A journal left there by someone's crash would be replaced by
		 * our first flush: keep it apart instead. */
		{
			char *jp = nb_journal_path(a->ses.path);
			struct stat jst;
			if (jp && lstat(jp, &jst) == 0 && S_ISREG(jst.st_mode) &&
			    jst.st_uid == geteuid())
				set_aside(a, jp);
			free(jp);
		}
	}
	if (newlock)
		nb_lock_release(newlock); /* a copy saved from review mode */
	if (target == a->ses.path) {
		nb_hash_buf(buf, len, a->ses.hash);
		if (stat(a->ses.path, &a->ses.st) < 0)
			memset(&a->ses.st, 0, sizeof a->ses.st);
		a->ses.exists = 1;
		a->modified = r < 0; /* fsync-dir failed: save again later */
		if (a->ses.journal) {
			if (r == 0) {
				/* Saved for good: the journal is no longer needed. */
				nb_journal_retire(a->ses.journal);
				nb_journal_close(a->ses.journal);
				a->ses.journal = NULL;
				a->ses.journal_pending = 0;
			} else {
				/* Keep it, but applying to what is now on disk. */
				nb_journal_set_base(a->ses.journal, a->ses.hash);
				a->ses.journal_pending = 1;
			}
		}
	}
	free(buf);
	if (r < 0)
		nb_msg(a, NB_SEV_WARNING, "已写入，但未能确认写到磁盘（%s）；请再按 ^S 保存", se.msg);
	else if (answer)
		nb_msg(a, 0, "已另存为 %s（仍在只读查看原文件）", answer);
	else if (se.warn)
		nb_msg(a, NB_SEV_WARNING, "已%s，但%s", moved ? "另存为" : "保存", se.note);
	else
		nb_msg(a, 0, "已%s %s（错误 %d，提醒 %d）", moved ? "另存为" : "保存",
		       a->ses.path, nb_engine_count(a->eng, NB_SEV_ERROR),
		       nb_engine_count(a->eng, NB_SEV_WARNING));
	free(answer);
	return 0;
}

void nb_session_close(nb_app *a, int hangup)
{
	if (a->ses.journal) {
		if (!hangup && !a->modified)
			nb_journal_retire(a->ses.journal);
		nb_journal_close(a->ses.journal); /* flushes; keeps a live journal */
		a->ses.journal = NULL;
	}
	if (a->ses.lock) {
		nb_lock_release(a->ses.lock);
		a->ses.lock = NULL;
	}
}
