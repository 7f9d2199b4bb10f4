/* One table as a grid: row labels frozen on the left, the column headers
 * (with spanning groups) frozen on top, cells scrolled both ways. The
 * layout is computed from (size, form, values) at every draw. */
#include "ui/app.h"

#include "model/comments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	int lw;            /* row label area */
	int *cw;           /* [nleaf] slot width of each leaf column (owned) */
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

static void layout_free(glay *g)
{
	free(g->cw);
	g->cw = NULL;
}

/* The widths come from the table itself, however many columns it has
 * (the only limit is the form loader's). minlw: tables stacked one under
 * another share their label width. Returns -1 out of memory. */
static int layout(nb_app *a, const nb_table *t, int w, nb_tablepos *p, glay *g,
		  int minlw)
{
	int nc = t->cols.nleaf, lwn, total = 0, natural = 0, *nat;

	g->cw = calloc((size_t)nc + 1, sizeof *g->cw);
	nat = calloc((size_t)nc + 1, sizeof *nat);
	if (!g->cw || !nat) {
		free(nat);
		layout_free(g);
		return -1;
	}
	if (p->col >= nc)
		p->col = nc - 1;
	if (p->col < 0)
		p->col = 0;
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
	/* The row labels first (issue 9 item 5: a wide screen shows them
	 * whole), at most half the screen; what is left widens the columns
	 * for their labels. */
	g->lw = w - 1 - total;
	if (g->lw > lwn)
		g->lw = lwn;
	if (g->lw > w / 2)
		g->lw = w / 2;
	if (g->lw < (lwn < 16 ? lwn : 16))
		g->lw = lwn < 16 ? lwn : 16;
	if (g->lw < 8)
		g->lw = 8;
	if (g->lw + 1 + natural <= w) {
		memcpy(g->cw, nat, sizeof(int) * (size_t)nc);
		total = natural;
	}
	free(nat);
	g->x0 = g->lw + 1;
	/* Horizontal scroll: keep the cursor column in view. */
	if (p->left > p->col)
		p->left = p->col;
	if (p->left < 0)
		p->left = 0;
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
	return 0;
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

/* curcol: the cursor's leaf column, its header in bold; -1 none. */
static void draw_header(nb_app *a, const nb_table *t, int y, int x, const glay *g,
			int curcol)
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
		if (n->leaf < 0) {
			nb_put_center(y + n->depth, sx + 1, n->label, sw, 1);
		} else {
			wrap_label(y + n->depth, sx + 1, n->label, sw,
				   g->hh - n->depth, 1);
		}
	}
	/* Under the headers a blank line, not a rule: the mark on it is
	 * then erased with one byte, not a rule character's three. */
	nb_put(y + g->hh, x, "", g->lw, 1);
	/* Where am I: a mark under the cursor's column header. One
	 * character, so a move along a row costs two, not two labels. It
	 * stands under the figures' last digit, just left of the terminal's
	 * cursor (which sits after the figure): after drawing it the
	 * cursor goes straight down to the cell, and from the cell straight
	 * up to it, with no column to set (5 bytes a move, issue 9). */
	if (curcol >= g->c0 && curcol < g->c1) {
		int mx = x + col_x(g, curcol) + g->cw[curcol] - 2;
		nb_col_mark(y + g->hh, mx);
		a->last_y = y + g->hh;
		a->last_x = mx;
	}
	for (int i = 0; i <= g->hh; i++)
		nb_vline_ch(a, y + i, x + g->lw);
}

