/* One table as a grid: row labels frozen on the left, the column headers
 * (with spanning groups) frozen on top, cells scrolled both ways. The
 * layout is computed from (size, form, values) at every draw. */
#include "ui/app.h"

#include "model/comments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXCOL NB_FORM_MAX_COLS

typedef struct {
	int lw;            /* row label area */
	int cw[MAXCOL];    /* slot width of each leaf column */
	int c0, c1;        /* leaf columns shown: [c0, c1) */
	int hh;            /* header lines */
	int x0;            /* first cell column on screen */
} glay;

static int swidth(const char *s)
{
	return nb_str_width(s, strlen(s));
}

static int is_computed(nb_app *a, const nb_table *t, int r, int c)
{
	return nb_engine_is_computed(a->eng, t->cell_base + r * t->cols.nleaf + c);
}

/* Display width the row labels of a table need. */
static int row_label_w(const nb_table *t)
{
	int lwn = 0;

	for (int i = 0; i < t->rows.nnode; i++) {
		const nb_node *n = &t->rows.node[i];
		int lw = 2 * n->depth + swidth(n->label);
		if (lw > lwn)
			lwn = lw;
	}
	return lwn;
}

/* minlw: tables stacked one under another share their label width. */
static void layout(nb_app *a, const nb_table *t, int w, nb_tablepos *p, glay *g,
		   int minlw)
{
	int nc = t->cols.nleaf, lwn = 0, total = 0, natural = 0, nat[MAXCOL];

	if (nc > MAXCOL)
		nc = MAXCOL;
	for (int c = 0; c < nc; c++) {
		const nb_node *n = &t->cols.node[t->cols.leaf_node[c]];
		int vw = 4;
		for (int r = 0; r < t->rows.nleaf; r++) {
			char buf[NB_VALUE_BUFSZ];
			nb_edit_cell_text(a, t->cell_base + r * t->cols.nleaf + c, buf, sizeof buf);
			if (swidth(buf) > vw)
				vw = swidth(buf);
		}
		if (a->editing && a->edit_cell >= t->cell_base &&
		    a->edit_cell < t->cell_base + t->rows.nleaf * t->cols.nleaf &&
		    (a->edit_cell - t->cell_base) % t->cols.nleaf == c &&
		    swidth(a->ci.buf) + 1 > vw)
			vw = swidth(a->ci.buf) + 1;
		g->cw[c] = vw + 3 > 8 ? vw + 3 : 8;
		nat[c] = swidth(n->label) + 2;
		if (nat[c] > 18)
			nat[c] = 18;
		if (nat[c] < g->cw[c])
			nat[c] = g->cw[c];
		total += g->cw[c];
		natural += nat[c];
	}
	lwn = row_label_w(t);
	if (lwn < minlw)
		lwn = minlw;
	/* Few columns: give them room for their labels. */
	if (lwn + 1 + natural <= w || (natural - total) < w - 1 - 16 - total) {
		if (natural + 17 <= w) {
			memcpy(g->cw, nat, sizeof(int) * (size_t)nc);
			total = natural;
		}
	}
	g->lw = w - 1 - total;
	if (g->lw > lwn)
		g->lw = lwn;
	if (g->lw < (lwn < 16 ? lwn : 16))
		g->lw = lwn < 16 ? lwn : 16;
	if (g->lw > w / 2)
		g->lw = w / 2;
	if (g->lw < 8)
		g->lw = 8;
	g->x0 = g->lw + 1;
	/* Horizontal scroll: keep the cursor column in view. */
	if (p->left > p->col)
		p->left = p->col;
	for (;;) {
		int x = g->x0, c = p->left;
		while (c < nc && x + g->cw[c] <= w)
			x += g->cw[c++];
		if (c > p->col || p->left >= p->col) {
			g->c0 = p->left;
			g->c1 = c > p->left ? c : p->left + 1;
			break;
		}
		p->left++;
	}
	/* Header lines: group levels plus what the leaf labels need. */
	g->hh = t->cols.depth;
	for (int c = g->c0; c < g->c1; c++) {
		const nb_node *n = &t->cols.node[t->cols.leaf_node[c]];
		int inner = g->cw[c] - 1, lines = (swidth(n->label) + inner - 1) / inner;
		if (n->depth + lines > g->hh)
			g->hh = n->depth + lines;
	}
	if (g->hh > t->cols.depth + 2)
		g->hh = t->cols.depth + 2;
}

