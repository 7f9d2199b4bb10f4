/* Excel (.xlsx), written with libxlsxwriter, for the supervising office:
 * a cover sheet; one sheet per section with tables, drawn as the template
 * draws them (form/layout.h: the merged headers become merged ranges);
 * figures as numbers; every computed total as a formula built from the
 * rule that derives it, its cached result the figure of the report; and a
 * sheet of the findings.
 *
 * Numbers: a count is an integer, exact in a double up to 2^53. Money is
 * an exact decimal (digits and a scale); the double handed to the library
 * is digits / 10^scale, one correctly rounded IEEE division, so a figure
 * of at most 15 significant digits reads back as typed, and a number
 * format with exactly its decimals (and its unit) shows it as typed. A
 * figure too long for a double is written as the nearest number and a
 * note on the cell keeps the exact digits. */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/utf8.h"
#include "form/deps.h"
#include "form/layout.h"
#include "io/export.h"

#define TOP 2          /* the sheet's heading, a blank row, then the grid */
#define MAX_CELL_TEXT 32767 /* Excel's limit on the text of one cell */
#define MAX_SHEET_NAME 31   /* in UTF-16 units */

/* A money number format made already: decimals and unit text. */
typedef struct {
	int scale;
	const char *unit;
	lxw_format *f;
} mfmt;

typedef struct {
	lxw_workbook *wb;
	const nb_export_in *in;
	lxw_format *head, *rowhead, *title, *count, *heading, *text, *wrap;
	mfmt money[16];
	int nmoney;
	char **names;          /* sheet names given so far */
	int nnames;
	lxw_error err;         /* the first failure */
} xctx;

static void keep(xctx *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = e;
}

/* Text as a spreadsheet cell holds it: the characters XML 1.0 cannot carry
 * (C0 controls but tab and newline, U+FFFE, U+FFFF) dropped, since the
 * library writes them through and the file would not open; cut between
 * characters at Excel's limit. malloc'd, NULL when out of memory. */
static char *clean(const char *s)
{
	size_t n = strlen(s), k = 0;
	char *o = malloc(n + 1);

	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n')
			continue;
		if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
		    (unsigned char)s[i + 2] >= 0xBE) {
			i += 2;
			continue;
		}
		o[k++] = (char)c;
	}
	k = nb_utf8_fit(o, k, MAX_CELL_TEXT);
	o[k] = '\0';
	return o;
}

static void put_string(xctx *x, lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
	char *t = clean(s);

	if (!t) {
		keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	keep(x, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, t, f));
	free(t);
}

static void merge(xctx *x, lxw_worksheet *ws, const nb_lcell *lc, int top, const char *s,
		  lxw_format *f)
{
	char *t = clean(s ? s : "");

	if (!t) {
		keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	keep(x, worksheet_merge_range(ws, (lxw_row_t)(top + lc->row), (lxw_col_t)lc->col,
				      (lxw_row_t)(top + lc->row + lc->rowspan - 1),
				      (lxw_col_t)(lc->col + lc->colspan - 1), t, f));
	free(t);
}

static lxw_format *boxed(xctx *x, uint8_t align)
{
	lxw_format *f = workbook_add_format(x->wb);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, align);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(f);
	return f;
}

/* A number format that shows a money figure as typed: its own number of
 * decimals, and its unit when it was typed with one. One format per
 * (scale, unit, column). */
static lxw_format *money_format(xctx *x, int cell, const nb_value *v)
{
	const nb_valtype *t = nb_form_cell_type(x->in->form, cell);
	const char *unit = v->unit && v->unit <= t->nunits ? t->units[v->unit - 1] : "";
	char fmt[128] = "0";
	lxw_format *f;

	for (int i = 0; i < x->nmoney; i++)
		if (x->money[i].scale == v->scale && !strcmp(x->money[i].unit, unit))
			return x->money[i].f;
	if (v->scale) {
		strcat(fmt, ".");
		for (int i = 0; i < v->scale; i++)
			strcat(fmt, "0");
	}
	if (*unit && strlen(unit) < 64 && !strchr(unit, '"')) {
		strcat(fmt, "\"");
		strcat(fmt, unit);
		strcat(fmt, "\"");
	}
	f = boxed(x, LXW_ALIGN_RIGHT);
	format_set_num_format(f, fmt);
	if (x->nmoney < (int)(sizeof x->money / sizeof x->money[0]))
		x->money[x->nmoney++] = (mfmt){v->scale, unit, f};
	return f;
}

