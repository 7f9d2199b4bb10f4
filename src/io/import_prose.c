/* Prose of a published report: section headings (as printed, worded
 * differently, or run into their first paragraph) and the cover taken
 * from the title and the opening paragraph. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/import_items.h"
#include "model/report.h"

typedef struct {
	char *s;
	size_t n, cap;
} sbuf;

static int sb_add(sbuf *b, const char *s, size_t len)
{
	if (b->n + len + 2 > b->cap) {
		size_t nc = (b->cap ? b->cap * 2 : 256) + len;
		char *ns = realloc(b->s, nc);
		if (!ns)
			return -1;
		b->s = ns;
		b->cap = nc;
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = 0;
	return 0;
}

/* A paragraph of the section: one line of its text. */
static int sb_line(sbuf *b, const char *s)
{
	return sb_add(b, s, strlen(s)) || sb_add(b, "\n", 1);
}

static size_t skip_punct(const char *s)
{
	static const char *const p[] = {"。", "：", ":", "，", ",", " ", "　", "．", NULL};
	size_t i = 0;
	for (int again = 1; again;) {
		again = 0;
		for (const char *const *q = p; *q; q++)
			if (!strncmp(s + i, *q, strlen(*q))) {
				i += strlen(*q);
				again = 1;
			}
	}
	return i;
}

/* Is `cand` (the words after "N、") a wording of `body` (the form's)? Most
 * of the form's words, in order: "政府信息公开工作存在的主要问题及改进情况"
 * is 五, "加强组织领导" is not. */
static int heading_like(const char *cand, const char *body)
{
	char a[256], b[256];
	nb_inorm(cand, a, sizeof a);
	nb_inorm(body, b, sizeof b);
	int la, lb, l = nb_ilcs(a, b, &la, &lb);
	return lb > 0 && l * 10 >= lb * 7 && la <= lb * 3;
}

/* If the paragraph is the heading of section s, the byte offset where
 * prose that runs into it starts (strlen when none); else -1. */
static long heading_of(const nb_form *f, int s, const char *orig)
{
	const nb_section *sec = &f->section[s];
	size_t nl = strlen(sec->number);
	const char *t = orig;
	while (*t == ' ')
		t++;
	if (strncmp(t, sec->number, nl))
		return -1;
	const char *after = t + nl;
	static const char *const sep[] = {"、", "．", ".", "，", " ", NULL};
	size_t sl = 0;
	for (const char *const *q = sep; *q; q++)
		if (!strncmp(after, *q, strlen(*q))) {
			sl = strlen(*q);
			break;
		}
	if (!sl)
		return -1;
	after += sl;
	const char *body = sec->heading;
	const char *dun = strstr(body, "、");
	if (dun)
		body = dun + strlen("、");
	size_t base = (size_t)(after - orig);
	/* As printed, perhaps followed by its first paragraph. */
	size_t bl = strlen(body);
	if (!strncmp(after, body, bl))
		return (long)(base + bl + skip_punct(after + bl));
	/* Worded differently: the words up to the first full stop or colon,
	 * or up to the first 情况 / 事项, or the whole short line. */
	static const char *const ends[] = {"。", "：", ":", "情况", "事项", NULL};
	for (const char *const *q = ends; *q; q++) {
		const char *e = strstr(after, *q);
		if (!e)
			continue;
		size_t hl = (size_t)(e - after);
		if (!strcmp(*q, "情况") || !strcmp(*q, "事项"))
			hl += strlen(*q);
		if (hl > 120)
			continue;
		char cand[256];
		snprintf(cand, sizeof cand, "%.*s", (int)hl, after);
		if (heading_like(cand, body))
			return (long)(base + hl + skip_punct(after + hl));
	}
	if (strlen(after) <= 120 && !strstr(after, "。") && heading_like(after, body))
		return (long)strlen(orig);
	return -1;
}

/* The value after a label in text: "电话：0772-3862105；" gives
 * "0772-3862105". */
static int field_after(const char *text, const char *const *labels, char *out, size_t n)
{
	for (const char *const *l = labels; *l; l++) {
		const char *p = strstr(text, *l);
		while (p) {
			const char *v = p + strlen(*l);
			size_t k = skip_punct(v);
			if (k && (strstr(v, "：") == v || strstr(v, ":") == v)) {
				v += k;
				size_t e = 0;
				static const char *const stop[] = {"；", ";", "，", ",", "。", "）",
								   ")", "\n", "、", " ", "　", NULL};
				for (; v[e]; e++) {
					int hit = 0;
					for (const char *const *s = stop; *s && !hit; s++)
						hit = !strncmp(v + e, *s, strlen(*s));
					if (hit)
						break;
				}
				if (e && e < n) {
					memcpy(out, v, e);
					out[e] = 0;
					return 1;
				}
			}
			p = strstr(p + 1, *l);
		}
	}
	return 0;
}

static int year_at(const char *s)
{
	for (int k = 0; k < 4; k++)
		if (s[k] < '0' || s[k] > '9')
			return 0;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	return !strncmp(s + 4, "年", 3) && y >= 1990 && y <= 2200 ? y : 0;
}

static int first_year(const char *s)
{
	for (; *s; s++) {
		int y = year_at(s);
		if (y)
			return y;
	}
	return 0;
}

static void set_field(nb_report *r, const char *id, const char *v)
{
	int k = nb_form_field(r->form, id);
	if (k >= 0 && v && *v && !*r->text[k])
		nb_report_set_text(r, k, v, strlen(v));
}

