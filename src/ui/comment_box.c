/* The comment key of nianbao view: what the comment is about (the cell,
 * its table, its section or the whole report), its text, then the
 * document writes it into the report file under the report's lock. When
 * the clerk holds the lock the comment is kept and offered again. */
#include "ui/view.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/comments.h"

static const char *who(void)
{
	const struct passwd *pw = getpwuid(getuid());
	const char *u = getenv("USER");

	return pw && pw->pw_name ? pw->pw_name : u ? u : "";
}

static void keep(nb_view *v, const char *path, const char *target, const char *text)
{
	free(v->pend_path);
	free(v->pend_target);
	free(v->pend_text);
	v->pend_path = strdup(path);
	v->pend_target = strdup(target);
	v->pend_text = strdup(text);
}

static void drop(nb_view *v)
{
	free(v->pend_path);
	free(v->pend_target);
	free(v->pend_text);
	v->pend_path = v->pend_target = v->pend_text = NULL;
}

void nb_view_comment(nb_app *a)
{
	nb_view *v = a->view;
	const nb_form *f = a->form;
	int cell, field, n = 0, def = 0, t = -1, sec = -1, r, c;
	char ids[4][128], items[4][1200], where[1024];
	const char *ip[4];
	const char *why[2];
	char *text;
	char path[4096];
	nb_lock_owner holder;
	nb_err e;
	nb_status st;
	int pending = v->pend_path && strcmp(v->pend_path, a->doc->path) == 0;

	nb_view_here(a, &cell, &field);
	if (cell >= 0) {
		nb_form_cell_pos(f, cell, &t, &r, &c);
		sec = t >= 0 ? f->table[t].section : -1;
		nb_form_cell_id(f, cell, ids[n], sizeof ids[n]);
		nb_comment_where(f, ids[n], where, sizeof where);
		snprintf(items[n], sizeof items[n], "这一格：%s", where);
		n++;
		snprintf(ids[n], sizeof ids[n], "%s", f->table[t].id);
		snprintf(items[n], sizeof items[n], "这张表：%s", f->table[t].name);
		n++;
	} else if (field >= 0) {
		sec = f->field[field].section;
	} else if (a->scr == NB_SCR_SECTION && a->part >= 1 && a->part <= f->nsection) {
		sec = a->part - 1;
	}
	if (sec >= 0) {
		snprintf(ids[n], sizeof ids[n], "%s", f->section[sec].id);
		snprintf(items[n], sizeof items[n], "这一部分：%s", f->section[sec].heading);
		n++;
	}
	snprintf(ids[n], sizeof ids[n], "report");
	snprintf(items[n], sizeof items[n], "整份报告");
	n++;
	for (int i = 0; i < n; i++) {
		ip[i] = items[i];
		if (pending && strcmp(ids[i], v->pend_target) == 0)
			def = i;
	}
	if (pending && strcmp(ids[def], v->pend_target) != 0) {
		/* The kept comment was about a place elsewhere: offer it too. */
		snprintf(ids[n - 1], sizeof ids[n - 1], "%s", v->pend_target);
		nb_comment_where(f, v->pend_target, where, sizeof where);
		snprintf(items[n - 1], sizeof items[n - 1], "未送出的意见所指：%s", where);
		def = n - 1;
	}
	r = nb_ask_choice(a, pending ? "审核意见（上次未送出，可再次发送）" : "审核意见针对",
			  ip, n, def, NULL, 0);
	a->full = 1;
	if (r < 0)
		return;
	nb_comment_where(f, ids[r], where, sizeof where);
	why[0] = where;
	why[1] = "写入报告文件（不改动任何数字）；Enter 送出，Esc 取消。";
	text = nb_ask_text(a, "审核意见", why, 2, "意见：", pending ? v->pend_text : "", 0);
	a->full = 1;
	if (!text)
		return;
	if (!*text) {
		free(text);
		nb_msg(a, 0, "意见是空的，没有写入");
		return;
	}
	snprintf(path, sizeof path, "%s", a->doc->path);
	memset(&holder, 0, sizeof holder);
	st = nb_doc_add_comment(path, a->doc->hash, ids[r], text, who(), &holder, &e);
	switch (st) {
	case NB_OK:
	case NB_NOT_DURABLE:
		drop(v);
		nb_queue_set_pending(&v->q, v->cur); /* its count of comments */
		v->loading = 1;
		nb_view_reload(a);
		nb_msg(a, 0, "审核意见已写入 %s（%s）", path, where);
		break;
	case NB_LOCKED:
		keep(v, path, ids[r], text);
		nb_msg(a, NB_SEV_WARNING, "用户 %s（主机 %s）正在编辑这份报告，意见未写入，已保留：稍后再按 c 发送",
		       holder.user, holder.host);
		break;
	case NB_CHANGED_ON_DISK:
		keep(v, path, ids[r], text);
		nb_view_reload(a);
		nb_msg(a, NB_SEV_WARNING, "报告在查看期间被修改过，已重新读取；意见已保留，请看过后再按 c 发送");
		break;
	default:
		keep(v, path, ids[r], text);
		nb_msg(a, NB_SEV_ERROR, "意见未写入，已保留：%s", e.msg);
		break;
	}
	free(text);
}
