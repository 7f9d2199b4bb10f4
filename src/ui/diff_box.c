/* The year-against-year key of nianbao view: the open report against
 * last year's report of the same body, as the queue paired them (the
 * comparison of `nianbao diff`, model/diff). A full screen of its own,
 * modal like the prompts: the carry-over warnings first (they are what a
 * reviewer looks for), then every text and cell that differs, in printed
 * labels, with both values and the change. Enter jumps to the place. */
#include "ui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/diff.h"

typedef enum { DL_CARRY, DL_TEXT, DL_CELL } dl_kind;

typedef struct {
	dl_kind kind;
	int i;        /* DL_CARRY: engine finding; else index into diff.item */
} dl_line;

typedef struct {
	const nb_report *old, *cur;
	nb_diff d;
	dl_line *line;
	int n, ncarry;
	const char *old_path;
} dl_state;

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* Characters, not bytes: what a reader counts. */
static int chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void cell_values(const dl_state *st, const nb_diff_item *it, char *va, char *vb,
			size_t vn, char *ch, size_t cn)
{
	nb_value_format(&st->old->cell[it->a], nb_form_cell_type(st->old->form, it->a), va, vn);
	nb_value_format(&st->cur->cell[it->b], nb_form_cell_type(st->cur->form, it->b), vb, vn);
	if (!*va)
		snprintf(va, vn, "空");
	if (!*vb)
		snprintf(vb, vn, "空");
	nb_diff_change(st->old, it->a, st->cur, it->b, ch, cn);
}

/* A line of the list: what differs (left) and how (right). */
static void describe(nb_app *a, const dl_state *st, const dl_line *l, char *left, size_t ln,
		     char *right, size_t rn)
{
	const nb_form *f = st->cur->form;

	*right = 0;
	if (l->kind == DL_CARRY) {
		nb_finding_text(f, nb_engine_finding(a->eng, l->i), left, ln);
		return;
	}
	const nb_diff_item *it = &st->d.item[l->i];
	if (l->kind == DL_TEXT) {
		const char *ta = it->a >= 0 ? st->old->text[it->a] : "", *tb = st->cur->text[it->b];
		snprintf(left, ln, "%s", nb_diff_label(f, it->b));
		if (f->field[it->b].kind == NB_F_TEXT)
			snprintf(right, rn, "文字不同（上年 %d 字，今年 %d 字）", chars(ta), chars(tb));
		else
			snprintf(right, rn, "“%s”→“%s”", ta, tb);
		return;
	}
	char va[NB_VALUE_BUFSZ], vb[NB_VALUE_BUFSZ], ch[80];
	nb_form_cell_path(f, it->b, left, ln);
	cell_values(st, it, va, vb, sizeof va, ch, sizeof ch);
	snprintf(right, rn, "%s → %s（%s）", va, vb, ch);
}

/* Right part of a line: at most this many columns, so the place shows. */
#define RIGHT_W 36

