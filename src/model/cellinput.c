/* Cell editing logic; see cellinput.h. */
#include "model/cellinput.h"

#include <string.h>
#include "model/textbuf.h"

void nb_cellin_start(nb_cellin *c, const nb_valtype *vt, const char *init)
{
	size_t n = init ? strlen(init) : 0;

	c->vt = vt;
	if (n >= NB_CELLIN_MAX)
		n = 0; /* cannot be a value we would have written */
	if (n)
		memcpy(c->buf, init, n);
	c->len = n;
	c->buf[n] = 0;
}

/* Bytes at the end of buf that are not part of the number (a unit begun). */
static size_t unit_len(const nb_cellin *c)
{
	size_t i = c->len;

	while (i > 0 && ((unsigned char)c->buf[i - 1] & 0x80))
		i--;
	return c->len - i;
}

static int has_digit(const nb_cellin *c)
{
	for (size_t i = 0; i < c->len; i++)
		if (c->buf[i] >= '0' && c->buf[i] <= '9')
			return 1;
	return 0;
}

static const char *append(nb_cellin *c, const char *s, size_t n)
{
	if (c->len + n >= NB_CELLIN_MAX - 1)
		return "数字太长";
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = 0;
	return NULL;
}

static const char *only_digits(const nb_cellin *c)
{
	switch (c->vt->type) {
	case NB_T_SIGNED:
		return "此栏只能输入整数（可带负号）";
	case NB_T_MONEY:
		return c->vt->nunits ? "此栏只能输入数字、小数点和单位"
				     : "此栏只能输入数字和小数点";
	default:
		return "此栏只能输入数字";
	}
}

/* A unit character: accepted when what has been typed of the unit is still
 * the start of one of the column's units. */
static const char *unit_key(nb_cellin *c, uint32_t ch)
{
	char u[4], cand[NB_CELLIN_MAX];
	size_t un = unit_len(c), k = nb_utf8_encode(ch, u);

	if (c->vt->type != NB_T_MONEY || c->vt->nunits == 0)
		return only_digits(c);
	if (un + k >= sizeof cand)
		return "单位不符";
	memcpy(cand, c->buf + c->len - un, un);
	memcpy(cand + un, u, k);
	for (int i = 0; i < c->vt->nunits; i++) {
		const char *unit = c->vt->units[i];
		if (strlen(unit) >= un + k && memcmp(unit, cand, un + k) == 0) {
			if (!has_digit(c))
				return "请先输入数字，再输入单位";
			return append(c, u, k);
		}
	}
	return "此栏不能用这个单位";
}

const char *nb_cellin_key(nb_cellin *c, uint32_t ch)
{
	char a;

	if (ch >= 0xFF10 && ch <= 0xFF19)
		ch = '0' + (ch - 0xFF10);
	if (ch == 0xFF0D || ch == 0x2212)
		ch = '-';
	if (ch == 0xFF0E || ch == 0x3002) /* the IME types 。 for '.' */
		ch = '.';
	if (ch == 0xFF0C)
		ch = ',';
	if (ch >= 0x80)
		return unit_key(c, ch);
	if (unit_len(c) > 0)
		return "单位后不能再输入";
	a = (char)ch;
	if (ch >= '0' && ch <= '9')
		return append(c, &a, 1);
	if (ch == '-') {
		if (c->vt->type != NB_T_SIGNED)
			return "此栏不能为负数";
		if (c->len > 0)
			return "负号只能在最前面";
		return append(c, &a, 1);
	}
	if (ch == '.') {
		if (c->vt->type != NB_T_MONEY)
			return "此栏只能填整数，不能有小数点";
		if (memchr(c->buf, '.', c->len))
			return "已经有一个小数点了";
		if (!has_digit(c))
			return "小数点前要先输入数字";
		return append(c, &a, 1);
	}
	if (ch == ',') {
		if (!has_digit(c) || memchr(c->buf, '.', c->len))
			return "千位分隔符只能在整数部分的数字之间";
		return append(c, &a, 1);
	}
	return only_digits(c);
}

int nb_cellin_backspace(nb_cellin *c)
{
	size_t i = c->len;

	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)c->buf[i] & 0xC0) == 0x80)
		i--;
	c->len = i;
	c->buf[i] = 0;
	return 1;
}

const char *nb_cellin_parse(const char *s, size_t len, const nb_valtype *vt,
			    nb_value *out)
{
	nb_value v;
	nb_verr e = nb_value_parse(s, len, vt, &v);

	if (e == NB_VEMPTY) {
		memset(out, 0, sizeof *out);
		return NULL;
	}
	if (e != NB_VOK)
		return nb_verr_str(e);
	*out = v;
	return NULL;
}

const char *nb_cellin_commit(const nb_cellin *c, nb_value *out)
{
	return nb_cellin_parse(c->buf, c->len, c->vt, out);
}

static int is_blank_at(const char *s, size_t len, size_t i, size_t *k)
{
	uint32_t cp;

	*k = nb_utf8_next(s + i, len - i, &cp);
	return cp == ' ' || cp == 0x3000;
}

static int add(nb_paste_field *out, int max, int n, size_t off, size_t len,
	       int row, int col)
{
	if (n < max) {
		out[n].off = off;
		out[n].len = len;
		out[n].row = row;
		out[n].col = col;
	}
	return n + 1;
}

int nb_cellin_split(const char *s, size_t len, nb_paste_field *out, int max)
{
	size_t p = 0;
	int n = 0, row = 0;

	while (p < len) {
		size_t e = p, q, k;
		int col = 0, any = 0;

		while (e < len && s[e] != '\n' && s[e] != '\r')
			e++;
		for (q = p; q < e; q++)
			if (s[q] != ' ' && s[q] != '\t')
				any = 1;
		if (any && memchr(s + p, '\t', e - p)) {
			size_t f = p;
			for (q = p; q <= e; q++) {
				if (q == e || s[q] == '\t') {
					n = add(out, max, n, f, q - f, row, col++);
					f = q + 1;
				}
			}
		} else if (any) {
			q = p;
			while (q < e) {
				size_t f;
				while (q < e && is_blank_at(s, e, q, &k))
					q += k;
				if (q >= e)
					break;
				f = q;
				while (q < e && !is_blank_at(s, e, q, &k))
					q += k;
				n = add(out, max, n, f, q - f, row, col++);
			}
		}
		if (any)
			row++;
		p = e;
		if (p < len && s[p] == '\r')
			p++;
		if (p < len && s[p] == '\n')
			p++;
	}
	return n;
}