static int col_x(const glay *g, int c)
{
	int x = g->x0;

	for (int i = g->c0; i < c; i++)
		x += g->cw[i];
	return x;
}

/* Wrap a label into at most maxl lines of width w, the lines balanced
 * ("商业" / "企业", not "商业企" / "业"), centred, the bottom lines used. */
static void wrap_label(int y, int x, const char *s, int w, int maxl, int bottom)
{
	int n = swidth(s), lines = (n + w - 1) / w, lw;
	size_t len = strlen(s), i = 0;

	if (lines > maxl)
		lines = maxl;
	if (lines < 1)
		lines = 1;
	if (bottom && lines < maxl)
		y += maxl - lines;
	lw = lines > 1 && (n + lines - 1) / lines < w ? (n + lines - 1) / lines : w;
	for (int l = 0; l < lines; l++) {
		size_t start = i;
		int used = 0;
		char part[NB_FORM_MAX_LABEL + 16];
		/* The last line takes what is left (cut by nb_put if too long). */
		while (i < len) {
			uint32_t cp;
			size_t k = nb_utf8_next(s + i, len - i, &cp);
			if (l < lines - 1 && used + nb_cp_width(cp) > lw)
				break;
			used += nb_cp_width(cp);
			i += k;
		}
		snprintf(part, sizeof part, "%.*s", (int)(i - start), s + start);
		nb_put_center(y + l, x, part, w, 0);
	}
}

static void draw_header(nb_app *a, const nb_table *t, int y, int x, const glay *g)
{
	if (t->corner && *t->corner)
		nb_put_wrapped(y, x, t->corner, g->lw, g->hh);
	for (int i = 0; i < t->cols.nnode; i++) {
		const nb_node *n = &t->cols.node[i];
		int f = n->first_leaf, l = n->first_leaf + n->nleaves, sx, sw;

		if (f < g->c0)
			f = g->c0;
		if (l > g->c1)
			l = g->c1;
		if (f >= l)
			continue;
		sx = x + col_x(g, f);
		sw = col_x(g, l) - col_x(g, f) - 1;
		if (n->leaf < 0)
			nb_put_center(y + n->depth, sx + 1, n->label, sw, 1);
		else
			wrap_label(y + n->depth, sx + 1, n->label, sw,
				   g->hh - n->depth, 1);
	}
	nb_hline(a, y + g->hh, x, g->x0 + col_x(g, g->c1) - g->x0);
	for (int i = 0; i < g->hh; i++)
		nb_vline_ch(a, y + i, x + g->lw);
	nb_cross(a, y + g->hh, x + g->lw);
}

static void draw_cell(nb_app *a, const nb_table *t, int r, int c, int y, int x,
		      int w, nb_tablepos *p, int focused)
{
	int cell = t->cell_base + r * t->cols.nleaf + c, sev, which = 0;
	int cur = focused && r == p->row && c == p->col && a->scr == NB_SCR_SECTION;
	char buf[NB_CELLIN_MAX + NB_VALUE_BUFSZ];
	attr_t at = A_NORMAL;
	short pair = 0;

	if (a->editing && cell == a->edit_cell)
		snprintf(buf, sizeof buf, "%s", a->ci.buf);
	else
		nb_edit_cell_text(a, cell, buf, sizeof buf);
	sev = nb_engine_cell_sev(a->eng, cell);
	if (sev == NB_SEV_ERROR)
		which = NB_ATTR_ERROR;
	else if (sev == NB_SEV_WARNING)
		which = NB_ATTR_WARN;
	else if (nb_engine_is_computed(a->eng, cell))
		which = NB_ATTR_COMPUTED;
	if (which) {
		at = nb_attr(which);
		pair = nb_pair(which);
	}
	if (cur)
		at |= A_REVERSE;
	mvaddch(y, x, ' ');
	attr_set(at, pair, NULL);
	nb_put_right(y, x + 1, buf, w - 2);
	attr_set(A_NORMAL, 0, NULL);
	if (sev) {
		attr_set(nb_attr(which), nb_pair(which), NULL);
		mvaddch(y, x + w - 1, (chtype)nb_sev_mark(sev));
		attr_set(A_NORMAL, 0, NULL);
	}
	else if (nb_comment_on_cell(a->rep, cell) >= 0) {
		/* A reviewer's open comment on this cell (审核意见). */
		attr_set(nb_attr(NB_ATTR_HINT), nb_pair(NB_ATTR_HINT), NULL);
		mvaddch(y, x + w - 1, '*');
		attr_set(A_NORMAL, 0, NULL);
	}
	if (cur) {
		a->cur_y = y;
		a->cur_x = x + w - 1;
	}
}

