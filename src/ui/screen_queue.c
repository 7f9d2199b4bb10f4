/* The list of reports (nianbao view DIR): one line per report with its
 * agency, year, layout, errors, warnings, unfinished (blank input) cells,
 * open comments and whether last year's report of the same body is among
 * the files. Filled in from the
 * loop's idle ticks; sorted and filtered by keys of the actions table. */
#include "ui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/queue_load.h"

static const char *const sort_name[NB_QSORT_COUNT] = {
	"文件名", "机关名称", "错误数", "年度", "未填格数"
};

/* The columns right of the agency, each after a space. Two-character
 * headers keep the line within 80 columns; placed by display width, as
 * printf pads by bytes. */
enum { QC_YEAR, QC_FORM, QC_ERR, QC_WARN, QC_BLANK, QC_COMMENT, QC_LAST, QC_N };
static const struct {
	const char *head;
	int w, left; /* width in columns; left-aligned (else right) */
} qcol[QC_N] = {
	{"年度", 4, 0}, {"格式", 8, 1}, {"错误", 4, 0}, {"提醒", 4, 0},
	{"未填", 4, 0}, {"意见", 4, 0}, {"上年", 4, 0}
};

/* Columns of the figures: each with the space before it. */
static int figs_w(void)
{
	int w = 0;

	for (int c = 0; c < QC_N; c++)
		w += 1 + qcol[c].w;
	return w;
}

static int agency_w(void)
{
	int aw = COLS - 1 - figs_w();
	return aw < 10 ? 10 : aw;
}

/* The figures' cells of one line from x on. */
static void put_cols(int y, int x, const char *const cell[QC_N])
{
	for (int c = 0; c < QC_N && x + 1 < COLS; c++) {
		int w = qcol[c].w < COLS - x - 1 ? qcol[c].w : COLS - x - 1;
		nb_put(y, x, " ", 1, 0);
		if (qcol[c].left)
			nb_put(y, x + 1, cell[c], w, 1);
		else
			nb_put_right(y, x + 1, cell[c], w);
		x += 1 + qcol[c].w;
	}
}

static int list_h(void)
{
	return LINES - 2 - 3 > 1 ? LINES - 2 - 3 : 1;
}

void nb_view_reorder(nb_app *a)
{
	nb_view *v = a->view;
	int keep = v->sel >= 0 && v->sel < v->q.norder ? v->q.order[v->sel] : -1, pos;

	nb_queue_order(&v->q);
	pos = keep >= 0 ? nb_queue_pos(&v->q, keep) : -1;
	if (pos >= 0)
		v->sel = pos;
	if (v->sel >= v->q.norder)
		v->sel = v->q.norder ? v->q.norder - 1 : 0;
	if (v->sel < 0)
		v->sel = 0;
}

static void legend(int y, int ctx)
{
	const nb_actiondef *d[24];
	int n = nb_actions_legend(ctx, d, 24), x = 0;

	for (int i = 0; i < n && x < COLS; i++) {
		char k[32];
		nb_key_name(d[i]->keys[0], k, sizeof k);
		attrset(nb_attr(NB_ATTR_KEY));
		x += nb_put(y, x, k, COLS - x, 0);
		attrset(A_NORMAL);
		x += nb_put(y, x, " ", COLS - x, 0);
		x += nb_put(y, x, d[i]->legend, COLS - x, 0);
		x += nb_put(y, x, "  ", COLS - x, 0);
	}
}

