/* Form loader: a form file (man 5 nianbao-form) into an nb_form. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form/deps.h"
#include "form/form.h"
#include "form/form_mentions.h"
#include "core/sysio.h"
#include "core/utf8.h"
#include "core/yamltree.h"

#define FORM_VERSION 1
#define MAX_AXIS_NODES 512

static const nb_ylimits form_limits = {
	.max_bytes = 1u << 20, .max_depth = 16, .max_string = 64u << 10,
	.max_nodes = 100000, .max_keys = 256,
};

typedef struct {
	const char *name;   /* file name for messages */
	nb_err *err;
	nb_yarena *a;
	nb_form *f;
} ctx_t;

static int fail(ctx_t *c, const nb_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(ctx_t *c, const nb_ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	nb_vyerr(c->err, c->name, n ? n->line : 1, n ? n->col : 1, fmt, ap);
	va_end(ap);
	return -1;
}

/* The same at the key of a map member. */
static int fail_key(ctx_t *c, const nb_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail_key(ctx_t *c, const nb_ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	nb_vyerr(c->err, c->name, n->kline, n->kcol, fmt, ap);
	va_end(ap);
	return -1;
}

/* Every member of map must be one of keys (NULL-terminated). */
static int only_keys(ctx_t *c, const nb_ynode *map, const char *const *keys)
{
	for (const nb_ynode *m = map->first; m; m = m->next) {
		int ok = 0;
		for (const char *const *k = keys; *k; k++)
			if (strcmp(m->key, *k) == 0)
				ok = 1;
		if (!ok)
			return fail_key(c, m, "未知的键“%s”", m->key);
	}
	return 0;
}

static int want_map(ctx_t *c, const nb_ynode *n, const char *what)
{
	if (!n || n->type != NB_Y_MAP)
		return fail(c, n, "%s 应为映射（键: 值）", what);
	return 0;
}

static int want_seq(ctx_t *c, const nb_ynode *n, const char *what)
{
	if (!n || n->type != NB_Y_SEQ)
		return fail(c, n, "%s 应为列表", what);
	return 0;
}

/* A required or optional scalar member, copied into the form's arena. */
static int get_str(ctx_t *c, const nb_ynode *map, const char *key, int required,
		   char **out)
{
	const nb_ynode *n = nb_yget(map, key);
	*out = NULL;
	if (!n) {
		if (required)
			return fail(c, map, "缺少“%s”", key);
		return 0;
	}
	if (n->type != NB_Y_SCALAR)
		return fail(c, n, "“%s”应为文字", key);
	*out = nb_ystrdup(c->a, n->str, n->len);
	return *out ? 0 : fail(c, n, "内存不足");
}

static int get_bool(ctx_t *c, const nb_ynode *map, const char *key, int dflt, int *out)
{
	const nb_ynode *n = nb_yget(map, key);
	*out = dflt;
	if (!n)
		return 0;
	if (n->type == NB_Y_SCALAR && strcmp(n->str, "true") == 0)
		*out = 1;
	else if (n->type == NB_Y_SCALAR && strcmp(n->str, "false") == 0)
		*out = 0;
	else
		return fail(c, n, "“%s”应为 true 或 false", key);
	return 0;
}

static int get_int(ctx_t *c, const nb_ynode *n, long lo, long hi, long *out)
{
	char *end;
	if (!n || n->type != NB_Y_SCALAR || !n->plain || !n->len)
		return fail(c, n, "应为整数");
	errno = 0;
	long v = strtol(n->str, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return fail(c, n, "整数超出范围：%s", n->str);
	*out = v;
	return 0;
}

/* Row and column ids appear in rule expressions, where '-' is the minus
 * sign, so only they are kept to letters, digits and '_'. */
static int valid_id(const char *s, int dash)
{
	if (!*s || strlen(s) > 40)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      (dash && *s == '-')))
			return 0;
	return 1;
}

static int get_id_as(ctx_t *c, const nb_ynode *map, char **out, int dash)
{
	if (get_str(c, map, "id", 1, out))
		return -1;
	if (!valid_id(*out, dash))
		return fail(c, nb_yget(map, "id"), "id“%s”只能用小写 ASCII 字母、数字、_%s",
			    *out, dash ? " 和 -" : "（行和列的 id 不能用 -，它在规则里是减号）");
	return 0;
}

static int get_id(ctx_t *c, const nb_ynode *map, char **out)
{
	return get_id_as(c, map, out, 1);
}

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
				nd->vt.units[nd->vt.nunits++] = nb_ystrdup(c->a, x->str, x->len);
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
	ax->node = nb_yalloc(c->a, sizeof(nb_node) * (size_t)b.n);
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
	ax->leaf_node = nb_yalloc(c->a, sizeof(int) * (size_t)nleaf);
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

/* ---- rules ---- */

static int parse_side(ctx_t *c, const nb_ynode *at, const nb_axis *other,
		      const char *s, size_t len, nb_term **out, int *nout,
		      int *needs_last)
{
	nb_term terms[128];
	int n = 0, sign = 1;
	size_t i = 0;
	for (;;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && (s[i] == '+' || s[i] == '-')) {
			if (n == 0 && s[i] == '+')
				return fail(c, at, "规则表达式错误：开头多了“+”");
			sign = s[i] == '-' ? -1 : 1;
			i++;
			while (i < len && s[i] == ' ')
				i++;
		} else if (n > 0) {
			return fail(c, at, "规则表达式错误：缺少“+”或“-”");
		}
		size_t st = i;
		while (i < len && s[i] != ' ' && s[i] != '+' && s[i] != '-')
			i++;
		if (i == st)
			return fail(c, at, "规则表达式错误：缺少名称");
		char name[64];
		if (i - st >= sizeof name)
			return fail(c, at, "规则中的名称过长");
		memcpy(name, s + st, i - st);
		name[i - st] = 0;
		int last = 0;
		const char *id = name;
		if (strncmp(name, "last.", 5) == 0) {
			last = 1;
			id = name + 5;
			*needs_last = 1;
		}
		int node = nb_axis_find(other, id);
		if (node < 0)
			return fail(c, at, "规则中的“%s”不是该表的行或列（按 each 指定的另一方向）", id);
		if (n >= 128)
			return fail(c, at, "规则过长");
		terms[n].node = node;
		terms[n].sign = sign;
		terms[n].last = last;
		n++;
		sign = 1;
		while (i < len && s[i] == ' ')
			i++;
		if (i >= len)
			break;
	}
	*out = nb_yalloc(c->a, sizeof(nb_term) * (size_t)n);
	memcpy(*out, terms, sizeof(nb_term) * (size_t)n);
	*nout = n;
	return 0;
}