/* Blank input cells of a table. */
static int count_blank(nb_app *a, const nb_table *t)
{
	int n = 0;

	for (int c = t->cell_base; c < t->cell_base + t->rows.nleaf * t->cols.nleaf; c++)
		if (!a->rep->cell[c].set && !nb_engine_is_computed(a->eng, c))
			n++;
	return n;
}

static void draw_status(nb_app *a, const nb_table *t, int y, int h, int w,
			nb_tablepos *p)
{
	int cell = t->cell_base + p->row * t->cols.nleaf + p->col, pl;
	char path[1024], msg[NB_FINDING_MSG + 128];
	const nb_finding *f = nb_engine_cell_finding(a->eng, cell);

	nb_form_cell_path(a->form, cell, path, sizeof path);
	if (nb_engine_is_computed(a->eng, cell)) {
		size_t n = strlen(path);
		snprintf(path + n, sizeof path - n, "  [合计，自动计算]");
	}
	/* The full label path, however long: it names the cell exactly. */
	pl = (swidth(path) + w - 1) / w;
	if (pl < 1)
		pl = 1;
	if (pl > h - 1)
		pl = h > 1 ? h - 1 : 1;
	nb_put_wrapped(y, 0, path, w, pl);
	if (h - pl < 1)
		return;
	if (!f && nb_comment_on_cell(a->rep, cell) >= 0) {
		const nb_comment *cm = &a->rep->comment[nb_comment_on_cell(a->rep, cell)];
		snprintf(msg, sizeof msg, "*审核意见：%s", cm->text);
		attr_set(nb_attr(NB_ATTR_HINT), nb_pair(NB_ATTR_HINT), NULL);
		nb_put_wrapped(y + pl, 0, msg, w, h - pl);
		attr_set(A_NORMAL, 0, NULL);
	} else if (!f) {
		/* Nothing wrong here: say how to fill the cell in. */
		const nb_valtype *vt = nb_form_cell_type(a->form, cell);
		const char *how = nb_engine_is_computed(a->eng, cell) ?
			"合计格由程序自动计算；请在左边或上面的各项中输入" :
			a->editing ? "Enter 或 Tab 存入并移动；Esc 放弃，恢复原值" :
			vt->type == NB_T_MONEY ? "直接输入金额（可带小数点）；Del 清为空白" :
			vt->type == NB_T_SIGNED ? "直接输入数字，减少时先输入负号；Del 清为空白" :
			count_blank(a, t) > 1 ? "直接输入数字，没有发生填 0；^W 本表空白格全部填 0" :
			"直接输入数字，没有发生填 0；Del 清为空白（空白与 0 不同）";
		attr_set(nb_attr(NB_ATTR_HINT), nb_pair(NB_ATTR_HINT), NULL);
		nb_put(y + pl, 0, how, w, 1);
		attr_set(A_NORMAL, 0, NULL);
	} else {
		int which = f->sev == NB_SEV_ERROR ? NB_ATTR_ERROR : NB_ATTR_WARN;
		char line[NB_FINDING_MSG + 160];
		nb_finding_text(a->form, f, msg, sizeof msg);
		snprintf(line, sizeof line, "%c%s%s", nb_sev_mark(f->sev),
			 f->sev == NB_SEV_ERROR ? "错误：" : "提醒：", msg);
		attr_set(nb_attr(which), nb_pair(which), NULL);
		nb_put_wrapped(y + pl, 0, line, w, h - pl);
		attr_set(A_NORMAL, 0, NULL);
	}
}

/* Lines of the status area under a table: the cell's label path and the
 * message of its rule, two lines each when there is room. */
