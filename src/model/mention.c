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

/* A Chinese numeral character ending just before s+at: its value (0-9) or
 * unit (10, 100, 1000, 10000 as -10, -100, ...), in *v; its length, else 0.
 * Reports write small counts in words: "十二件", "两件". */
static size_t cn_before(const char *s, size_t at, int *v)
{
	static const struct {
		const char *c;
		int v;
	} t[] = {{"〇", 0}, {"零", 0}, {"一", 1}, {"二", 2}, {"两", 2}, {"三", 3},
		 {"四", 4}, {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9},
		 {"十", -10}, {"百", -100}, {"千", -1000}, {"万", -10000}};
	if (at < 3)
		return 0;
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
		if (!memcmp(s + at - 3, t[k].c, 3)) {
			*v = t[k].v;
			return 3;
		}
	return 0;
}

/* The value of the Chinese numeral s[a, b): "一百零五" 105, "十二" 12,
 * "二十" 20; -1 when it is not a well-formed number. */
static int64_t cn_value(const char *s, size_t a, size_t b)
{
	int64_t total = 0, sec = 0, digit = -1;
	for (size_t i = a; i < b; i += 3) {
		int v;
		if (!cn_before(s, i + 3, &v))
			return -1;
		if (v >= 0) {
			if (digit > 0)
				return -1; /* "一二" (零 before a digit is "一百零五") */
			digit = v;
		} else if (v == -10000) {
			sec += digit > 0 ? digit : 0;
			total += (sec ? sec : 1) * 10000;
			sec = 0;
			digit = -1;
		} else {
			sec += (digit >= 0 ? (digit ? digit : -1) : 1) * -v;
			if (digit == 0)
				return -1;
			digit = -1;
		}
	}
	return total + sec + (digit > 0 ? digit : 0);
}

/* The number that ends (after blanks) just before the 件 at s+anchor: its
 * start and value. */
static int number_before(const char *s, size_t anchor, size_t *start, int64_t *val)
{
	size_t j = anchor, l;
	while (j > 0 && s[j - 1] == ' ')
		j--;
	size_t end = j;
	int cv;
	/* In words: as many numeral characters as stand there (at most 12,
	 * "九千九百九十九万..." is never a count of requests). */
	size_t c = j;
	for (int k = 0; k < 12 && (l = cn_before(s, c, &cv)); k++)
		c -= l;
	if (c < j) {
		/* "一" alone before 件 is usually a word ("一件"), still a count. */
		int64_t v = cn_value(s, c, j);
		if (v < 0)
			return 0;
		*start = c;
		*val = v;
		return 1;
	}
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

int nb_mention_shadowed(const nb_form *f, int k, const char *text,
			const nb_clause *cl, const nb_quote *q)
{
	for (int o = 0; o < f->nmention; o++) {
		nb_quote oq;
		if (o == k || !nb_mention_in(&f->mention[o], text, cl, &oq))
			continue;
		/* Both quote the figure of this clause: the word nearer the
		 * number names it; of two ending together, the longer. */
		size_t wend = 0, oend = 0;
		for (int w = 0; w < f->mention[k].nwords; w++) {
			size_t l = strlen(f->mention[k].words[w]);
			if (q->start + l <= cl->num && !memcmp(text + q->start, f->mention[k].words[w], l) &&
			    q->start + l > wend)
				wend = q->start + l;
		}
		for (int w = 0; w < f->mention[o].nwords; w++) {
			size_t l = strlen(f->mention[o].words[w]);
			if (oq.start + l <= cl->num && !memcmp(text + oq.start, f->mention[o].words[w], l) &&
			    oq.start + l > oend)
				oend = oq.start + l;
		}
		if (oend > wend || (oend == wend && oq.start < q->start))
			return 1;
	}
	return 0;
}