static int digits(uint64_t v)
{
	int n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* The number a spreadsheet stores for v, and whether it is exact: up to 15
 * significant digits always are (DBL_DIG). */
static double as_number(const nb_value *v, int money, int *exact)
{
	uint64_t mag = v->v < 0 ? (uint64_t)0 - (uint64_t)v->v : (uint64_t)v->v;
	double d = (double)v->v;
	int s = money ? v->scale : 0;

	*exact = digits(mag) <= 15;
	/* 10^s is exact in a double for s <= 22 (money has at most 18
	 * digits), so this is one correctly rounded division: the double
	 * nearest the decimal. */
	if (s) {
		double p = 1;
		for (int i = 0; i < s; i++)
			p *= 10;
		d /= p;
	}
	return d;
}

/* "D5" */
static void ref(char *buf, int row, int col)
{
	lxw_rowcol_to_cell(buf, (lxw_row_t)row, (lxw_col_t)col);
}

/* The formula of a computed cell: its deriving rule's right side, each
 * term summed over its leaves; runs of neighbouring cells become ranges.
 * 0 when the rule cannot be a formula of this sheet (it reads last year's
 * report). pos maps a cell to its sheet row and column. */
static int formula(const nb_form *f, int cell, const int *pos, char *out, size_t n)
{
	const nb_deps *d = f->deps;
	const nb_inst *in = &d->inst[d->computed_by[cell]];
	const nb_rule *r = &f->rule[in->rule];
	const nb_axis *other = nb_rule_other(f, r);
	int refs[256][3], nref = 0;
	size_t len = 0;

	for (int t = 0; t < r->nrhs; t++) {
		const nb_term *tm = &r->rhs[t];
		const nb_node *nd = &other->node[tm->node];
		if (tm->last)
			return 0;
		for (int k = nd->first_leaf; k < nd->first_leaf + nd->nleaves; k++) {
			int c = nb_inst_cell(f, r, in->bind, k);
			if (nref == 256 || c < 0 || pos[2 * c] < 0)
				return 0;
			refs[nref][0] = tm->sign;
			refs[nref][1] = pos[2 * c];
			refs[nref][2] = pos[2 * c + 1];
			nref++;
		}
	}
	if (!nref)
		return 0;
	out[len++] = '=';
	for (int i = 0; i < nref;) {
		int j = i + 1, dr = 0, dc = 0;
		char a[16], b[16];
		/* Extend a run along a row or down a column. */
		if (j < nref && refs[j][0] == refs[i][0]) {
			dr = refs[j][1] - refs[i][1];
			dc = refs[j][2] - refs[i][2];
			if (!((dr == 0 && dc == 1) || (dr == 1 && dc == 0)))
				dr = dc = 0;
		}
		while ((dr || dc) && j < nref && refs[j][0] == refs[i][0] &&
		       refs[j][1] == refs[j - 1][1] + dr && refs[j][2] == refs[j - 1][2] + dc)
			j++;
		if (i > 0 || refs[i][0] < 0)
			out[len++] = refs[i][0] < 0 ? '-' : '+';
		ref(a, refs[i][1], refs[i][2]);
		if (j - i > 1) {
			ref(b, refs[j - 1][1], refs[j - 1][2]);
			len += (size_t)snprintf(out + len, n - len, "SUM(%s:%s)", a, b);
		} else {
			len += (size_t)snprintf(out + len, n - len, "%s", a);
		}
		if (len + 40 >= n)
			return 0;
		out[len] = '\0';
		i = j;
	}
	return 1;
}

/* The figure the rule gives for a computed cell, summed as the engine
 * sums it. */
static int rule_sum(const nb_form *f, const nb_report *rep, int cell, int64_t *v)
{
	const nb_deps *d = f->deps;
	const nb_inst *in = &d->inst[d->computed_by[cell]];
	const nb_rule *r = &f->rule[in->rule];
	nb_sum s = {0, 0, 0, 0};

	for (int t = 0; t < r->nrhs; t++)
		nb_term_sum(f, r, in->bind, &r->rhs[t], rep, &s);
	*v = s.v;
	return !s.ovf && !s.missing;
}

static void put_value(xctx *x, lxw_worksheet *ws, int row, int col, int cell, const int *pos)
{
	const nb_form *f = x->in->form;
	const nb_value *v = &x->in->rep->cell[cell];
	const nb_valtype *t = nb_form_cell_type(f, cell);
	int money = t->type == NB_T_MONEY, exact;
	lxw_format *fmt = money ? money_format(x, cell, v) : x->count;
	char fx[2048];
	int64_t sum;
	double d;

	if (!v->set) {
		keep(x, worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, fmt));
		return; /* blank stays blank, never 0 */
	}
	d = as_number(v, money, &exact);
	/* A computed total is a formula when the report's figure is what the
	 * rule gives; a wrong total keeps the figure as the report has it
	 * (the findings sheet says what is wrong), so the sheet never shows a
	 * figure the report does not. */
	if (!money && f->deps && f->deps->computed_by[cell] >= 0 &&
	    formula(f, cell, pos, fx, sizeof fx) && rule_sum(f, x->in->rep, cell, &sum) &&
	    sum == v->v)
		keep(x, worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col, fx, fmt, d));
	else
		keep(x, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, d, fmt));
	if (!exact) {
		char typed[NB_VALUE_BUFSZ + 64];
		nb_value_format(v, t, typed, NB_VALUE_BUFSZ);
		strcat(typed, "（准确值）"); /* the note a too-long figure carries */
		keep(x, worksheet_write_comment(ws, (lxw_row_t)row, (lxw_col_t)col, typed));
	}
}

