/* Quotes are found from their 件: the text is scanned once for 件, and each
 * mention looks only at the clause before it. */
/* memmem is a GNU extension (also in every BSD libc); glibc declares it
 * only under _GNU_SOURCE. */
#define _GNU_SOURCE
#include <string.h>
#include "model/mention.h"

/* How far before the number the word may end, in characters. */
#define WINDOW 24

static const char JIAN[] = "件";

/* A digit ending just before s+at (ASCII or full-width): its length, else 0. */
static size_t digit_before(const char *s, size_t at)
{
	const unsigned char *u = (const unsigned char *)s;
	if (at >= 1 && u[at - 1] >= '0' && u[at - 1] <= '9')
		return 1;
	if (at >= 3 && u[at - 3] == 0xEF && u[at - 2] == 0xBC && u[at - 1] >= 0x90 &&
	    u[at - 1] <= 0x99)
		return 3;
	return 0;
}

static int digit_value(const char *s, size_t len)
{
	return len == 1 ? s[0] - '0' : (unsigned char)s[2] - 0x90;
}

/* The start of the character before s+at. */
static size_t prev_char(const char *s, size_t at)
{
	do
		at--;
	while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80);
	return at;
}

/* Does a clause end with the character that ends at s+at? The breaks are
 * ASCII , ; : and newline, and 。 (E3 80 82) ， ； ： ！ ？ (EF BC xx). */
static int clause_break_before(const char *s, size_t at)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!at)
		return 1;
	unsigned char c = u[at - 1];
	if (c == ',' || c == ';' || c == ':' || c == '\n')
		return 1;
	if (at < 3 || c < 0x80)
		return 0;
	if (u[at - 3] == 0xE3 && u[at - 2] == 0x80 && c == 0x82)
		return 1;
	return u[at - 3] == 0xEF && u[at - 2] == 0xBC &&
	       (c == 0x8C || c == 0x9B || c == 0x9A || c == 0x81 || c == 0x9F);
}

/* The number that ends (after blanks) just before the 件 at s+anchor: its
 * start and value. */
static int number_before(const char *s, size_t anchor, size_t *start, int64_t *val)
{
	size_t j = anchor, l;
	while (j > 0 && s[j - 1] == ' ')
		j--;
	size_t end = j;
	for (;;) {
		while ((l = digit_before(s, j)))
			j -= l;
		/* A thousands separator between digits: "1,234件". */
		if (j < end && j > 1 && s[j - 1] == ',' && digit_before(s, j - 1))
			j--;
		else
			break;
	}
	if (j == end)
		return 0;
	int64_t v = 0;
	for (size_t i = j; i < end;) {
		if (s[i] == ',') {
			i++;
			continue;
		}
		size_t dl = (unsigned char)s[i] < 0x80 ? 1 : 3;
		int d = digit_value(s + i, dl);
		if (v > (INT64_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
		i += dl;
	}
	*start = j;
	*val = v;
	return 1;
}

int nb_quote_anchors(const char *text, size_t *pos, int max)
{
	int n = 0;
	for (const char *p = strstr(text, JIAN); p && n < max; p = strstr(p + 3, JIAN))
		pos[n++] = (size_t)(p - text);
	return n;
}

int nb_quote_clause(const char *text, size_t anchor, nb_clause *cl)
{
	if (!number_before(text, anchor, &cl->num, &cl->value))
		return 0;
	/* Walk back from the number at most WINDOW characters, to the clause
	 * start or to an earlier figure (a word before that quotes it). */
	size_t b = cl->num;
	int c = 0, limited = 1;
	for (; c < WINDOW && b > 0; c++) {
		if (clause_break_before(text, b) ||
		    (b >= 3 && !memcmp(text + b - 3, JIAN, 3) && digit_before(text, b - 3))) {
			limited = 0;
			break;
		}
		b = prev_char(text, b);
	}
	if (b == 0)
		limited = 0;
	cl->lo = b;
	/* A word may start before the window when only its length limits it. */
	cl->from = limited && b > 64 ? b - 64 : limited ? 0 : b;
	cl->anchor = anchor;
	return 1;
}

int nb_mention_in(const nb_mention *m, const char *text, const nb_clause *cl, nb_quote *q)
{
	size_t best_end = 0, best_start = 0;
	int found = 0;
	for (int k = 0; k < m->nwords; k++) {
		size_t wl = strlen(m->words[k]);
		const char *p = text + cl->from, *lim = text + cl->num;
		while (p < lim && (p = memmem(p, (size_t)(lim - p), m->words[k], wl))) {
			size_t st = (size_t)(p - text), end = st + wl;
			/* The nearest word; of two ending together, the longer. */
			if (end >= cl->lo && end <= cl->num &&
			    (!found || end > best_end || (end == best_end && st < best_start))) {
				best_end = end;
				best_start = st;
				found = 1;
			}
			p++;
		}
	}
	if (!found)
		return 0;
	q->start = best_start;
	q->end = cl->anchor + sizeof JIAN - 1;
	q->value = cl->value;
	return 1;
}

int nb_mention_at(const nb_mention *m, const char *text, size_t anchor, nb_quote *q)
{
	nb_clause cl;
	return nb_quote_clause(text, anchor, &cl) && nb_mention_in(m, text, &cl, q);
}

int nb_mention_next(const nb_mention *m, const char *text, size_t *pos, nb_quote *q)
{
	size_t n = strlen(text);
	for (const char *p = strstr(text + *pos, JIAN); p; p = strstr(p + 3, JIAN)) {
		if (nb_mention_at(m, text, (size_t)(p - text), q) && q->start >= *pos) {
			*pos = q->end;
			return 1;
		}
	}
	*pos = n;
	return 0;
}
