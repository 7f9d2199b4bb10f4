/* Roll-up: exact sums of many reports of one layout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/engine.h"
#include "model/rollup.h"
#include "model/groups.h"

/* ---------------- the traceability record ---------------- */

nb_rollup_info *nb_rollup_info_new(int ncell)
{
	nb_rollup_info *ri = calloc(1, sizeof *ri);
	if (!ri || !(ri->blank = calloc((size_t)ncell + 1, sizeof(int)))) {
		free(ri);
		return NULL;
	}
	ri->ncell = ncell;
	return ri;
}

void nb_rollup_info_free(nb_rollup_info *ri)
{
	if (!ri)
		return;
	for (int i = 0; i < ri->nin; i++) {
		free(ri->in[i].file);
		free(ri->in[i].agency);
		free(ri->in[i].sha256);
	}
	for (int i = 0; i < ri->nnote; i++)
		free(ri->note[i]);
	free(ri->note);
	free(ri->in);
	free(ri->blank);
	free(ri);
}

int nb_rollup_info_add_input(nb_rollup_info *ri, const char *file, const char *agency,
			     const char *sha256, int year, int errors)
{
	if (!(ri->nin & (ri->nin - 1)) || !ri->in) {
		size_t cap = ri->nin ? (size_t)ri->nin * 2 : 8;
		nb_rollup_input *v = realloc(ri->in, cap * sizeof *v);
		if (!v)
			return -1;
		ri->in = v;
	}
	nb_rollup_input *x = &ri->in[ri->nin];
	x->file = strdup(file);
	x->agency = strdup(agency);
	x->sha256 = strdup(sha256);
	x->year = year;
	x->errors = errors;
	if (!x->file || !x->agency || !x->sha256) {
		free(x->file);
		free(x->agency);
		free(x->sha256);
		return -1;
	}
	ri->nin++;
	return 0;
}

int nb_rollup_info_add_note(nb_rollup_info *ri, const char *note)
{
	char **v = realloc(ri->note, sizeof *v * (size_t)(ri->nnote + 1));
	if (!v)
		return -1;
	ri->note = v;
	if (!(v[ri->nnote] = strdup(note)))
		return -1;
	ri->nnote++;
	return 0;
}

nb_rollup_info *nb_rollup_info_dup(const nb_rollup_info *ri)
{
	nb_rollup_info *d = nb_rollup_info_new(ri->ncell);

	if (!d)
		return NULL;
	d->ncell = ri->ncell;
	memcpy(d->blank, ri->blank, sizeof(int) * (size_t)ri->ncell);
	for (int i = 0; i < ri->nin; i++)
		if (nb_rollup_info_add_input(d, ri->in[i].file, ri->in[i].agency,
					     ri->in[i].sha256, ri->in[i].year, ri->in[i].errors))
			goto fail;
	for (int i = 0; i < ri->nnote; i++)
		if (nb_rollup_info_add_note(d, ri->note[i]))
			goto fail;
	return d;
fail:
	nb_rollup_info_free(d);
	return NULL;
}

int nb_rollup_info_eq(const nb_rollup_info *a, const nb_rollup_info *b, int ncell)
{
	if (!a || !b)
		return a == b;
	if (a->nin != b->nin || a->nnote != b->nnote ||
	    memcmp(a->blank, b->blank, sizeof(int) * (size_t)ncell))
		return 0;
	for (int i = 0; i < a->nin; i++)
		if (strcmp(a->in[i].file, b->in[i].file) || strcmp(a->in[i].agency, b->in[i].agency) ||
		    strcmp(a->in[i].sha256, b->in[i].sha256) || a->in[i].year != b->in[i].year ||
		    a->in[i].errors != b->in[i].errors)
			return 0;
	for (int i = 0; i < a->nnote; i++)
		if (strcmp(a->note[i], b->note[i]))
			return 0;
	return 1;
}

/* ---------------- the sum ---------------- */

#define NCLASS (1 + NB_MAX_UNITS) /* money: no unit, then each unit of the column */

typedef struct {
	nb_value acc[NCLASS]; /* sum of the inputs given in each unit */
	int first[NCLASS];    /* the first input that used it, for messages */
} cellsum;

struct nb_rollup {
	const nb_form *f;
	nb_bare_unit bare;
	cellsum *cs;
	nb_rollup_info *info;
	int year;             /* common year, -1 when they differ */
};

nb_rollup *nb_rollup_new(const nb_form *f, nb_bare_unit bare)
{
	nb_rollup *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->f = f;
	s->bare = bare;
	s->year = 0;
	s->cs = calloc((size_t)f->ncell + 1, sizeof *s->cs);
	s->info = nb_rollup_info_new(f->ncell);
	if (!s->cs || !s->info) {
		nb_rollup_free(s);
		return NULL;
	}
	return s;
}

