/* The rule parser: the `rules:` of a form file into nb_rule (rule.h).
 * The grammar is in man/nianbao-form.5 (GRAMMAR):
 *
 *   rule  = side rel side
 *   rel   = "=" | ">=" | "<=" | ">" | "<"
 *   side  = ["-"] term { ("+" | "-") term }
 *   term  = ["last."] ( NODE | TABLE "." NODE | TABLE "." ROW "." COL )
 *
 * Errors point at the offending character of the rule text. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/utf8.h"
#include "form/rule.h"

#define MAX_TERMS 128

const char *nb_rel_text(nb_rel rel)
{
	static const char *const t[] = {"=", ">=", "<=", ">", "<"};
	return rel >= NB_REL_EQ && rel <= NB_REL_LT ? t[rel] : "?";
}

int nb_rel_holds(nb_rel rel, int64_t l, int64_t r)
{
	switch (rel) {
	case NB_REL_GE: return l >= r;
	case NB_REL_LE: return l <= r;
	case NB_REL_GT: return l > r;
	case NB_REL_LT: return l < r;
	default: return l == r;
	}
}

typedef struct {
	nb_fload *c;
	const nb_ynode *at;  /* the rule's scalar */
	const char *s;       /* its text */
	nb_rule *r;
} parse_t;

/* An error at byte off of the rule text. The column is exact when the rule
 * is written on one line, as every rule of the built-in forms is. */
static int perr(parse_t *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int perr(parse_t *p, size_t off, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	int col = p->at->col + (p->at->plain ? 0 : 1);
	for (size_t i = 0; i < off && p->s[i]; i++)
		if (((unsigned char)p->s[i] & 0xC0) != 0x80)
			col++;
	return nb_fl_fail_col(p->c, p->at, col, "%s", msg);
}

static int is_name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
}

static int is_rel_char(char ch)
{
	return ch == '=' || ch == '<' || ch == '>';
}

static const char *axis_word(int rows)
{
	return rows ? "行" : "列";
}

/* The axis a rule's bound names run along in table t, and the one it runs
 * over. */
static const nb_axis *other_axis(const nb_rule *r, const nb_table *t)
{
	return r->each == NB_EACH_ROW ? &t->cols : &t->rows;
}

static const nb_axis *each_axis(const nb_rule *r, const nb_table *t)
{
	return r->each == NB_EACH_ROW ? &t->rows : &t->cols;
}

/* A bound term in table ti, another than the rule's: every row (or column)
 * the rule runs over must be there too, by id. */
static int bind_map(parse_t *p, size_t off, int ti, nb_term *tm)
{
	const nb_form *f = p->c->f;
	const nb_axis *mine = each_axis(p->r, &f->table[p->r->table]);
	const nb_axis *theirs = each_axis(p->r, &f->table[ti]);
	int *map = nb_fl_alloc(p->c, p->at, sizeof(int) * (size_t)(mine->nleaf + 1));
	if (!map)
		return -1;
	for (int b = 0; b < mine->nleaf; b++) {
		const char *id = mine->node[mine->leaf_node[b]].id;
		int k = nb_axis_find(theirs, id);
		if (k < 0 || theirs->node[k].leaf < 0)
			return perr(p, off, "表“%s”没有与本表相同的%s“%s”，不能按%s对应",
				    f->table[ti].id, axis_word(p->r->each == NB_EACH_ROW), id,
				    axis_word(p->r->each == NB_EACH_ROW));
		map[b] = theirs->node[k].leaf;
	}
	tm->bind = map;
	return 0;
}