static void row(nb_app *a, int y, int i, int selected)
{
	const nb_qentry *e = &a->view->q.e[i];
	int aw = agency_w(), which = 0;
	char name[512], fig[QC_N][sizeof e->form];
	const char *cell[QC_N];
	const char *base = strrchr(e->path, '/');

	base = base ? base + 1 : e->path;
	if (e->state == NB_QE_LOADED && e->errors)
		which = NB_ATTR_ERROR;
	else if (e->state == NB_QE_BAD)
		which = NB_ATTR_ERROR;
	if (selected) {
		attrset(nb_attr(NB_ATTR_SEL));
		nb_put(y, 0, "", COLS, 1);
		a->cur_y = y;
		a->cur_x = 0;
	}
	if (which && !selected)
		attr_set(nb_attr(which), nb_pair(which), NULL);
	mvaddch(y, 0, (chtype)(e->state == NB_QE_BAD ? '!' : e->state == NB_QE_LOADED ?
			       nb_sev_mark(e->errors ? NB_SEV_ERROR : e->warnings ?
					   NB_SEV_WARNING : 0) : ' '));
	switch (e->state) {
	case NB_QE_PENDING:
		snprintf(name, sizeof name, "%s（读取中）", base);
		nb_put(y, 1, name, COLS - 1, 1);
		break;
	case NB_QE_GONE:
		snprintf(name, sizeof name, "%s（文件已删除）", base);
		nb_put(y, 1, name, COLS - 1, 1);
		break;
	case NB_QE_BAD:
		snprintf(name, sizeof name, "%s 无法读取：%s", base, e->why ? e->why : "");
		nb_put(y, 1, name, COLS - 1, 1);
		break;
	case NB_QE_LOADED:
		nb_put(y, 1, e->agency[0] ? e->agency : base, aw, 1);
		snprintf(fig[QC_YEAR], sizeof fig[0], "%d", e->year);
		snprintf(fig[QC_FORM], sizeof fig[0], "%s", e->form);
		snprintf(fig[QC_ERR], sizeof fig[0], "%d", e->errors);
		snprintf(fig[QC_WARN], sizeof fig[0], "%d", e->warnings);
		snprintf(fig[QC_BLANK], sizeof fig[0], "%d", e->blanks);
		snprintf(fig[QC_COMMENT], sizeof fig[0], "%d", e->comments);
		snprintf(fig[QC_LAST], sizeof fig[0], "%s", e->last >= 0 ? "有" : "-");
		for (int c = 0; c < QC_N; c++)
			cell[c] = fig[c];
		put_cols(y, 1 + aw, cell);
		break;
	}
	attrset(A_NORMAL);
}

static void draw(nb_app *a)
{
	nb_view *v = a->view;
	nb_queue *q = &v->q;
	int h = list_h(), aw = agency_w();
	char head[512];
	const char *cols[QC_N];

	a->ctx = NB_CTX_LIST | NB_CTX_QUEUE | NB_CTX_VIEW;
	snprintf(head, sizeof head, " 审阅 %s：%d 份，有错误 %d 份%s  排序：%s%s [只读查看]",
		 v->dir ? v->dir : "", q->n, nb_queue_with_errors(q),
		 q->loaded < q->n ? "（读取中）" : "", sort_name[q->sort],
		 q->only_errors ? "  只看有错误的" : "");
	attrset(nb_attr(NB_ATTR_HEAD));
	nb_put(0, 0, head, COLS, 1);
	attrset(A_NORMAL);
	for (int c = 0; c < QC_N; c++)
		cols[c] = qcol[c].head;
	attrset(A_BOLD);
	nb_put(1, 0, " 机关名称", 1 + aw, 1);
	put_cols(1, 1 + aw, cols);
	attrset(A_NORMAL);
	if (v->sel >= q->norder)
		v->sel = q->norder ? q->norder - 1 : 0;
	if (v->top > v->sel)
		v->top = v->sel;
	if (v->sel >= v->top + h)
		v->top = v->sel - h + 1;
	if (v->top > 0 && v->top + h > q->norder)
		v->top = q->norder - h > 0 ? q->norder - h : 0;
	for (int k = 0; k < h && v->top + k < q->norder; k++)
		row(a, 2 + k, q->order[v->top + k], v->top + k == v->sel);
	if (q->norder == 0)
		nb_put(2, 1, q->only_errors ? "没有有错误的报告（按 e 列出全部）" :
		       "没有报告", COLS - 1, 1);
	if (a->msg[0]) {
		int which = a->msg_sev == NB_SEV_ERROR ? NB_ATTR_ERROR :
			    a->msg_sev == NB_SEV_WARNING ? NB_ATTR_WARN : 0;
		if (which)
			attr_set(nb_attr(which), nb_pair(which), NULL);
		nb_put(LINES - 3, 0, a->msg, COLS, 1);
		attrset(A_NORMAL);
	} else {
		snprintf(head, sizeof head, "已读取 %d/%d", q->loaded, q->n);
		nb_put(LINES - 3, 0, head, COLS, 1);
	}
	legend(LINES - 2, NB_CTX_GLOBAL | NB_CTX_VIEW);
	legend(LINES - 1, NB_CTX_LIST | NB_CTX_QUEUE | NB_CTX_VIEW);
}

/* The keys of the list, and where they are drawn. */
static void help_box(nb_app *a)
{
	int n, k = 0;
	const nb_actiondef *t = nb_actions_table(&n);
	char lines[40][160];
	const char *lp[40];

	for (int i = 0; i < n && k < 40; i++) {
		char keys[64];
		if (!(t[i].ctx & (NB_CTX_VIEW | NB_CTX_QUEUE)) && t[i].id != NB_A_OPEN &&
		    t[i].id != NB_A_QUIT)
			continue;
		nb_action_keys(&t[i], keys, sizeof keys);
		snprintf(lines[k], sizeof lines[k], "%-12s %s", keys, t[i].zh);
		lp[k] = lines[k];
		k++;
	}
	nb_ask(a, "按键帮助（nianbao view）", lp, k, "q 返回", "q", 1);
	a->full = 1;
}

