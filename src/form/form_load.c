/* The form loader's shared checks: each reports FILE:LINE:COL and -1. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "form/form_load.h"

int nb_fl_fail(nb_fload *c, const nb_ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	nb_vyerr(c->err, c->name, n ? n->line : 1, n ? n->col : 1, fmt, ap);
	va_end(ap);
	return -1;
}

int nb_fl_fail_col(nb_fload *c, const nb_ynode *n, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	nb_vyerr(c->err, c->name, n ? n->line : 1, col, fmt, ap);
	va_end(ap);
	return -1;
}

int nb_fl_fail_key(nb_fload *c, const nb_ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	nb_vyerr(c->err, c->name, n->kline, n->kcol, fmt, ap);
	va_end(ap);
	return -1;
}

int nb_fl_only_keys(nb_fload *c, const nb_ynode *map, const char *const *keys)
{
	for (const nb_ynode *m = map->first; m; m = m->next) {
		int ok = 0;
		for (const char *const *k = keys; *k; k++)
			if (strcmp(m->key, *k) == 0)
				ok = 1;
		if (!ok)
			return nb_fl_fail_key(c, m, "未知的键“%s”", m->key);
	}
	return 0;
}

int nb_fl_want_map(nb_fload *c, const nb_ynode *n, const char *what)
{
	if (!n || n->type != NB_Y_MAP)
		return nb_fl_fail(c, n, "%s 应为映射（键: 值）", what);
	return 0;
}

int nb_fl_want_seq(nb_fload *c, const nb_ynode *n, const char *what)
{
	if (!n || n->type != NB_Y_SEQ)
		return nb_fl_fail(c, n, "%s 应为列表", what);
	return 0;
}

int nb_fl_get_str(nb_fload *c, const nb_ynode *map, const char *key, int required,
		  char **out)
{
	const nb_ynode *n = nb_yget(map, key);
	*out = NULL;
	if (!n) {
		if (required)
			return nb_fl_fail(c, map, "缺少“%s”", key);
		return 0;
	}
	if (n->type != NB_Y_SCALAR)
		return nb_fl_fail(c, n, "“%s”应为文字", key);
	*out = nb_ystrdup(c->a, n->str, n->len);
	return *out ? 0 : nb_fl_fail(c, n, "内存不足");
}

int nb_fl_get_bool(nb_fload *c, const nb_ynode *map, const char *key, int dflt, int *out)
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
		return nb_fl_fail(c, n, "“%s”应为 true 或 false", key);
	return 0;
}

int nb_fl_get_int(nb_fload *c, const nb_ynode *n, long lo, long hi, long *out)
{
	char *end;
	if (!n || n->type != NB_Y_SCALAR || !n->plain || !n->len)
		return nb_fl_fail(c, n, "应为整数");
	errno = 0;
	long v = strtol(n->str, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return nb_fl_fail(c, n, "整数超出范围：%s", n->str);
	*out = v;
	return 0;
}

/* Row and column ids appear in rule expressions, where '-' is the minus
 * sign, so only they are kept to letters, digits and '_'. */
int nb_fl_valid_id(const char *s, int dash)
{
	if (!*s || strlen(s) > 40)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      (dash && *s == '-')))
			return 0;
	return 1;
}

int nb_fl_get_id_as(nb_fload *c, const nb_ynode *map, char **out, int dash)
{
	if (nb_fl_get_str(c, map, "id", 1, out))
		return -1;
	if (!nb_fl_valid_id(*out, dash))
		return nb_fl_fail(c, nb_yget(map, "id"), "id“%s”只能用小写 ASCII 字母、数字、_%s",
				  *out, dash ? " 和 -" : "（行和列的 id 不能用 -，它在规则里是减号）");
	return 0;
}

int nb_fl_get_id(nb_fload *c, const nb_ynode *map, char **out)
{
	return nb_fl_get_id_as(c, map, out, 1);
}

void *nb_fl_alloc(nb_fload *c, const nb_ynode *n, size_t size)
{
	void *p = nb_yalloc(c->a, size);
	if (!p)
		nb_fl_fail(c, n, "内存不足");
	return p;
}
