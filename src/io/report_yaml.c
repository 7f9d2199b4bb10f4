/* Report file I/O. Load and save share one walk of the form (fields in
 * order, tables, leaf rows, leaf columns), so the file's shape is the form's. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "io/report_yaml.h"
#include "io/report_review.h"
#include "io/savefile.h"
#include "core/yamltree.h"
#include "model/groups.h"

static const nb_ylimits report_limits = {
	.max_bytes = NB_LIMIT_FILE_BYTES, .max_depth = NB_LIMIT_DEPTH,
	.max_string = NB_LIMIT_STRING_BYTES, .max_nodes = NB_LIMIT_NODES,
	.max_keys = 128, /* the widest map of a report has 25 keys */
	.max_items = 16384, /* a roll-up lists every input it summed */
};

/* ---------------- loading ---------------- */

typedef struct {
	const char *name;
	nb_err *err;
	nb_report *r;
} lctx;

static int lfail(lctx *c, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int lfail(lctx *c, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	nb_vyerr(c->err, c->name, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

static int is_null(const nb_ynode *n)
{
	return n->type == NB_Y_SCALAR && n->plain &&
	       (n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
		!strcmp(n->str, "Null") || !strcmp(n->str, "NULL"));
}

static int want_map(lctx *c, const nb_ynode *n, const char *what)
{
	if (n->type != NB_Y_MAP)
		return lfail(c, n->line, n->col, "“%s”应为映射（键: 值）", what);
	return 0;
}

static int load_text(lctx *c, int field, const nb_ynode *n)
{
	const nb_field *fd = &c->r->form->field[field];
	if (n->type != NB_Y_SCALAR)
		return lfail(c, n->line, n->col, "“%s”应为文字", fd->label);
	if (is_null(n))
		return 0;
	if (memchr(n->str, 0, n->len))
		return lfail(c, n->line, n->col, "“%s”中含有空字符", fd->label);
	if (fd->kind == NB_F_YEAR) {
		int ok = n->len == 4;
		for (size_t i = 0; ok && i < 4; i++)
			ok = n->str[i] >= '0' && n->str[i] <= '9';
		if (!ok)
			return lfail(c, n->line, n->col, "“%s”应为四位年份，而不是“%s”",
				     fd->label, n->str);
	}
	if (nb_report_set_text_valid(c->r, field, n->str, n->len))
		return lfail(c, n->line, n->col, "“%s”不是有效的 UTF-8 文字", fd->label);
	return 0;
}

static int load_fields(lctx *c, const nb_ynode *map, int sections)
{
	const nb_form *f = c->r->form;
	if (want_map(c, map, sections ? "text" : "cover"))
		return -1;
	for (const nb_ynode *m = map->first; m; m = m->next) {
		int fi = nb_form_field(f, m->key);
		if (fi < 0 || (f->field[fi].section >= 0) != sections)
			return lfail(c, m->kline, m->kcol,
				     "未知的键“%s”（表单 %s 的%s中没有这一项；请删除或检查拼写）",
				     m->key, f->id, sections ? "text" : "cover");
		if (load_text(c, fi, m))
			return -1;
	}
	return 0;
}

/* Look a key up on an axis, trying first where the form's order says the
 * next one should be: files nianbao wrote match at the first try. */
static int axis_next(const nb_axis *ax, int *hint, const char *key)
{
	int h = *hint;
	while (h >= 0 && h < ax->nnode && ax->node[h].leaf < 0)
		h++; /* groups hold no values and are never keys */
	if (h >= 0 && h < ax->nnode && !strcmp(ax->node[h].id, key)) {
		*hint = h + 1;
		return h;
	}
	int i = nb_axis_find(ax, key);
	if (i >= 0)
		*hint = i + 1;
	return i;
}

/* "表三「（七）总计」行「自然人」列", wanted only for a message. */
static const char *where(const nb_form *f, int ti, int cell, char *buf, size_t n)
{
	char name[300];
	nb_form_cell_name(f, cell, name, sizeof name);
	snprintf(buf, n, "%s%s", f->table[ti].name, name);
	return buf;
}

static int load_cell(lctx *c, int ti, int cell, const nb_ynode *cn)
{
	const nb_form *f = c->r->form;
	char w[400];
	if (cn->type != NB_Y_SCALAR)
		return lfail(c, cn->line, cn->col, "%s应为数字", where(f, ti, cell, w, sizeof w));
	nb_value v = {0, 0, 0, 0};
	if (!is_null(cn)) {
		nb_verr e = nb_report_parse_cell(c->r, cell, cn->str, cn->len, &v);
		/* A quoted count is a string to every other YAML reader. */
		if (e == NB_VOK && !cn->plain && nb_form_cell_type(f, cell)->type != NB_T_MONEY)
			return lfail(c, cn->line, cn->col, "%s应为不加引号的整数",
				     where(f, ti, cell, w, sizeof w));
		if (e != NB_VOK) {
			char m[400];
			nb_msgf(m, sizeof m, "%s：%s（“%.*s”）", where(f, ti, cell, w, sizeof w),
				nb_verr_str(e), (int)nb_utf8_fit(cn->str, cn->len, 40), cn->str);
			return lfail(c, cn->line, cn->col, "%s", m);
		}
	}
	c->r->cell[cell] = v;
	c->r->cell_mark[cell].line = cn->line;
	c->r->cell_mark[cell].col = cn->col;
	return 0;
}

/* A group row given as a whole (model/groups.h): each column's figure,
 * typed as the column's cells are. */
static int load_group(lctx *c, int ti, int ri, const nb_ynode *rn)
{
	const nb_form *f = c->r->form;
	const nb_table *t = &f->table[ti];
	const nb_node *g = &t->rows.node[ri];
	int chint = 0;
	for (const nb_ynode *cn = rn->first; cn; cn = cn->next) {
		int ci = axis_next(&t->cols, &chint, cn->key);
		if (ci < 0 || t->cols.node[ci].leaf < 0)
			return lfail(c, cn->kline, cn->kcol, "未知的列“%s”（%s中没有这一列）", cn->key,
				     t->name);
		int col = t->cols.node[ci].leaf;
		int first = nb_form_cell(f, ti, g->first_leaf, col);
		nb_value keep = c->r->cell[first];
		nb_mark km = c->r->cell_mark[first];
		/* Parsed and checked as the group's first cell would be. */
		if (load_cell(c, ti, first, cn))
			return -1;
		nb_value v = c->r->cell[first];
		c->r->cell[first] = keep;
		c->r->cell_mark[first] = km;
		if (v.set && nb_group_set(c->r, ti, ri, col, &v))
			return lfail(c, cn->line, cn->col, "内存不足");
		if (v.set) {
			nb_gval *gv = (nb_gval *)nb_group_get(c->r, ti, ri, col);
			gv->mark.line = cn->line;
			gv->mark.col = cn->col;
		}
	}
	return 0;
}

static int load_tables(lctx *c, const nb_ynode *map)
{
	const nb_form *f = c->r->form;
	if (want_map(c, map, "tables"))
		return -1;
	for (const nb_ynode *tn = map->first; tn; tn = tn->next) {
		int ti = nb_form_table(f, tn->key);
		if (ti < 0)
			return lfail(c, tn->kline, tn->kcol,
				     "未知的表“%s”（表单中没有这个表；请删除或检查拼写）", tn->key);
		const nb_table *t = &f->table[ti];
		if (want_map(c, tn, tn->key))
			return -1;
		int rhint = 0;
		for (const nb_ynode *rn = tn->first; rn; rn = rn->next) {
			int ri = axis_next(&t->rows, &rhint, rn->key);
			if (ri < 0 || (t->rows.node[ri].leaf < 0 && !t->rows.node[ri].nleaves))
				return lfail(c, rn->kline, rn->kcol,
					     "未知的行“%s”（%s中没有这一行）", rn->key, t->name);
			if (want_map(c, rn, rn->key))
				return -1;
			if (t->rows.node[ri].leaf < 0) {
				if (load_group(c, ti, ri, rn))
					return -1;
				continue;
			}
			int chint = 0;
			for (const nb_ynode *cn = rn->first; cn; cn = cn->next) {
				int ci = axis_next(&t->cols, &chint, cn->key);
				if (ci < 0 || t->cols.node[ci].leaf < 0)
					return lfail(c, cn->kline, cn->kcol,
						     "未知的列“%s”（%s中没有这一列）", cn->key, t->name);
				if (load_cell(c, ti, nb_form_cell(f, ti, t->rows.node[ri].leaf,
								  t->cols.node[ci].leaf), cn))
					return -1;
			}
		}
	}
	return 0;
}

static nb_report *load_mem(const char *buf, size_t len, const char *name,
			   nb_err *err, nb_load_status *status, const nb_form *want)
{
	nb_ydoc doc;
	nb_ystatus ys = nb_yparse(buf, len, name, &report_limits, &doc, err);
	if (ys != NB_YOK) {
		*status = ys == NB_YDAMAGED ? NB_LOAD_DAMAGED : NB_LOAD_INVALID;
		return NULL;
	}
	nb_report *r = NULL;
	lctx c = {name, err, NULL};
	*status = NB_LOAD_INVALID;
	const nb_ynode *root = doc.root;
	if (!root) {
		nb_yerr(err, name, 1, 1, "文件为空，不是年报文件（可能保存时被中断；请使用备份文件）");
		*status = NB_LOAD_DAMAGED;
		goto out;
	}
	if (root->type != NB_Y_MAP) {
		nb_yerr(err, name, root->line, root->col, "不是 nianbao 年报文件（顶层应为映射）");
		goto out;
	}
	const nb_ynode *ver = nb_yget(root, "nianbao_report");
	if (!ver) {
		nb_yerr(err, name, root->line, root->col,
			"不是 nianbao 年报文件（缺少 nianbao_report 格式版本）");
		goto out;
	}
	if (ver->type != NB_Y_SCALAR || !ver->plain || ver->len == 0 || ver->len > 6 ||
	    strspn(ver->str, "0123456789") != ver->len) {
		nb_yerr(err, name, ver->line, ver->col, "nianbao_report 应为格式版本号（整数）");
		goto out;
	}
	if (atoi(ver->str) < 1) {
		nb_yerr(err, name, ver->line, ver->col, "nianbao_report 格式版本应从 1 开始");
		goto out;
	}
	if (atoi(ver->str) > NB_REPORT_VERSION) {
		nb_yerr(err, name, ver->line, ver->col,
			"文件格式版本 %s 比本程序支持的 %d 新：请升级 nianbao 后再打开",
			ver->str, NB_REPORT_VERSION);
		*status = NB_LOAD_VERSION;
		goto out;
	}
	if (!doc.explicit_end || len == 0 || buf[len - 1] != '\n') {
		int line = 1;
		for (size_t i = 0; i < len; i++)
			line += buf[i] == '\n';
		/* A file cut just before its last newline is as incomplete as
		 * any other prefix; a hand edit may also have dropped it. */
		if (doc.explicit_end)
			nb_yerr(err, name, line, 1,
				"文件不完整（末尾缺少换行）：可能在保存时被截断；若是手工编辑所致，请在最后一行“...”后加一个换行");
		else
			nb_yerr(err, name, line, 1,
				"文件不完整（缺少结尾标记“...”）：可能在保存时被截断；请使用备份文件 %s~",
				name);
		*status = NB_LOAD_DAMAGED;
		goto out;
	}
	const nb_ynode *fid = nb_yget(root, "form");
	if (!fid || fid->type != NB_Y_SCALAR) {
		nb_yerr(err, name, fid ? fid->line : root->line, fid ? fid->col : root->col,
			"缺少 form（表单编号，如 gk2021）");
		goto out;
	}
	const nb_form *f = want && !strcmp(want->id, fid->str) ? want : nb_forms_find(fid->str);
	if (!f) {
		nb_yerr(err, name, fid->line, fid->col,
			"未知的表单“%s”（用 nianbao forms 查看可用表单，或用 --forms 指定表单目录）",
			fid->str);
		*status = NB_LOAD_FORM;
		goto out;
	}
	r = nb_report_new(f);
	if (!r) {
		nb_yerr(err, name, 1, 1, "内存不足");
		goto out;
	}
	c.r = r;
	for (const nb_ynode *m = root->first; m; m = m->next) {
		int rc = 0;
		if (!strcmp(m->key, "nianbao_report") || !strcmp(m->key, "form"))
			continue;
		else if (!strcmp(m->key, "cover"))
			rc = load_fields(&c, m, 0);
		else if (!strcmp(m->key, "text"))
			rc = load_fields(&c, m, 1);
		else if (!strcmp(m->key, "tables"))
			rc = load_tables(&c, m);
		else if (!strcmp(m->key, "comments"))
			rc = nb_review_load_comments(r, m, name, err);
		else if (!strcmp(m->key, "rollup"))
			rc = nb_review_load_rollup(r, m, name, err);
		else
			rc = lfail(&c, m->kline, m->kcol,
				   "未知的键“%s”（年报文件只有 nianbao_report、form、cover、text、tables、comments、rollup；请删除或检查拼写）",
				   m->key);
		if (rc) {
			nb_report_free(r);
			r = NULL;
			goto out;
		}
	}
	*status = NB_LOAD_OK;
out:
	nb_ydoc_free(&doc);
	return r;
}

nb_report *nb_report_load_mem(const char *buf, size_t len, const char *name,
			      nb_err *err, nb_load_status *status)
{
	return load_mem(buf, len, name, err, status, NULL);
}

nb_report *nb_report_load_file(const char *path, nb_err *err, nb_load_status *status)
{
	char *buf;
	size_t len;
	if (nb_read_file(path, NB_LIMIT_FILE_BYTES, &buf, &len)) {
		if (errno == EFBIG) {
			snprintf(err->msg, sizeof err->msg,
				 "%s:1:1: 文件过大（上限 %u 字节），不是年报文件", path,
				 NB_LIMIT_FILE_BYTES);
			*status = NB_LOAD_DAMAGED;
		} else {
			snprintf(err->msg, sizeof err->msg, "%s: 无法读取：%s", path, strerror(errno));
			*status = NB_LOAD_IO;
		}
		return NULL;
	}
	nb_report *r = nb_report_load_mem(buf, len, path, err, status);
	free(buf);
	return r;
}

/* ---------------- saving ---------------- */

/* The report as the one description of its data, fed to an emitter: the
 * YAML writer is nb_emit_yaml; the same walk could feed any other. */
static void emit_fields(nb_emit *e, const nb_report *r, int sections)
{
	const nb_form *f = r->form;

	nb_emit_key(e, sections ? "text" : "cover");
	nb_emit_map(e);
	for (int i = 0; i < f->nfield; i++) {
		const nb_field *fd = &f->field[i];
		const char *s = r->text[i];
		if ((fd->section >= 0) != sections)
			continue;
		nb_emit_key(e, fd->id);
		if (fd->kind == NB_F_YEAR)
			nb_emit_val(e, *s ? NB_ES_NUM : NB_ES_NULL, s);
		else
			nb_emit_val(e, fd->kind == NB_F_TEXT ? NB_ES_TEXT : NB_ES_STR, s);
	}
	nb_emit_end_map(e);
}

static void emit_tables(nb_emit *e, const nb_report *r)
{
	const nb_form *f = r->form;

	nb_emit_key(e, "tables");
	nb_emit_map(e);
	for (int ti = 0; ti < f->ntable; ti++) {
		const nb_table *t = &f->table[ti];
		nb_emit_key(e, t->id);
		nb_emit_map(e);
		/* Rows in the form's order; a group row only when the report
		 * gives it as a whole, just before its own rows. */
		for (int k = 0; k < t->rows.nnode; k++) {
			const nb_node *rnode = &t->rows.node[k];
			int ri = rnode->leaf;
			if (ri < 0 && (!r->ngval || !nb_group_any(r, ti, k)))
				continue;
			nb_emit_key(e, rnode->id);
			nb_emit_map(e);
			for (int ci = 0; ci < t->cols.nleaf; ci++) {
				const nb_node *cn = &t->cols.node[t->cols.leaf_node[ci]];
				static const nb_value none = {0, 0, 0, 0};
				const nb_gval *gv = ri < 0 ? nb_group_get(r, ti, k, ci) : NULL;
				const nb_value *v = ri >= 0 ? &r->cell[nb_form_cell(f, ti, ri, ci)]
					: gv ? &gv->v : &none;
				char buf[NB_VALUE_BUFSZ];
				nb_value_format(v, &cn->vt, buf, sizeof buf);
				/* Money keeps its digits and unit as a string. */
				nb_emit_kv(e, cn->id, !v->set ? NB_ES_NULL :
					   cn->vt.type == NB_T_MONEY ? NB_ES_STR : NB_ES_NUM, buf);
			}
			nb_emit_end_map(e);
		}
		nb_emit_end_map(e);
	}
	nb_emit_end_map(e);
}

void nb_report_emit(nb_emit *e, const nb_report *r)
{
	char ver[16];

	snprintf(ver, sizeof ver, "%d", NB_REPORT_VERSION);
	nb_emit_map(e);
	nb_emit_kv(e, "nianbao_report", NB_ES_NUM, ver);
	nb_emit_kv(e, "form", NB_ES_WORD, r->form->id);
	emit_fields(e, r, 0);
	emit_fields(e, r, 1);
	emit_tables(e, r);
	nb_review_emit(e, r);
	nb_emit_end_map(e);
}

int nb_report_save_mem(const nb_report *r, char **out, size_t *outlen)
{
	return nb_report_save(r, out, outlen, NULL);
}

int nb_report_save(const nb_report *r, char **out, size_t *outlen, nb_err *why)
{
	nb_emit *e = nb_emit_yaml_new();
	nb_membuf m = {NULL, 0, 0, 0};
	int rc = -1;

	*out = NULL;
	*outlen = 0;
	if (!e) {
		if (why)
			snprintf(why->msg, sizeof why->msg, "内存不足，无法保存");
		return -1;
	}
	nb_report_emit(e, r);
	if (!e->failed && e->ops->finish(e) == 0)
		rc = 0;
	m = e->out;
	e->out.buf = NULL;
	e->ops->free(e);
	if (rc) {
		free(m.buf);
		if (why)
			snprintf(why->msg, sizeof why->msg, "%s",
				 m.oom ? "内存不足，无法保存" : "无法生成 YAML（libyaml 报错）");
		return -1;
	}
	if (m.len > NB_LIMIT_FILE_BYTES) {
		free(m.buf);
		if (why)
			snprintf(why->msg, sizeof why->msg,
				 "报告超过 %u 字节的上限，无法保存：请缩短过长的文字（工作仍在编辑器中）",
				 NB_LIMIT_FILE_BYTES);
		return -1;
	}
	/* Read back what was written before anyone puts it on disk: an
	 * emitter that silently produced something else must not cost data. */
	nb_err err;
	nb_load_status st;
	nb_report *back = load_mem(m.buf, m.len, "(保存内容)", &err, &st, r->form);
	int same = back != NULL;
	for (int i = 0; same && i < r->form->nfield; i++)
		same = !strcmp(back->text[i], r->text[i]);
	for (int c = 0; same && c < r->form->ncell; c++)
		same = nb_value_eq(&back->cell[c], &r->cell[c]);
	same = same && nb_review_eq(back, r) && nb_groups_eq(back, r);
	nb_report_free(back);
	if (!same) {
		free(m.buf);
		if (why)
			nb_msgf(why->msg, sizeof why->msg,
				"保存前复核失败，写出的内容读回后与编辑中的不一致，未写入磁盘：%s",
				back ? "数值或文字不同" : err.msg);
		return -1;
	}
	*out = m.buf;
	*outlen = m.len;
	return 0;
}