/* Display width in half characters, to size the columns. */
static int halfwidth(const char *s)
{
	int w = 0;
	for (; *s; s++)
		w += !(*s & 0x80) ? 1 : (*s & 0xC0) == 0xC0 ? 2 : 0;
	return w;
}

/* A sheet name Excel accepts: at most 31 UTF-16 units, none of []:*?/\,
 * no apostrophe at either end, unique in the workbook (a second one gets
 * "(2)"). */
static char *sheet_name(xctx *x, const char *want)
{
	char buf[160];
	size_t k = 0;
	int units = 0;

	for (const unsigned char *p = (const unsigned char *)want; *p && k + 5 < 120;) {
		int len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
		int u = len == 4 ? 2 : 1;
		if (units + u > MAX_SHEET_NAME - 3)
			break;
		if (*p < 0x20 || strchr("[]:*?/\\", *p)) {
			buf[k++] = '_';
			p++;
		} else {
			for (int i = 0; i < len && *p; i++)
				buf[k++] = (char)*p++;
		}
		units += u;
	}
	while (k && buf[k - 1] == '\'')
		k--;
	buf[k] = '\0';
	if (!k || buf[0] == '\'')
		strcpy(buf, "_");
	for (int n = 2, clash = 1; clash && n < 100; n++) {
		clash = 0;
		for (int i = 0; i < x->nnames; i++)
			if (!strcmp(x->names[i], buf))
				clash = 1;
		if (clash)
			snprintf(buf + k, sizeof buf - k, "(%d)", n);
	}
	char **nv = realloc(x->names, (size_t)(x->nnames + 1) * sizeof *nv);
	if (!nv)
		return NULL;
	x->names = nv;
	return x->names[x->nnames++] = strdup(buf);
}

/* A section's sheet is named as the template names its table ("表三");
 * for stacked tables, the name they share once their own titles are taken
 * off ("表二第二十条第（一）项" less "第二十条第（一）项"); else the heading. */
static void section_sheet_name(const nb_form *f, int s, char *buf, size_t n)
{
	const nb_section *sec = &f->section[s];

	snprintf(buf, n, "%s", sec->heading);
	for (int i = 0; i < sec->ntables; i++) {
		const nb_table *t = &f->table[sec->first_table + i];
		size_t len = strlen(t->name), tl = t->title ? strlen(t->title) : 0;
		if (sec->ntables > 1) {
			if (!tl || tl >= len || strcmp(t->name + len - tl, t->title))
				return;
			len -= tl;
		}
		if (i == 0) {
			if (len >= n)
				return;
			memcpy(buf, t->name, len);
			buf[len] = '\0';
		} else if (strlen(buf) != len || strncmp(buf, t->name, len)) {
			snprintf(buf, n, "%s", sec->heading);
			return;
		}
	}
}

