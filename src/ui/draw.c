/* Width-aware drawing: every string goes through nb_put_n, which measures
 * by wcwidth, never splits a character and shows bad bytes as U+FFFD. */
#include "ui/app.h"
#include "model/linebreak.h"
#include "ui/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static attr_t attrs[16];
static short pairs[16];
static int ascii_lines;
static int cursor_shown;

void nb_attr_init(nb_app *a)
{
	ascii_lines = a->ascii;
	/* nb_term_start already asked for the cursor: the call only reports
	 * whether that worked. A terminal that cannot hide its cursor shows it
	 * anyway. Then the cursor itself shows the table's current cell, and
	 * a move need not rewrite the cell in reverse video (issue 9). */
	{
		const char *civis = tigetstr("civis");
		cursor_shown = curs_set(1) != ERR || !civis || civis == (char *)-1;
	}
	a->color = 0;
	if (has_colors() && !(getenv("NO_COLOR") && *getenv("NO_COLOR"))) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_RED);
		init_pair(2, COLOR_YELLOW, -1);
		init_pair(3, COLOR_CYAN, -1);
		init_pair(4, COLOR_RED, -1);
		a->color = 1;
	}
	attrs[NB_ATTR_HEAD] = A_REVERSE;
	attrs[NB_ATTR_KEY] = A_REVERSE;
	attrs[NB_ATTR_SEL] = A_REVERSE;
	attrs[NB_ATTR_DIM] = A_NORMAL;
	if (a->color) {
		pairs[NB_ATTR_ERROR] = 1;
		attrs[NB_ATTR_ERROR] = A_BOLD;
		pairs[NB_ATTR_WARN] = 2;
		attrs[NB_ATTR_WARN] = A_BOLD;
		/* Totals plain, as on the paper form (the 总计 row and column
		 * say what they are, the table's hint that totals are
		 * computed): a total changes with every digit typed, and any
		 * attribute would cost its switch and the reset at the end of
		 * each refresh, about 15 bytes a digit (issue 9 item 10). */
		pairs[NB_ATTR_COMPUTED] = 0;
		attrs[NB_ATTR_COMPUTED] = A_NORMAL;
		pairs[NB_ATTR_HINT] = 3;
		attrs[NB_ATTR_HINT] = A_NORMAL;
		pairs[NB_ATTR_OK] = 0;
	} else {
		/* Without colour the marker characters carry the meaning. */
		attrs[NB_ATTR_ERROR] = A_BOLD;
		attrs[NB_ATTR_WARN] = A_NORMAL;
		attrs[NB_ATTR_COMPUTED] = A_UNDERLINE;
		attrs[NB_ATTR_HINT] = A_UNDERLINE;
	}
}

attr_t nb_attr(int which)
{
	return attrs[which];
}

short nb_pair(int which)
{
	return pairs[which];
}

int nb_put_n(int y, int x, const char *s, size_t n, int w, int pad)
{
	size_t i = 0;
	int used = 0;

	if (w <= 0)
		return 0;
	move(y, x);
	while (i < n && s[i]) {
		uint32_t cp;
		size_t k = nb_utf8_next(s + i, n - i, &cp);
		int cw = nb_cp_width(cp);
		wchar_t wc[2];
		cchar_t cc;

		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			cp = ' ';
		if (wcwidth((wchar_t)cp) < 0)
			cp = 0xFFFD;
		if (used + cw > w)
			break;
		if (cw == 0) { /* combining mark: attach to what is already there */
			i += k;
			continue;
		}
		wc[0] = (wchar_t)cp;
		wc[1] = 0;
		setcchar(&cc, wc, A_NORMAL, 0, NULL);
		add_wch(&cc);
		used += cw;
		i += k;
	}
	if (pad)
		for (; used < w; used++)
			addch(' ');
	return used;
}

int nb_put(int y, int x, const char *s, int w, int pad)
{
	return nb_put_n(y, x, s, strlen(s), w, pad);
}

void nb_put_right(int y, int x, const char *s, int w)
{
	int sw = nb_str_width(s, strlen(s));

	if (sw > w)
		sw = w;
	move(y, x);
	for (int i = 0; i < w - sw; i++)
		addch(' ');
	nb_put(y, x + w - sw, s, sw, 0);
}

