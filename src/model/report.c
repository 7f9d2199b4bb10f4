/* The report model: text slots and cell values of one form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/report.h"
#include "model/comments.h"
#include "model/rollup.h"
#include "model/groups.h"

nb_report *nb_report_new(const nb_form *f)
{
	nb_report *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->form = f;
	r->text = calloc((size_t)f->nfield + 1, sizeof(char *));
	r->cell = calloc((size_t)f->ncell + 1, sizeof(nb_value));
	r->cell_mark = calloc((size_t)f->ncell + 1, sizeof(nb_mark));
	if (!r->text || !r->cell || !r->cell_mark) {
		nb_report_free(r);
		return NULL;
	}
	for (int i = 0; i < f->nfield; i++)
		if (!(r->text[i] = strdup(""))) {
			nb_report_free(r);
			return NULL;
		}
	return r;
}

void nb_report_free(nb_report *r)
{
	if (!r)
		return;
	if (r->text)
		for (int i = 0; i < r->form->nfield; i++)
			free(r->text[i]);
	free(r->text);
	free(r->cell);
	free(r->cell_mark);
	nb_comments_clear(r);
	nb_rollup_info_free(r->rollup);
	nb_groups_clear(r);
	free(r);
}

nb_report *nb_report_dup(const nb_report *r)
{
	nb_report *d = nb_report_new(r->form);
	if (!d)
		return NULL;
	for (int i = 0; i < r->form->nfield; i++)
		if (nb_report_set_text(d, i, r->text[i], strlen(r->text[i]))) {
			nb_report_free(d);
			return NULL;
		}
	memcpy(d->cell, r->cell, sizeof(nb_value) * (size_t)r->form->ncell);
	memcpy(d->cell_mark, r->cell_mark, sizeof(nb_mark) * (size_t)r->form->ncell);
	if (nb_comments_copy(d, r) || nb_groups_copy(d, r) || (r->rollup && !(d->rollup = nb_rollup_info_dup(r->rollup)))) {
		nb_report_free(d);
		return NULL;
	}
	return d;
}

int nb_report_set_text(nb_report *r, int field, const char *s, size_t len)
{
	if (nb_utf8_check(s, len) != (size_t)-1)
		return -1;
	return nb_report_set_text_valid(r, field, s, len);
}

int nb_report_set_text_valid(nb_report *r, int field, const char *s, size_t len)
{
	if (field < 0 || field >= r->form->nfield)
		return -1;
	/* A year is blank or four digits: anything else could not be saved. */
	if (r->form->field[field].kind == NB_F_YEAR && len) {
		if (len != 4)
			return -1;
		for (size_t i = 0; i < 4; i++)
			if (s[i] < '0' || s[i] > '9')
				return -1;
	}
	char *p = malloc(len + 1);
	if (!p)
		return -1;
	/* Line ends are stored as LF alone: CR (pasted from Windows) and NEL
	 * would not survive a YAML literal block. */
	if (!memchr(s, '\r', len) && !memchr(s, 0xC2, len)) {
		memcpy(p, s, len);
		p[len] = 0;
	} else {
		size_t n = 0;
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '\r') {
				if (i + 1 < len && s[i + 1] == '\n')
					continue;
				p[n++] = '\n';
			} else if ((unsigned char)s[i] == 0xC2 && i + 1 < len &&
				   (unsigned char)s[i + 1] == 0x85) {
				p[n++] = '\n';
				i++;
			} else {
				p[n++] = s[i];
			}
		}
		p[n] = 0;
	}
	free(r->text[field]);
	r->text[field] = p;
	return 0;
}

int nb_report_year(const nb_report *r)
{
	int f = nb_form_field_role(r->form, NB_ROLE_YEAR);
	if (f < 0)
		return 0;
	const char *s = r->text[f];
	int y = 0, n = 0;
	for (; *s >= '0' && *s <= '9' && n < 5; s++, n++)
		y = y * 10 + (*s - '0');
	return (*s == 0 && n == 4 && y >= NB_YEAR_MIN && y <= NB_YEAR_MAX) ? y : 0;
}

