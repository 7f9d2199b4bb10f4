/* nianbao view: start-up, opening and closing reports of the queue, and
 * the background work of the list (reading, watching the files). */
#include "ui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/queue_load.h"
#include "io/report_yaml.h"

/* Files read per idle tick: small enough that a key waits at most a few
 * milliseconds, large enough that 1,000 reports fill in within seconds. */
#define LOAD_PER_TICK 8
#define STAT_MS 1000

/* Every screen position of the report: a new report starts at the top. */
static void reset_places(nb_app *a)
{
	a->part = a->sub = 0;
	a->editing = 0;
	a->cover_field = 0;
	a->list_sel = 0;
	/* Each screen's own places (scroll, selection) start afresh. */
	for (int s = 0; s < NB_SCR_COUNT; s++)
		if (a->priv[s])
			memset(a->priv[s], 0, nb_screen_of((nb_scr)s)->priv_size);
	a->find_i = -1;
	a->te.field = -1;
}

static void close_report(nb_app *a)
{
	if (!a->doc)
		return;
	nb_session_close(a, 0);
	nb_report_free(a->last);
	a->last = NULL;
	free(a->tpos);
	a->tpos = NULL;
	a->form = NULL;
	free(a->view->hits);
	a->view->hits = NULL;
	a->view->nhits = 0;
}

void nb_view_back(nb_app *a)
{
	nb_view *v = a->view;

	if (a->scr != NB_SCR_QUEUE)
		nb_go(a, NB_SCR_QUEUE); /* the report's screen closes first */
	if (v->cur >= 0) {
		int pos = nb_queue_pos(&v->q, v->cur);
		if (pos >= 0)
			v->sel = pos;
	}
	close_report(a);
	v->cur = -1;
	a->full = 1;
}

static int load_into(nb_app *a, int i, char *err, size_t n)
{
	nb_view *v = a->view;
	const nb_qentry *e = &v->q.e[i];

	if (e->last >= 0 && v->q.e[e->last].state == NB_QE_LOADED) {
		nb_err le;
		nb_load_status ls;
		a->last = nb_report_load_file(v->q.e[e->last].path, &le, &ls);
	}
	if (nb_session_load(a, e->path, err, n) != 0) {
		if (!err[0])
			snprintf(err, n, "%s: 文件不存在", e->path);
		nb_report_free(a->last);
		a->last = NULL;
		return -1;
	}
	a->tpos = calloc((size_t)a->form->ntable + 1, sizeof *a->tpos);
	if (!a->tpos) {
		snprintf(err, n, "内存不足");
		close_report(a);
		return -1;
	}
	return 0;
}

int nb_view_open(nb_app *a, int i)
{
	nb_view *v = a->view;
	char err[600] = "";

	if (a->scr != NB_SCR_QUEUE)
		nb_go(a, NB_SCR_QUEUE);
	close_report(a);
	reset_places(a);
	v->cur = -1;
	if (load_into(a, i, err, sizeof err) < 0) {
		nb_msg(a, NB_SEV_ERROR, "%s", err);
		return -1;
	}
	v->cur = i;
	/* The reviewer came for what is wrong: start at the first finding. */
	if (nb_engine_nfindings(a->eng) > 0)
		nb_jump_finding(a, 0);
	else
		nb_go(a, NB_SCR_CONTENTS);
	if (!a->msg[0] || nb_engine_nfindings(a->eng) == 0)
		nb_msg(a, 0, "%s%s", v->q.e[i].path,
		       a->last ? "（已对照上年报告检查）" : "");
	return 0;
}

void nb_view_reload(nb_app *a)
{
	nb_view *v = a->view;
	nb_scr scr = a->scr;
	int part = a->part, sub = a->sub, cf = a->cover_field, n;
	nb_tablepos *keep = NULL;
	char err[600] = "";

	if (v->cur < 0 || !a->doc)
		return;
	n = a->form->ntable + 1;
	keep = malloc((size_t)n * sizeof *keep);
	if (keep)
		memcpy(keep, a->tpos, (size_t)n * sizeof *keep);
	nb_go(a, NB_SCR_QUEUE);
	close_report(a);
	if (load_into(a, v->cur, err, sizeof err) < 0) {
		free(keep);
		v->cur = -1;
		nb_msg(a, NB_SEV_ERROR, "%s", err);
		return;
	}
	if (keep && a->form->ntable + 1 == n)
		memcpy(a->tpos, keep, (size_t)n * sizeof *keep);
	free(keep);
	a->part = part;
	a->sub = sub;
	a->cover_field = cf;
	nb_go(a, scr == NB_SCR_QUEUE || scr == NB_SCR_HELP || scr == NB_SCR_SMALL
		 ? NB_SCR_CONTENTS : scr);
}

