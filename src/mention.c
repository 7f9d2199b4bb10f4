#include <string.h>
#include "mention.h"

/* How far after the word the number may stand, in characters. */
#define WINDOW 24

static size_t char_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xE0) == 0xC0)
		return 2;
	if ((s[0] & 0xF0) == 0xE0)
		return 3;
	return 4;
}

/* A digit, ASCII or full-width: its value and length, else -1. */
static int digit_at(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] >= '0' && u[0] <= '9') {
		*len = 1;
		return u[0] - '0';
	}
	if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
		*len = 3;
		return u[2] - 0x90;
	}
	return -1;
}

/* The end of a clause: the number must be in the same one as the word. */
static int clause_break(const char *s)
{
	static const char *const stops[] = {"。", "，", "；", "：", "！", "？", ",", ";", ":",
					    "\n", NULL};
	for (const char *const *p = stops; *p; p++)
		if (!strncmp(s, *p, strlen(*p)))
			return 1;
	return 0;
}

/* A number at s followed (after blanks) by 件: its value and the end. */
static int number_then_jian(const char *s, int64_t *val, size_t *end)
{
	size_t i = 0, l;
	int64_t v = 0;
	int d, nd = 0;
	while ((d = digit_at(s + i, &l)) >= 0 || (nd && s[i] == ',' && digit_at(s + i + 1, &l) >= 0)) {
		if (d < 0) {
			i++; /* a thousands separator */
			continue;
		}
		if (v > (INT64_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
		nd++;
		i += l;
	}
	if (!nd)
		return 0;
	while (s[i] == ' ')
		i++;
	if (strncmp(s + i, "件", strlen("件")))
		return 0;
	*val = v;
	*end = i + strlen("件");
	return 1;
}

int nb_mention_next(const nb_mention *m, const char *text, size_t *pos, nb_quote *q)
{
	size_t n = strlen(text), i = *pos;
	while (i < n) {
		/* The nearest word (the longest of those starting there): strstr
		 * is fast enough for every keystroke and 10,000 files. */
		const char *best = NULL;
		size_t wl = 0;
		for (int k = 0; k < m->nwords; k++) {
			const char *p = strstr(text + i, m->words[k]);
			size_t l = strlen(m->words[k]);
			if (p && (!best || p < best || (p == best && l > wl))) {
				best = p;
				wl = l;
			}
		}
		if (!best || !wl)
			break;
		i = (size_t)(best - text);
		size_t j = i + wl;
		for (int c = 0; c < WINDOW && j < n && !clause_break(text + j); c++) {
			size_t dl, end;
			if (digit_at(text + j, &dl) < 0) {
				j += char_len((const unsigned char *)text + j);
				continue;
			}
			if (number_then_jian(text + j, &q->value, &end)) {
				q->start = i;
				q->end = j + end;
				*pos = q->end;
				return 1;
			}
			/* "2021年": not a count of cases; look further. */
			while (digit_at(text + j, &dl) >= 0)
				j += dl;
		}
		i += wl;
	}
	*pos = n;
	return 0;
}