void nb_report_title(const nb_report *r, char *buf, size_t n)
{
	const nb_form *f = r->form;
	int ti = nb_form_field_role(f, NB_ROLE_TITLE);
	size_t at = 0;
	if (!n)
		return;
	buf[0] = 0;
	if (ti >= 0 && r->text[ti][0]) {
		nb_msgf(buf, n, "%s", r->text[ti]);
		return;
	}
	for (const char *p = f->title_tpl ? f->title_tpl : ""; *p && at + 1 < n;) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		int fi = -1;
		if (close) {
			char id[48];
			size_t l = (size_t)(close - p - 1);
			if (l < sizeof id) {
				memcpy(id, p + 1, l);
				id[l] = 0;
				fi = nb_form_field(f, id);
			}
		}
		if (fi >= 0) {
			size_t l = nb_utf8_fit(r->text[fi], strlen(r->text[fi]), n - 1 - at);
			memcpy(buf + at, r->text[fi], l);
			at += l;
			p = close + 1;
		} else {
			uint32_t cp; /* copy whole characters only */
			size_t l = nb_utf8_next(p, strlen(p), &cp);
			if (at + l >= n)
				break;
			memcpy(buf + at, p, l);
			at += l;
			p += l;
		}
	}
	buf[at] = 0;
}

int nb_report_is_blank(const nb_report *r)
{
	for (int i = 0; i < r->form->nfield; i++)
		if (r->text[i][0])
			return 0;
	for (int c = 0; c < r->form->ncell; c++)
		if (r->cell[c].set)
			return 0;
	return r->ngval == 0;
}

/* Values read from files and the journal are parsed leniently about the
 * sign (a negative count is loaded and then reported by the engine as an
 * error finding, so the clerk sees it instead of an unreadable file). */
nb_verr nb_report_parse_cell(const nb_report *r, int cell, const char *val,
			     size_t vlen, nb_value *v)
{
	nb_valtype vt = *nb_form_cell_type(r->form, cell);
	if (vt.type == NB_T_COUNT)
		vt.type = NB_T_SIGNED;
	nb_verr e = nb_value_parse(val, vlen, &vt, v);
	if (e == NB_VEMPTY) {
		memset(v, 0, sizeof *v);
		return NB_VOK;
	}
	return e;
}

/* "comment.N.resolved" = "1" / "0": the clerk's mark on a reviewer's
 * comment (the journal records it like any change). */
static int set_comment_key(nb_report *r, const char *key, const char *val,
			   size_t vlen, nb_err *err)
{
	char *end;
	long i = strtol(key + 8, &end, 10);

	if (end == key + 8 || strcmp(end, ".resolved") != 0 || i < 0 || i >= r->ncomment) {
		snprintf(err->msg, sizeof err->msg, "没有这条审核意见：%s", key);
		return -1;
	}
	if (vlen != 1 || (val[0] != '0' && val[0] != '1')) {
		snprintf(err->msg, sizeof err->msg, "%s：应为 0 或 1", key);
		return -1;
	}
	r->comment[i].resolved = val[0] == '1';
	return 0;
}

int nb_report_set_by_key(nb_report *r, const char *key, const char *val,
			 size_t vlen, nb_err *err)
{
	if (strncmp(key, "comment.", 8) == 0)
		return set_comment_key(r, key, val, vlen, err);
	if (strncmp(key, "text.", 5) == 0) {
		int f = nb_form_field(r->form, key + 5);
		if (f < 0) {
			snprintf(err->msg, sizeof err->msg, "没有这一项：%s", key);
			return -1;
		}
		if (nb_report_set_text(r, f, val, vlen)) {
			snprintf(err->msg, sizeof err->msg, "%s：%s", key,
				 r->form->field[f].kind == NB_F_YEAR
					 ? "年度应为四位数字或空白"
					 : "文字不是有效的 UTF-8");
			return -1;
		}
		return 0;
	}
	int c = nb_form_cell_by_id(r->form, key);
	if (c < 0) {
		snprintf(err->msg, sizeof err->msg, "没有这个单元格：%s", key);
		return -1;
	}
	nb_value v;
	nb_verr e = nb_report_parse_cell(r, c, val, vlen, &v);
	if (e != NB_VOK) {
		snprintf(err->msg, sizeof err->msg, "%s：%s", key, nb_verr_str(e));
		return -1;
	}
	r->cell[c] = v;
	return 0;
}

char *nb_report_get_by_key(const nb_report *r, const char *key)
{
	if (strncmp(key, "text.", 5) == 0) {
		int f = nb_form_field(r->form, key + 5);
		return f < 0 ? NULL : strdup(r->text[f]);
	}
	int c = nb_form_cell_by_id(r->form, key);
	if (c < 0)
		return NULL;
	char buf[NB_VALUE_BUFSZ];
	nb_value_format(&r->cell[c], nb_form_cell_type(r->form, c), buf, sizeof buf);
	return strdup(buf);
}