void nb_put_center(int y, int x, const char *s, int w, int fill_line)
{
	int sw = nb_str_width(s, strlen(s)), l;

	if (sw > w)
		sw = w;
	l = (w - sw) / 2;
	if (fill_line && w - sw >= 2) {
		nb_hline(NULL, y, x, l);
		nb_hline(NULL, y, x + l + sw, w - sw - l);
	} else {
		move(y, x);
		for (int i = 0; i < l; i++)
			addch(' ');
		move(y, x + l + sw);
		for (int i = 0; i < w - sw - l; i++)
			addch(' ');
	}
	nb_put(y, x + l, s, sw, 0);
}

void nb_hline(nb_app *a, int y, int x, int w)
{
	(void)a;
	if (w <= 0)
		return;
	if (ascii_lines)
		mvhline(y, x, '-', w);
	else
		mvhline_set(y, x, WACS_HLINE, w);
}

void nb_vline_ch(nb_app *a, int y, int x)
{
	(void)a;
	if (ascii_lines)
		mvaddch(y, x, '|');
	else
		mvadd_wch(y, x, WACS_VLINE);
}

/* The marks of the current column and row are ASCII on every terminal:
 * one byte to draw and one to erase (a grid move sends two of them,
 * issue 9), and no East Asian ambiguous-width glyph that a terminal set
 * to draw those wide (Xshell, PuTTY with a CJK font) would push the rest
 * of the row over by. */
void nb_col_mark(int y, int x)
{
	mvaddch(y, x, '^');
}

void nb_row_mark(int y, int x)
{
	mvaddch(y, x, '<');
}

int nb_cursor_shown(void)
{
	return cursor_shown;
}

size_t nb_wrap_next(const char *s, size_t n, size_t *i, int w)
{
	size_t start = *i, end = nb_lb_line(s, n, start, w, NULL);

	*i = end;
	if (end < n && s[end] == '\n')
		(*i)++;
	return end - start;
}

int nb_put_wrapped(int y, int x, const char *s, int w, int maxl)
{
	size_t n = strlen(s), i = 0;
	int line = 0;

	while (line < maxl && i < n) {
		size_t start = i, len = nb_wrap_next(s, n, &i, w);
		nb_put_n(y + line, x, s + start, len, w, 1);
		line++;
		if (i == start)
			break;
	}
	return line;
}

int nb_put_wrapped_more(int y, int x, const char *s, int w, int maxl)
{
	size_t n = strlen(s), i = 0;
	int line = 0;

	while (line < maxl && i < n) {
		size_t start = i, len = nb_wrap_next(s, n, &i, w);
		if (line == maxl - 1 && i < n) {
			/* More follows: say so at the end of the last line. */
			static const char more[] = "……（后面还有）";
			int mw = nb_str_width(more, strlen(more));
			int used = nb_put_n(y + line, x, s + start, len, w > mw ? w - mw : 0, 0);
			nb_put(y + line, x + used, more, w - used, 1);
			return line + 1;
		}
		nb_put_n(y + line, x, s + start, len, w, 1);
		line++;
		if (i == start)
			break;
	}
	return line;
}

char nb_sev_mark(int sev)
{
	return sev == NB_SEV_ERROR ? '!' : sev == NB_SEV_WARNING ? '?' : ' ';
}

/* The engine's message. A total's message says what it should be; a
 * balance names both sides and the difference and leaves it to the clerk
 * which figure is wrong (issue 9 item 1): nothing is added. */
void nb_finding_text(const nb_form *form, const nb_finding *f, char *buf, size_t n)
{
	const nb_rule *r = f->rule >= 0 && f->rule < form->nrule ? &form->rule[f->rule] : NULL;

	/* A total read from a file that disagrees with its items: say how
	 * it is fixed, since typing into it is refused. */
	if (r && r->derive && f->has_expected) {
		char k[32];
		snprintf(buf, n, "%s；按 %s 重算合计", f->msg, nb_recompute_key(k, sizeof k));
		return;
	}
	snprintf(buf, n, "%s", f->msg);
}

