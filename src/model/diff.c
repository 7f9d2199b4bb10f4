/* Comparing two reports cell by cell and text by text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/diff.h"

static int push(nb_diff *d, int is_text, int a, int b)
{
	if (!(d->n & (d->n - 1)) || !d->item) {
		size_t cap = d->n ? (size_t)d->n * 2 : 16;
		nb_diff_item *v = realloc(d->item, cap * sizeof *v);
		if (!v)
			return -1;
		d->item = v;
	}
	d->item[d->n++] = (nb_diff_item){is_text, a, b};
	return 0;
}

int nb_diff_reports(const nb_report *a, const nb_report *b, nb_diff *d)
{
	const nb_form *fa = a->form, *fb = b->form;
	char id[200];

	memset(d, 0, sizeof *d);
	for (int i = 0; i < fb->nfield; i++) {
		int j = fa == fb ? i : nb_form_field(fa, fb->field[i].id);
		const char *old = j >= 0 ? a->text[j] : "";
		if (strcmp(old, b->text[i]) && push(d, 1, j, i))
			goto oom;
	}
	for (int c = 0; c < fb->ncell; c++) {
		int ca = c;
		if (fa != fb) {
			nb_form_cell_id(fb, c, id, sizeof id);
			ca = nb_form_cell_by_id(fa, id);
		}
		if (ca < 0) {
			d->only_new += b->cell[c].set;
			continue;
		}
		if (!nb_value_eq(&a->cell[ca], &b->cell[c]) && push(d, 0, ca, c))
			goto oom;
	}
	if (fa != fb)
		for (int c = 0; c < fa->ncell; c++) {
			nb_form_cell_id(fa, c, id, sizeof id);
			if (nb_form_cell_by_id(fb, id) < 0)
				d->only_old += a->cell[c].set;
		}
	return 0;
oom:
	nb_diff_free(d);
	return -1;
}

void nb_diff_free(nb_diff *d)
{
	free(d->item);
	memset(d, 0, sizeof *d);
}

static const int64_t p10[19] = {
	1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
	100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
	1000000000000LL, 10000000000000LL, 100000000000000LL,
	1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
	1000000000000000000LL
};

void nb_diff_change(const nb_report *a, int ca, const nb_report *b, int cb,
		    char *buf, size_t n)
{
	const nb_value *x = &a->cell[ca], *y = &b->cell[cb];
	const nb_valtype *ta = nb_form_cell_type(a->form, ca), *tb = nb_form_cell_type(b->form, cb);
	char s[NB_VALUE_BUFSZ];

	if (!x->set || !y->set) {
		if (!x->set && !y->set) {
			snprintf(buf, n, "%s", "");
		} else if (!x->set) {
			nb_value_format(y, tb, s, sizeof s);
			snprintf(buf, n, "空→%s", s);
		} else {
			nb_value_format(x, ta, s, sizeof s);
			snprintf(buf, n, "%s→空", s);
		}
		return;
	}
	const char *ua = x->unit ? ta->units[x->unit - 1] : "", *ub = y->unit ? tb->units[y->unit - 1] : "";
	if (strcmp(ua, ub)) {
		snprintf(buf, n, "%s", "单位不同");
		return;
	}
	int sc = x->scale > y->scale ? x->scale : y->scale;
	int64_t u, v, dv;
	if (sc > 18 || __builtin_mul_overflow(x->v, p10[sc - x->scale], &u) ||
	    __builtin_mul_overflow(y->v, p10[sc - y->scale], &v) ||
	    __builtin_sub_overflow(v, u, &dv)) {
		snprintf(buf, n, "%s", "变化过大");
		return;
	}
	/* Written as a money value of the same scale, with its sign. */
	uint64_t m = dv < 0 ? (uint64_t)0 - (uint64_t)dv : (uint64_t)dv;
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%0*llu", sc + 1, (unsigned long long)m);
	if (sc)
		snprintf(buf, n, "%c%.*s.%s%s", dv < 0 ? '-' : '+', len - sc, digits,
			 digits + len - sc, ua);
	else
		snprintf(buf, n, "%c%s%s", dv < 0 ? '-' : '+', digits, ua);
}

/* The agency name without surrounding spaces (ASCII and U+3000). */
static void trimmed(const char *s, const char **p, size_t *len)
{
	size_t n = strlen(s);
	for (;;) {
		if (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		else if (n >= 3 && !memcmp(s, "\xe3\x80\x80", 3))
			s += 3, n -= 3;
		else
			break;
	}
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
			n--;
		else if (n >= 3 && !memcmp(s + n - 3, "\xe3\x80\x80", 3))
			n -= 3;
		else
			break;
	}
	*p = s;
	*len = n;
}

int nb_diff_same_body(const nb_report *a, const nb_report *b)
{
	int fa = nb_form_field_role(a->form, NB_ROLE_AGENCY), fb = nb_form_field_role(b->form, NB_ROLE_AGENCY);
	const char *p, *q;
	size_t n, m;

	if (fa < 0 || fb < 0)
		return 0;
	trimmed(a->text[fa], &p, &n);
	trimmed(b->text[fb], &q, &m);
	return n && n == m && !memcmp(p, q, n);
}

int nb_diff_consecutive(const nb_report *a, const nb_report *b)
{
	int ya = nb_report_year(a), yb = nb_report_year(b);
	return ya && yb == ya + 1 && nb_diff_same_body(a, b);
}

const char *nb_diff_label(const nb_form *f, int field)
{
	const nb_field *fd = &f->field[field];
	return fd->section >= 0 ? f->section[fd->section].heading : fd->label;
}

void nb_diff_first_change(const char *a, const char *b, const char **la, int *na,
			  const char **lb, int *nb)
{
	const char *p = a, *q = b;
	for (;;) {
		const char *ea = strchr(p, '\n'), *eb = strchr(q, '\n');
		size_t ma = ea ? (size_t)(ea - p) : strlen(p), mb = eb ? (size_t)(eb - q) : strlen(q);
		if (ma != mb || memcmp(p, q, ma) || !ea || !eb) {
			*la = p;
			*na = (int)ma;
			*lb = q;
			*nb = (int)mb;
			return;
		}
		p = ea + 1;
		q = eb + 1;
	}
}

int nb_diff_carried(const nb_form *f, const nb_finding *x)
{
	return x->rule >= 0 && f->rule[x->rule].needs_last;
}