static void section_sheet(xctx *x, int s, int *pos)
{
	const nb_form *f = x->in->form;
	char want[512];
	nb_layout l;
	lxw_worksheet *ws;
	char *name;
	double *w;

	if (f->section[s].ntables == 0)
		return;
	if (nb_layout_build(f, s, &l) < 0) {
		keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	if (l.nrows == 0) {
		nb_layout_free(&l);
		return;
	}
	section_sheet_name(f, s, want, sizeof want);
	if (!(name = sheet_name(x, want)) || !(ws = workbook_add_worksheet(x->wb, name)) ||
	    !(w = calloc((size_t)l.ncols, sizeof *w))) {
		keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		nb_layout_free(&l);
		return;
	}
	put_string(x, ws, 0, 0, f->section[s].heading, x->heading);
	/* Where each value cell sits, for the formulas. */
	for (int i = 0; i < l.ncell; i++)
		if (l.cell[i].kind == NB_LC_VALUE) {
			pos[2 * l.cell[i].cell] = TOP + l.cell[i].row;
			pos[2 * l.cell[i].cell + 1] = l.cell[i].col;
		}
	for (int i = 0; i < l.ncell; i++) {
		const nb_lcell *c = &l.cell[i];
		int r = TOP + c->row;
		if (c->kind == NB_LC_VALUE) {
			if (c->rowspan > 1 || c->colspan > 1)
				merge(x, ws, c, TOP, "", x->count);
			put_value(x, ws, r, c->col, c->cell, pos);
		} else {
			lxw_format *fm = c->kind == NB_LC_ROWHEAD ? x->rowhead
				       : c->kind == NB_LC_TITLE ? x->title : x->head;
			if (c->rowspan > 1 || c->colspan > 1)
				merge(x, ws, c, TOP, c->text, fm);
			else
				put_string(x, ws, r, c->col, c->text, fm);
		}
		if (c->colspan == 1) {
			/* Column widths in characters: long labels wrap at 16,
			 * a label over many rows fits a narrow column. */
			int hw = c->text ? halfwidth(c->text) : 10;
			double cw = hw / 2.0 + 1;
			if (c->rowspan > 1 && cw > 6)
				cw = 6;
			if (cw > 17)
				cw = 17;
			if (cw > w[c->col])
				w[c->col] = cw;
		}
	}
	for (int c = 0; c < l.ncols; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c] < 6 ? 6 : w[c], NULL);
	worksheet_set_paper(ws, 9); /* A4 */
	if (l.ncols > 6)
		worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	if (l.nhead > 0) {
		keep(x, worksheet_repeat_rows(ws, TOP, (lxw_row_t)(TOP + l.nhead - 1)));
		worksheet_freeze_panes(ws, (lxw_row_t)(TOP + l.nhead), 0);
	}
	free(w);
	nb_layout_free(&l);
}

