/* Form loader: a form file (man 5 nianbao-form) into an nb_form. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form/deps.h"
#include "form/form.h"
#include "form/form_load.h"
#include "form/form_mentions.h"
#include "form/rule.h"
#include "core/alloc.h"
#include "core/sysio.h"
#include "core/utf8.h"
#include "core/yamltree.h"

#define FORM_VERSION 1
#define MAX_AXIS_NODES 512

static const nb_ylimits form_limits = {
	.max_bytes = 1u << 20, .max_depth = 16, .max_string = 64u << 10,
	.max_nodes = 100000, .max_keys = 256,
};

/* The loader's checks live in form_load.c, shared with rule.c; the short
 * names keep this file's code as it was. */
typedef nb_fload ctx_t;
#define fail nb_fl_fail
#define fail_key nb_fl_fail_key
#define only_keys nb_fl_only_keys
#define want_map nb_fl_want_map
#define want_seq nb_fl_want_seq
#define get_str nb_fl_get_str
#define get_bool nb_fl_get_bool
#define get_int nb_fl_get_int
#define get_id_as nb_fl_get_id_as
#define get_id nb_fl_get_id

/* ---- axes ---- */

typedef struct {
	nb_node node[MAX_AXIS_NODES];
	int n;
} axis_build;

static int axis_walk(ctx_t *c, const nb_ynode *seq, axis_build *b, int parent,
		     int depth, int is_col)
{
	static const char *const keys[] = {"id", "label", "short", "children", "path",
					   "type", "units", NULL};
	if (want_seq(c, seq, is_col ? "columns" : "rows"))
		return -1;
	if (seq->n == 0)
		return fail(c, seq, "列表不能为空");
	for (const nb_ynode *it = seq->first; it; it = it->next) {
		if (want_map(c, it, is_col ? "列" : "行") || only_keys(c, it, keys))
			return -1;
		if (b->n >= MAX_AXIS_NODES)
			return fail(c, it, "行或列过多");
		int me = b->n++;
		nb_node *nd = &b->node[me];
		memset(nd, 0, sizeof *nd);
		nd->parent = parent;
		nd->depth = depth;
		nd->leaf = -1;
		if (get_id_as(c, it, &nd->id, 0) || get_str(c, it, "label", 1, &nd->label) ||
		    get_str(c, it, "short", 0, &nd->shortl) ||
		    get_bool(c, it, "path", 1, &nd->in_path))
			return -1;
		if (strlen(nd->label) > NB_FORM_MAX_LABEL)
			return fail(c, nb_yget(it, "label"), "标签过长（%zu 字节，最多 %d 字节）",
				    strlen(nd->label), NB_FORM_MAX_LABEL);
		if (!nd->shortl)
			nd->shortl = nd->label;
		for (int k = 0; k < me; k++)
			if (strcmp(b->node[k].id, nd->id) == 0)
				return fail(c, nb_yget(it, "id"), "重复的 id“%s”", nd->id);
		const nb_ynode *t = nb_yget(it, "type");
		nd->vt.type = NB_T_COUNT;
		if (t) {
			if (!is_col)
				return fail(c, t, "只有列可以指定 type");
			if (t->type != NB_Y_SCALAR)
				return fail(c, t, "type 应为 count、signed 或 money");
			if (!strcmp(t->str, "count"))
				nd->vt.type = NB_T_COUNT;
			else if (!strcmp(t->str, "signed"))
				nd->vt.type = NB_T_SIGNED;
			else if (!strcmp(t->str, "money"))
				nd->vt.type = NB_T_MONEY;
			else
				return fail(c, t, "未知的 type“%s”（应为 count、signed 或 money）", t->str);
		}
		const nb_ynode *u = nb_yget(it, "units");
		if (u) {
			if (nd->vt.type != NB_T_MONEY)
				return fail(c, u, "只有 money 列可以有 units");
			if (want_seq(c, u, "units"))
				return -1;
			if (u->n > NB_MAX_UNITS)
				return fail(c, u, "units 过多");
			for (const nb_ynode *x = u->first; x; x = x->next) {
				/* Formatted values must fit NB_VALUE_BUFSZ with 19 digits. */
				if (x->type != NB_Y_SCALAR || !x->len || x->len > 24)
					return fail(c, x, "单位应为 1 至 24 字节的文字");
				if (!(nd->vt.units[nd->vt.nunits++] = nb_ystrdup(c->a, x->str, x->len)))
					return fail(c, x, "内存不足");
			}
		}
		const nb_ynode *ch = nb_yget(it, "children");
		if (ch) {
			if (t || u)
				return fail(c, t ? t : u, "分组不能指定 type 或 units");
			if (axis_walk(c, ch, b, me, depth + 1, is_col))
				return -1;
		}
	}
	return 0;
}

