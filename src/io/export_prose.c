/* See export_prose.h. */
#include "io/export_prose.h"

#include <stdlib.h>
#include <string.h>

/* The code point of the well-formed UTF-8 sequence at s (the report keeps
 * only valid UTF-8), and its length in *n. */
static unsigned long decode(const unsigned char *s, int *n)
{
	if (s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*n = 2;
		return (unsigned long)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*n = 3;
		return (unsigned long)(s[0] & 0x0F) << 12 | (unsigned long)(s[1] & 0x3F) << 6 |
		       (s[2] & 0x3F);
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*n = 4;
		return (unsigned long)(s[0] & 0x07) << 18 | (unsigned long)(s[1] & 0x3F) << 12 |
		       (unsigned long)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	}
	/* Not UTF-8 after all: one byte, dropped as a control would be. */
	*n = 1;
	return 0xFFFE;
}

static int unwanted(unsigned long c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F) ||
	       (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

char *nb_prose_clean(const char *s, int oneline)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = malloc(strlen(s) + 1), *o = out;

	if (!out)
		return NULL;
	while (*p) {
		int n;
		unsigned long c = decode(p, &n);

		if (!unwanted(c)) {
			if (oneline && (c == '\n' || c == '\t'))
				*o++ = ' ';
			else
				memcpy(o, p, (size_t)n), o += n;
		}
		p += n;
	}
	*o = 0;
	return out;
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

const char *nb_prose_next(const char **p, size_t *len)
{
	const char *s = *p;

	for (;;) {
		const char *nl, *b, *e;

		if (!*s)
			break;
		nl = strchr(s, '\n');
		e = nl ? nl : s + strlen(s);
		for (b = s; b < e && blank(*b); b++)
			;
		while (e > b && blank(e[-1]))
			e--;
		s = nl ? nl + 1 : s + strlen(s);
		if (e > b) {
			*p = s;
			*len = (size_t)(e - b);
			return b;
		}
	}
	*p = s;
	return NULL;
}
