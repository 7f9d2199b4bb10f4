/* Form loader, mentions: section: the figures prose may quote. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "form/form_load.h"
#include "form/form_mentions.h"

/* The loader's shared context and checks (form_load.h). */
typedef nb_fload ctx_t;
#define fail nb_fl_fail
#define want_seq nb_fl_want_seq

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
	m->cells = nb_fl_alloc(c, at, sizeof(int) * (size_t)n);
	if (!m->label || !m->cells)
		return m->cells ? fail(c, at, "内存不足") : -1;
	memcpy(m->cells, buf, sizeof(int) * (size_t)n);
	m->ncells = n;
	return 0;
}

static int build_mention(ctx_t *c, const nb_ynode *mn, nb_mention *m)
{
	static const char *const keys[] = {"id", "words", "cells", NULL};
	char *cells;
	if (nb_fl_want_map(c, mn, "mentions 的一项") || nb_fl_only_keys(c, mn, keys) ||
	    nb_fl_get_id_as(c, mn, &m->id, 1) || nb_fl_get_str(c, mn, "cells", 1, &cells))
		return -1;
	const nb_ynode *w = nb_yget(mn, "words");
	if (want_seq(c, w, "words"))
		return -1;
	if (w->n < 1 || w->n > NB_MENTION_WORDS)
		return fail(c, w, "words 应有 1 至 %d 项", NB_MENTION_WORDS);
	for (const nb_ynode *x = w->first; x; x = x->next) {
		if (x->type != NB_Y_SCALAR || !x->len || x->len > 64)
			return fail(c, x, "words 的每一项应为 1 至 64 字节的文字");
		if (!(m->words[m->nwords++] = nb_ystrdup(c->a, x->str, x->len)))
			return fail(c, x, "内存不足");
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
	if (!(f->mention = nb_fl_alloc(c, ml, sizeof(nb_mention) * (size_t)ml->n)))
		return -1;
	for (const nb_ynode *m = ml->first; m; m = m->next) {
		nb_mention *mt = &f->mention[f->nmention];
		memset(mt, 0, sizeof *mt);
		if (build_mention(c, m, mt))
			return -1;
		f->nmention++;
	}
	return 0;
}
