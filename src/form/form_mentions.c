/* Form loader, mentions: section: the figures prose may quote. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "form/form_mentions.h"

typedef struct {
	const char *name;
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

static int get_str(ctx_t *c, const nb_ynode *map, const char *key, char **out)
{
	const nb_ynode *n = nb_yget(map, key);
	*out = NULL;
	if (!n)
		return fail(c, map, "缺少“%s”", key);
	if (n->type != NB_Y_SCALAR)
		return fail(c, n, "“%s”应为文字", key);
	*out = nb_ystrdup(c->a, n->str, n->len);
	return *out ? 0 : fail(c, n, "内存不足");
}

static int valid_id(const char *s)
{
	if (!*s || strlen(s) > 40)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      *s == '-'))
			return 0;
	return 1;
}

/* "t3.withheld.total + t4.cases.r_total": every leaf cell under each term. */
/* "「（四）无法提供」行「总计」列": a row as its table prints it (none for 表四's
 * single unlabelled row), a column with its parent ("行政复议 总计"). */
static void term_label(const nb_table *t, int rn, int cn, char *out, size_t n)
{
	const nb_node *r = &t->rows.node[rn], *col = &t->cols.node[cn];
	size_t o = 0;
	if (*r->label)
		o += (size_t)snprintf(out + o, n - o, "「%s」行", r->label);
	if (o < n) {
		const nb_node *p = col->parent >= 0 ? &t->cols.node[col->parent] : NULL;
		if (p && p->in_path)
			snprintf(out + o, n - o, "「%s %s」列", p->label, col->label);
		else
			snprintf(out + o, n - o, "「%s」列", col->label);
	}
}

static int mention_cells(ctx_t *c, const nb_ynode *at, const char *expr, nb_mention *m)
{
	int buf[512], n = 0, terms = 0, first_t = -1;
	char label[1024] = "", one[400];
	size_t ll = 0;
	const char *p = expr;
	for (;;) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ' && *e != '+')
			e++;
		char key[128];
		if (e == p || (size_t)(e - p) >= sizeof key)
			return fail(c, at, "cells 应为用 + 连接的 表.行.列：%s", expr);
		memcpy(key, p, (size_t)(e - p));
		key[e - p] = 0;
		char *d1 = strchr(key, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
		int ti = -1, rn = -1, cn = -1;
		if (d2) {
			*d1 = *d2 = 0;
			ti = nb_form_table(c->f, key);
		}
		if (ti >= 0) {
			rn = nb_axis_find(&c->f->table[ti].rows, d1 + 1);
			cn = nb_axis_find(&c->f->table[ti].cols, d2 + 1);
		}
		if (rn < 0 || cn < 0)
			return fail(c, at, "没有这个单元格：%.*s", (int)(e - p), p);
		const nb_node *r = &c->f->table[ti].rows.node[rn], *col = &c->f->table[ti].cols.node[cn];
		term_label(&c->f->table[ti], rn, cn, one, sizeof one);
		if (ll < sizeof label)
			ll += (size_t)snprintf(label + ll, sizeof label - ll, "%s%s%s",
					       terms ? "与" : "", ti != first_t ? c->f->table[ti].name : "",
					       one);
		terms++;
		first_t = ti;
		for (int i = 0; i < r->nleaves; i++)
			for (int j = 0; j < col->nleaves; j++) {
				if (n >= 512)
					return fail(c, at, "cells 涉及的单元格过多");
				buf[n++] = nb_form_cell(c->f, ti, r->first_leaf + i, col->first_leaf + j);
			}
		p = e;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (*p != '+')
			return fail(c, at, "cells 应为用 + 连接的 表.行.列：%s", expr);
		p++;
	}
	if (terms > 1 && ll < sizeof label)
		ll += (size_t)snprintf(label + ll, sizeof label - ll, "之和");
	if (ll >= sizeof label)
		ll = sizeof label - 1;
	m->label = nb_ystrdup(c->a, label, ll);
	m->cells = nb_yalloc(c->a, sizeof(int) * (size_t)n);
	memcpy(m->cells, buf, sizeof(int) * (size_t)n);
	m->ncells = n;
	return 0;
}

static int build_mention(ctx_t *c, const nb_ynode *mn, nb_mention *m)
{
	static const char *const keys[] = {"id", "words", "cells", NULL};
	char *cells;
	if (want_map(c, mn, "mentions 的一项") || only_keys(c, mn, keys) ||
	    get_str(c, mn, "id", &m->id) || get_str(c, mn, "cells", &cells))
		return -1;
	if (!valid_id(m->id))
		return fail(c, nb_yget(mn, "id"), "id“%s”只能用小写 ASCII 字母、数字、_ 和 -", m->id);
	const nb_ynode *w = nb_yget(mn, "words");
	if (want_seq(c, w, "words"))
		return -1;
	if (w->n < 1 || w->n > NB_MENTION_WORDS)
		return fail(c, w, "words 应有 1 至 %d 项", NB_MENTION_WORDS);
	for (const nb_ynode *x = w->first; x; x = x->next) {
		if (x->type != NB_Y_SCALAR || !x->len || x->len > 64)
			return fail(c, x, "words 的每一项应为 1 至 64 字节的文字");
		m->words[m->nwords++] = nb_ystrdup(c->a, x->str, x->len);
	}
	return mention_cells(c, nb_yget(mn, "cells"), cells, m);
}

int nb_form_load_mentions(nb_form *f, const nb_ynode *ml, nb_yarena *a,
			  const char *name, nb_err *err)
{
	ctx_t cc = {name, err, a, f}, *c = &cc;
	if (!ml)
		return 0;
	if (want_seq(c, ml, "mentions"))
		return -1;
	if (ml->n > 64)
		return fail(c, ml, "mentions 过多（上限 64）");
	f->mention = nb_yalloc(c->a, sizeof(nb_mention) * (size_t)ml->n);
	for (const nb_ynode *m = ml->first; m; m = m->next) {
		nb_mention *mt = &f->mention[f->nmention];
		memset(mt, 0, sizeof *mt);
		if (build_mention(c, m, mt))
			return -1;
		f->nmention++;
	}
	return 0;
}