const char *nb_recompute_key(char *buf, size_t n)
{
	const nb_actiondef *d = nb_action_def(NB_A_RECOMPUTE);

	return nb_key_name(d ? d->keys[0] : NB_K_CTRL('R'), buf, n);
}

void nb_msg(nb_app *a, int sev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_sev = sev;
}

int nb_refuse_readonly(nb_app *a)
{
	if (!a->doc->readonly)
		return 0;
	nb_msg(a, NB_SEV_WARNING, "只读查看模式，不能修改（%s）",
	       a->doc->lock ? "打开时选择了只读" : "报告正由他人编辑或以只读方式打开");
	return 1;
}

/* One legend line from the actions table: only what works in read-only
 * mode there; when the line is too narrow the keys of lowest priority go
 * first (^G 帮助 last of all), the order kept. */
static void legend_line(nb_app *a, int y, int ctx)
{
	const nb_actiondef *d[24];
	int n = nb_actions_legend_ro(ctx, a->doc->readonly, d, 24), x = 0, slot;

	move(y, 0);
	clrtoeol();
	if (n == 0)
		return;
	/* nano's layout: equal slots, as many as fit. */
	slot = COLS / n;
	if (slot < 12) {
		slot = 12;
		n = nb_actions_legend_fit(d, n, COLS, slot);
	}
	if (n == 0)
		return;
	for (int i = 0; i < n; i++) {
		char keys[32];
		nb_key_name(d[i]->keys[0], keys, sizeof keys);
		attrset(nb_attr(NB_ATTR_KEY));
		x += nb_put(y, x, keys, slot, 0);
		attrset(A_NORMAL);
		addch(' ');
		x++;
		x += nb_put(y, x, d[i]->legend, slot * (i + 1) - x, 1);
	}
}

static void status_line(nb_app *a)
{
	char right[128];
	int y = LINES - 3, rw, errs = nb_engine_count(a->eng, NB_SEV_ERROR),
	    warns = nb_engine_count(a->eng, NB_SEV_WARNING);

	snprintf(right, sizeof right, " 错误 %d  提醒 %d  %s", errs, warns,
		 a->doc->readonly ? "只读" : a->doc->modified || a->te.changed || (a->editing &&
		 !nb_value_eq(&a->rep->cell[a->edit_cell], &a->edit_orig)) ?
		 "未保存" : "已保存");
	rw = nb_str_width(right, strlen(right));
	if (a->msg[0]) {
		int which = a->msg_sev == NB_SEV_ERROR ? NB_ATTR_ERROR :
			    a->msg_sev == NB_SEV_WARNING ? NB_ATTR_WARN : 0;
		if (which)
			attr_set(nb_attr(which), nb_pair(which), NULL);
		nb_put(y, 0, a->msg, COLS - rw, 1);
		attrset(A_NORMAL);
	} else {
		nb_put(y, 0, "", COLS - rw, 1);
	}
	nb_put(y, COLS - rw, right, rw, 0);
}

void nb_draw_chrome(nb_app *a, const char *title, int ctx)
{
	char head[512], y[32] = "";
	int fa = nb_form_field_role(a->form, NB_ROLE_AGENCY), year = nb_report_year(a->rep), hw;
	const char *agency = fa >= 0 ? a->rep->text[fa] : "";

	int vc = a->view ? NB_CTX_VIEW : 0;

	a->ctx = ctx | vc; /* keys mean what the legend on screen says */
	if (year)
		snprintf(y, sizeof y, " %d年度", year);
	snprintf(head, sizeof head, "%s%s ", y, a->view ? nb_view_mark(a) :
		 a->doc->readonly ? " [只读]" : "");
	/* The agency name gives way first: year and mode always show. */
	attrset(nb_attr(NB_ATTR_HEAD));
	hw = nb_put(0, 0, " ", 1, 0);
	hw += nb_put(0, hw, *agency ? agency : "（未填机关名称）",
		     COLS / 2 - nb_str_width(head, strlen(head)) - 1, 0);
	hw += nb_put(0, hw, head, COLS - hw, 0);
	nb_put(0, hw, title ? title : "", COLS - hw, 1);
	attrset(A_NORMAL);
	status_line(a);
	legend_line(a, LINES - 2, NB_CTX_GLOBAL | vc);
	legend_line(a, LINES - 1, ctx | vc);
}