static void draw_cell(nb_app *a, const nb_table *t, int r, int c, int y, int x,
		      int w, nb_tablepos *p, int focused)
{
	int cell = t->cell_base + r * t->cols.nleaf + c, sev, which = 0;
	int cur = focused && r == p->row && c == p->col && a->scr == NB_SCR_SECTION;
	char buf[NB_CELLIN_MAX + NB_VALUE_BUFSZ];
	attr_t at = A_NORMAL;
	short pair = 0;

	if (cur && a->editing && cell == a->edit_cell) {
		/* Being typed: plain, right-aligned where the figure will
		 * stand, the cursor just after it. A digit then costs the
		 * terminal a few bytes: nothing else of the cell changes,
		 * and storing it (Tab, Enter) rewrites nothing. */
		mvaddch(y, x, ' ');
		nb_put_right(y, x + 1, a->ci.buf, w - 2);
		mvaddch(y, x + w - 1, ' ');
		a->cur_y = y;
		a->cur_x = x + w - 1;
		return;
	}
	nb_edit_cell_text(a, cell, buf, sizeof buf);
	sev = nb_engine_cell_sev(a->eng, cell);
	which = sev == NB_SEV_ERROR ? NB_ATTR_ERROR : sev == NB_SEV_WARNING ? NB_ATTR_WARN : 0;
	/* The figure in the attributes of its kind (totals bold), the
	 * severity in the colour of its mark: a figure that changes with
	 * each digit then costs no colour switches (issue 9 item 10). */
	if (nb_engine_is_computed(a->eng, cell)) {
		at = nb_attr(NB_ATTR_COMPUTED);
		pair = nb_pair(NB_ATTR_COMPUTED);
	}
	mvaddch(y, x, ' ');
	if (cur && !nb_cursor_shown()) {
		/* No cursor to show the current cell: only its figure
		 * reversed, so moving rewrites a few characters, not two
		 * whole slots. With a cursor the cell is drawn as any other
		 * and a move rewrites nothing of it (issue 9). */
		int bw = swidth(buf), fw = bw < w - 2 ? bw : w - 2;
		/* A blank cell: nothing but the terminal's cursor, which
		 * sits right after it, and the marks of its row and column. */
		nb_put(y, x + 1, "", w - 2 - fw, 1);
		attr_set(at | A_REVERSE, pair, NULL);
		if (bw)
			nb_put_right(y, x + w - 1 - fw, buf, fw);
	} else {
		attr_set(at, pair, NULL);
		nb_put_right(y, x + 1, buf, w - 2);
	}
	attr_set(A_NORMAL, 0, NULL);
	if (which) {
		attr_set(nb_attr(which), nb_pair(which), NULL);
		mvaddch(y, x + w - 1, (chtype)nb_sev_mark(sev));
		attr_set(A_NORMAL, 0, NULL);
	} else if (nb_comment_on_cell(a->rep, cell) >= 0) {
		/* A reviewer's open comment on this cell (审核意见). */
		attr_set(nb_attr(NB_ATTR_HINT), nb_pair(NB_ATTR_HINT), NULL);
		mvaddch(y, x + w - 1, '*');
		attr_set(A_NORMAL, 0, NULL);
	} else {
		mvaddch(y, x + w - 1, ' ');
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

/* Whether any cell of the table is a total the program computes. */
static int has_totals(nb_app *a, const nb_table *t)
{
	for (int c = t->cell_base; c < t->cell_base + t->rows.nleaf * t->cols.nleaf; c++)
		if (nb_engine_is_computed(a->eng, c))
			return 1;
	return 0;
}

/* The column's part of a cell's label path ("/法人或其他组织/商业企业",
 * as nb_form_cell_path writes it). Returns its length. */
static size_t col_tail(const nb_table *t, int c, char *out, size_t n)
{
	int chain[32], k = 0;
	size_t at = 0;

	out[0] = 0;
	for (int x = t->cols.leaf_node[c]; x >= 0 && k < 32; x = t->cols.node[x].parent)
		chain[k++] = x;
	while (k-- > 0) {
		const nb_node *nd = &t->cols.node[chain[k]];
		if (nd->in_path && *nd->label && at < n)
			at += (size_t)snprintf(out + at, n - at, "/%s", nd->label);
	}
	return at < n ? at : n - 1;
}

/* The path in one line of w: when it is too long, the longest of its
 * parts is cut (with "…") until it fits, so the table, the row and the
 * column all still show (issue 9 item 6). */
static void fit_path(const char *path, int w, char *out, size_t n)
{
	char part[16][512];
	int np = 0;
	const char *p = path;

	snprintf(out, n, "%s", path);
	if (swidth(path) <= w)
		return;
	while (np < 16) {
		const char *sl = strchr(p, '/');
		size_t l = sl ? (size_t)(sl - p) : strlen(p);
		snprintf(part[np++], sizeof part[0], "%.*s", (int)l, p);
		if (!sl)
			break;
		p = sl + 1;
	}
	for (int guard = 0; guard < 400; guard++) {
		int tw = np - 1, longest = 0;
		size_t o = 0;
		for (int i = 0; i < np; i++) {
			tw += swidth(part[i]);
			if (swidth(part[i]) > swidth(part[longest]))
				longest = i;
		}
		if (tw <= w || swidth(part[longest]) <= 3)
			break;
		/* Drop the last character before the "…" of the longest. */
		{
			char *q = part[longest];
			size_t l = strlen(q);
			const char *ell = "…";
			if (l >= 3 && !strcmp(q + l - 3, ell))
				l -= 3;
			while (l > 0 && ((unsigned char)q[l - 1] & 0xC0) == 0x80)
				l--;
			if (l > 0)
				l--;
			snprintf(q + l, sizeof part[0] - l, "%s", ell);
		}
		out[0] = 0;
		for (int i = 0; i < np && o < n; i++)
			o += (size_t)snprintf(out + o, n - o, "%s%s", i ? "/" : "", part[i]);
	}
}

/* The path line under a table: the table and the row, with the row's
 * label whole as far as the line allows (the label column cuts it). The
 * column is not repeated here: the mark under its header shows it, and a
 * move along a row then rewrites nothing on this line (issue 9: a grid
 * move within 30 bytes; the column's name here cost 20-26 bytes a move).
 * A row without a name (表四's one row) leaves the columns as the only
 * thing to say: then the path names the column. */
static void path_line(nb_app *a, const nb_table *t, const nb_tablepos *p, int w,
		      char *out, size_t n)
{
	int cell = t->cell_base + p->row * t->cols.nleaf + p->col;
	char path[1024], tail[512];
	size_t pl, tl;

	nb_form_cell_path(a->form, cell, path, sizeof path);
	tl = col_tail(t, p->col, tail, sizeof tail);
	pl = strlen(path);
	if (*t->rows.node[t->rows.leaf_node[p->row]].label && tl <= pl &&
	    !strncmp(path + pl - tl, tail, tl))
		path[pl - tl] = 0;
	fit_path(path, w, out, n);
}

/* What the status area says about a cell: its finding, or how to fill it
 * in. The same words while a number is typed and when it is not, so
 * moving and typing rewrite nothing there (issue 9 item 10). */
static const char *cell_hint(nb_app *a, const nb_table *t, int cell)
{
	const nb_valtype *vt = nb_form_cell_type(a->form, cell);

	if (a->doc->readonly)
		return "只读查看：方向键移动，^F 到下一个问题，^T 回目录";
	if (vt->type == NB_T_MONEY)
		return "直接输入金额（可带小数点）；Del 清为空白";
	if (vt->type == NB_T_SIGNED)
		return "直接输入数字，减少时先输入负号；Del 清为空白";
	if (count_blank(a, t) > 1)
		return "直接输入数字，没有发生填 0；^W 本表空白格全部填 0";
	/* One hint for a table's input cells and its totals alike: a move
	 * onto or off a total then rewrites nothing here (the 总计 labels
	 * say which they are, and typing into one says how to recompute
	 * it). */
	if (has_totals(a, t))
		return "直接输入数字，没有发生填 0，空白与 0 不同；合计格自动计算";
	return "直接输入数字，没有发生填 0；Del 清为空白（空白与 0 不同）";
}

/* Lines of the finding or hint under the path: the finding's message
 * may take two when the screen has room. */
static int msg_lines(nb_app *a, const nb_table *t, nb_tablepos *p, int w)
{
	int cell = t->cell_base + p->row * t->cols.nleaf + p->col;
	const nb_finding *f = a->editing ? NULL : nb_engine_cell_finding(a->eng, cell);
	char msg[NB_FINDING_MSG + 160];

	if (!f || LINES < 24)
		return 1;
	nb_finding_text(a->form, f, msg, sizeof msg);
	return swidth(msg) + 8 > w ? 2 : 1;
}

static void draw_status(nb_app *a, const nb_table *t, int y, int h, int w,
			nb_tablepos *p)
{
	int cell = t->cell_base + p->row * t->cols.nleaf + p->col;
	char shown[1024], msg[NB_FINDING_MSG + 128];
	/* While a number is typed its rules are not nagged about: the
	 * finding shows once it is stored. */
	const nb_finding *f = a->editing ? NULL : nb_engine_cell_finding(a->eng, cell);

	path_line(a, t, p, w, shown, sizeof shown);
	nb_put(y, 0, shown, w, 1);
	if (h < 2)
		return;
	if (!f && nb_comment_on_cell(a->rep, cell) >= 0) {
		const nb_comment *cm = &a->rep->comment[nb_comment_on_cell(a->rep, cell)];
		snprintf(msg, sizeof msg, "*审核意见：%s", cm->text);
		attr_set(nb_attr(NB_ATTR_HINT), nb_pair(NB_ATTR_HINT), NULL);
		nb_put_wrapped(y + 1, 0, msg, w, h - 1);
		attr_set(A_NORMAL, 0, NULL);
	} else if (!f) {
		attr_set(nb_attr(NB_ATTR_HINT), nb_pair(NB_ATTR_HINT), NULL);
		nb_put(y + 1, 0, cell_hint(a, t, cell), w, 1);
		attr_set(A_NORMAL, 0, NULL);
	} else {
		int which = f->sev == NB_SEV_ERROR ? NB_ATTR_ERROR : NB_ATTR_WARN;
		char line[NB_FINDING_MSG + 160];
		nb_finding_text(a->form, f, msg, sizeof msg);
		snprintf(line, sizeof line, "%c%s%s", nb_sev_mark(f->sev),
			 f->sev == NB_SEV_ERROR ? "错误：" : "提醒：", msg);
		/* Only the word in colour: the figures in the message change
		 * with each digit and cost no attribute switches. */
		nb_put_wrapped(y + 1, 0, line, w, h - 1);
		attr_set(nb_attr(which), nb_pair(which), NULL);
		nb_put(y + 1, 0, f->sev == NB_SEV_ERROR ? "!错误：" : "?提醒：", 7, 0);
		attr_set(A_NORMAL, 0, NULL);
	}
}

/* Header and rows of one table in at most h lines (rows scrolled to keep
 * the cursor in view when focused). Returns the lines used. */
static int draw_block(nb_app *a, int ti, int y, int x, int h, int w, int focused,
		      int minlw)
{
	const nb_table *t = &a->form->table[ti];
	nb_tablepos *p = &a->tpos[ti];
	int body, dr, rows = t->rows.nnode, shown = 0, marky = -1;
	glay g;

	if (layout(a, t, w, p, &g, minlw) < 0)
		return 0;
	draw_header(a, t, y, x, &g, focused ? p->col : -1);
	body = h - g.hh - 1;
	if (body < 1)
		body = 1;
	dr = t->rows.leaf_node[p->row];
	if (focused && (dr < p->top || dr >= p->top + body)) {
		/* Out of view: scroll so the cursor comes to the middle,
		 * not to the edge (fewer scrolls, and context both ways). */
		p->top = dr - body / 2;
		if (p->top < 0)
			p->top = 0;
	}
	if (p->top > 0 && rows - p->top < body)
		p->top = rows > body ? rows - body : 0;
	for (int i = 0; i < body && p->top + i < rows; i++) {
		const nb_node *n = &t->rows.node[p->top + i];
		int yy = y + g.hh + 1 + i, ind = 2 * n->depth;

		shown++;
		nb_put(yy, x, "", ind < g.lw ? ind : g.lw, 1);
		if (ind < g.lw) {
			int lw = nb_put(yy, x + ind, n->label, g.lw - ind, 0);
			nb_put(yy, x + ind + lw, "", g.lw - ind - lw, 1);
		}
		nb_vline_ch(a, yy, x + g.lw);
		if (focused && n->leaf >= 0 && n->leaf == p->row)
			marky = yy;
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
	/* Where am I: a mark beside the cursor's row label, in place of the
	 * divider (and of a scroll hint there: 行 N/M still says where the
	 * row stands). One character, so a move down costs two, not the two
	 * labels a highlighted label would rewrite (issue 9). */
	if (marky >= 0)
		nb_row_mark(marky, x + g.lw);
	layout_free(&g);
	return g.hh + 1 + shown;
}

/* Lines a table needs to show every row. */
static int block_h(nb_app *a, int ti, int w, int minlw)
{
	const nb_table *t = &a->form->table[ti];
	nb_tablepos p = a->tpos[ti];
	glay g;

	if (layout(a, t, w, &p, &g, minlw) < 0)
		return 1 + t->rows.nnode;
	layout_free(&g);
	return g.hh + 1 + t->rows.nnode;
}

/* The status area under a table: the cell's path in one line, then its
 * finding or how to fill it in; the table takes all the rest of the
 * height (issue 9 item 5). */
static int status_h(nb_app *a, int ti, int w, int h)
{
	(void)h;
	/* While a number is typed the area keeps the height it had when
	 * the typing began: the cell's finding is not shown then, and a
	 * status area that shrank by its second line would move the whole
	 * table down a line and back on Enter (200 bytes each way). */
	if (!a->editing || a->grid_status_lines < 1 ||
	    a->grid_status_size != LINES * 4096 + w) {
		a->grid_status_lines = 1 + msg_lines(a, &a->form->table[ti], &a->tpos[ti], w);
		a->grid_status_size = LINES * 4096 + w;
	}
	return a->grid_status_lines;
}

void nb_grid_draw(nb_app *a, int ti, int y, int x, int h, int w)
{
	int sh = status_h(a, ti, w, h);

	draw_block(a, ti, y, x, h - sh, w, 1, 0);
	draw_status(a, &a->form->table[ti], y + h - sh, sh, w, &a->tpos[ti]);
}

int nb_grid_draw_stack(nb_app *a, int t0, int n, int cur, int *top, int y,
		       int x, int h, int w)
{
	int sh = status_h(a, t0 + cur, w, h), avail = h - sh, need = 0, yy = y, last = -1, lw = 0;
	int *bh;

	if (n < 1)
		return -1;
	bh = calloc((size_t)n, sizeof *bh);
	if (!bh)
		return -1;
	for (int i = 0; i < n; i++)
		if (row_label_w(&a->form->table[t0 + i]) > lw)
			lw = row_label_w(&a->form->table[t0 + i]);
	for (int i = 0; i < n; i++)
		bh[i] = 1 + block_h(a, t0 + i, w, lw); /* its title, then the table */
	if (bh[cur] > avail) {
		free(bh);
		return -1; /* too low: one table at a time, scrolled within */
	}
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
	free(bh);
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

#define CELL_PAUSE_MS 300 /* + FLUSH_MS: on disk within a second */

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

/* Up and Down (skip 0) walk the rows and may leave the table (2 forward,
 * 3 backward: the section shows its next part). */
static nb_grid_result step(nb_app *a, const nb_table *t, nb_tablepos *p, int dr,
			   int dc, int skip)
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
			return NB_GRID_LEFT_BACK;
		if (r >= nr)
			return NB_GRID_LEFT_FORWARD;
	} while (skip && is_computed(a, t, r, c));
	p->row = r;
	p->col = c;
	return NB_GRID_HANDLED;
}

/* Enter and Tab stay in the table (issue 9 item 4): Enter goes down the
 * column and on to the top of the next one, Tab along the row and on to
 * the next; past the last input cell both come back to the first. Totals
 * are skipped: nothing can be typed there. Leaving is its own key. */
static nb_grid_result wrap_step(nb_app *a, const nb_table *t, nb_tablepos *p,
				int down, int dir)
{
	int nr = t->rows.nleaf, nc = t->cols.nleaf, n = nr * nc;
	/* Cells numbered in the order of the walk. */
	int i = down ? p->col * nr + p->row : p->row * nc + p->col;

	for (int k = 0; k < n; k++) {
		int r, c, wrapped;
		i += dir;
		wrapped = i >= n || i < 0;
		i = (i + n) % n;
		r = down ? i % nr : i / nc;
		c = down ? i / nr : i % nc;
		if (is_computed(a, t, r, c))
			continue;
		if (wrapped) {
			char k1[32];
			const nb_actiondef *d = nb_action_def(NB_A_LEAVE_TABLE);
			nb_msg(a, 0, "回到了表格%s；离开表格请按 %s", dir > 0 ? "开头" : "末尾",
			       nb_key_name(d ? d->keys[0] : 0, k1, sizeof k1));
		}
		p->row = r;
		p->col = c;
		return !wrapped ? NB_GRID_HANDLED :
		       dir > 0 ? NB_GRID_WRAPPED_FORWARD : NB_GRID_WRAPPED_BACK;
	}
	return NB_GRID_HANDLED;
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

/* Typing into a total: say how a wrong one is put right (issue 9 item 3). */
static int refuse_cell(nb_app *a, int cell)
{
	char k[32];

	if (a->doc->readonly || !nb_engine_is_computed(a->eng, cell))
		return nb_refuse_cell(a, cell);
	nb_recompute_key(k, sizeof k);
	if (nb_engine_cell_sev(a->eng, cell) == NB_SEV_ERROR)
		nb_msg(a, NB_SEV_WARNING, "这是合计格，不能输入；它与各项不符时按 %s 重算合计，"
		       "或改正左边或上面的各项", k);
	else
		nb_msg(a, NB_SEV_WARNING, "这是合计格，由程序自动计算，不能输入；请改左边或上面的各项");
	return 1;
}

nb_grid_result nb_grid_key(nb_app *a, int ti, const nb_ev *ev, nb_action act)
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
		return NB_GRID_HANDLED;
	case NB_A_ERASE:
		if (a->editing) {
			if (nb_cellin_backspace(&a->ci))
				live(a);
			return NB_GRID_HANDLED;
		}
		if (refuse_cell(a, cell))
			return NB_GRID_HANDLED;
		{
			nb_cellin ci;
			nb_cellin_start(&ci, nb_form_cell_type(a->form, cell), "");
			start_edit(a, cell, &ci);
		}
		return NB_GRID_HANDLED;
	case NB_A_CLEAR: {
		nb_value blank;
		memset(&blank, 0, sizeof blank);
		nb_grid_cancel(a);
		if (nb_edit_cell(a, cell, &blank) == 0)
			nb_msg(a, 0, "已清为空白（空白与0不同）");
		return NB_GRID_HANDLED;
	}
	case NB_A_FILL_ZERO:
		if (commit_edit(a) < 0 || nb_refuse_readonly(a))
			return NB_GRID_HANDLED;
		fill_zero(a, t);
		return NB_GRID_HANDLED;
	case NB_A_RECOMPUTE:
		nb_grid_commit(a);
		nb_edit_recompute(a);
		return NB_GRID_HANDLED;
	case NB_A_PASTE:
		if (commit_edit(a) < 0)
			return NB_GRID_HANDLED;
		if (!nb_refuse_readonly(a))
			paste(a, t, p, ev);
		return NB_GRID_HANDLED;
	case NB_A_UP: case NB_A_DOWN: case NB_A_LEFT: case NB_A_RIGHT:
	case NB_A_NEXT_FIELD: case NB_A_PREV_FIELD: case NB_A_COMMIT:
	case NB_A_HOME: case NB_A_END: case NB_A_PAGE_UP: case NB_A_PAGE_DOWN:
	case NB_A_LEAVE_TABLE:
		if (commit_edit(a) < 0)
			return NB_GRID_HANDLED;
		break;
	default:
		if (k < 0x21 || k >= NB_K_BASE || k == 0x7F)
			return NB_GRID_IGNORED;
		if (refuse_cell(a, cell))
			return NB_GRID_HANDLED;
		if (!a->editing) {
			nb_cellin ci;
			/* Open the edit only for a key the column accepts. */
			nb_cellin_start(&ci, nb_form_cell_type(a->form, cell), "");
			why = nb_cellin_key(&ci, (uint32_t)k);
			if (why) {
				nb_msg(a, NB_SEV_WARNING, "%s", why);
				return NB_GRID_HANDLED;
			}
			start_edit(a, cell, &ci);
			return NB_GRID_HANDLED;
		}
		why = nb_cellin_key(&a->ci, (uint32_t)k);
		if (why)
			nb_msg(a, NB_SEV_WARNING, "%s", why);
		else
			live(a);
		return NB_GRID_HANDLED;
	}
	switch (act) {
	case NB_A_UP: return step(a, t, p, -1, 0, 0);
	case NB_A_DOWN: return step(a, t, p, 1, 0, 0);
	case NB_A_COMMIT:
		/* From a total, Enter goes down its column of totals. */
		if (is_computed(a, t, p->row, p->col)) {
			if (p->row + 1 < t->rows.nleaf)
				p->row++;
			return NB_GRID_HANDLED;
		}
		return wrap_step(a, t, p, 1, 1);
	case NB_A_LEAVE_TABLE:
		return NB_GRID_LEFT_FORWARD;
	case NB_A_LEFT:
		if (p->col > 0)
			p->col--;
		return NB_GRID_HANDLED;
	case NB_A_RIGHT:
		if (p->col + 1 < t->cols.nleaf)
			p->col++;
		return NB_GRID_HANDLED;
	case NB_A_NEXT_FIELD: return wrap_step(a, t, p, 0, 1);
	case NB_A_PREV_FIELD: return wrap_step(a, t, p, 0, -1);
	case NB_A_HOME: p->col = 0; return NB_GRID_HANDLED;
	case NB_A_END: p->col = t->cols.nleaf - 1; return NB_GRID_HANDLED;
	case NB_A_PAGE_UP:
		p->row = p->row > 10 ? p->row - 10 : 0;
		return NB_GRID_HANDLED;
	case NB_A_PAGE_DOWN:
		p->row = p->row + 10 < t->rows.nleaf ? p->row + 10 : t->rows.nleaf - 1;
		return NB_GRID_HANDLED;
	default:
		return NB_GRID_IGNORED;
	}
}