/* One name (its "last." taken off) into a term. */
static int resolve(parse_t *p, size_t off, const char *name, nb_term *tm)
{
	const nb_form *f = p->c->f;
	const nb_rule *r = p->r;
	char part[3][64];
	int np = 0;
	for (const char *q = name;; np++) {
		const char *d = strchr(q, '.');
		size_t l = d ? (size_t)(d - q) : strlen(q);
		if (np == 3)
			return perr(p, off, "规则中的名称“%s”有太多“.”（最多 表.行.列）", name);
		if (!l)
			return perr(p, off, "规则中的名称“%s”有空的部分", name);
		memcpy(part[np], q, l);
		part[np][l] = 0;
		if (!d) {
			np++;
			break;
		}
		q = d + 1;
	}
	tm->table = r->table;
	tm->node = tm->row = tm->col = -1;
	tm->bind = NULL;
	if (np == 1) {
		if (r->each == NB_EACH_NONE)
			return perr(p, off, "没有 each 的规则只能引用 表.行.列 单元格：%s", name);
		tm->node = nb_axis_find(other_axis(r, &f->table[r->table]), name);
		if (tm->node < 0)
			return perr(p, off, "规则中的“%s”不是该表的行或列（按 each 指定的另一方向）",
				    name);
		return 0;
	}
	int ti = nb_form_table(f, part[0]);
	if (ti < 0)
		return perr(p, off, "规则中没有表“%s”", part[0]);
	const nb_table *t = &f->table[ti];
	tm->table = ti;
	if (np == 3) {
		tm->row = nb_axis_find(&t->rows, part[1]);
		if (tm->row < 0)
			return perr(p, off, "表“%s”没有行“%s”", part[0], part[1]);
		tm->col = nb_axis_find(&t->cols, part[2]);
		if (tm->col < 0)
			return perr(p, off, "表“%s”没有列“%s”", part[0], part[2]);
		return 0;
	}
	if (r->each == NB_EACH_NONE)
		return perr(p, off, "没有 each 的规则只能引用 表.行.列 单元格：%s", name);
	tm->node = nb_axis_find(other_axis(r, t), part[1]);
	if (tm->node < 0)
		return perr(p, off, "表“%s”没有%s“%s”（按 each 指定的另一方向）", part[0],
			    axis_word(r->each == NB_EACH_COL), part[1]);
	return ti == r->table ? 0 : bind_map(p, off, ti, tm);
}

static int bad_char(parse_t *p, size_t i)
{
	uint32_t cp;
	int l = (int)nb_utf8_next(p->s + i, strlen(p->s + i), &cp);
	return perr(p, i, "规则表达式错误：不认识的字符“%.*s”", l, p->s + i);
}

/* One side, from *i up to a comparison sign or the end. */
static int parse_side(parse_t *p, size_t *ip, nb_term **out, int *nout)
{
	const char *s = p->s;
	nb_term terms[MAX_TERMS];
	int n = 0;
	size_t i = *ip;
	for (;;) {
		int sign = 1;
		while (s[i] == ' ')
			i++;
		if (s[i] == '+' || s[i] == '-') {
			if (n == 0 && s[i] == '+')
				return perr(p, i, "规则表达式错误：开头多了“+”");
			sign = s[i] == '-' ? -1 : 1;
			i++;
			while (s[i] == ' ')
				i++;
		} else if (n > 0) {
			return perr(p, i, "规则表达式错误：缺少“+”或“-”");
		}
		size_t st = i;
		while (is_name_char(s[i]))
			i++;
		if (i == st) {
			if (!s[i] || is_rel_char(s[i]) || s[i] == '+' || s[i] == '-')
				return perr(p, i, "规则表达式错误：缺少名称");
			return bad_char(p, i);
		}
		char name[128];
		if (i - st >= sizeof name)
			return perr(p, st, "规则中的名称过长");
		memcpy(name, s + st, i - st);
		name[i - st] = 0;
		if (n >= MAX_TERMS)
			return perr(p, st, "规则过长");
		nb_term *tm = &terms[n];
		const char *id = name;
		tm->last = 0;
		if (strncmp(name, "last.", 5) == 0) {
			tm->last = 1;
			id = name + 5;
			p->r->needs_last = 1;
		}
		if (resolve(p, st, id, tm))
			return -1;
		tm->sign = sign;
		n++;
		while (s[i] == ' ')
			i++;
		if (!s[i] || is_rel_char(s[i]))
			break;
		if (s[i] != '+' && s[i] != '-' && !is_name_char(s[i])) {
			return bad_char(p, i);
		}
	}
	*out = nb_fl_alloc(p->c, p->at, sizeof(nb_term) * (size_t)n);
	if (!*out)
		return -1;
	memcpy(*out, terms, sizeof(nb_term) * (size_t)n);
	*nout = n;
	*ip = i;
	return 0;
}