static void draw(nb_app *a, const dl_state *st, int sel, int top, int h)
{
	const nb_form *f = st->cur->form;
	int fa = nb_form_field_role(f, NB_ROLE_AGENCY);
	char buf[1200], left[1024], right[600], k[5][32];

	erase();
	snprintf(buf, sizeof buf, " 与上年对照：%s %d 年 → %d 年（%s）[只读查看]",
		 fa >= 0 ? st->cur->text[fa] : "", nb_report_year(st->old),
		 nb_report_year(st->cur), base_name(st->old_path));
	attrset(nb_attr(NB_ATTR_HEAD));
	nb_put(0, 0, buf, COLS, 1);
	attrset(A_NORMAL);
	if (st->old->form != st->cur->form)
		snprintf(buf, sizeof buf, "不同 %d 处，上年结转等提醒 %d 条；两年表单不同（%s、%s），按相同的格比较",
			 st->d.n, st->ncarry, st->old->form->id, f->id);
	else
		snprintf(buf, sizeof buf, "数字和文字不同 %d 处，上年结转等提醒 %d 条", st->d.n,
			 st->ncarry);
	nb_put(1, 0, buf, COLS, 1);

	for (int r = 0; r < h && top + r < st->n; r++) {
		const dl_line *l = &st->line[top + r];
		int y = 2 + r, rw, lw;
		describe(a, st, l, left, sizeof left, right, sizeof right);
		if (top + r == sel) {
			attrset(nb_attr(NB_ATTR_SEL));
			nb_put(y, 0, "", COLS, 1);
			a->cur_y = y;
			a->cur_x = 0;
		} else if (l->kind == DL_CARRY) {
			attr_set(nb_attr(NB_ATTR_WARN), nb_pair(NB_ATTR_WARN), NULL);
		}
		mvaddch(y, 0, (chtype)(l->kind == DL_CARRY ?
				       nb_sev_mark(nb_engine_finding(a->eng, l->i)->sev) : ' '));
		rw = nb_str_width(right, strlen(right));
		if (rw > RIGHT_W && l->kind != DL_CELL)
			rw = RIGHT_W;
		lw = COLS - 1 - (rw ? rw + 2 : 0);
		nb_put(y, 1, left, lw, 1);
		if (rw)
			nb_put_right(y, COLS - rw - 1, right, rw);
		attrset(A_NORMAL);
	}

	/* The selected line in full: what a truncated line leaves out. */
	if (sel < st->n) {
		const dl_line *l = &st->line[sel];
		describe(a, st, l, left, sizeof left, right, sizeof right);
		if (l->kind == DL_TEXT && f->field[st->d.item[l->i].b].kind == NB_F_TEXT) {
			const nb_diff_item *it = &st->d.item[l->i];
			const char *la, *lb;
			int na, nb;
			nb_diff_first_change(it->a >= 0 ? st->old->text[it->a] : "",
					     st->cur->text[it->b], &la, &na, &lb, &nb);
			nb_put(LINES - 4, 0, "上年：", COLS, 0);
			nb_put_n(LINES - 4, 6, la, (size_t)na, COLS - 6, 1);
			nb_put(LINES - 3, 0, "今年：", COLS, 0);
			nb_put_n(LINES - 3, 6, lb, (size_t)nb, COLS - 6, 1);
		} else {
			snprintf(buf, sizeof buf, "%s%s%s", left, *right ? "：" : "", right);
			nb_put_wrapped(LINES - 4, 0, buf, COLS, 2);
		}
	}
	if (a->msg[0]) {
		nb_put(LINES - 2, 0, a->msg, COLS, 1);
	} else {
		snprintf(buf, sizeof buf, "第 %d/%d 行", st->n ? sel + 1 : 0, st->n);
		nb_put(LINES - 2, 0, buf, COLS, 1);
	}
	/* The keys, named from the actions table. */
	static const nb_action keys[5] = {NB_A_OPEN, NB_A_VIEW_PAGE_DOWN, NB_A_VIEW_TOP,
					  NB_A_VIEW_BOTTOM, NB_A_VIEW_QUIT};
	for (int i = 0; i < 5; i++)
		nb_key_name(nb_action_def(keys[i])->keys[0], k[i], sizeof k[i]);
	snprintf(buf, sizeof buf, "%s 跳到该处  上下键选择  %s 下页  %s 开头  %s 末尾  %s/Esc 返回",
		 k[0], k[1], k[2], k[3], k[4]);
	attrset(nb_attr(NB_ATTR_KEY));
	nb_put(LINES - 1, 0, buf, COLS, 1);
	attrset(A_NORMAL);
	move(a->cur_y, a->cur_x);
	refresh();
}

/* Go to line l's place and say what it was. */
static void jump(nb_app *a, const dl_state *st, int sel)
{
	const dl_line *l = &st->line[sel];
	char left[1024], right[600];

	if (l->kind == DL_CARRY) {
		nb_jump_finding(a, l->i);
		return;
	}
	describe(a, st, l, left, sizeof left, right, sizeof right);
	if (l->kind == DL_TEXT)
		nb_jump_field(a, st->d.item[l->i].b);
	else
		nb_jump_cell(a, st->d.item[l->i].b);
	/* The place shows on the line above (where am I): the change first. */
	nb_msg(a, 0, "与上年对照 %d/%d：%s；d 回到对照", sel + 1, st->n, right);
}