static int status_h(void)
{
	return LINES >= 24 ? 4 : 2;
}

/* Header and rows of one table in at most h lines (rows scrolled to keep
 * the cursor in view when focused). Returns the lines used. */
static int draw_block(nb_app *a, int ti, int y, int x, int h, int w, int focused,
		      int minlw)
{
	const nb_table *t = &a->form->table[ti];
	nb_tablepos *p = &a->tpos[ti];
	int body, dr, rows = t->rows.nnode, shown = 0;
	glay g;

	layout(a, t, w, p, &g, minlw);
	draw_header(a, t, y, x, &g);
	body = h - g.hh - 1;
	if (body < 1)
		body = 1;
	dr = t->rows.leaf_node[p->row];
	if (focused) {
		if (p->top > dr)
			p->top = dr;
		if (dr >= p->top + body)
			p->top = dr - body + 1;
	}
	if (p->top > 0 && rows - p->top < body)
		p->top = rows > body ? rows - body : 0;
	for (int i = 0; i < body && p->top + i < rows; i++) {
		const nb_node *n = &t->rows.node[p->top + i];
		int yy = y + g.hh + 1 + i, ind = 2 * n->depth;

		shown++;
		nb_put(yy, x, "", ind < g.lw ? ind : g.lw, 1);
		if (ind < g.lw)
			nb_put(yy, x + ind, n->label, g.lw - ind, 1);
		nb_vline_ch(a, yy, x + g.lw);
		if (n->leaf < 0)
			continue;
		for (int c = g.c0; c < g.c1; c++)
			draw_cell(a, t, n->leaf, c, yy, x + col_x(&g, c), g.cw[c], p,
				  focused);
	}
	/* Scroll hints, ASCII so no ambiguous width. */
	if (p->top > 0)
		mvaddstr(y + g.hh + 1, x + g.lw, "^");
	if (p->top + body < rows)
		mvaddstr(y + g.hh + body, x + g.lw, "v");
	if (g.c0 > 0)
		mvaddstr(y + g.hh, x + g.lw + 1, "<");
	if (g.c1 < t->cols.nleaf)
		mvaddstr(y + g.hh, x + col_x(&g, g.c1) - 1, ">");
	return g.hh + 1 + shown;
}

/* Lines a table needs to show every row. */
static int block_h(nb_app *a, int ti, int w, int minlw)
{
	const nb_table *t = &a->form->table[ti];
	nb_tablepos p = a->tpos[ti];
	glay g;

	layout(a, t, w, &p, &g, minlw);
	return g.hh + 1 + t->rows.nnode;
}

void nb_grid_draw(nb_app *a, int ti, int y, int x, int h, int w)
{
	int sh = status_h();

	draw_block(a, ti, y, x, h - sh, w, 1, 0);
	draw_status(a, &a->form->table[ti], y + h - sh, sh, w, &a->tpos[ti]);
}

int nb_grid_draw_stack(nb_app *a, int t0, int n, int cur, int *top, int y,
		       int x, int h, int w)
{
	int sh = status_h(), avail = h - sh, need = 0, yy = y, last = -1, lw = 0;
	int bh[NB_FORM_MAX_SECTION_TABLES];

	if (n > NB_FORM_MAX_SECTION_TABLES || n < 1)
		return -1;
	for (int i = 0; i < n; i++)
		if (row_label_w(&a->form->table[t0 + i]) > lw)
			lw = row_label_w(&a->form->table[t0 + i]);
	for (int i = 0; i < n; i++)
		bh[i] = 1 + block_h(a, t0 + i, w, lw); /* its title, then the table */
	if (bh[cur] > avail)
		return -1; /* too low: one table at a time, scrolled within */
	/* Whole tables scroll: the current one always fully in view. */
	if (*top > cur)
		*top = cur;
	if (*top < 0)
		*top = 0;
	for (;;) {
		need = 0;
		for (int i = *top; i <= cur; i++)
			need += bh[i];
		if (need <= avail || *top >= cur)
			break;
		(*top)++;
	}
	need = 0;
	for (int i = *top; i < n; i++)
		need += bh[i];
	while (*top > 0 && need + bh[*top - 1] <= avail)
		need += bh[--(*top)];
	for (int i = *top; i < n && yy + bh[i] <= y + avail; i++) {
		const nb_table *t = &a->form->table[t0 + i];

		if (i == cur)
			attrset(A_BOLD);
		nb_put(yy, x, t->title ? t->title : t->name, w, 1);
		attrset(A_NORMAL);
		yy += 1 + draw_block(a, t0 + i, yy + 1, x, bh[i] - 1, w, i == cur, lw);
		last = i;
	}
	/* More tables above or below: ASCII hints at the right edge. */
	if (*top > 0)
		mvaddstr(y, x + w - 1, "^");
	if (last < n - 1)
		mvaddstr(yy < y + avail ? yy : yy - 1, x + w - 1, "v");
	draw_status(a, &a->form->table[t0 + cur], y + h - sh, sh, w,
		    &a->tpos[t0 + cur]);
	return 0;
}