/* The comparison sign at *i. */
static int parse_rel(parse_t *p, size_t *ip)
{
	const char *s = p->s;
	size_t i = *ip;
	if (!s[i])
		return perr(p, i, "规则应为“左边 = 右边”（或用 >=、<=、>、<）：%s", s);
	if (s[i] == '=' && !is_rel_char(s[i + 1]))
		p->r->rel = NB_REL_EQ, i += 1;
	else if (s[i] == '>' && s[i + 1] == '=')
		p->r->rel = NB_REL_GE, i += 2;
	else if (s[i] == '<' && s[i + 1] == '=')
		p->r->rel = NB_REL_LE, i += 2;
	else if (s[i] == '>' && !is_rel_char(s[i + 1]))
		p->r->rel = NB_REL_GT, i += 1;
	else if (s[i] == '<' && !is_rel_char(s[i + 1]))
		p->r->rel = NB_REL_LT, i += 1;
	else
		return perr(p, i, "规则的比较符号应为 =、>=、<=、> 或 <");
	*ip = i;
	return 0;
}

/* Money has its own decimal places per value: the engine sums whole
 * numbers only, so no rule may touch a money column. */
static int no_money(parse_t *p, const nb_term *tm, int nt)
{
	const nb_form *f = p->c->f;
	const nb_rule *r = p->r;
	for (int j = 0; j < nt; j++) {
		const nb_table *t = &f->table[tm[j].table];
		if (tm[j].node < 0 || r->each == NB_EACH_ROW) {
			/* The term's own columns. */
			const nb_node *span = &t->cols.node[tm[j].node < 0 ? tm[j].col : tm[j].node];
			for (int k = span->first_leaf; k < span->first_leaf + span->nleaves; k++) {
				const nb_node *cn = &t->cols.node[t->cols.leaf_node[k]];
				if (cn->vt.type == NB_T_MONEY)
					return perr(p, 0, "规则不能引用金额列（%s）", cn->id);
			}
			continue;
		}
		/* Bound to columns: the rule's own ones (checked in build_rule),
		 * or those of another table its columns match. */
		const nb_axis *mine = &f->table[r->table].cols;
		for (int b = 0; tm[j].bind && b < mine->nleaf; b++) {
			const nb_node *cn = &t->cols.node[t->cols.leaf_node[tm[j].bind[b]]];
			if (cn->vt.type == NB_T_MONEY)
				return perr(p, 0, "规则不能用于有金额列（%s）的表的各列", cn->id);
		}
	}
	return 0;
}

/* "表三「一」", "表四「总计」", "上年（七）": how messages name a term. */
static size_t term_desc(const nb_form *f, const nb_rule *r, const nb_term *tm, int first,
			char *buf, size_t n)
{
	const nb_table *t = &f->table[tm->table];
	const char *sign = tm->sign < 0 ? "-" : first ? "" : "+";
	const char *last = tm->last ? "上年" : "";
	if (tm->node >= 0 && tm->table == r->table)
		return (size_t)snprintf(buf, n, "%s%s%s", sign, last,
					other_axis(r, t)->node[tm->node].shortl);
	if (tm->node >= 0)
		return (size_t)snprintf(buf, n, "%s%s%s「%s」", sign, last, t->name,
					other_axis(r, t)->node[tm->node].shortl);
	const char *rs = t->rows.node[tm->row].shortl, *cs = t->cols.node[tm->col].shortl;
	return (size_t)snprintf(buf, n, "%s%s%s%s%s%s「%s」", sign, last, t->name,
				*rs ? "「" : "", rs, *rs ? "」" : "", cs);
}

static char *side_desc(parse_t *p, const nb_term *tm, int nt)
{
	char buf[512];
	size_t n = 0;
	buf[0] = 0;
	for (int k = 0; k < nt && n < sizeof buf - 1; k++)
		n += term_desc(p->c->f, p->r, &tm[k], k == 0, buf + n, sizeof buf - n);
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	size_t bad = nb_utf8_check(buf, n); /* a character cut by snprintf */
	if (bad != (size_t)-1)
		n = bad;
	char *d = nb_ystrdup(p->c->a, buf, n);
	if (!d)
		nb_fl_fail(p->c, p->at, "内存不足");
	return d;
}

