/* See sentences.h. The wording lives in one table, WORDING below; the code
 * only walks it. */
#include "model/sentences.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One clause: the words before a figure, the figure as a node of each axis
 * of a table ("a+b" sums nodes; a group node sums its leaves), then 件.
 *
 * The wording is the one published reports use in their （二）依申请公开
 * paragraph (for instance the sample-data reports, and the phrasing the
 * 2021 format's guidance asks for: "收到…申请…件，上年结转…件，办结…件，
 * 其中予以公开…件，占…%"; "行政复议…件，其中结果维持…件"). Each clause's words
 * are also words of the form's `mentions:`, so rule 10 reads the figure
 * back: keep them in step with the form files.
 *
 * A clause opens a sentence (`start`), or follows the previous clause with
 * `sep`; the first clause of a breakdown (head >= 0, the index of the
 * clause it breaks down) follows with `intro` instead. */
typedef struct {
	int start;
	int head;           /* clause this one breaks down, or -1 */
	const char *intro;  /* before the first clause of a breakdown */
	const char *sep;    /* before any other clause that follows one */
	const char *words;
	const char *table, *row, *col;
	int share;          /* add "，占X%" of clause `share_of` */
} wording;

#define RESULTS 2 /* the 办结 clause, whose total the shares divide */

static const wording WORDING[] = {
	{1, -1, "", "", "本年度共收到政府信息公开申请", "t3", "new", "total", 0},
	{0, -1, "", "，", "上年结转", "t3", "carried", "total", 0},
	{1, -1, "", "", "本年度办结", "t3", "result_total", "total", 0},
	{0, RESULTS, "，其中", "；", "予以公开", "t3", "granted", "total", 1},
	{0, RESULTS, "，其中", "；", "部分公开", "t3", "partial", "total", 1},
	{0, RESULTS, "，其中", "；", "不予公开", "t3", "withheld", "total", 1},
	{0, RESULTS, "，其中", "；", "无法提供", "t3", "unable", "total", 1},
	{0, RESULTS, "，其中", "；", "不予处理", "t3", "declined", "total", 1},
	{0, RESULTS, "，其中", "；", "其他处理", "t3", "otherwise", "total", 1},
	{0, -1, "", "；", "结转下年度继续办理", "t3", "next", "total", 0},
	{1, -1, "", "", "本年度发生政府信息公开行政复议", "t4", "cases", "r_total", 0},
	{0, 10, "，其中", "，", "结果维持", "t4", "cases", "r_upheld", 0},
	{0, 10, "，其中", "，", "结果纠正", "t4", "cases", "r_corrected", 0},
	{0, 10, "，其中", "，", "其他结果", "t4", "cases", "r_other", 0},
	{0, 10, "，其中", "，", "尚未审结", "t4", "cases", "r_pending", 0},
	{0, -1, "", "；", "行政诉讼", "t4", "cases", "l_total+a_total", 0},
	{0, 15, "，其中", "，", "结果维持", "t4", "cases", "l_upheld+a_upheld", 0},
	{0, 15, "，其中", "，", "结果纠正", "t4", "cases", "l_corrected+a_corrected", 0},
	{0, 15, "，其中", "，", "其他结果", "t4", "cases", "l_other+a_other", 0},
	{0, 15, "，其中", "，", "尚未审结", "t4", "cases", "l_pending+a_pending", 0},
};
#define NW ((int)(sizeof WORDING / sizeof WORDING[0]))

int nb_percent1(int64_t part, int64_t whole, char *buf, unsigned n)
{
	if (n)
		buf[0] = 0;
	if (whole <= 0 || part < 0)
		return 0;
	/* r * 1000 must fit: shrink both sides of a huge ratio alike (the
	 * error is far below the one decimal shown). */
	while (whole > INT64_MAX / 1000) {
		whole /= 1000;
		part /= 1000;
		if (!whole)
			return 0;
	}
	int64_t q = part / whole, r = part % whole;
	if (q > INT64_MAX / 1000 - 1)
		return 0;
	/* part * 1000 / whole is the share in tenths of a percent. */
	int64_t tenths = q * 1000 + (r * 1000 + whole / 2) / whole;
	return snprintf(buf, n, "%lld.%lld", (long long)(tenths / 10), (long long)(tenths % 10)) > 0;
}

/* The figure of a clause: the sum of the cells of every (row leaf, column
 * leaf) under the named nodes. 0 when the form lacks the table or a node;
 * *any tells whether some cell was filled. */
static int figure(const nb_report *r, const wording *w, int64_t *out, int *any)
{
	const nb_form *f = r->form;
	int t = nb_form_table(f, w->table);
	if (t < 0)
		return 0;
	const nb_table *tb = &f->table[t];
	int rn = nb_axis_find(&tb->rows, w->row);
	if (rn < 0)
		return 0;
	const nb_node *row = &tb->rows.node[rn];
	int64_t sum = 0;
	for (const char *p = w->col; *p;) {
		const char *e = strchr(p, '+');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		char id[64];
		if (l >= sizeof id)
			return 0;
		memcpy(id, p, l);
		id[l] = 0;
		int cn = nb_axis_find(&tb->cols, id);
		if (cn < 0)
			return 0;
		const nb_node *col = &tb->cols.node[cn];
		for (int i = row->first_leaf; i < row->first_leaf + row->nleaves; i++)
			for (int j = col->first_leaf; j < col->first_leaf + col->nleaves; j++) {
				const nb_value *v = &r->cell[nb_form_cell(f, t, i, j)];
				if (!v->set)
					continue;
				*any = 1;
				if (__builtin_add_overflow(sum, v->v, &sum))
					return 0;
			}
		p = e ? e + 1 : p + l;
	}
	*out = sum;
	return 1;
}

typedef struct {
	char *s;
	size_t len, cap;
	int oom;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t c = b->cap ? b->cap : 256;
		while (c < b->len + n + 1)
			c *= 2;
		char *p = realloc(b->s, c);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->s = p;
		b->cap = c;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void puts_(sbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

static char *done(sbuf *b)
{
	if (b->oom) {
		free(b->s);
		return NULL;
	}
	if (!b->s)
		return strdup("");
	return b->s;
}

char *nb_sentences(const nb_report *r)
{
	int64_t val[NW];
	int have[NW], any = 0;
	sbuf b = {0};

	for (int k = 0; k < NW; k++)
		have[k] = figure(r, &WORDING[k], &val[k], &any);
	if (!any)
		return strdup("");
	/* A breakdown is said unless its head and all its parts are 0 (or
	 * its head is missing from the form). */
	int keep[NW];
	for (int k = 0; k < NW; k++)
		keep[k] = have[k];
	for (int k = 0; k < NW; k++) {
		int h = WORDING[k].head;
		if (h < 0 || !keep[k])
			continue;
		int zero = !have[h] || val[h] == 0;
		for (int j = 0; j < NW && zero; j++)
			if (WORDING[j].head == h && have[j] && val[j])
				zero = 0;
		if (zero || !have[h])
			keep[k] = 0;
	}
	int open = 0, prev = -1; /* a sentence is open; the clause before */
	for (int k = 0; k < NW; k++) {
		const wording *w = &WORDING[k];
		if (!keep[k])
			continue;
		if (w->start && open) {
			puts_(&b, "。");
			open = 0;
		}
		if (open)
			puts_(&b, w->head >= 0 && (prev < 0 || WORDING[prev].head != w->head)
				      ? w->intro : w->sep);
		char num[32];
		snprintf(num, sizeof num, "%lld", (long long)val[k]);
		puts_(&b, w->words);
		puts_(&b, num);
		puts_(&b, "件");
		if (w->share && have[RESULTS] && nb_percent1(val[k], val[RESULTS], num, sizeof num)) {
			puts_(&b, "，占");
			puts_(&b, num);
			puts_(&b, "%");
		}
		open = 1;
		prev = k;
	}
	if (open)
		puts_(&b, "。");
	return done(&b);
}

/* Does the line [s, e) quote the applications: 收到, then 申请? */
static int quotes_applications(const char *s, const char *e)
{
	static const char got[] = "收到", app[] = "申请";
	for (const char *p = s; p + 6 <= e; p++)
		if (!memcmp(p, got, 6)) {
			for (const char *q = p + 6; q + 6 <= e; q++)
				if (!memcmp(q, app, 6))
					return 1;
			return 0;
		}
	return 0;
}

/* The heading "（二）依申请公开" at the start of a line (half-width
 * brackets too, as published text has them): its length, else 0. */
static size_t heading_at(const char *s, const char *e)
{
	static const char *const open[] = {"（二）", "(二)", NULL};
	static const char word[] = "依申请公开";
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	for (int i = 0; open[i]; i++) {
		size_t ol = strlen(open[i]), wl = sizeof word - 1;
		if ((size_t)(e - s) >= ol + wl && !memcmp(s, open[i], ol) &&
		    !memcmp(s + ol, word, wl))
			return ol + wl;
	}
	return 0;
}

/* After a heading on its line: words of the heading ("情况"), then one
 * punctuation mark, kept with it. */
static const char *past_heading(const char *p, const char *e)
{
	static const char *const tail[] = {"情况", "方面", NULL};
	static const char *const punct[] = {"。", "：", "，", ":", ".", " ", NULL};
	for (int i = 0; tail[i]; i++)
		if ((size_t)(e - p) >= strlen(tail[i]) && !memcmp(p, tail[i], strlen(tail[i])))
			p += strlen(tail[i]);
	for (int i = 0; punct[i]; i++)
		if ((size_t)(e - p) >= strlen(punct[i]) && !memcmp(p, punct[i], strlen(punct[i])))
			return p + strlen(punct[i]);
	return p;
}

char *nb_sentences_apply(const char *old, const char *gen)
{
	sbuf b = {0};
	const char *end = old + strlen(old);
	const char *hs = NULL, *he = NULL; /* the heading line */
	size_t hl = 0;

	for (const char *s = old; s < end;) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		if (quotes_applications(s, e)) {
			/* Replace this line, keeping a heading that opens it. */
			size_t h = heading_at(s, e);
			const char *keep = s;
			if (h) {
				const char *t = s;
				while (*t == ' ' || *t == '\t')
					t++;
				keep = past_heading(t + h, e);
			}
			put(&b, old, (size_t)(keep - old));
			puts_(&b, gen);
			puts_(&b, e);
			return done(&b);
		}
		if (!hs && (hl = heading_at(s, e))) {
			hs = s;
			he = e;
		}
		s = e < end ? e + 1 : e;
	}
	if (hs) {
		const char *t = hs;
		while (*t == ' ' || *t == '\t')
			t++;
		const char *p = past_heading(t + hl, he);
		if (p == he) {
			/* The heading alone: the sentences are the next line. */
			put(&b, old, (size_t)(he - old));
			puts_(&b, "\n");
			puts_(&b, gen);
			if (he < end)
				puts_(&b, he);
			else
				puts_(&b, "\n");
		} else {
			/* Heading and its text on one line: the text is replaced. */
			put(&b, old, (size_t)(p - old));
			puts_(&b, gen);
			puts_(&b, he);
		}
		return done(&b);
	}
	puts_(&b, old);
	if (b.len && b.s[b.len - 1] != '\n')
		puts_(&b, "\n");
	puts_(&b, gen);
	puts_(&b, "\n");
	return done(&b);
}