static int build_axis(ctx_t *c, const nb_ynode *seq, nb_axis *ax, int is_col)
{
	static axis_build b; /* large; forms load one at a time */
	b.n = 0;
	if (axis_walk(c, seq, &b, -1, 0, is_col))
		return -1;
	ax->nnode = b.n;
	ax->node = nb_fl_alloc(c, seq, sizeof(nb_node) * (size_t)b.n);
	if (!ax->node)
		return -1;
	memcpy(ax->node, b.node, sizeof(nb_node) * (size_t)b.n);
	/* Leaves are nodes without children, in document order. */
	int nleaf = 0;
	ax->depth = 0;
	for (int i = 0; i < b.n; i++) {
		int has_child = i + 1 < b.n && ax->node[i + 1].parent == i;
		if (!has_child)
			ax->node[i].leaf = nleaf++;
		if (ax->node[i].depth + 1 > ax->depth)
			ax->depth = ax->node[i].depth + 1;
	}
	ax->nleaf = nleaf;
	ax->leaf_node = nb_fl_alloc(c, seq, sizeof(int) * (size_t)nleaf);
	if (!ax->leaf_node)
		return -1;
	for (int i = 0; i < b.n; i++) {
		nb_node *nd = &ax->node[i];
		if (nd->leaf >= 0)
			ax->leaf_node[nd->leaf] = i;
		/* Leaves under i: the contiguous run of descendants. */
		int first = -1, count = 0;
		for (int j = i; j < b.n; j++) {
			if (j > i && ax->node[j].depth <= nd->depth)
				break;
			if (ax->node[j].leaf >= 0) {
				if (first < 0)
					first = ax->node[j].leaf;
				count++;
			}
		}
		nd->first_leaf = first;
		nd->nleaves = count;
	}
	return 0;
}

int nb_axis_find(const nb_axis *a, const char *id)
{
	for (int i = 0; i < a->nnode; i++)
		if (strcmp(a->node[i].id, id) == 0)
			return i;
	return -1;
}

/* ---- roles ---- */

static const char *const role_names[NB_ROLE_COUNT] = {"agency", "year", "title", "period"};

const char *nb_role_name(nb_role role)
{
	return role >= 0 && role < NB_ROLE_COUNT ? role_names[role] : NULL;
}

int nb_form_field_role(const nb_form *f, nb_role role)
{
	return role >= 0 && role < NB_ROLE_COUNT ? f->role[role] : -1;
}

/* The field being loaded (the next of c->f->field) declares a role. */
static int set_role(ctx_t *c, const nb_ynode *at, const char *name, const nb_field *fd)
{
	nb_form *f = c->f;
	for (int k = 0; k < NB_ROLE_COUNT; k++) {
		if (strcmp(name, role_names[k]))
			continue;
		if (f->role[k] >= 0)
			return fail(c, at, "role“%s”已属于字段“%s”", name, f->field[f->role[k]].id);
		if ((k == NB_ROLE_YEAR) != (fd->kind == NB_F_YEAR))
			return fail(c, at, k == NB_ROLE_YEAR ? "role: year 的字段应为 kind: year"
					  : "kind: year 的字段只能有 role: year");
		if (k != NB_ROLE_YEAR && fd->kind != NB_F_LINE)
			return fail(c, at, "role“%s”的字段应为 kind: line", name);
		f->role[k] = f->nfield;
		return 0;
	}
	return fail(c, at, "未知的 role“%s”（应为 agency、year、title 或 period）", name);
}

/* ---- the whole form ---- */

