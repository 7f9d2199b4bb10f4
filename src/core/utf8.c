/* UTF-8 helpers shared by the model: validation, cutting at a character
 * boundary, and messages that never end inside a character. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/utf8.h"

size_t nb_utf8_check(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned min;
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 2; min = 0x80; c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 3; min = 0x800; c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 4; min = 0x10000; c &= 0x07;
		} else {
			return i;
		}
		if (len - i < n)
			return i;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			c = (c << 6) | (s[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return i;
		i += n;
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
