/* Importing a published report: read the items (text or HTML), decide the
 * layout from the tables, place every table cell by its position in the
 * template's grid (form/layout.h), then the prose and the cover. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/sysio.h"
#include "form/layout.h"
#include "io/import.h"
#include "io/import_items.h"
#include "model/groups.h"

#define NORM 512

int nb_import_is_report_file(const char *buf, size_t len)
{
	size_t i = 0;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	/* Comments and blank lines may come first in a hand-edited file. */
	while (i < len) {
		if (buf[i] == '#') {
			while (i < len && buf[i] != '\n')
				i++;
		} else if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == ' ') {
			i++;
		} else {
			break;
		}
	}
	return len - i >= 15 && !memcmp(buf + i, "nianbao_report:", 15);
}

static int looks_html(const char *buf, size_t len)
{
	size_t i = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
		i++;
	return i < len && buf[i] == '<';
}

/* The layout cells of every section with tables, in reading order. */
typedef struct {
	nb_layout *sec;
	int nsec;
	const nb_lcell **c;
	int n;
} grid;

static void grid_free(grid *g)
{
	for (int s = 0; s < g->nsec; s++)
		nb_layout_free(&g->sec[s]);
	free(g->sec);
	free(g->c);
}

static int grid_build(const nb_form *f, grid *g)
{
	memset(g, 0, sizeof *g);
	g->sec = calloc((size_t)f->nsection + 1, sizeof *g->sec);
	if (!g->sec)
		return -1;
	g->nsec = f->nsection;
	int total = 0;
	for (int s = 0; s < f->nsection; s++) {
		/* layout.c qsorts a NULL array for a section without tables
		 * (UBSan: reported to the lead), so those are not built. */
		if (f->section[s].ntables && nb_layout_build(f, s, &g->sec[s]))
			return -1;
		total += g->sec[s].ncell;
	}
	g->c = malloc(sizeof *g->c * ((size_t)total + 1));
	if (!g->c)
		return -1;
	for (int s = 0; s < f->nsection; s++)
		for (int k = 0; k < g->sec[s].ncell; k++)
			g->c[g->n++] = &g->sec[s].cell[k];
	return 0;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* How many of the form's labels the published cells print (norm sorted): the layout
 * whose labels are found best is the one published, whatever the year. */
static int form_score(const nb_form *f, char **norm, int n)
{
	int found = 0, total = 0;
	char a[NORM];
	for (int t = 0; t < f->ntable; t++)
		for (int ax = 0; ax < 2; ax++) {
			const nb_axis *x = ax ? &f->table[t].rows : &f->table[t].cols;
			for (int k = 0; k < x->nnode; k++) {
				if (!*x->node[k].label)
					continue;
				nb_inorm(x->node[k].label, a, sizeof a);
				total++;
				const char *key = a;
				found += bsearch(&key, norm, (size_t)n, sizeof *norm, cmp_str) != NULL;
			}
		}
	/* Per thousand, so forms of different sizes compare. */
	return total ? found * 1000 / total : 0;
}

static const nb_form *detect_form(const nb_iitems *it, const char *hint,
				  const char *name, nb_err *err)
{
	if (hint) {
		const nb_form *f = nb_forms_find(hint);
		if (!f)
			nb_fail(err, NB_NO_FORM, "没有表单“%s”（nianbao forms 列出可用表单）", hint);
		return f;
	}
	char **norm = calloc((size_t)it->n + 1, sizeof *norm);
	int n = 0;
	if (!norm) {
		nb_fail(err, NB_NOMEM, "%s: 内存不足", name);
		return NULL;
	}
	for (int i = 0; i < it->n; i++) {
		if (it->v[i].kind != NB_II_CELL)
			continue;
		char a[NORM];
		nb_inorm(it->v[i].text, a, sizeof a);
		if (!*a || !(norm[n] = strdup(a)))
			continue;
		n++;
	}
	qsort(norm, (size_t)n, sizeof *norm, cmp_str);
	const nb_form *best = NULL;
	int bs = 0;
	for (int k = 0; k < nb_forms_count(); k++) {
		int s = form_score(nb_forms_get(k), norm, n);
		if (s > bs) {
			bs = s;
			best = nb_forms_get(k);
		}
	}
	for (int i = 0; i < n; i++)
		free(norm[i]);
	free(norm);
	if (!best || bs < 300)
		nb_fail(err, NB_INVALID,
			"%s: 没有找到年报的表格（表二“第二十条第（一）项”、表三“申请人情况”、表四“行政复议”）%s",
			name, n ? "：表格的标签与任何一种格式都对不上" : "：文件中没有表格");
	return bs >= 300 ? best : NULL;
}

static const char *kind_name(const nb_lcell *c)
{
	return c->kind == NB_LC_TITLE ? "标题" : c->kind == NB_LC_CORNER ? "表头"
	     : c->kind == NB_LC_COLHEAD ? "列标题" : "行标题";
}

/* A label of the layout that may be left out of a published table: a
 * group's own label (三、本年度办理结果, （三）不予公开, 申请人情况) and a stacked
 * table's title. */
static int omissible(const nb_form *f, const nb_lcell *c)
{
	if (c->kind == NB_LC_TITLE)
		return 1;
	if (c->kind != NB_LC_ROWHEAD && c->kind != NB_LC_COLHEAD)
		return 0;
	const nb_table *t = &f->table[c->table];
	const nb_axis *a = c->kind == NB_LC_ROWHEAD ? &t->rows : &t->cols;
	return a->node[c->node].leaf < 0;
}

/* Is layout cell L inside row group `node` of `table` (a row label under it,
 * or a value of one of its rows)? */
static int in_group(const nb_form *f, const nb_lcell *L, int table, int node)
{
	if (L->table != table)
		return 0;
	const nb_axis *rows = &f->table[table].rows;
	const nb_node *g = &rows->node[node];
	if (L->kind == NB_LC_VALUE) {
		int t, r, c;
		nb_form_cell_pos(f, L->cell, &t, &r, &c);
		return r >= g->first_leaf && r < g->first_leaf + g->nleaves;
	}
	if (L->kind != NB_LC_ROWHEAD)
		return 0;
	for (int n = rows->node[L->node].parent; n >= 0; n = rows->node[n].parent)
		if (n == node)
			return 1;
	return 0;
}

static int next_item(const nb_iitems *it, int i)
{
	while (i < it->n && it->v[i].kind != NB_II_CELL)
		i++;
	return i;
}

/* A group row label (（六）其他处理) followed by figures instead of its
 * first row's label: the 2019 single row in a 2021 table. Its figures are
 * the group's (model/groups.h); its rows stay blank, as they were not
 * published. Returns 1 when placed (*pi, *pj past it), 0 when this is not
 * such a row, -1 on a figure that is not one. */
static int place_group_row(nb_report *r, const nb_iitems *it, int *pi, const grid *g, int *pj,
			   const char *name, nb_import_info *info, nb_err *err)
{
	const nb_form *f = r->form;
	const nb_lcell *L = g->c[*pj];
	if (L->kind != NB_LC_ROWHEAD)
		return 0;
	const nb_table *t = &f->table[L->table];
	const nb_node *gn = &t->rows.node[L->node];
	if (gn->leaf >= 0 || !gn->nleaves || *pj + 1 >= g->n || g->c[*pj + 1]->kind != NB_LC_ROWHEAD)
		return 0;
	int i = next_item(it, *pi + 1);
	if (i >= it->n)
		return 0;
	char a[NORM], b[NORM];
	nb_inorm(it->v[i].text, a, sizeof a);
	nb_inorm(g->c[*pj + 1]->text, b, sizeof b);
	nb_value tmp;
	int first = nb_form_cell(f, L->table, gn->first_leaf, 0);
	int figure = !*a || nb_idash(it->v[i].text) ||
		     nb_report_parse_cell(r, first, it->v[i].text, strlen(it->v[i].text), &tmp) == NB_VOK;
	if (nb_ilabel_match(a, b) || !figure)
		return 0;
	for (int col = 0; col < t->cols.nleaf; col++, i = next_item(it, i + 1)) {
		char cn[160];
		if (i >= it->n) {
			nb_fail(err, NB_INVALID, "%s:%d: 表格在此结束，%s「%s」行缺少%s列", name,
				it->n ? it->v[it->n - 1].line : 1, t->name, gn->label,
				t->cols.node[t->cols.leaf_node[col]].label);
			return -1;
		}
		const nb_iitem *x = &it->v[i];
		int cell = nb_form_cell(f, L->table, gn->first_leaf, col);
		nb_value v;
		nb_verr e = nb_report_parse_cell(r, cell, x->text, strlen(x->text), &v);
		if (e == NB_VEMPTY) {
			info->blank++;
			continue;
		}
		if (nb_idash(x->text)) {
			info->dashes++;
			continue;
		}
		if (e != NB_VOK) {
			snprintf(cn, sizeof cn, "「%s」行「%s」列", gn->label,
				 t->cols.node[t->cols.leaf_node[col]].label);
			nb_fail(err, NB_INVALID, "%s:%d: %s%s应为数字，却是“%.60s”（%s）", name,
				x->line, t->name, cn, x->text, nb_verr_str(e));
			return -1;
		}
		if (nb_group_set(r, L->table, L->node, col, &v)) {
			nb_fail(err, NB_NOMEM, "%s: 内存不足", name);
			return -1;
		}
		((nb_gval *)nb_group_get(r, L->table, L->node, col))->mark = (nb_mark){x->line, 1};
		info->cells++;
	}
	int j = *pj + 1;
	while (j < g->n && in_group(f, g->c[j], L->table, L->node))
		j++;
	*pi = i;
	*pj = j;
	return 1;
}

static int place_cells(nb_report *r, const nb_iitems *it, const char *name,
		       nb_import_info *info, nb_err *err)
{
	const nb_form *f = r->form;
	grid g;
	char a[NORM], b[NORM], cn[160];
	int rc = -1, i = 0, j = 0, started = 0, last_line = 1;
	if (grid_build(f, &g)) {
		nb_fail(err, NB_NOMEM, "%s: 内存不足", name);
		goto out;
	}
	while (j < g.n) {
		const nb_lcell *L = g.c[j];
		while (i < it->n && it->v[i].kind != NB_II_CELL)
			i++;
		if (i >= it->n) {
			if (L->kind == NB_LC_VALUE)
				nb_form_cell_name(f, L->cell, cn, sizeof cn);
			nb_fail(err, NB_INVALID, "%s:%d: 表格在此结束，缺少%s%s“%s”", name, last_line,
				f->table[L->table].name, L->kind == NB_LC_VALUE ? "的" : kind_name(L),
				L->kind == NB_LC_VALUE ? cn : L->text);
			goto out;
		}
		const nb_iitem *x = &it->v[i];
		last_line = x->line;
		if (L->kind == NB_LC_VALUE) {
			nb_value v;
			nb_verr e = nb_report_parse_cell(r, L->cell, x->text, strlen(x->text), &v);
			if (e == NB_VEMPTY) {
				info->blank++;
			} else if (nb_idash(x->text)) {
				info->dashes++;
				v = r->cell[L->cell]; /* blank: see man nianbao-report(5) */
				v.set = 0;
			} else if (e != NB_VOK) {
				nb_form_cell_name(f, L->cell, cn, sizeof cn);
				nb_fail(err, NB_INVALID, "%s:%d: %s%s应为数字，却是“%.60s”（%s）", name,
					x->line, f->table[L->table].name, cn, x->text, nb_verr_str(e));
				goto out;
			}
			if (e == NB_VEMPTY)
				memset(&v, 0, sizeof v);
			r->cell[L->cell] = v;
			r->cell_mark[L->cell] = (nb_mark){x->line, 1};
			info->cells++;
			i++;
			j++;
			continue;
		}
		nb_inorm(x->text, a, sizeof a);
		nb_inorm(L->text, b, sizeof b);
		nb_value tmp;
		int is_num = *a && nb_report_parse_cell(r, 0, x->text, strlen(x->text), &tmp) == NB_VOK;
		if (L->kind == NB_LC_CORNER && started && !is_num) {
			i++, j++;
			continue;
		}
		if (!is_num && nb_ilabel_match(a, b)) {
			started = 1;
			int gr = place_group_row(r, it, &i, &g, &j, name, info, err);
			if (gr < 0)
				goto out;
			if (!gr)
				i++, j++;
			continue;
		}
		/* A label left out: the published cell is the next one's. */
		if (j + 1 < g.n && g.c[j + 1]->kind != NB_LC_VALUE && omissible(f, L) && !is_num) {
			char c2[NORM];
			nb_inorm(g.c[j + 1]->text, c2, sizeof c2);
			if (nb_ilabel_match(a, c2)) {
				j++;
				continue;
			}
		}
		if (!started || !*a) {
			/* Cells before the report's first table are the portal's;
			 * an empty cell where a label stands is a merge drawn as
			 * separate cells. */
			i++;
			continue;
		}
		/* A group label repeated on each of its rows (no rowspan). */
		int seen = 0;
		for (int k = j - 1; k >= 0 && !seen && g.c[k]->table == L->table; k--)
			if (g.c[k]->kind != NB_LC_VALUE && omissible(f, g.c[k])) {
				char c2[NORM];
				nb_inorm(g.c[k]->text, c2, sizeof c2);
				seen = nb_ilabel_match(a, c2);
			}
		if (seen && !is_num) {
			i++;
			continue;
		}
		nb_fail(err, NB_INVALID, "%s:%d: %s的%s应为“%s”，却是“%.80s”", name, x->line,
			f->table[L->table].name, kind_name(L), L->text, x->text);
		goto out;
	}
	if (!started) {
		nb_fail(err, NB_INVALID, "%s: 没有找到表格", name);
		goto out;
	}
	rc = 0;
out:
	grid_free(&g);
	return rc;
}

nb_report *nb_import_mem(const char *buf, size_t len, const char *name,
			 const char *form_hint, nb_import_info *info, nb_err *err)
{
	nb_import_info dummy;
	nb_iitems it = {0};
	nb_report *r = NULL;
	char *u = NULL;
	size_t ul;
	if (!info)
		info = &dummy;
	memset(info, 0, sizeof *info);
	if (len > NB_IMPORT_MAX_BYTES) {
		nb_fail(err, NB_TOO_BIG, "%s: 文件太大（超过 %u MiB），不是年报", name,
			NB_IMPORT_MAX_BYTES >> 20);
		return NULL;
	}
	if (nb_import_is_report_file(buf, len)) {
		nb_fail(err, NB_INVALID, "%s: 这已是年报文件（nianbao_report），无需导入", name);
		return NULL;
	}
	info->html = looks_html(buf, len);
	if (nb_import_decode(buf, len, info->html, name, &u, &ul, info->encoding, err) != NB_OK)
		return NULL;
	nb_status st = info->html ? nb_import_html_items(u, ul, name, &it, err)
				  : nb_import_text_items(u, ul, name, &it, err);
	free(u);
	if (st != NB_OK)
		goto fail;
	const nb_form *f = detect_form(&it, form_hint, name, err);
	if (!f)
		goto fail;
	if (!(r = nb_report_new(f))) {
		nb_fail(err, NB_NOMEM, "%s: 内存不足", name);
		goto fail;
	}
	if (place_cells(r, &it, name, info, err) || nb_import_prose(r, &it, name, err))
		goto fail;
	nb_iitems_free(&it);
	return r;
fail:
	nb_report_free(r);
	nb_iitems_free(&it);
	return NULL;
}

nb_report *nb_import_file_info(const char *path, const char *form_hint,
			       nb_import_info *info, nb_err *err)
{
	char *buf;
	size_t len;
	if (nb_read_file(path, NB_IMPORT_MAX_BYTES, &buf, &len)) {
		int e = errno;
		nb_fail(err, e == ENOENT ? NB_NOT_FOUND : e == EFBIG ? NB_TOO_BIG : NB_UNREADABLE,
			"%s: 无法读取：%s", path, e == EFBIG ? "文件太大" : strerror(e));
		return NULL;
	}
	nb_report *r = nb_import_mem(buf, len, path, form_hint, info, err);
	free(buf);
	return r;
}

nb_report *nb_import_file(const char *path, const char *form_hint, nb_err *err)
{
	return nb_import_file_info(path, form_hint, NULL, err);
}