static int load_tree(ctx_t *c, const nb_ynode *root)
{
	static const char *const top[] = {"nianbao_form", "id", "name", "basis", "years",
					  "title", "fields", "sections", "tables", "rules",
					  "mentions", NULL};
	nb_form *f = c->f;
	long v;
	if (want_map(c, root, "表单文件") || only_keys(c, root, top))
		return -1;
	for (int k = 0; k < NB_ROLE_COUNT; k++)
		f->role[k] = -1;
	const nb_ynode *ver = nb_yget(root, "nianbao_form");
	if (!ver)
		return fail(c, root, "缺少 nianbao_form（表单格式版本）");
	if (get_int(c, ver, 1, 1000000, &v))
		return -1;
	if (v > FORM_VERSION)
		return fail(c, ver, "表单格式版本 %s 比本程序支持的新，请升级 nianbao", ver->str);
	if (get_id(c, root, &f->id) || get_str(c, root, "name", 1, &f->name) ||
	    get_str(c, root, "basis", 0, &f->basis) ||
	    get_str(c, root, "title", 0, &f->title_tpl))
		return -1;
	const nb_ynode *yrs = nb_yget(root, "years");
	if (yrs) {
		static const char *const yk[] = {"from", "to", NULL};
		if (want_map(c, yrs, "years") || only_keys(c, yrs, yk))
			return -1;
		if (nb_yget(yrs, "from")) {
			if (get_int(c, nb_yget(yrs, "from"), NB_YEAR_MIN, NB_YEAR_MAX, &v))
				return -1;
			f->year_from = (int)v;
		}
		if (nb_yget(yrs, "to")) {
			if (get_int(c, nb_yget(yrs, "to"), NB_YEAR_MIN, NB_YEAR_MAX, &v))
				return -1;
			f->year_to = (int)v;
		}
	}

	/* Fields (cover), then one text slot per section with prose. */
	const nb_ynode *fl = nb_yget(root, "fields");
	const nb_ynode *sl = nb_yget(root, "sections");
	const nb_ynode *tl = nb_yget(root, "tables");
	const nb_ynode *rl = nb_yget(root, "rules");
	if (want_seq(c, fl, "fields") || want_seq(c, sl, "sections") ||
	    want_seq(c, tl, "tables"))
		return -1;
	if (rl && want_seq(c, rl, "rules"))
		return -1;
	f->field = nb_fl_alloc(c, root, sizeof(nb_field) * (size_t)(fl->n + sl->n + 1));
	f->section = nb_fl_alloc(c, root, sizeof(nb_section) * (size_t)(sl->n + 1));
	f->table = nb_fl_alloc(c, root, sizeof(nb_table) * (size_t)(tl->n + 1));
	if (!f->field || !f->section || !f->table)
		return -1;
	for (const nb_ynode *m = fl->first; m; m = m->next) {
		static const char *const fk[] = {"id", "label", "kind", "required", "hint", "role",
						 NULL};
		nb_field *fd = &f->field[f->nfield];
		char *kind, *role;
		memset(fd, 0, sizeof *fd);
		if (want_map(c, m, "字段") || only_keys(c, m, fk) || get_id(c, m, &fd->id) ||
		    get_str(c, m, "label", 1, &fd->label) || get_str(c, m, "kind", 0, &kind) ||
		    get_bool(c, m, "required", 0, &fd->required) ||
		    get_str(c, m, "hint", 0, &fd->hint) || get_str(c, m, "role", 0, &role))
			return -1;
		if (!kind || !strcmp(kind, "line"))
			fd->kind = NB_F_LINE;
		else if (!strcmp(kind, "text"))
			fd->kind = NB_F_TEXT;
		else if (!strcmp(kind, "year"))
			fd->kind = NB_F_YEAR;
		else
			return fail(c, nb_yget(m, "kind"), "kind 应为 line、text 或 year，而不是“%s”", kind);
		fd->section = -1;
		if (role && set_role(c, nb_yget(m, "role"), role, fd))
			return -1;
		if (f->nfield >= NB_FORM_MAX_COVER_FIELDS)
			return fail(c, m, "封面字段过多（最多 %d 个）", NB_FORM_MAX_COVER_FIELDS);
		if (nb_form_field(f, fd->id) >= 0)
			return fail(c, nb_yget(m, "id"), "重复的字段 id“%s”", fd->id);
		f->nfield++;
	}
	/* Forms written before roles existed: their one year field. */
	for (int k = 0; k < f->nfield && f->role[NB_ROLE_YEAR] < 0; k++)
		if (f->field[k].kind == NB_F_YEAR)
			f->role[NB_ROLE_YEAR] = k;
	/* Tables first (sections refer to them). */
	for (const nb_ynode *m = tl->first; m; m = m->next) {
		static const char *const tk[] = {"id", "name", "title", "corner", "columns",
						 "rows", NULL};
		nb_table *t = &f->table[f->ntable];
		memset(t, 0, sizeof *t);
		t->section = -1;
		if (want_map(c, m, "表") || only_keys(c, m, tk) || get_id(c, m, &t->id) ||
		    get_str(c, m, "name", 1, &t->name) || get_str(c, m, "title", 0, &t->title) ||
		    get_str(c, m, "corner", 0, &t->corner))
			return -1;
		if (!t->corner && !(t->corner = nb_ystrdup(c->a, "", 0)))
			return fail(c, m, "内存不足");
		if (nb_form_table(f, t->id) >= 0)
			return fail(c, nb_yget(m, "id"), "重复的表 id“%s”", t->id);
		if (!nb_yget(m, "columns") || !nb_yget(m, "rows"))
			return fail(c, m, "表“%s”需要 columns 和 rows", t->id);
		if (build_axis(c, nb_yget(m, "columns"), &t->cols, 1) ||
		    build_axis(c, nb_yget(m, "rows"), &t->rows, 0))
			return -1;
		if (t->cols.nleaf > NB_FORM_MAX_COLS)
			return fail(c, nb_yget(m, "columns"), "%s 有 %d 列，最多 %d 列", t->name,
				    t->cols.nleaf, NB_FORM_MAX_COLS);
		if (t->cols.depth > NB_FORM_MAX_DEPTH || t->rows.depth > NB_FORM_MAX_DEPTH)
			return fail(c, nb_yget(m, t->cols.depth > NB_FORM_MAX_DEPTH ? "columns" : "rows"),
				    "%s 的表头有 %d 层，最多 %d 层", t->name,
				    t->cols.depth > t->rows.depth ? t->cols.depth : t->rows.depth,
				    NB_FORM_MAX_DEPTH);
		if (strlen(t->corner) > NB_FORM_MAX_LABEL)
			return fail(c, nb_yget(m, "corner"), "corner 过长（%zu 字节，最多 %d 字节）",
				    strlen(t->corner), NB_FORM_MAX_LABEL);
		t->cell_base = f->ncell;
		f->ncell += t->rows.nleaf * t->cols.nleaf;
		if (f->ncell > 100000)
			return fail(c, m, "单元格过多");
		f->ntable++;
	}
	for (const nb_ynode *m = sl->first; m; m = m->next) {
		static const char *const sk[] = {"id", "number", "heading", "text", "hint",
						 "tables", NULL};
		nb_section *s = &f->section[f->nsection];
		char *text, *hint;
		memset(s, 0, sizeof *s);
		if (want_map(c, m, "部分") || only_keys(c, m, sk) || get_id(c, m, &s->id) ||
		    get_str(c, m, "number", 1, &s->number) ||
		    get_str(c, m, "heading", 1, &s->heading) || get_str(c, m, "text", 0, &text) ||
		    get_str(c, m, "hint", 0, &hint))
			return -1;
		s->text = -1;
		if (text && strcmp(text, "none") != 0) {
			if (strcmp(text, "required") && strcmp(text, "optional"))
				return fail(c, nb_yget(m, "text"),
					    "text 应为 required、optional 或 none，而不是“%s”", text);
			if (nb_form_field(f, s->id) >= 0)
				return fail(c, nb_yget(m, "id"), "部分 id“%s”与字段重复", s->id);
			nb_field *fd = &f->field[f->nfield];
			memset(fd, 0, sizeof *fd);
			fd->id = s->id;
			fd->label = s->heading;
			fd->hint = hint;
			fd->kind = NB_F_TEXT;
			fd->required = !strcmp(text, "required");
			fd->section = f->nsection;
			s->text = f->nfield++;
		}
		s->first_table = -1;
		const nb_ynode *ts = nb_yget(m, "tables");
		if (ts) {
			if (want_seq(c, ts, "tables"))
				return -1;
			int prev = -1;
			for (const nb_ynode *x = ts->first; x; x = x->next) {
				int ti = x->type == NB_Y_SCALAR ? nb_form_table(f, x->str) : -1;
				if (ti < 0)
					return fail(c, x, "没有这个表：%s", x->type == NB_Y_SCALAR ? x->str : "?");
				if (f->table[ti].section >= 0)
					return fail(c, x, "表“%s”已属于另一部分", x->str);
				if (prev >= 0 && ti != prev + 1)
					return fail(c, x, "一个部分的表必须按表定义的顺序连续排列（%s）", x->str);
				if (s->ntables >= NB_FORM_MAX_SECTION_TABLES)
					return fail(c, x, "一个部分最多 %d 个表", NB_FORM_MAX_SECTION_TABLES);
				if (s->first_table < 0)
					s->first_table = ti;
				f->table[ti].section = f->nsection;
				s->ntables++;
				prev = ti;
			}
		}
		for (int k = 0; k < f->nsection; k++)
			if (!strcmp(f->section[k].id, s->id))
				return fail(c, nb_yget(m, "id"), "重复的部分 id“%s”", s->id);
		f->nsection++;
	}
	/* Cell -> table is asked for every cell of every file checked. */
	f->cell_table = nb_yalloc(c->a, (size_t)f->ncell + 1);
	if (!f->cell_table)
		return fail(c, root, "内存不足");
	if (f->ntable > 255)
		return fail(c, tl, "表过多（上限 255）");
	for (int t = 0; t < f->ntable; t++)
		for (int k = 0; k < f->table[t].rows.nleaf * f->table[t].cols.nleaf; k++)
			f->cell_table[f->table[t].cell_base + k] = (unsigned char)t;
	for (int t = 0; t < f->ntable; t++)
		if (f->table[t].section < 0)
			return fail(c, tl, "表“%s”不属于任何部分", f->table[t].id);
	if (rl && nb_rules_load(c, rl))
		return -1;
	if (nb_form_load_mentions(f, nb_yget(root, "mentions"), c->a, c->name, c->err))
		return -1;
	char why[300];
	f->deps = nb_calloc(1, sizeof *f->deps);
	if (!f->deps)
		return fail(c, root, "内存不足");
	int bad = nb_deps_build(f, f->deps, why, sizeof why);
	if (bad >= 0) {
		free(f->deps);
		f->deps = NULL;
		const nb_ynode *m = rl ? rl->first : root;
		for (int k = 0; k < bad && m && rl; k++)
			m = m->next;
		return fail(c, m, "%s", why);
	}
	return 0;
}