static int build_rule(ctx_t *c, const nb_ynode *m, nb_rule *r)
{
	static const char *const keys[] = {"id", "table", "each", "severity", "derive",
					   "rule", "describe", NULL};
	char *table, *each, *sev;
	if (want_map(c, m, "规则") || only_keys(c, m, keys) || get_id(c, m, &r->id) ||
	    get_str(c, m, "table", 1, &table) || get_str(c, m, "each", 1, &each) ||
	    get_str(c, m, "severity", 1, &sev) || get_bool(c, m, "derive", 0, &r->derive) ||
	    get_str(c, m, "rule", 1, &r->text) || get_str(c, m, "describe", 0, &r->describe))
		return -1;
	const nb_ynode *rn = nb_yget(m, "rule");
	r->table = nb_form_table(c->f, table);
	if (r->table < 0)
		return fail(c, nb_yget(m, "table"), "没有表“%s”", table);
	if (!strcmp(each, "row"))
		r->each = NB_EACH_ROW;
	else if (!strcmp(each, "column"))
		r->each = NB_EACH_COL;
	else
		return fail(c, nb_yget(m, "each"), "each 应为 row 或 column，而不是“%s”", each);
	if (!strcmp(sev, "error"))
		r->sev = NB_SEV_ERROR;
	else if (!strcmp(sev, "warning"))
		r->sev = NB_SEV_WARNING;
	else
		return fail(c, nb_yget(m, "severity"), "severity 应为 error 或 warning，而不是“%s”", sev);
	const nb_table *t = &c->f->table[r->table];
	const nb_axis *other = r->each == NB_EACH_ROW ? &t->cols : &t->rows;
	const char *eq = strchr(r->text, '=');
	if (!eq || strchr(eq + 1, '='))
		return fail(c, rn, "规则应为“左边 = 右边”：%s", r->text);
	if (parse_side(c, rn, other, r->text, (size_t)(eq - r->text), &r->lhs, &r->nlhs,
		       &r->needs_last) ||
	    parse_side(c, rn, other, eq + 1, strlen(eq + 1), &r->rhs, &r->nrhs,
		       &r->needs_last))
		return -1;
	/* Money has its own decimal places per value: the engine sums whole
	 * numbers only, so no rule may touch a money column. */
	for (int k = 0; k < t->cols.nleaf; k++) {
		const nb_node *cn = &t->cols.node[t->cols.leaf_node[k]];
		if (cn->vt.type != NB_T_MONEY)
			continue;
		if (r->each == NB_EACH_COL)
			return fail(c, rn, "规则不能用于有金额列（%s）的表的各列", cn->id);
		for (int side = 0; side < 2; side++) {
			const nb_term *tm = side ? r->rhs : r->lhs;
			int nt = side ? r->nrhs : r->nlhs;
			for (int j = 0; j < nt; j++) {
				const nb_node *tn = &other->node[tm[j].node];
				if (k >= tn->first_leaf && k < tn->first_leaf + tn->nleaves)
					return fail(c, rn, "规则不能引用金额列（%s）", cn->id);
			}
		}
	}
	if (r->derive) {
		if (r->nlhs != 1 || r->lhs[0].last || r->lhs[0].sign < 0 ||
		    other->node[r->lhs[0].node].leaf < 0)
			return fail(c, rn, "derive 规则的左边必须是单独一个本年的行或列：%s", r->text);
		for (int k = 0; k < r->nrhs; k++)
			if (r->rhs[k].last)
				return fail(c, rn, "derive 规则不能引用上年数据：%s", r->text);
	}
	if (!r->describe) {
		/* "一+二=（七）+四" from the short labels. */
		char buf[512];
		size_t n = 0;
		for (int side = 0; side < 2; side++) {
			const nb_term *tm = side ? r->rhs : r->lhs;
			int nt = side ? r->nrhs : r->nlhs;
			if (side)
				n += (size_t)snprintf(buf + n, sizeof buf - n, "=");
			for (int k = 0; k < nt && n < sizeof buf - 1; k++)
				n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s%s",
						      k ? (tm[k].sign < 0 ? "-" : "+") : (tm[k].sign < 0 ? "-" : ""),
						      tm[k].last ? "上年" : "",
						      other->node[tm[k].node].shortl);
			if (n >= sizeof buf)
				n = sizeof buf - 1;
		}
		r->describe = nb_ystrdup(c->a, buf, n);
	}
	return 0;
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
			if (get_int(c, nb_yget(yrs, "from"), 1990, 2200, &v))
				return -1;
			f->year_from = (int)v;
		}
		if (nb_yget(yrs, "to")) {
			if (get_int(c, nb_yget(yrs, "to"), 1990, 2200, &v))
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
	f->field = nb_yalloc(c->a, sizeof(nb_field) * (size_t)(fl->n + sl->n));
	f->section = nb_yalloc(c->a, sizeof(nb_section) * (size_t)sl->n);
	f->table = nb_yalloc(c->a, sizeof(nb_table) * (size_t)tl->n);
	f->rule = nb_yalloc(c->a, sizeof(nb_rule) * (size_t)(rl ? rl->n : 0));
	for (const nb_ynode *m = fl->first; m; m = m->next) {
		static const char *const fk[] = {"id", "label", "kind", "required", "hint", NULL};
		nb_field *fd = &f->field[f->nfield];
		char *kind;
		memset(fd, 0, sizeof *fd);
		if (want_map(c, m, "字段") || only_keys(c, m, fk) || get_id(c, m, &fd->id) ||
		    get_str(c, m, "label", 1, &fd->label) || get_str(c, m, "kind", 0, &kind) ||
		    get_bool(c, m, "required", 0, &fd->required) ||
		    get_str(c, m, "hint", 0, &fd->hint))
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
		if (nb_form_field(f, fd->id) >= 0)
			return fail(c, nb_yget(m, "id"), "重复的字段 id“%s”", fd->id);
		f->nfield++;
	}
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
		if (!t->corner)
			t->corner = nb_ystrdup(c->a, "", 0);
		if (nb_form_table(f, t->id) >= 0)
			return fail(c, nb_yget(m, "id"), "重复的表 id“%s”", t->id);
		if (!nb_yget(m, "columns") || !nb_yget(m, "rows"))
			return fail(c, m, "表“%s”需要 columns 和 rows", t->id);
		if (build_axis(c, nb_yget(m, "columns"), &t->cols, 1) ||
		    build_axis(c, nb_yget(m, "rows"), &t->rows, 0))
			return -1;
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
	if (rl)
		for (const nb_ynode *m = rl->first; m; m = m->next) {
			nb_rule *r = &f->rule[f->nrule];
			memset(r, 0, sizeof *r);
			if (build_rule(c, m, r))
				return -1;
			for (int k = 0; k < f->nrule; k++)
				if (!strcmp(f->rule[k].id, r->id))
					return fail(c, nb_yget(m, "id"), "重复的规则 id“%s”", r->id);
			f->nrule++;
		}
	if (nb_form_load_mentions(f, nb_yget(root, "mentions"), c->a, c->name, c->err))
		return -1;
	char why[300];
	f->deps = calloc(1, sizeof *f->deps);
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
	ctx_t c = {source, err, doc.arena, f};
	memset(f, 0, sizeof *f);
	f->arena = doc.arena;
	if (!doc.root) {
		nb_yerr(err, source, 1, 1, "表单文件为空");
		nb_ydoc_free(&doc);
		return NULL;
	}
	if (load_tree(&c, doc.root)) {
		nb_ydoc_free(&doc);
		return NULL;
	}
	f->source = nb_ystrdup(doc.arena, source, strlen(source));
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