static int build(nb_app *a, dl_state *st)
{
	int nf = nb_engine_nfindings(a->eng), k = 0;

	if (nb_diff_reports(st->old, st->cur, &st->d))
		return -1;
	for (int i = 0; i < nf; i++)
		st->ncarry += nb_diff_carried(a->form, nb_engine_finding(a->eng, i));
	st->n = st->ncarry + st->d.n;
	st->line = malloc((size_t)(st->n ? st->n : 1) * sizeof *st->line);
	if (!st->line)
		return -1;
	for (int i = 0; i < nf; i++)
		if (nb_diff_carried(a->form, nb_engine_finding(a->eng, i)))
			st->line[k++] = (dl_line){DL_CARRY, i};
	for (int i = 0; i < st->d.n; i++)
		st->line[k++] = (dl_line){st->d.item[i].is_text ? DL_TEXT : DL_CELL, i};
	return 0;
}

void nb_view_diff(nb_app *a)
{
	nb_view *v = a->view;
	dl_state st;
	int sel, top = 0;

	/* The same body is known by its agency name (the queue's pairing). */
	if (!a->last || v->cur < 0 || v->q.e[v->cur].last < 0) {
		if (!v->has_list)
			nb_msg(a, NB_SEV_WARNING, "只打开了一份报告，没有上年报告可对照"
			       "（nianbao view 目录，或 nianbao diff 上年文件 本文件）");
		else
			nb_msg(a, NB_SEV_WARNING, "列表中没有本机关 %d 年的报告，无法与上年对照",
			       nb_report_year(a->rep) - 1);
		return;
	}
	memset(&st, 0, sizeof st);
	st.old = a->last;
	st.cur = a->rep;
	st.old_path = v->q.e[v->q.e[v->cur].last].path;
	if (build(a, &st) < 0) {
		nb_msg(a, NB_SEV_ERROR, "%s", nb_status_text(NB_NOMEM));
		goto out;
	}
	if (st.n == 0) {
		nb_msg(a, 0, "与上年报告（%s）相比，数字和文字都相同", base_name(st.old_path));
		goto out;
	}
	sel = v->diff_cur == v->cur && v->diff_sel < st.n ? v->diff_sel : 0;
	a->msg[0] = 0;
	for (;;) {
		int h = LINES - 6 > 1 ? LINES - 6 : 1, r;
		nb_ev ev;
		nb_action act;

		if (sel < top)
			top = sel;
		if (sel >= top + h)
			top = sel - h + 1;
		draw(a, &st, sel, top, h);
		r = nb_key_read(&ev, 500);
		if (r < 0)
			nb_hangup = SIGHUP;
		if (nb_poll_background(a))
			break;
		if (r == 0 || ev.key == NB_K_NONE || ev.key == NB_K_RESIZE)
			continue;
		a->msg[0] = 0;
		if (ev.key == NB_K_ESC)
			break;
		act = nb_action_for_key(ev.key, NB_CTX_LIST | NB_CTX_VIEW);
		switch (act) {
		case NB_A_UP: case NB_A_PREV_FIELD: sel--; break;
		case NB_A_DOWN: case NB_A_NEXT_FIELD: sel++; break;
		case NB_A_PAGE_UP: case NB_A_VIEW_PAGE_UP: sel -= h; top -= h; break;
		case NB_A_PAGE_DOWN: case NB_A_VIEW_PAGE_DOWN: sel += h; top += h; break;
		case NB_A_VIEW_TOP: sel = 0; break;
		case NB_A_VIEW_BOTTOM: sel = st.n - 1; break;
		case NB_A_REDRAW: clearok(curscr, TRUE); break;
		case NB_A_OPEN:
			v->diff_cur = v->cur;
			v->diff_sel = sel;
			jump(a, &st, sel);
			goto out;
		case NB_A_VIEW_QUIT: case NB_A_VIEW_DIFF:
			goto done;
		case NB_A_QUIT:
			a->quit = 1;
			goto done;
		default:
			nb_msg(a, 0, "上下键选择，Enter 跳到该处，q 或 Esc 返回");
			break;
		}
		if (sel >= st.n)
			sel = st.n - 1;
		if (sel < 0)
			sel = 0;
		if (top > st.n - h)
			top = st.n - h;
		if (top < 0)
			top = 0;
	}
done:
	v->diff_cur = v->cur;
	v->diff_sel = sel;
out:
	free(st.line);
	nb_diff_free(&st.d);
	a->full = 1;
}