static void search_list(nb_app *a, int dir)
{
	nb_view *v = a->view;
	nb_queue *q = &v->q;

	if (dir == 0) {
		char *p = nb_ask_line(a, "搜索机关名称（空：上次的）：", "", 0);
		a->full = 1;
		if (!p)
			return;
		if (*p)
			snprintf(v->qpat, sizeof v->qpat, "%s", p);
		free(p);
	}
	if (!v->qpat[0] || q->norder == 0)
		return;
	for (int k = 1; k <= q->norder; k++) {
		int p = ((v->sel + (dir < 0 ? -k : dir == 0 ? k - 1 : k)) % q->norder +
			 q->norder) % q->norder;
		const nb_qentry *e = &q->e[q->order[p]];
		if ((e->agency && strstr(e->agency, v->qpat)) || strstr(e->path, v->qpat)) {
			v->sel = p;
			return;
		}
	}
	nb_msg(a, NB_SEV_WARNING, "没有找到“%s”", v->qpat);
}

void nb_queue_key(nb_app *a, const nb_ev *ev)
{
	nb_view *v = a->view;
	nb_queue *q = &v->q;
	nb_action act = nb_action_for_key(ev->key, NB_CTX_LIST | NB_CTX_QUEUE | NB_CTX_VIEW);
	int h = list_h();

	switch (act) {
	case NB_A_UP: case NB_A_PREV_FIELD: case NB_A_PREV_FILE: v->sel--; break;
	case NB_A_DOWN: case NB_A_NEXT_FIELD: case NB_A_NEXT_FILE: v->sel++; break;
	case NB_A_PAGE_UP: case NB_A_VIEW_PAGE_UP: v->sel -= h; v->top -= h; break;
	case NB_A_PAGE_DOWN: case NB_A_VIEW_PAGE_DOWN: v->sel += h; v->top += h; break;
	case NB_A_VIEW_TOP: v->sel = 0; break;
	case NB_A_VIEW_BOTTOM: v->sel = q->norder - 1; break;
	case NB_A_OPEN:
		if (v->sel < q->norder) {
			int i = q->order[v->sel];
			if (q->e[i].state == NB_QE_PENDING)
				nb_queue_load(q, i); /* Enter before the background got there */
			if (q->e[i].state != NB_QE_LOADED) {
				nb_msg(a, NB_SEV_ERROR, "%s", q->e[i].state == NB_QE_BAD ?
				       q->e[i].why : "文件已删除");
				break;
			}
			nb_view_open(a, i);
		}
		return;
	case NB_A_SORT:
		q->sort = (nb_qsort)((q->sort + 1) % NB_QSORT_COUNT);
		if (q->sort == NB_QSORT_FILE)
			q->sort = NB_QSORT_AGENCY; /* file order is only the start */
		nb_view_reorder(a);
		nb_msg(a, 0, "按%s排序%s", sort_name[q->sort],
		       q->loaded < q->n ? "（读取中，读完的先排）" : "");
		return;
	case NB_A_FILTER_ERRORS:
		q->only_errors = !q->only_errors;
		nb_view_reorder(a);
		nb_msg(a, 0, q->only_errors ? "只看有错误的报告：%d 份" : "列出全部 %d 份报告",
		       q->only_errors ? q->norder : q->n);
		return;
	case NB_A_SEARCH: search_list(a, 0); break;
	case NB_A_SEARCH_NEXT: search_list(a, 1); break;
	case NB_A_SEARCH_PREV: search_list(a, -1); break;
	case NB_A_VIEW_QUIT: case NB_A_QUIT: a->quit = 1; return;
	case NB_A_HELP: help_box(a); return;
	case NB_A_VIEW_DIFF:
		nb_msg(a, 0, "先打开一份报告（Enter），再按 d 与上年对照");
		return;
	case NB_A_REDRAW: clearok(curscr, TRUE); return;
	default:
		nb_msg(a, 0, "上下键选择报告，Enter 打开；s 排序，e 只看有错误的，q 退出");
		return;
	}
	if (v->sel >= q->norder)
		v->sel = q->norder - 1;
	if (v->sel < 0)
		v->sel = 0;
	if (v->top < 0)
		v->top = 0;
}

static nb_result key(nb_app *a, const nb_ev *ev, nb_action act)
{
	(void)act;
	nb_queue_key(a, ev);
	return NB_HANDLED;
}

/* The list's state lives in the viewer (ui/view.c), which outlives it. */
const nb_screen nb_screen_queue = {
	"queue", NB_CTX_LIST | NB_CTX_QUEUE | NB_CTX_VIEW, NULL, draw, key, NULL, 0
};
