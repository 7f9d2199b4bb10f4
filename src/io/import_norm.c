/* The importer's list of items, and how it compares published labels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/import_items.h"

/* Decode one UTF-8 character at s (valid UTF-8); its length in *n. */
static unsigned cp_at(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0 && s[1]) {
		*n = 2;
		return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
	}
	if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2]) {
		*n = 3;
		return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
	}
	if ((s[0] & 0xF8) == 0xF0 && s[1] && s[2] && s[3]) {
		*n = 4;
		return ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
		       (s[3] & 0x3Fu);
	}
	*n = 1;
	return 0xFFFD;
}

static size_t put_cp(char *o, unsigned c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

static int is_blank_cp(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xA0 || c == 0x3000 || c == 0x200B || c == 0xFEFF;
}

int nb_iitems_add(nb_iitems *it, nb_ikind k, int line, int newrow,
		  const char *s, size_t len, int fold)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t a = 0, b = len, n;
	/* Trim at both ends, character by character. */
	while (a < b) {
		unsigned c = cp_at(u + a, &n);
		if (!is_blank_cp(c) || a + n > b)
			break;
		a += n;
	}
	while (b > a) {
		size_t p = b - 1;
		while (p > a && (u[p] & 0xC0) == 0x80)
			p--;
		unsigned c = cp_at(u + p, &n);
		if (!is_blank_cp(c))
			break;
		b = p;
	}
	if (k == NB_II_PARA && a == b)
		return 0;
	char *t = malloc(b - a + 1);
	if (!t)
		return -1;
	size_t o = 0;
	int sp = 0;
	for (size_t i = a; i < b; i += n) {
		unsigned c = cp_at(u + i, &n);
		if (fold && is_blank_cp(c) && c != 0x3000) {
			if (!sp)
				t[o++] = ' ';
			sp = 1;
			continue;
		}
		sp = 0;
		memcpy(t + o, u + i, n);
		o += n;
	}
	t[o] = 0;
	if (it->n == it->cap) {
		int nc = it->cap ? it->cap * 2 : 256;
		nb_iitem *nv = realloc(it->v, (size_t)nc * sizeof *nv);
		if (!nv) {
			free(t);
			return -1;
		}
		it->v = nv;
		it->cap = nc;
	}
	it->v[it->n++] = (nb_iitem){k, line, newrow, t};
	return 0;
}

void nb_iitems_free(nb_iitems *it)
{
	for (int i = 0; i < it->n; i++)
		free(it->v[i].text);
	free(it->v);
	free(it->title);
	memset(it, 0, sizeof *it);
}

static const char *const CN_DIGIT[] = {"一", "二", "三", "四", "五",
				       "六", "七", "八", "九", "十"};

size_t nb_inorm(const char *s, char *out, size_t outsz)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0, n;
	char tmp[16];
	if (!outsz)
		return 0;
	for (size_t i = 0; u[i]; i += n) {
		unsigned c = cp_at(u + i, &n);
		size_t tl = 0;
		if (is_blank_cp(c))
			continue;
		if (c >= 0xFF01 && c <= 0xFF5E)
			c -= 0xFEE0; /* full-width ASCII */
		if (c == 0x3001 || c == 0xFF0E || c == 0x2024)
			c = '.';     /* "1、" and "1．" are "1." */
		if (c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == '"' ||
		    c == '\'')
			continue;    /* quotes: “三安全一稳定” printed with or without */
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c >= 0x3220 && c <= 0x3229) { /* ㈠ .. ㈩ */
			tl = (size_t)snprintf(tmp, sizeof tmp, "(%s)", CN_DIGIT[c - 0x3220]);
		} else if (c >= 0x2460 && c <= 0x2469) { /* ① .. ⑩ */
			tl = (size_t)snprintf(tmp, sizeof tmp, "%u.", c - 0x2460 + 1);
		} else {
			tl = put_cp(tmp, c);
		}
		if (o + tl >= outsz)
			break;
		memcpy(out + o, tmp, tl);
		o += tl;
	}
	/* "(一)." from "㈠、": the numbering keeps no separator after brackets. */
	out[o] = 0;
	char *p;
	while ((p = strstr(out, ").")) != NULL) {
		memmove(p + 1, p + 2, strlen(p + 2) + 1);
		o--;
	}
	return o;
}

/* Code points of a normalised label (at most max). */
static int to_cps(const char *s, unsigned *cp, int max)
{
	int k = 0;
	size_t n;
	for (const unsigned char *u = (const unsigned char *)s; *u && k < max; u += n)
		cp[k++] = cp_at(u, &n);
	return k;
}

int nb_ilcs(const char *a, const char *b, int *la, int *lb)
{
	unsigned x[96], y[96];
	int m = to_cps(a, x, 96), n = to_cps(b, y, 96);
	int prev[97] = {0}, cur[97];
	*la = m;
	*lb = n;
	for (int i = 1; i <= m; i++) {
		cur[0] = 0;
		for (int j = 1; j <= n; j++)
			cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1
			       : prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
		memcpy(prev, cur, sizeof(int) * (size_t)(n + 1));
	}
	return prev[n];
}

int nb_ilabel_match(const char *a, const char *b)
{
	if (!strcmp(a, b))
		return 1;
	if (!*a || !*b)
		return 0;
	/* Longest common subsequence: a typo drops, doubles or swaps a
	 * character or two; a different label shares far less. Short labels
	 * (结果维持 / 结果纠正) differ in two characters of four. */
	int m, n, l = nb_ilcs(a, b, &m, &n), big = m > n ? m : n;
	return big >= 3 && l * 10 >= big * 7;
}

int nb_idash(const char *s)
{
	static const char *const d[] = {"/", "-", "—", "——", "－", "／", "–", "―", "--", NULL};
	for (const char *const *p = d; *p; p++)
		if (!strcmp(s, *p))
			return 1;
	return 0;
}