/* The typed text shown live: each keystroke that changes the buffer
 * re-derives the totals and re-checks the rules. A text that is not yet a
 * value ("-", "1.") leaves the last value shown. */
static void live(nb_app *a)
{
	nb_value v;

	if (!a->editing)
		return;
	a->edit_key_ms = nb_now_ms();
	if (nb_cellin_commit(&a->ci, &v))
		return;
	nb_edit_cell_live(a, a->edit_cell, &v);
}

/* The journal holds a typed value of the open edit that is no longer
 * what the cell will keep: put the kept value there too. */
static void unjournal(nb_app *a, const nb_value *kept)
{
	if (a->edit_journaled && !nb_value_eq(&a->edit_jval, kept))
		nb_edit_cell_journal(a, a->edit_cell);
	a->edit_journaled = 0;
}

#define CELL_PAUSE_MS 600

int nb_grid_due_ms(const nb_app *a)
{
	nb_value v;
	int64_t left;

	if (!a->editing || a->doc->readonly || nb_cellin_commit(&a->ci, &v) ||
	    !nb_value_eq(&a->rep->cell[a->edit_cell], &v) ||
	    nb_value_eq(&v, a->edit_journaled ? &a->edit_jval : &a->edit_orig))
		return -1;
	left = a->edit_key_ms + CELL_PAUSE_MS - nb_now_ms();
	return left < 0 ? 0 : (int)left;
}

void nb_grid_idle(nb_app *a)
{
	if (nb_grid_due_ms(a) != 0)
		return;
	nb_edit_cell_journal(a, a->edit_cell);
	a->edit_jval = a->rep->cell[a->edit_cell];
	a->edit_journaled = 1;
}

/* Store what is being typed. 0 when stored (or nothing open), -1 when the
 * text is not a value: the edit stays open and the message says why. */
static int commit_edit(nb_app *a)
{
	nb_value v;
	const char *why;

	if (!a->editing)
		return 0;
	why = nb_cellin_commit(&a->ci, &v);
	if (why) {
		nb_msg(a, NB_SEV_ERROR, "%s：%s", a->ci.buf, why);
		return -1;
	}
	a->editing = 0;
	/* A value that differs from the old one is journalled by the commit
	 * itself; otherwise the journal may still hold what was typed. */
	if (nb_edit_cell_done(a, a->edit_cell, &a->edit_orig, &v) < 0 ||
	    nb_value_eq(&a->edit_orig, &v))
		unjournal(a, &a->rep->cell[a->edit_cell]);
	a->edit_journaled = 0;
	return 0;
}

void nb_grid_cancel(nb_app *a)
{
	if (!a->editing)
		return;
	a->editing = 0;
	nb_edit_cell_live(a, a->edit_cell, &a->edit_orig);
	unjournal(a, &a->edit_orig);
}

int nb_grid_commit_or_keep(nb_app *a)
{
	if (commit_edit(a) < 0) {
		char keep[sizeof a->msg];
		snprintf(keep, sizeof keep, "%s", a->msg);
		nb_msg(a, NB_SEV_ERROR, "%s；请改正，或按 Esc 放弃这次输入", keep);
		return -1;
	}
	return 0;
}

void nb_grid_commit(nb_app *a)
{
	if (commit_edit(a) < 0) {
		char keep[sizeof a->msg];
		snprintf(keep, sizeof keep, "%s", a->msg);
		nb_grid_cancel(a);
		nb_msg(a, NB_SEV_ERROR, "未存入（%s）", keep);
	}
}