/* The cover: the title, then each cover field with its label. */
static void cover_sheet(xctx *x)
{
	const nb_form *f = x->in->form;
	char title[1024];
	lxw_worksheet *ws;
	char *name = sheet_name(x, "封面");
	int row = 2;

	if (!name || !(ws = workbook_add_worksheet(x->wb, name))) {
		keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	nb_report_title(x->in->rep, title, sizeof title);
	put_string(x, ws, 0, 0, title, x->heading);
	for (int i = 0; i < f->nfield; i++) {
		if (f->field[i].section >= 0)
			continue;
		put_string(x, ws, row, 0, f->field[i].label, x->text);
		put_string(x, ws, row, 1, x->in->rep->text[i], x->wrap);
		row++;
	}
	worksheet_set_column(ws, 0, 0, 16, NULL);
	worksheet_set_column(ws, 1, 1, 80, NULL);
}

/* 检查结果: every finding of the engine, in its order. */
static void findings_sheet(xctx *x)
{
	const nb_form *f = x->in->form;
	nb_engine *e = x->in->eng;
	static const char *const head[] = {"严重程度", "编号", "位置", "说明"};
	lxw_worksheet *ws;
	char *name = sheet_name(x, "检查结果");

	if (!name || !(ws = workbook_add_worksheet(x->wb, name))) {
		keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	for (int c = 0; c < 4; c++)
		put_string(x, ws, 0, c, head[c], x->head);
	for (int i = 0; e && i < nb_engine_nfindings(e); i++) {
		const nb_finding *fd = nb_engine_finding(e, i);
		char id[256] = "", where[1024] = "";
		/* A finding about prose names the text, as `nianbao check`
		 * does, though it also points at the cell it disagrees with. */
		if (fd->field >= 0) {
			const nb_field *fl = &f->field[fd->field];
			snprintf(id, sizeof id, "text.%s", fl->id);
			snprintf(where, sizeof where, "%s",
				 fl->section >= 0 ? f->section[fl->section].heading : fl->label);
		} else if (fd->cell >= 0) {
			const nb_table *t = &f->table[f->cell_table[fd->cell]];
			char cn[768];
			nb_form_cell_id(f, fd->cell, id, sizeof id);
			nb_form_cell_name(f, fd->cell, cn, sizeof cn);
			snprintf(where, sizeof where, "%s%s", t->name, cn);
		} else {
			snprintf(id, sizeof id, "report");
		}
		put_string(x, ws, i + 1, 0, fd->sev == NB_SEV_ERROR ? "错误" : "警告", x->text);
		put_string(x, ws, i + 1, 1, id, x->text);
		put_string(x, ws, i + 1, 2, where, x->wrap);
		put_string(x, ws, i + 1, 3, fd->msg, x->wrap);
	}
	worksheet_set_column(ws, 0, 0, 9, NULL);
	worksheet_set_column(ws, 1, 1, 24, NULL);
	worksheet_set_column(ws, 2, 2, 40, NULL);
	worksheet_set_column(ws, 3, 3, 80, NULL);
	worksheet_freeze_panes(ws, 1, 0);
}

static nb_status write_xlsx(const nb_export_in *in, const char *path, nb_err *err)
{
	xctx x = {0};
	char title[1024];
	int *pos = malloc((size_t)(in->form->ncell ? in->form->ncell : 1) * 2 * sizeof *pos);
	lxw_workbook_options opt = {0};
	/* The library prints numbers with printf: in a locale whose decimal
	 * mark is a comma they would come out as "1,5". */
	locale_t cl = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0), old = (locale_t)0;
	lxw_error e;

	if (!pos || !cl) {
		free(pos);
		if (cl)
			freelocale(cl);
		return nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
	}
	old = uselocale(cl);
	for (int i = 0; i < 2 * in->form->ncell; i++)
		pos[i] = -1;
	x.in = in;
	opt.tmpdir = NULL;
	if (!(x.wb = workbook_new_opt(path, &opt))) {
		uselocale(old);
		freelocale(cl);
		free(pos);
		return nb_fail(err, NB_UNWRITABLE, "%s: 无法创建工作簿", path);
	}
	x.head = boxed(&x, LXW_ALIGN_CENTER);
	x.title = boxed(&x, LXW_ALIGN_CENTER);
	format_set_bold(x.title);
	x.rowhead = boxed(&x, LXW_ALIGN_LEFT);
	x.count = boxed(&x, LXW_ALIGN_RIGHT);
	format_set_num_format(x.count, "0");
	x.heading = workbook_add_format(x.wb);
	format_set_bold(x.heading);
	format_set_font_size(x.heading, 14);
	x.text = workbook_add_format(x.wb);
	format_set_align(x.text, LXW_ALIGN_VERTICAL_TOP);
	x.wrap = workbook_add_format(x.wb);
	format_set_text_wrap(x.wrap);
	format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);

	nb_report_title(in->rep, title, sizeof title);
	char *ct = clean(title);
	lxw_doc_properties props = {0};
	props.title = ct;
	if (ct)
		keep(&x, workbook_set_properties(x.wb, &props));
	cover_sheet(&x);
	for (int s = 0; s < in->form->nsection; s++)
		section_sheet(&x, s, pos);
	findings_sheet(&x);
	e = workbook_close(x.wb);
	free(ct);
	uselocale(old);
	freelocale(cl);
	for (int i = 0; i < x.nnames; i++)
		free(x.names[i]);
	free(x.names);
	free(pos);
	if (x.err != LXW_NO_ERROR)
		return nb_fail(err, x.err == LXW_ERROR_MEMORY_MALLOC_FAILED ? NB_NOMEM : NB_UNWRITABLE,
			       "%s: %s", path, lxw_strerror(x.err));
	if (e != LXW_NO_ERROR)
		return nb_fail(err, NB_UNWRITABLE, "%s: %s", path, lxw_strerror(e));
	return NB_OK;
}

const nb_export_format nb_export_xlsx = {
	"xlsx", ".xlsx", "Excel 工作簿（数字、合计公式、检查结果）", write_xlsx
};
