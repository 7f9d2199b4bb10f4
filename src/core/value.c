/* Number parsing digit by digit: no strtod, no rounding, no silent clamp. */
#include <string.h>
#include "core/utf8.h"
#include "core/value.h"

/* One code point; returns bytes used, 0 at the end or on bad input. */
static size_t utf8_next(const unsigned char *s, size_t len, unsigned *cp)
{
	uint32_t c;
	int k = nb_utf8_decode((const char *)s, len, &c);
	if (k < 0)
		return 0;
	*cp = c;
	return (size_t)k;
}

static int digit_of(unsigned cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0xFF10 && cp <= 0xFF19) /* full-width ０-９ */
		return (int)(cp - 0xFF10);
	return -1;
}

static int is_space(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 /* ideographic space */;
}

nb_verr nb_value_parse(const char *str, size_t len, const nb_valtype *t,
		       nb_value *out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;
	unsigned cp = 0;
	int neg = 0, started = 0, ndigits = 0, scale = 0, point = 0;
	int group = -1; /* digits since the last thousands separator, -1: none seen */
	uint64_t mag = 0;
	nb_value v = {0, 0, 0, 0};

	if (!s)
		len = 0;
	/* Skip leading blanks. */
	while (i < len && (n = utf8_next(s + i, len - i, &cp)) && is_space(cp))
		i += n;
	if (i >= len) {
		*out = v;
		return NB_VEMPTY;
	}
	n = utf8_next(s + i, len - i, &cp);
	if (n && (cp == '-' || cp == 0xFF0D || cp == 0x2212)) {
		neg = 1;
		i += n;
	} else if (n && (cp == '+' || cp == 0xFF0B)) {
		i += n;
	}
	for (;;) {
		n = utf8_next(s + i, len - i, &cp);
		if (!n)
			break;
		int d = digit_of(cp);
		if (d >= 0) {
			if (mag > (UINT64_MAX - (uint64_t)d) / 10)
				return NB_VOVERFLOW;
			mag = mag * 10 + (uint64_t)d;
			if (mag != 0 || point)
				ndigits++; /* leading zeros are not significant */
			if (point)
				scale++;
			if (group >= 0)
				group++;
			started = 1;
			i += n;
			continue;
		}
		if ((cp == ',' || cp == 0xFF0C) && !point && started) {
			/* Separators only between complete groups of three. */
			if (group >= 0 && group != 3)
				return NB_VSYNTAX;
			if (group < 0 && (ndigits > 3 || mag > 999))
				return NB_VSYNTAX; /* "1234,567": the first group has 1-3 digits */
			group = 0;
			i += n;
			continue;
		}
		if (cp == '.' || cp == 0xFF0E) {
			if (t->type != NB_T_MONEY)
				return NB_VDECIMAL;
			if (point || !started)
				return NB_VSYNTAX;
			if (group >= 0 && group != 3)
				return NB_VSYNTAX;
			point = 1;
			group = -1;
			i += n;
			continue;
		}
		break;
	}
	if (group >= 0 && group != 3)
		return NB_VSYNTAX;
	if (!started)
		return NB_VSYNTAX;
	if (point && scale == 0)
		return NB_VSYNTAX; /* "12." : a digit must follow the point */
	/* What is left: a unit for money, then blanks. */
	size_t rest = i;
	while (rest < len && (n = utf8_next(s + rest, len - rest, &cp)) && is_space(cp))
		rest += n;
	if (rest < len) {
		int matched = 0;
		if (t->type == NB_T_MONEY) {
			for (int k = 0; k < t->nunits; k++) {
				size_t ul = strlen(t->units[k]);
				if (len - rest >= ul && memcmp(s + rest, t->units[k], ul) == 0) {
					size_t e = rest + ul;
					while (e < len && (n = utf8_next(s + e, len - e, &cp)) && is_space(cp))
						e += n;
					if (e == len) {
						v.unit = (uint8_t)(k + 1);
						matched = 1;
					}
					break;
				}
			}
			if (!matched) {
				/* A CJK unit we do not allow here, or junk. */
				n = utf8_next(s + rest, len - rest, &cp);
				return (n && cp >= 0x4E00 && cp < 0x10000) ? NB_VUNIT : NB_VSYNTAX;
			}
		} else {
			return NB_VSYNTAX;
		}
	}
	if (ndigits > (t->type == NB_T_MONEY ? NB_MONEY_MAX_DIGITS : 19))
		return NB_VOVERFLOW;
	if (mag > (uint64_t)INT64_MAX + (neg && t->type == NB_T_SIGNED))
		return NB_VOVERFLOW;
	if (neg && t->type != NB_T_SIGNED)
		return NB_VNEGATIVE;
	v.set = 1;
	v.scale = (uint8_t)scale;
	/* -(2^63) is representable only through the unsigned negation. */
	v.v = neg ? (int64_t)(0 - mag) : (int64_t)mag;
	*out = v;
	return NB_VOK;
}

const char *nb_verr_str(nb_verr e)
{
	switch (e) {
	case NB_VOK: return "正确";
	case NB_VEMPTY: return "空白";
	case NB_VSYNTAX: return "不是有效的数字";
	case NB_VNEGATIVE: return "此处不能为负数";
	case NB_VDECIMAL: return "此处只能填整数";
	case NB_VOVERFLOW: return "数字过大（超出64位整数或18位有效数字）";
	case NB_VUNIT: return "单位不符（此栏不能带该单位）";
	}
	return "?";
}

size_t nb_value_format(const nb_value *v, const nb_valtype *t, char *buf,
		       size_t bufsz)
{
	char tmp[NB_VALUE_BUFSZ];
	size_t n = 0;
	if (bufsz == 0)
		return 0;
	if (!v->set) {
		buf[0] = 0;
		return 0;
	}
	uint64_t mag = v->v < 0 ? (uint64_t)0 - (uint64_t)v->v : (uint64_t)v->v;
	char digits[24];
	int nd = 0;
	do {
		digits[nd++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag);
	while (nd <= v->scale)
		digits[nd++] = '0';
	if (v->v < 0)
		tmp[n++] = '-';
	for (int k = nd - 1; k >= 0; k--) {
		tmp[n++] = digits[k];
		if (k == v->scale && v->scale > 0)
			tmp[n++] = '.';
	}
	if (t && t->type == NB_T_MONEY && v->unit > 0 && v->unit <= t->nunits) {
		size_t ul = strlen(t->units[v->unit - 1]);
		if (n + ul < sizeof tmp) {
			memcpy(tmp + n, t->units[v->unit - 1], ul);
			n += ul;
		}
	}
	if (n >= bufsz)
		n = bufsz - 1;
	memcpy(buf, tmp, n);
	buf[n] = 0;
	return n;
}

int nb_value_eq(const nb_value *a, const nb_value *b)
{
	if (a->set != b->set)
		return 0;
	if (!a->set)
		return 1;
	return a->v == b->v && a->scale == b->scale && a->unit == b->unit;
}