static void start_edit(nb_app *a, int cell, const nb_cellin *ci)
{
	a->editing = 1;
	a->edit_cell = cell;
	a->edit_orig = a->rep->cell[cell];
	a->edit_journaled = 0;
	a->ci = *ci;
	live(a);
}

/* Tab and Enter skip the totals: nothing can be typed there. */
static int step(nb_app *a, const nb_table *t, nb_tablepos *p, int dr, int dc,
		int skip)
{
	int r = p->row, c = p->col, nr = t->rows.nleaf, nc = t->cols.nleaf;

	do {
		if (dc) {
			c += dc;
			if (c >= nc) {
				c = 0;
				r++;
			} else if (c < 0) {
				c = nc - 1;
				r--;
			}
		} else {
			r += dr;
		}
		if (r < 0)
			return 3;
		if (r >= nr)
			return 2;
	} while (skip && is_computed(a, t, r, c));
	p->row = r;
	p->col = c;
	return 1;
}

static void paste(nb_app *a, const nb_table *t, nb_tablepos *p, const nb_ev *ev)
{
	nb_paste_field f[512];
	int n = nb_cellin_split(ev->paste, ev->plen, f, 512), stored = 0, skipped = 0;
	nb_value *v;

	if (n > 512) {
		nb_msg(a, NB_SEV_ERROR, "粘贴的数字太多（超过 512 个），未填入");
		return;
	}
	if (n == 0) {
		nb_msg(a, NB_SEV_WARNING, "粘贴的内容里没有数字");
		return;
	}
	v = calloc((size_t)n, sizeof *v);
	if (!v)
		return;
	/* Check everything first: a paste goes in whole or not at all. */
	for (int i = 0; i < n; i++) {
		int r = p->row + f[i].row, c = p->col + f[i].col;
		const char *why;
		if (r >= t->rows.nleaf || c >= t->cols.nleaf) {
			nb_msg(a, NB_SEV_ERROR, "粘贴的数字超出了表格范围（%d 行 %d 列），未填入",
			       f[n - 1].row + 1, f[i].col + 1);
			free(v);
			return;
		}
		why = nb_cellin_parse(ev->paste + f[i].off, f[i].len,
				      nb_form_cell_type(a->form, t->cell_base + r * t->cols.nleaf + c),
				      &v[i]);
		if (why) {
			nb_msg(a, NB_SEV_ERROR, "第 %d 个数字「%.*s」%s，未填入", i + 1,
			       (int)(f[i].len > 40 ? 40 : f[i].len), ev->paste + f[i].off, why);
			free(v);
			return;
		}
	}
	nb_undo_begin(a->undo);
	for (int i = 0; i < n; i++) {
		int r = p->row + f[i].row, c = p->col + f[i].col;
		int cell = t->cell_base + r * t->cols.nleaf + c;
		if (nb_engine_is_computed(a->eng, cell)) {
			skipped++;
			continue;
		}
		if (nb_edit_cell(a, cell, &v[i]) == 0)
			stored++;
	}
	nb_undo_end(a->undo);
	free(v);
	nb_msg(a, 0, "已粘贴 %d 个数字%s", stored,
	       skipped ? "（合计格自动计算，已跳过）" : "");
}

/* "Fill in 0 where nothing happened": one undo step for the table. */
static void fill_zero(nb_app *a, const nb_table *t)
{
	nb_value zero = {1, 0, 0, 0};
	int n = 0;

	nb_undo_begin(a->undo);
	for (int c = t->cell_base; c < t->cell_base + t->rows.nleaf * t->cols.nleaf; c++)
		if (!a->rep->cell[c].set && !nb_engine_is_computed(a->eng, c) &&
		    nb_edit_cell(a, c, &zero) == 0)
			n++;
	nb_undo_end(a->undo);
	if (n)
		nb_msg(a, 0, "已把本表 %d 个空白格填为 0（^Z 可撤销）", n);
	else
		nb_msg(a, 0, "本表没有空白的输入格");
}