const char *nb_view_mark(nb_app *a)
{
	static char buf[64];
	nb_view *v = a->view;
	int pos = v->cur >= 0 ? nb_queue_pos(&v->q, v->cur) : -1;

	if (v->has_list && pos >= 0)
		snprintf(buf, sizeof buf, " [只读查看 %d/%d]", pos + 1, v->q.norder);
	else
		snprintf(buf, sizeof buf, " [只读查看]");
	return buf;
}

int nb_view_due_ms(const nb_app *a)
{
	const nb_view *v = a->view;
	int64_t left;

	if (v->loading)
		return 0;
	left = v->next_stat_ms - nb_now_ms();
	return left < 0 ? 0 : left > 60000 ? 60000 : (int)left;
}

void nb_view_idle(nb_app *a)
{
	nb_view *v = a->view;
	int64_t now = nb_now_ms();

	if (v->loading) {
		v->loading = nb_queue_step(&v->q, LOAD_PER_TICK);
		nb_view_reorder(a);
		if (!v->loading && a->scr == NB_SCR_QUEUE && !a->msg[0])
			nb_msg(a, 0, "已全部读取：%d 份报告", v->q.n);
	}
	if (now >= v->next_stat_ms) {
		int changed = 0;
		nb_err e;
		if (v->dir)
			changed += nb_queue_scan_dir(&v->q, v->dir, &e) > 0;
		changed += nb_queue_stat(&v->q) > 0;
		if (changed) {
			v->loading = 1;
			nb_view_reorder(a);
		}
		v->next_stat_ms = now + STAT_MS;
	}
}

int nb_ui_view(char *const *paths, int n, const nb_ui_opts *o)
{
	nb_app app, *a = &app;
	nb_view view;
	struct stat st;
	int status = 0;

	memset(a, 0, sizeof *a);
	memset(&view, 0, sizeof view);
	nb_queue_init(&view.q);
	a->view = &view;
	view.cur = -1;
	reset_places(a);
	if (nb_term_check_locale() < 0)
		return 2;
	nb_signals_init();
	a->want_readonly = 1;
	a->ascii = o && o->ascii_lines;
	if (n == 1 && stat(paths[0], &st) == 0 && S_ISDIR(st.st_mode)) {
		nb_err e;
		view.dir = paths[0];
		if (nb_queue_scan_dir(&view.q, view.dir, &e) < 0) {
			fprintf(stderr, "nianbao: %s\n", e.msg);
			return 2;
		}
		view.has_list = 1;
	} else {
		for (int i = 0; i < n; i++) {
			if (stat(paths[i], &st) < 0) {
				fprintf(stderr, "nianbao: %s: 文件不存在\n", paths[i]);
				nb_queue_free(&view.q);
				return 2;
			}
			nb_queue_add(&view.q, paths[i]);
		}
		view.has_list = n > 1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "nianbao: 查看器需要在终端中运行（标准输入和输出都必须是终端）\n");
		nb_queue_free(&view.q);
		return 2;
	}
	if (!view.has_list) {
		/* One report: read it (and nothing else) before the screen. */
		char err[600] = "";
		nb_queue_load(&view.q, 0);
		if (load_into(a, 0, err, sizeof err) < 0) {
			fprintf(stderr, "nianbao: %s\n", err);
			nb_queue_free(&view.q);
			return 2;
		}
		close_report(a);
	}
	if (nb_privs_alloc(a) < 0) {
		fprintf(stderr, "nianbao: 内存不足\n");
		nb_privs_free(a);
		nb_queue_free(&view.q);
		return 2;
	}
	view.loading = view.has_list;
	view.next_stat_ms = nb_now_ms() + STAT_MS;
	nb_term_start(a);
	a->scr = NB_SCR_QUEUE;
	if (!view.has_list)
		nb_view_open(a, 0);
	else if (view.q.n == 0)
		nb_msg(a, NB_SEV_WARNING, "%s 中没有报告文件（*.yaml）", view.dir ? view.dir : "");
	nb_loop_run(a);
	if (nb_hangup) {
		close_report(a);
		if (nb_hangup == SIGTERM)
			nb_term_stop();
		status = 1;
	} else {
		close_report(a);
		nb_term_stop();
	}
	nb_tb_free(&a->te.tb);
	nb_tb_layout_free(&a->te.lay);
	nb_privs_free(a);
	free(view.hits);
	free(view.pend_path);
	free(view.pend_target);
	free(view.pend_text);
	nb_queue_free(&view.q);
	return status;
}