static int build_rule(nb_fload *c, const nb_ynode *m, nb_rule *r)
{
	static const char *const keys[] = {"id", "table", "each", "severity", "derive",
					   "rule", "describe", NULL};
	char *table, *each, *sev;
	if (nb_fl_want_map(c, m, "规则") || nb_fl_only_keys(c, m, keys) ||
	    nb_fl_get_id(c, m, &r->id) || nb_fl_get_str(c, m, "table", 1, &table) ||
	    nb_fl_get_str(c, m, "each", 0, &each) || nb_fl_get_str(c, m, "severity", 1, &sev) ||
	    nb_fl_get_bool(c, m, "derive", 0, &r->derive) ||
	    nb_fl_get_str(c, m, "rule", 1, &r->text) ||
	    nb_fl_get_str(c, m, "describe", 0, &r->describe))
		return -1;
	r->table = nb_form_table(c->f, table);
	if (r->table < 0)
		return nb_fl_fail(c, nb_yget(m, "table"), "没有表“%s”", table);
	if (!each)
		r->each = NB_EACH_NONE;
	else if (!strcmp(each, "row"))
		r->each = NB_EACH_ROW;
	else if (!strcmp(each, "column"))
		r->each = NB_EACH_COL;
	else
		return nb_fl_fail(c, nb_yget(m, "each"), "each 应为 row 或 column，而不是“%s”", each);
	if (!strcmp(sev, "error"))
		r->sev = NB_SEV_ERROR;
	else if (!strcmp(sev, "warning"))
		r->sev = NB_SEV_WARNING;
	else
		return nb_fl_fail(c, nb_yget(m, "severity"),
				  "severity 应为 error 或 warning，而不是“%s”", sev);
	parse_t p = {c, nb_yget(m, "rule"), r->text, r};
	size_t i = 0;
	if (r->each == NB_EACH_COL) {
		/* Every column is a binding, money ones too. */
		const nb_table *t = &c->f->table[r->table];
		for (int k = 0; k < t->cols.nleaf; k++)
			if (t->cols.node[t->cols.leaf_node[k]].vt.type == NB_T_MONEY)
				return perr(&p, 0, "规则不能用于有金额列（%s）的表的各列",
					    t->cols.node[t->cols.leaf_node[k]].id);
	}
	if (parse_side(&p, &i, &r->lhs, &r->nlhs) || parse_rel(&p, &i) ||
	    parse_side(&p, &i, &r->rhs, &r->nrhs))
		return -1;
	if (r->text[i])
		return perr(&p, i, "规则只能有一个比较符号：%s", r->text);
	if (no_money(&p, r->lhs, r->nlhs) || no_money(&p, r->rhs, r->nrhs))
		return -1;
	if (r->derive) {
		const nb_term *l = r->lhs;
		const nb_axis *other = other_axis(r, &c->f->table[r->table]);
		if (r->rel != NB_REL_EQ)
			return perr(&p, 0, "derive 规则必须是等式（=），不能是不等式：%s", r->text);
		if (r->nlhs != 1 || l->last || l->sign < 0 || l->node < 0 ||
		    l->table != r->table || other->node[l->node].leaf < 0)
			return perr(&p, 0, "derive 规则的左边必须是单独一个本表本年的行或列：%s",
				    r->text);
		for (int k = 0; k < r->nrhs; k++)
			if (r->rhs[k].last)
				return perr(&p, 0, "derive 规则不能引用上年数据：%s", r->text);
	}
	if (!(r->lhs_desc = side_desc(&p, r->lhs, r->nlhs)) ||
	    !(r->rhs_desc = side_desc(&p, r->rhs, r->nrhs)))
		return -1;
	if (!r->describe) {
		char buf[1100];
		int n = snprintf(buf, sizeof buf, "%s%s%s", r->lhs_desc, nb_rel_text(r->rel),
				 r->rhs_desc);
		size_t len = n < 0 ? 0 : (size_t)n >= sizeof buf ? sizeof buf - 1 : (size_t)n;
		if (!(r->describe = nb_ystrdup(c->a, buf, len)))
			return nb_fl_fail(c, m, "内存不足");
	}
	return 0;
}

int nb_rules_load(nb_fload *c, const nb_ynode *rl)
{
	nb_form *f = c->f;
	f->rule = nb_fl_alloc(c, rl, sizeof(nb_rule) * (size_t)(rl->n + 1));
	if (!f->rule)
		return -1;
	for (const nb_ynode *m = rl->first; m; m = m->next) {
		nb_rule *r = &f->rule[f->nrule];
		memset(r, 0, sizeof *r);
		if (build_rule(c, m, r))
			return -1;
		for (int k = 0; k < f->nrule; k++)
			if (!strcmp(f->rule[k].id, r->id))
				return nb_fl_fail(c, nb_yget(m, "id"), "重复的规则 id“%s”", r->id);
		f->nrule++;
	}
	return 0;
}