nb_form *nb_form_load_mem(const char *buf, size_t len, const char *source,
			  nb_err *err)
{
	nb_ydoc doc;
	if (nb_yparse(buf, len, source, &form_limits, &doc, err) != NB_YOK)
		return NULL;
	nb_form *f = nb_yalloc(doc.arena, sizeof *f);
	if (!f || !doc.root) {
		nb_yerr(err, source, 1, 1, f ? "表单文件为空" : "内存不足");
		nb_ydoc_free(&doc);
		return NULL;
	}
	ctx_t c = {source, err, doc.arena, f};
	memset(f, 0, sizeof *f);
	f->arena = doc.arena;
	f->source = nb_ystrdup(doc.arena, source, strlen(source));
	if (!f->source)
		nb_yerr(err, source, 1, 1, "内存不足");
	if (!f->source || load_tree(&c, doc.root)) {
		nb_ydoc_free(&doc);
		return NULL;
	}
	/* The tree's nodes stay in the arena: cheap, and freed with the form. */
	return f;
}

nb_form *nb_form_load_file(const char *path, nb_err *err)
{
	char *buf;
	size_t len;
	if (nb_read_file(path, form_limits.max_bytes, &buf, &len)) {
		snprintf(err->msg, sizeof err->msg, "%s:1:1: 无法读取表单文件：%s", path,
			 strerror(errno));
		return NULL;
	}
	nb_form *f = nb_form_load_mem(buf, len, path, err);
	free(buf);
	return f;
}

void nb_form_free(nb_form *f)
{
	if (!f)
		return;
	if (f->deps) {
		nb_deps_free(f->deps);
		free(f->deps);
	}
	nb_yarena_free(f->arena);
}

int nb_form_table(const nb_form *f, const char *id)
{
	for (int i = 0; i < f->ntable; i++)
		if (!strcmp(f->table[i].id, id))
			return i;
	return -1;
}

int nb_form_field(const nb_form *f, const char *id)
{
	for (int i = 0; i < f->nfield; i++)
		if (!strcmp(f->field[i].id, id))
			return i;
	return -1;
}