static void cover(nb_report *r, const char *title, const char *pre)
{
	char buf[512];
	if (title) {
		const char *p = strstr(title, "政府信息公开");
		for (const char *q = title; p && q < p; q++) {
			int y = year_at(q);
			if (y) {
				snprintf(buf, sizeof buf, "%.*s", (int)(q - title), title);
				set_field(r, "agency", buf);
				snprintf(buf, sizeof buf, "%d", y);
				set_field(r, "year", buf);
				break;
			}
		}
	}
	set_field(r, "preamble", pre);
	/* 统计期限自2021年1月1日起至2021年12月31日止 */
	const char *p = strstr(pre, "年1月1日");
	if (p && p - pre >= 4 && year_at(p - 4)) {
		const char *e = strstr(p, "止");
		if (!e || e - p > 60)
			e = strstr(p, "12月31日");
		if (e && e - p <= 60) {
			e += strlen(!strncmp(e, "止", 3) ? "止" : "12月31日");
			snprintf(buf, sizeof buf, "%.*s", (int)(e - (p - 4)), p - 4);
			set_field(r, "period", buf);
			snprintf(buf, sizeof buf, "%.4s", p - 4);
			set_field(r, "year", buf);
		}
	}
	const char *w = strstr(pre, "http://");
	if (!w)
		w = strstr(pre, "https://");
	if (!w)
		w = strstr(pre, "www.");
	if (w) {
		size_t e = strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "0123456789./:_?&=%#~-");
		while (e && (w[e - 1] == '.' || w[e - 1] == ':'))
			e--;
		if (e < sizeof buf) {
			snprintf(buf, sizeof buf, "%.*s", (int)e, w);
			set_field(r, "website", buf);
		}
	}
	static const char *const addr[] = {"通讯地址", "联系地址", "办公地址", "地址", NULL};
	static const char *const post[] = {"邮政编码", "邮编", NULL};
	static const char *const tel[] = {"联系电话", "咨询电话", "电话", NULL};
	static const char *const fax[] = {"传真", NULL};
	static const char *const mail[] = {"电子邮箱", "电子信箱", "电子邮件", "邮箱", "E-mail",
					   "Email", NULL};
	if (field_after(pre, addr, buf, sizeof buf))
		set_field(r, "address", buf);
	if (field_after(pre, post, buf, sizeof buf))
		set_field(r, "postcode", buf);
	if (field_after(pre, tel, buf, sizeof buf))
		set_field(r, "phone", buf);
	if (field_after(pre, fax, buf, sizeof buf))
		set_field(r, "fax", buf);
	if (field_after(pre, mail, buf, sizeof buf))
		set_field(r, "email", buf);
}

int nb_import_prose(nb_report *r, const nb_iitems *it, const char *name, nb_err *err)
{
	const nb_form *f = r->form;
	int cur = -1, rc = -1;
	sbuf *sec = calloc((size_t)f->nsection + 1, sizeof *sec);
	sbuf pre = {0};
	const char *title = NULL;
	if (!sec) {
		nb_fail(err, NB_NOMEM, "%s: 内存不足", name);
		return -1;
	}
	for (int i = 0; i < it->n; i++) {
		const nb_iitem *x = &it->v[i];
		if (x->kind != NB_II_PARA)
			continue;
		/* Sections only move forward: a later "一、" inside prose is a
		 * list, and a repeated heading (the seed prints 二 twice, the
		 * second time right above its table) is not prose. */
		long at = -1;
		int s;
		for (s = cur < 0 ? 0 : cur; s < f->nsection; s++)
			if ((at = heading_of(f, s, x->text)) >= 0)
				break;
		if (at >= 0) {
			cur = s;
			const char *rest = x->text + at;
			if (*rest && sb_line(&sec[cur], rest))
				goto oom;
			continue;
		}
		if (cur < 0) {
			/* The title, then the opening paragraph; a portal's
			 * navigation before the title is not part of the report. */
			if (!title && strstr(x->text, "年度报告") && strlen(x->text) < 200 &&
			    !strstr(x->text, "。")) {
				title = x->text;
				pre.n = 0;
				if (pre.s)
					pre.s[0] = 0;
			} else if (sb_line(&pre, x->text)) {
				goto oom;
			}
			continue;
		}
		if (sb_line(&sec[cur], x->text))
			goto oom;
	}
	if (!title && it->title && strstr(it->title, "年度报告"))
		title = it->title;
	for (int s = 0; s < f->nsection; s++) {
		int fi = f->section[s].text;
		if (fi >= 0 && sec[s].n &&
		    nb_report_set_text(r, fi, sec[s].s, sec[s].n)) {
			nb_fail(err, NB_INVALID, "%s: 第%s部分的文字无法保存", name,
				f->section[s].number);
			goto done;
		}
	}
	/* The opening paragraph, without its trailing newline. */
	if (pre.n && pre.s[pre.n - 1] == '\n')
		pre.s[--pre.n] = 0;
	cover(r, title, pre.s ? pre.s : "");
	if (!nb_report_year(r)) {
		int y = 0;
		for (int s = 0; s < f->nsection && !y; s++)
			if (sec[s].s)
				y = first_year(sec[s].s);
		if (y) {
			char b[8];
			snprintf(b, sizeof b, "%d", y);
			set_field(r, "year", b);
		}
	}
	rc = 0;
	goto done;
oom:
	nb_fail(err, NB_NOMEM, "%s: 内存不足", name);
done:
	for (int s = 0; s < f->nsection; s++)
		free(sec[s].s);
	free(sec);
	free(pre.s);
	return rc;
}