int nb_grid_key(nb_app *a, int ti, const nb_ev *ev, nb_action act)
{
	const nb_table *t = &a->form->table[ti];
	nb_tablepos *p = &a->tpos[ti];
	int cell = t->cell_base + p->row * t->cols.nleaf + p->col, k = ev->key;
	const char *why;

	switch (act) {
	case NB_A_CANCEL:
		if (a->editing) {
			nb_grid_cancel(a);
			nb_msg(a, 0, "已取消输入，保留原值");
		} else {
			/* A clerk pressing Esc to "get out" learns the way. */
			nb_msg(a, 0, "Esc 只用于放弃正在输入的数字；回目录按 ^T，退出按 ^Q");
		}
		return 1;
	case NB_A_ERASE:
		if (a->editing) {
			if (nb_cellin_backspace(&a->ci))
				live(a);
			return 1;
		}
		if (nb_refuse_cell(a, cell))
			return 1;
		{
			nb_cellin ci;
			nb_cellin_start(&ci, nb_form_cell_type(a->form, cell), "");
			start_edit(a, cell, &ci);
		}
		return 1;
	case NB_A_CLEAR: {
		nb_value blank;
		memset(&blank, 0, sizeof blank);
		nb_grid_cancel(a);
		if (nb_edit_cell(a, cell, &blank) == 0)
			nb_msg(a, 0, "已清为空白（空白与0不同）");
		return 1;
	}
	case NB_A_FILL_ZERO:
		if (commit_edit(a) < 0 || nb_refuse_readonly(a))
			return 1;
		fill_zero(a, t);
		return 1;
	case NB_A_RECOMPUTE:
		nb_grid_commit(a);
		nb_edit_recompute(a);
		return 1;
	case NB_A_PASTE:
		if (commit_edit(a) < 0)
			return 1;
		if (!nb_refuse_readonly(a))
			paste(a, t, p, ev);
		return 1;
	case NB_A_UP: case NB_A_DOWN: case NB_A_LEFT: case NB_A_RIGHT:
	case NB_A_NEXT_FIELD: case NB_A_PREV_FIELD: case NB_A_COMMIT:
	case NB_A_HOME: case NB_A_END: case NB_A_PAGE_UP: case NB_A_PAGE_DOWN:
		if (commit_edit(a) < 0)
			return 1;
		break;
	default:
		if (k < 0x21 || k >= NB_K_BASE || k == 0x7F)
			return 0;
		if (nb_refuse_cell(a, cell))
			return 1;
		if (!a->editing) {
			nb_cellin ci;
			/* Open the edit only for a key the column accepts. */
			nb_cellin_start(&ci, nb_form_cell_type(a->form, cell), "");
			why = nb_cellin_key(&ci, (uint32_t)k);
			if (why) {
				nb_msg(a, NB_SEV_WARNING, "%s", why);
				return 1;
			}
			start_edit(a, cell, &ci);
			return 1;
		}
		why = nb_cellin_key(&a->ci, (uint32_t)k);
		if (why)
			nb_msg(a, NB_SEV_WARNING, "%s", why);
		else
			live(a);
		return 1;
	}
	switch (act) {
	case NB_A_UP: return step(a, t, p, -1, 0, 0);
	case NB_A_DOWN: return step(a, t, p, 1, 0, 0);
	case NB_A_COMMIT:
		/* From a total, Enter goes down its column of totals. */
		return step(a, t, p, 1, 0, !is_computed(a, t, p->row, p->col));
	case NB_A_LEFT:
		if (p->col > 0)
			p->col--;
		return 1;
	case NB_A_RIGHT:
		if (p->col + 1 < t->cols.nleaf)
			p->col++;
		return 1;
	case NB_A_NEXT_FIELD: return step(a, t, p, 0, 1, 1);
	case NB_A_PREV_FIELD: return step(a, t, p, 0, -1, 1);
	case NB_A_HOME: p->col = 0; return 1;
	case NB_A_END: p->col = t->cols.nleaf - 1; return 1;
	case NB_A_PAGE_UP:
		p->row = p->row > 10 ? p->row - 10 : 0;
		return 1;
	case NB_A_PAGE_DOWN:
		p->row = p->row + 10 < t->rows.nleaf ? p->row + 10 : t->rows.nleaf - 1;
		return 1;
	default:
		return 0;
	}
}