void nb_rollup_free(nb_rollup *s)
{
	if (!s)
		return;
	free(s->cs);
	nb_rollup_info_free(s->info);
	free(s);
}

static const int64_t pow10_tab[19] = {
	1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
	100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
	1000000000000LL, 10000000000000LL, 100000000000000LL,
	1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
	1000000000000000000LL
};

/* v * 10^k exactly, or -1 on overflow. */
static int scale_up(int64_t v, int k, int64_t *out)
{
	if (k < 0 || k > 18)
		return -1;
	return __builtin_mul_overflow(v, pow10_tab[k], out) ? -1 : 0;
}

/* a += b for money: the scales aligned to the larger, never rounded. */
static int money_add(nb_value *a, const nb_value *b)
{
	int64_t x = a->v, y = b->v;
	int sc = a->scale > b->scale ? a->scale : b->scale;

	if (!a->set) {
		*a = *b;
		return 0;
	}
	if (scale_up(x, sc - a->scale, &x) || scale_up(y, sc - b->scale, &y) ||
	    __builtin_add_overflow(x, y, &x))
		return -1;
	a->v = x;
	a->scale = (uint8_t)sc;
	return 0;
}

/* Digits of |v| (money is written with at most NB_MONEY_MAX_DIGITS). */
static int ndigits(int64_t v)
{
	int n = 1;
	if (v < 0)
		v = -v;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static nb_status ovf(nb_rollup *s, int cell, const char *file, nb_err *err)
{
	char name[300], id[200];
	nb_form_cell_path(s->f, cell, name, sizeof name);
	nb_form_cell_id(s->f, cell, id, sizeof id);
	return nb_fail(err, NB_BAD_VALUE, "%s: %s（%s）：合计超出可表示的范围（64 位整数，金额最多 %d 位数字），未写出结果",
		       file, id, name, NB_MONEY_MAX_DIGITS);
}

nb_status nb_rollup_add(nb_rollup *s, const nb_report *r, const char *file,
			const char *sha256, int errors, nb_err *err)
{
	const nb_form *f = s->f;
	const char *agency = "";
	int fi = nb_form_field_role(f, NB_ROLE_AGENCY);

	if (r->form != f && strcmp(r->form->id, f->id))
		return nb_fail(err, NB_LAYOUT_MISMATCH,
			       "%s: 表单 %s 与第一个文件 %s 的表单 %s 不同：不同格式的报告不能相加",
			       file, r->form->id, s->info->nin ? s->info->in[0].file : "?", f->id);
	if (r->ngval) {
		/* Its group's rows are unknown: adding the group into the rows of
		 * the others would invent a split, adding nothing would lose it. */
		const nb_table *t = &f->table[r->gval[0].table];
		return nb_fail(err, NB_LAYOUT_MISMATCH,
			       "%s: %s「%s」只给了合计、没有分项，不能与其他报告逐项相加", file,
			       t->name, t->rows.node[r->gval[0].node].label);
	}
	if (fi >= 0)
		agency = r->text[fi];
	int year = nb_report_year(r);
	if (s->info->nin == 0)
		s->year = year;
	else if (s->year != year)
		s->year = -1;
	int me = s->info->nin;
	if (nb_rollup_info_add_input(s->info, file, agency, sha256, year, errors))
		return nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
	for (int c = 0; c < f->ncell; c++) {
		const nb_value *v = &r->cell[c];
		cellsum *cs = &s->cs[c];
		if (!v->set) {
			s->info->blank[c]++;
			continue;
		}
		int k = nb_form_cell_type(f, c)->type == NB_T_MONEY ? v->unit : 0;
		if (k >= NCLASS)
			k = 0;
		nb_value *a = &cs->acc[k];
		if (!a->set)
			cs->first[k] = me;
		if (nb_form_cell_type(f, c)->type == NB_T_MONEY) {
			if (money_add(a, v))
				return ovf(s, c, file, err);
		} else if (!a->set) {
			*a = *v;
		} else if (__builtin_add_overflow(a->v, v->v, &a->v)) {
			return ovf(s, c, file, err);
		}
		a->set = 1;
		a->unit = (uint8_t)k;
	}
	return NB_OK;
}

/* Unit k of a column by name, 0 when the column lacks it. */
static int unit_named(const nb_valtype *t, const char *name)
{
	for (int k = 0; k < t->nunits; k++)
		if (!strcmp(t->units[k], name))
			return k + 1;
	return 0;
}

/* Combine the per-unit sums of one money cell into one value. */
static nb_status money_result(nb_rollup *s, int c, nb_value *out, nb_err *err)
{
	const nb_valtype *t = nb_form_cell_type(s->f, c);
	cellsum *cs = &s->cs[c];
	int yuan = unit_named(t, "元"), wan = unit_named(t, "万元");
	int used = 0, nused = 0;
	char id[200], path[300];

	for (int k = 0; k < NCLASS; k++)
		if (cs->acc[k].set) {
			used |= 1 << k;
			nused++;
		}
	*out = (nb_value){0, 0, 0, 0};
	if (!nused)
		return NB_OK;
	if (nused == 1) {
		for (int k = 0; k < NCLASS; k++)
			if (cs->acc[k].set)
				*out = cs->acc[k];
		return NB_OK;
	}
	nb_form_cell_id(s->f, c, id, sizeof id);
	nb_form_cell_path(s->f, c, path, sizeof path);
	/* Bare figures next to figures with a unit: only the clerk knows
	 * which unit the bare ones meant. */
	if ((used & 1) && s->bare == NB_BARE_REFUSE) {
		int k = 1;
		while (!(used & (1 << k)))
			k++;
		return nb_fail(err, NB_BAD_VALUE,
			       "%s（%s）：%s 写的是不带单位的数，%s 写的是“%s”：无法确定单位，不能相加（用 --bare-unit 元 或 --bare-unit 万元 说明不带单位的数的单位）",
			       id, path, s->info->in[cs->first[0]].file,
			       s->info->in[cs->first[k]].file, t->units[k - 1]);
	}
	if (!yuan && !wan)
		return nb_fail(err, NB_BAD_VALUE, "%s（%s）：单位不同，不能相加", id, path);
	/* Everything goes to the finest unit present: 元 when any input is
	 * in 元 (or bare means 元), else 万元. */
	nb_value bare = cs->acc[0];
	int bare_to = s->bare == NB_BARE_WAN ? wan : yuan;
	int any_yuan = (yuan && (used & (1 << yuan))) || ((used & 1) && bare_to == yuan);
	int to = any_yuan ? yuan : wan;
	if (!to)
		return nb_fail(err, NB_BAD_VALUE, "%s（%s）：单位不同，不能相加", id, path);
	nb_value sum = {0, 0, 0, 0};
	for (int k = 0; k < NCLASS; k++) {
		nb_value v = k ? cs->acc[k] : bare;
		int from = k ? k : bare_to;
		if (!v.set)
			continue;
		if (from != to && from == wan) {
			/* 1 万元 = 10^4 元: drop four decimal places, or multiply. */
			if (v.scale >= 4)
				v.scale -= 4;
			else if (scale_up(v.v, 4 - v.scale, &v.v))
				return ovf(s, c, "合计", err);
			else
				v.scale = 0;
		} else if (from != to) {
			return nb_fail(err, NB_BAD_VALUE, "%s（%s）：单位不同，不能相加", id, path);
		}
		if (money_add(&sum, &v))
			return ovf(s, c, "合计", err);
		sum.set = 1;
	}
	sum.unit = (uint8_t)to;
	*out = sum;
	char note[1200];
	snprintf(note, sizeof note, "%s（%s）：各报告的单位不同，已全部换算为%s后相加（1万元=10000元，精确换算）%s",
		 id, path, t->units[to - 1],
		 (used & 1) ? (bare_to == yuan ? "；不带单位的数按元计" : "；不带单位的数按万元计") : "");
	if (nb_rollup_info_add_note(s->info, note))
		return nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
	return NB_OK;
}

nb_report *nb_rollup_result(nb_rollup *s, const char *agency, nb_err *err)
{
	const nb_form *f = s->f;
	nb_report *r = nb_report_new(f);
	nb_engine *e;

	if (!r) {
		nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
		return NULL;
	}
	for (int c = 0; c < f->ncell; c++) {
		nb_value v = s->cs[c].acc[0];
		if (nb_form_cell_type(f, c)->type == NB_T_MONEY) {
			if (money_result(s, c, &v, err))
				goto fail;
			if (v.set && ndigits(v.v) > NB_MONEY_MAX_DIGITS) {
				ovf(s, c, "合计", err);
				goto fail;
			}
		}
		r->cell[c] = v;
	}
	if (s->year > 0) {
		char y[8];
		int fy = nb_form_field(f, "year");
		snprintf(y, sizeof y, "%d", s->year);
		if (fy >= 0)
			nb_report_set_text(r, fy, y, strlen(y));
	}
	if (agency && nb_form_field(f, "agency") >= 0 &&
	    nb_report_set_text(r, nb_form_field(f, "agency"), agency, strlen(agency))) {
		nb_fail(err, NB_BAD_VALUE, "%s", "单位名称不是有效的 UTF-8 文字");
		goto fail;
	}
	/* Totals from their parts: inputs with errors (--allow-errors) do not
	 * carry their wrong totals into the result. */
	if (!(e = nb_engine_new(r, NULL))) {
		nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
		goto fail;
	}
	nb_engine_derive_all(e);
	nb_engine_free(e);
	if (!(r->rollup = nb_rollup_info_dup(s->info))) {
		nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
		goto fail;
	}
	return r;
fail:
	nb_report_free(r);
	return NULL;
}
