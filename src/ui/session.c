/* The questions the editor asks about the report on disk. Every policy
 * (lock, journal, recovery, whether a save may overwrite) is the document
 * layer's (src/doc): it answers with a named status, and this file turns
 * the status into a question to the clerk and calls again with the answer. */
#include "ui/app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/import.h"
#include "io/report_yaml.h"

static void when(time_t t, char *buf, size_t n)
{
	struct tm tm;

	if (t == 0 || !localtime_r(&t, &tm)) {
		snprintf(buf, n, "（时间不明）");
		return;
	}
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

/* The document's pieces the screens use every moment. */
static void adopt(nb_app *a, nb_doc *d)
{
	a->doc = d;
	a->form = d->form;
	a->rep = d->rep;
	a->eng = d->eng;
	a->undo = d->undo;
	if (a->want_readonly)
		d->readonly = 1;
}

int nb_session_load(nb_app *a, const char *path, char *err, size_t n)
{
	nb_doc *d;
	nb_err e;
	nb_status st = nb_doc_open(path, a->last, &d, &e);

	if (st == NB_NOT_FOUND) {
		a->new_path = strdup(path);
		if (!a->new_path) {
			snprintf(err, n, "%s: %s", path, nb_status_text(NB_NOMEM));
			return -1;
		}
		return 1;
	}
	if (st != NB_OK) {
		snprintf(err, n, "%s", e.msg);
		return -1;
	}
	adopt(a, d);
	return 0;
}

/* Last year's report for a new one: the clerk names the file (--last is
 * proposed); blank for none. -1 when the clerk gave up (Esc). */
static int ask_from(nb_app *a, nb_report **from, char *name, size_t namelen)
{
	const char *why[3];
	char *p, l0[300], init[4096];
	int nwhy = 2;

	*from = NULL;
	snprintf(init, sizeof init, "%s", a->last_path ? a->last_path : "");
	why[0] = "可从上年报告结转：机关名称和联系方式、上年结转的申请数、";
	why[1] = "现行有效件数等。没有上年报告就留空，直接按 Enter。";
	for (;;) {
		nb_err e;
		nb_load_status st;

		p = nb_ask_text(a, "新建报告：上年报告", why, nwhy, "上年报告文件（可留空）：",
				init, 0);
		if (!p)
			return -1;
		if (!*p) {
			free(p);
			return 0;
		}
		*from = nb_report_load_file(p, &e, &st);
		/* Last year's report as published (its portal page or text)
		 * serves as well, as with `nianbao new --from`. */
		if (!*from && st != NB_LOAD_IO) {
			nb_err ie;
			*from = nb_import_file(p, NULL, &ie);
		}
		if (*from) {
			snprintf(name, namelen, "%s", p);
			free(p);
			return 0;
		}
		snprintf(l0, sizeof l0, "%.290s", e.msg);
		why[2] = l0;
		nwhy = 3;
		snprintf(init, sizeof init, "%s", p);
		free(p);
		beep();
		erase();
	}
}

/* A new report: ask the year first, then offer the layout in force, then
 * last year's report to carry over from. */
static int ask_new(nb_app *a)
{
	char *y = NULL, l0[4200], init[16], title[64], ywhy[120];
	const char *why[3];
	int year, nf = nb_forms_count(), nwhy = 2, def = 0, sel;
	const nb_form *f;
	nb_report *from = NULL;
	char from_name[4096] = "";
	nb_doc *d;
	nb_err e;
	time_t now = time(NULL);
	struct tm tm;

	/* A report is written early in the year after the one it covers. */
	snprintf(init, sizeof init, "%d", localtime_r(&now, &tm) ? tm.tm_year + 1900 - 1 : 2024);
	snprintf(l0, sizeof l0, "文件 %s 还不存在，将新建一份年度报告。", a->new_path);
	why[0] = l0;
	why[1] = "报告年度是报告所统计的那一年，通常是上一年。";
	for (;;) {
		free(y);
		y = nb_ask_text(a, "新建报告", why, nwhy, "请输入报告年度：", init, 1);
		if (!y)
			return -1;
		year = atoi(y);
		if (year >= NB_YEAR_MIN && year <= NB_YEAR_MAX)
			break;
		snprintf(ywhy, sizeof ywhy, "年度应为 %d 至 %d 之间的四位数字，如 2024。",
			 NB_YEAR_MIN, NB_YEAR_MAX);
		why[2] = ywhy;
		nwhy = 3;
		snprintf(init, sizeof init, "%.15s", y);
		beep();
		erase(); /* the box grows by the line that says why */
	}
	free(y);
	erase(); /* the year box goes before the layout box shows */
	f = nb_forms_for_year(year);
	if (a->last && a->last_path) {
		/* --last names last year's report: carry over from it unless
		 * the clerk names another. */
		from = nb_report_dup(a->last);
		snprintf(from_name, sizeof from_name, "%s", a->last_path);
	}
	for (int i = 0; i < nf; i++)
		if (nb_forms_get(i) == f)
			def = i;
	/* Any number of forms: a list, the one in force selected; F names
	 * last year's report to carry over from (as `nianbao new --from`). */
	{
		const char **names = calloc((size_t)nf + 1, sizeof *names);
		char (*lines)[200] = calloc((size_t)nf + 1, sizeof *lines);
		if (!names || !lines) {
			free(names);
			free(lines);
			nb_report_free(from);
			return -1;
		}
		for (int i = 0; i < nf; i++) {
			const nb_form *g = nb_forms_get(i);
			snprintf(lines[i], sizeof lines[i], "%s%s", g->name,
				 g == f ? "（该年度适用）" : "");
			names[i] = lines[i];
		}
		for (;;) {
			snprintf(title, sizeof title, "选择报告格式（%d 年度）%s%.40s", year,
				 from ? "，从上年报告结转：" : "", from ? from_name : "");
			sel = nb_ask_choice(a, title, names, nf, def, "F 从上年报告结转", 'f');
			if (sel != -2)
				break;
			erase();
			nb_report_free(from);
			from = NULL;
			if (ask_from(a, &from, from_name, sizeof from_name) < 0) {
				sel = -1;
				break;
			}
		}
		free(names);
		free(lines);
	}
	if (sel < 0) {
		nb_report_free(from);
		return -1;
	}
	f = nb_forms_get(sel);
	erase();
	if (nb_doc_create(a->new_path, f, year, from, &d, &e) != NB_OK) {
		nb_report_free(from);
		return -1;
	}
	if (from) {
		/* It serves as last year's report for the carry-over checks. */
		nb_report_free(a->last);
		a->last = from;
	}
	adopt(a, d);
	return 0;
}

static int take_lock(nb_app *a)
{
	nb_lock_owner o;
	nb_err e;
	char l0[600], l1[400], l2[160], since[64];
	const char *lp[4];
	int k;

	switch (nb_doc_lock(a->doc, &o, &e)) {
	case NB_OK:
		return 0;
	case NB_LOCK_FAILED:
		snprintf(l0, sizeof l0, "%s", e.msg); /* names the file and the cause */
		lp[0] = l0;
		lp[1] = "其他人可能同时编辑这份报告而互相覆盖。";
		k = nb_ask(a, "无法加锁", lp, 2,
			   "r 只读查看   e 仍然编辑   q 退出", "req", 0);
		if (k == 'e') {
			nb_doc_edit_unlocked(a->doc);
			return 0;
		}
		return k == 'r' ? 0 : -1;
	default:
		break;
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
			char *lpath = nb_lock_path(a->doc->path), l3[600], l4[500], l5[160];
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
	if (k == 'r')
		return 0;
	if (k == 't') {
		if (nb_doc_steal_lock(a->doc, &e) == NB_OK)
			return 0;
		lp[0] = e.msg;
		k = nb_ask(a, "接管失败", lp, 1, "r 只读查看   q 退出", "rq", 0);
		if (k == 'r')
			return 0;
	}
	return -1;
}

static void say_aside(nb_app *a, nb_status st, const nb_err *e)
{
	if (st == NB_OK && a->doc->aside[0])
		nb_msg(a, 0, "恢复记录已另放为 %s", a->doc->aside);
	else if (st != NB_OK)
		nb_msg(a, NB_SEV_ERROR, "%s；只读打开，以免覆盖它", e->msg);
}

/* Someone else's file at a journal's name (their journal, a FIFO, a
 * link). Never presented as the clerk's, never deleted: the clerk may
 * leave it (our journal then goes to the state directory) or, as an
 * explicit choice confirmed once more, restore a readable one. 1 when
 * the clerk chose to restore, 0 leave it, -1 quit. */
static int foreign_journal(nb_app *a, const nb_journal_info *info, const nb_err *e)
{
	char l0[700], l1[600], t[64];
	const char *lp[4];
	int k;

	if (info->not_regular || info->nrecords == 0) {
		snprintf(l0, sizeof l0, "%s", e->msg);
		snprintf(l1, sizeof l1, "它属于用户 %s，不是您的恢复记录；不会打开、改名或删除它。",
			 info->owner);
		lp[0] = l0;
		lp[1] = l1;
		lp[2] = "您这次的修改另记在个人目录（~/.local/state/nianbao）。";
		k = nb_ask(a, "恢复记录的位置被占用", lp, 3, "c 继续   q 退出", "cq", 0);
		return k == 'c' ? 0 : -1;
	}
	when(info->last, t, sizeof t);
	snprintf(l0, sizeof l0, "恢复记录 %.400s 属于用户 %s（文件的所有者），不是您的。",
		 a->doc->jfound, info->owner);
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

static void recover(nb_app *a)
{
	nb_err e;
	int applied, failed;
	nb_status st = nb_doc_recover(a->doc, &applied, &failed, &e);

	if (st == NB_JOURNAL_DAMAGED)
		nb_msg(a, NB_SEV_ERROR, "恢复失败：%s（恢复记录已保留）", e.msg);
	else if (st != NB_OK)
		say_aside(a, st, &e);
	else if (failed)
		nb_msg(a, NB_SEV_WARNING, "已恢复 %d 处修改，%d 处无法恢复（%s）",
		       applied, failed, e.msg);
	else
		nb_msg(a, 0, "已恢复 %d 处修改。请检查后按 ^S 保存", applied);
}

/* One old journal found by the document (beside the report or in the state
 * directory). The first flush of our own journal replaces an old one of
 * ours, so by the time this returns it is restored into ours, set aside,
 * or deleted because the clerk said so; otherwise we stay read-only.
 * 1 handled (look for the next), 0 none left, -1 the clerk quit. */
static int offer_one(nb_app *a)
{
	char l0[600], l1[500], l2[200], t[64];
	const char *lp[4];
	nb_journal_info info;
	nb_err e;
	nb_status st;
	int k;

	st = nb_doc_journal_probe(a->doc, &info, &e);
	if (st == NB_OK) {
		say_aside(a, st, &e);
		return 0;
	}
	if (st == NB_JOURNAL_FOREIGN) {
		k = foreign_journal(a, &info, &e);
		if (k < 0)
			return -1;
		if (k == 1)
			recover(a);
		else
			nb_doc_journal_keep(a->doc);
		return 1;
	}
	if (st != NB_JOURNAL_FOUND) {
		snprintf(l0, sizeof l0, "%s", e.msg);
		lp[0] = l0;
		k = nb_ask(a, "恢复记录无法读取", lp, 1,
			   "s 另放一边（改名）并继续   q 退出", "sq", 0);
		if (k != 's')
			return -1;
		st = nb_doc_journal_set_aside(a->doc, &e);
		say_aside(a, st, &e);
		return 1;
	}
	when(info.last, t, sizeof t);
	snprintf(l0, sizeof l0, "有 %d 处未保存的修改，最后一处在 %s", info.nrecords, t);
	snprintf(l1, sizeof l1, "来自主机 %s 上用户 %s 的进程 %ld%s", info.host,
		 info.user, (long)info.pid, info.torn ? "（最后一条不完整，已略去）" : "");
	snprintf(l2, sizeof l2, "%s", nb_doc_journal_same_base(a->doc, &info) ?
		 "这些修改是在当前文件的基础上做的。" :
		 "注意：文件在这些修改之后又被改动过，恢复会覆盖相应内容。");
	lp[0] = l0;
	lp[1] = l1;
	lp[2] = l2;
	k = nb_ask(a, "发现上次未保存的修改", lp, 3,
		   "r 恢复   s 另放一边（改名保留）   d 丢弃（删除）   q 退出", "rsdq", 0);
	if (k == 'r') {
		recover(a);
		return 1;
	}
	if (k == 'd') {
		lp[0] = "丢弃后这些修改无法找回。";
		if (nb_ask(a, "确认丢弃", lp, 1, "y 确认丢弃   n 不丢弃（另放一边）",
			   "ny", 0) == 'y') {
			if (nb_doc_journal_discard(a->doc, &e) == NB_OK) {
				nb_msg(a, 0, "已丢弃上次未保存的修改");
				return 1;
			}
			nb_msg(a, NB_SEV_ERROR, "%s", e.msg);
		}
		k = 's';
	}
	if (k == 's') {
		st = nb_doc_journal_set_aside(a->doc, &e);
		say_aside(a, st, &e);
		return 1;
	}
	return -1;
}

/* Every old journal: beside the report, then in the state directory. */
static int offer_recovery(nb_app *a)
{
	int r;

	while ((r = offer_one(a)) > 0 && !a->doc->readonly)
		;
	return r < 0 ? -1 : 0;
}

int nb_session_start(nb_app *a, int is_new)
{
	if (is_new && ask_new(a) < 0)
		return -1;
	if (!a->want_readonly && take_lock(a) < 0)
		return -1;
	/* A journal beside a report that is not there (its file deleted or
	 * never saved) is offered too, never dropped unseen. */
	if (!a->doc->readonly && offer_recovery(a) < 0)
		return -1;
	if (a->doc->ro_file && !a->doc->readonly && !a->msg[0])
		nb_msg(a, NB_SEV_WARNING, "文件是只读的：修改后 ^S 时会询问；可按 ^O 另存为");
	/* Create the file at once: it records the layout chosen, which a
	 * recovery journal alone could not. */
	if (is_new && !a->doc->readonly)
		nb_session_save(a, 0);
	return 0;
}

int nb_session_due_ms(const nb_app *a)
{
	return a->doc ? nb_doc_flush_due_ms(a->doc, nb_now_ms()) : -1;
}

void nb_session_tick(nb_app *a, int force)
{
	int failed;

	if (!a->doc)
		return;
	failed = a->doc->flush_failed;
	/* Each is said once, when it starts: not at every tick. */
	if (nb_doc_flush(a->doc, nb_now_ms(), force) != NB_OK) {
		if (!failed && a->doc->flush_failed) {
			nb_msg(a, NB_SEV_ERROR, "恢复记录写入失败（%s）；请尽快按 ^S 保存",
			       strerror(errno));
		} else if (a->doc->journal_lost && !a->lost_said) {
			nb_msg(a, NB_SEV_ERROR, "有修改无法写入恢复记录；请尽快按 ^S 保存");
			a->lost_said = 1;
		}
	} else if (failed && !a->doc->flush_failed) {
		nb_msg(a, 0, "恢复记录又能写入了，修改已记下");
	}
	if (!a->doc->journal_lost)
		a->lost_said = 0;
}

int nb_session_durable(nb_app *a)
{
	return nb_doc_durable(a->doc, nb_now_ms());
}

/* One question for a refused save; returns the flag the clerk agreed to,
 * 0 to stop, or -1 for "save as". */
static int ask_refusal(nb_app *a, nb_status st, const nb_lock_owner *o, const char *target,
		       const char *e_msg)
{
	const char *lp[3];
	char l0[400], l1[400];
	int k;

	switch (st) {
	case NB_LOCK_LOST:
		lp[0] = "这份报告的锁已被其他 nianbao 接管，对方可能正在编辑。";
		lp[1] = "覆盖会丢失对方的修改。";
		k = nb_ask(a, "报告已被他人接管", lp, 2, "c 取消   a 另存为   o 仍然覆盖", "cao", 1);
		return k == 'a' ? -1 : k == 'o' ? NB_SAVE_LOCK_LOST_OK : 0;
	case NB_READONLY_FILE:
		lp[0] = "这份报告文件是只读的（没有写权限），可能是有意防止改动。";
		lp[1] = "可以另存为其他文件；确需覆盖时选 o（文件仍保持只读）。";
		k = nb_ask(a, "文件是只读的", lp, 2, "a 另存为   c 取消   o 仍然覆盖", "aco", 1);
		return k == 'a' ? -1 : k == 'o' ? NB_SAVE_READONLY_OK : 0;
	case NB_CHANGED_ON_DISK:
		lp[0] = "文件在打开后被其他程序或其他人修改过。";
		lp[1] = "覆盖会丢失对方的修改。";
		k = nb_ask(a, "文件已在磁盘上被修改", lp, 2, "c 取消   a 另存为   o 仍然覆盖", "cao", 1);
		return k == 'a' ? -1 : k == 'o' ? NB_SAVE_CHANGED_OK : 0;
	case NB_EXISTS:
		lp[0] = target;
		return nb_ask(a, "文件已存在", lp, 1, "n 不覆盖   y 覆盖", "ny", 1) == 'y'
		       ? NB_SAVE_REPLACE_OK : 0;
	case NB_LOCKED:
		snprintf(l0, sizeof l0, "%s 正由用户 %s 编辑", target, o->user);
		snprintf(l1, sizeof l1, "主机 %s，进程 %ld%s", o->host, (long)o->pid,
			 o->stale ? "（该进程已不存在）" : "");
		lp[0] = l0;
		lp[1] = l1;
		if (o->stale)
			return nb_ask(a, "文件已被锁定", lp, 2, "c 取消   t 接管并保存", "ct", 1) == 't'
			       ? NB_SAVE_STEAL_OK : 0;
		nb_ask(a, "文件已被锁定", lp, 2, "c 取消", "c", 1);
		return 0;
	case NB_LOCK_FAILED:
		snprintf(l0, sizeof l0, "%.390s", e_msg);
		lp[0] = l0;
		lp[1] = "没有锁，其他人可能同时编辑这个文件而互相覆盖。";
		return nb_ask(a, "无法为新文件加锁", lp, 2, "c 取消   u 仍然另存为（不加锁）", "cu", 1) == 'u'
		       ? NB_SAVE_UNLOCKED_OK : 0;
	default:
		return 0;
	}
}

int nb_session_save(nb_app *a, int ask_path)
{
	char *answer = NULL;
	const char *lp[3];
	nb_lock_owner o;
	nb_err e;
	nb_status st;
	unsigned agreed = 0;
	int was_ro = a->doc->readonly, k;

	/* What is being typed is saved too; a text that is not yet a value
	 * stops the save rather than vanish under a "saved" message. */
	if (nb_grid_commit_or_keep(a) < 0)
		return -1;
	nb_edit_text_commit(a);
	if (!ask_path && a->doc->readonly) {
		nb_msg(a, NB_SEV_WARNING, "只读查看模式不能保存到原文件；可按 ^O 另存为");
		return -1;
	}
	if (ask_path) {
		answer = nb_ask_line(a, "另存为（文件名）：", a->doc->path, 0);
		if (!answer || !*answer) {
			free(answer);
			nb_msg(a, 0, "已取消另存为");
			return -1;
		}
	}
	for (;;) {
		memset(&o, 0, sizeof o);
		st = nb_doc_save(a->doc, answer, agreed, &o, &e);
		if (st == NB_OK || st == NB_NOT_DURABLE || st == NB_SAVE_FAILED)
			break;
		if (st == NB_READONLY_DOC) {
			nb_msg(a, NB_SEV_WARNING, "只读查看模式不能保存到原文件");
			free(answer);
			return -1;
		}
		k = ask_refusal(a, st, &o, answer ? answer : a->doc->path, e.msg);
		if (k < 0) {
			free(answer);
			return nb_session_save(a, 1);
		}
		if (k == 0) {
			free(answer);
			nb_msg(a, 0, st == NB_LOCKED || st == NB_EXISTS || st == NB_LOCK_FAILED ?
			       "已取消另存为" : "未保存");
			return -1;
		}
		agreed |= (unsigned)k;
	}
	if (st == NB_SAVE_FAILED) {
		free(answer);
		lp[0] = e.msg;
		/* e.msg already says the original is untouched. */
		lp[1] = nb_session_durable(a) ? "修改仍在编辑器中和恢复记录里。" :
			"修改只在编辑器中（恢复记录也无法写入），请另存为其他位置。";
		k = nb_ask(a, "保存失败", lp, 2, "a 另存为其他位置   c 取消", "ac", 1);
		if (k == 'a')
			return nb_session_save(a, 1);
		nb_msg(a, NB_SEV_ERROR, "未保存：%s", e.msg);
		return -1;
	}
	if (st == NB_NOT_DURABLE)
		nb_msg(a, NB_SEV_WARNING, "已写入，但未能确认写到磁盘（%s）；请再按 ^S 保存", e.msg);
	else if (answer && was_ro)
		nb_msg(a, 0, "已另存为 %s（仍在只读查看原文件）", answer);
	else if (a->doc->save_note[0])
		nb_msg(a, NB_SEV_WARNING, "已%s，但%s", answer ? "另存为" : "保存", a->doc->save_note);
	else if (a->doc->aside[0] && answer)
		nb_msg(a, 0, "已另存为 %s；那里原有的恢复记录已另放为 %s", a->doc->path,
		       a->doc->aside);
	else
		nb_msg(a, 0, "已%s %s（错误 %d，提醒 %d）", answer ? "另存为" : "保存",
		       a->doc->path, nb_engine_count(a->eng, NB_SEV_ERROR),
		       nb_engine_count(a->eng, NB_SEV_WARNING));
	free(answer);
	return 0;
}

void nb_session_close(nb_app *a, int hangup)
{
	nb_doc_close(a->doc, hangup);
	a->doc = NULL;
	a->rep = NULL;
	a->eng = NULL;
	a->undo = NULL;
}
