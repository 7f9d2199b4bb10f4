/* UTF-8 helpers shared by the model: validation, cutting at a character
 * boundary, and messages that never end inside a character. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/utf8.h"

int nb_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)str;
	uint32_t c;
	int len;

	if (n == 0)
		return -1;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		len = 2;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		len = 3;
		c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		len = 4;
		c = u[0] & 0x07;
	} else {
		return -1; /* a continuation byte, C0/C1 (always overlong), F5-FF */
	}
	if (n < (size_t)len)
		return -1;
	for (int i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return len;
}

size_t nb_utf8_next(const char *s, size_t n, uint32_t *cp)
{
	int k = nb_utf8_decode(s, n, cp);
	if (k < 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return (size_t)k;
}

size_t nb_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		cp = 0xFFFD;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return nb_utf8_encode(0xFFFD, out);
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t nb_utf8_check(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int k = s[i] ? nb_utf8_decode(s + i, len - i, &cp) : -1;
		if (k < 0)
			return i;
		i += (size_t)k;
	}
	return (size_t)-1;
}

size_t nb_utf8_fit(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t n = max;
	/* Step back over continuation bytes to the start of a character. */
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void nb_msgf(char *dst, size_t n, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;
	if (!n)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	size_t len = k < 0 ? 0 : (size_t)k >= sizeof tmp ? sizeof tmp - 1 : (size_t)k;
	/* Text from a file may carry terminal escapes or line breaks that
	 * would fake output lines: show C0, DEL and C1 controls as '?'. */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)tmp[i];
		if (c < 0x20 || c == 0x7F)
			tmp[i] = '?';
		else if (c == 0xC2 && i + 1 < len && (unsigned char)tmp[i + 1] >= 0x80 &&
			 (unsigned char)tmp[i + 1] <= 0x9F) {
			tmp[i] = '?';
			tmp[i + 1] = '?';
		}
	}
	len = nb_utf8_fit(tmp, len, n - 1);
	memcpy(dst, tmp, len);
	dst[len] = 0;
}

const char *nb_clean_name(char *dst, size_t n, const char *name)
{
	size_t len, o = 0;
	if (!n)
		return dst;
	if (!name)
		name = "";
	len = strlen(name);
	for (size_t i = 0; i < len && o + 1 < n;) {
		size_t bad = nb_utf8_check(name + i, len - i);
		size_t good = bad == (size_t)-1 ? len - i : bad;
		/* Valid UTF-8 up to `good`: copy it, controls made '?'. */
		for (size_t k = 0; k < good && o + 1 < n;) {
			unsigned char c = (unsigned char)name[i + k];
			size_t cl = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			if (c < 0x20 || c == 0x7F ||
			    (c == 0xC2 && (unsigned char)name[i + k + 1] <= 0x9F)) {
				dst[o++] = '?';
			} else {
				if (o + cl >= n)
					goto out;
				memcpy(dst + o, name + i + k, cl);
				o += cl;
			}
			k += cl;
		}
		i += good;
		if (bad != (size_t)-1 && i < len && o + 1 < n) {
			dst[o++] = '?';
			i++;
		}
	}
out:
	dst[o] = 0;
	return dst;
}
