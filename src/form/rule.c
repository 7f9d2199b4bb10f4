/* The rule parser: the `rules:` of a form file into nb_rule (rule.h). */
#include <stdio.h>
#include <string.h>
#include "form/rule.h"

typedef nb_fload ctx_t;
#define fail nb_fl_fail
#define only_keys nb_fl_only_keys
#define want_map nb_fl_want_map
#define get_str nb_fl_get_str
#define get_bool nb_fl_get_bool
#define get_id nb_fl_get_id


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
				return fail(c, nb_yget(m, "id"), "重复的规则 id“%s”", r->id);
		f->nrule++;
	}
	return 0;
}
