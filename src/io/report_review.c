/* comments: and rollup: of a report file (nianbao-report(5)). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/report_review.h"
#include "model/comments.h"
#include "model/rollup.h"

static int fail(nb_err *err, const char *name, const nb_ynode *n, int key,
		const char *what, const char *arg)
{
	nb_yerr(err, name, key ? n->kline : n->line, key ? n->kcol : n->col, what, arg);
	return -1;
}

static int is_null(const nb_ynode *n)
{
	return n->type == NB_Y_SCALAR && n->plain &&
	       (n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null"));
}

/* A string member: "" when absent or null; -1 when not a scalar. */
static int str_member(const nb_ynode *map, const char *key, const char **out,
		      const char *name, nb_err *err)
{
	const nb_ynode *n = nb_yget(map, key);
	*out = "";
	if (!n || is_null(n))
		return 0;
	if (n->type != NB_Y_SCALAR || memchr(n->str, 0, n->len))
		return fail(err, name, n, 0, "“%s”应为文字", key);
	*out = n->str;
	return 0;
}

/* A non-negative integer member written bare; absent or null is 0. */
static int int_member(const nb_ynode *map, const char *key, int *out,
		      const char *name, nb_err *err)
{
	const nb_ynode *n = nb_yget(map, key);
	*out = 0;
	if (!n || is_null(n))
		return 0;
	if (n->type != NB_Y_SCALAR || !n->plain || n->len == 0 || n->len > 9 ||
	    strspn(n->str, "0123456789") != n->len)
		return fail(err, name, n, 0, "“%s”应为不加引号的非负整数", key);
	*out = atoi(n->str);
	return 0;
}

/* Only the keys listed: a misspelt key is reported, not ignored. */
static int only_keys(const nb_ynode *map, const char *const *keys, const char *name,
		     nb_err *err, const char *where)
{
	for (const nb_ynode *m = map->first; m; m = m->next) {
		const char *const *k = keys;
		while (*k && strcmp(*k, m->key))
			k++;
		if (!*k) {
			char msg[300];
			snprintf(msg, sizeof msg, "%s中未知的键“%%s”（请删除或检查拼写）", where);
			return fail(err, name, m, 1, msg, m->key);
		}
	}
	return 0;
}

int nb_review_load_comments(nb_report *r, const nb_ynode *n, const char *name, nb_err *err)
{
	static const char *const keys[] = {"target", "text", "author", "time", "resolved", NULL};

	if (is_null(n))
		return 0;
	if (n->type != NB_Y_SEQ)
		return fail(err, name, n, 0, "“%s”应为列表（每条意见一项）", "comments");
	for (const nb_ynode *c = n->first; c; c = c->next) {
		const char *target, *text, *author, *time;
		int idx, resolved = 0;
		if (c->type != NB_Y_MAP)
			return fail(err, name, c, 0, "“%s”的每一项应为映射（target、text、author、time、resolved）",
				    "comments");
		if (only_keys(c, keys, name, err, "审核意见") ||
		    str_member(c, "target", &target, name, err) ||
		    str_member(c, "text", &text, name, err) ||
		    str_member(c, "author", &author, name, err) ||
		    str_member(c, "time", &time, name, err))
			return -1;
		if (!*target)
			return fail(err, name, c, 0, "审核意见缺少“%s”（意见针对的格、表或部分）", "target");
		if (nb_comment_target(r->form, target, &idx) == NB_CT_NONE)
			return fail(err, name, nb_yget(c, "target"), 0,
				    "审核意见针对的“%s”不是本表单的格、表或部分", target);
		const nb_ynode *rv = nb_yget(c, "resolved");
		if (rv && !is_null(rv)) {
			if (rv->type == NB_Y_SCALAR && rv->plain && !strcmp(rv->str, "true"))
				resolved = 1;
			else if (!(rv->type == NB_Y_SCALAR && rv->plain && !strcmp(rv->str, "false")))
				return fail(err, name, rv, 0, "“%s”应为 true 或 false", "resolved");
		}
		if (nb_comment_add(r, target, text, author, time, resolved) < 0)
			return fail(err, name, c, 0, "审核意见不是有效的 UTF-8 文字%s", "");
	}
	return 0;
}

int nb_review_load_rollup(nb_report *r, const nb_ynode *n, const char *name, nb_err *err)
{
	static const char *const keys[] = {"inputs", "blank", "notes", NULL};
	static const char *const inkeys[] = {"file", "agency", "year", "sha256", "errors", NULL};
	const nb_ynode *x;

	if (n->type != NB_Y_MAP)
		return fail(err, name, n, 0, "“%s”应为映射（inputs、blank、notes）", "rollup");
	if (only_keys(n, keys, name, err, "rollup"))
		return -1;
	if (!(r->rollup = nb_rollup_info_new(r->form->ncell)))
		return fail(err, name, n, 0, "%s", "内存不足");
	if ((x = nb_yget(n, "inputs")) && !is_null(x)) {
		if (x->type != NB_Y_SEQ)
			return fail(err, name, x, 0, "“%s”应为列表", "inputs");
		for (const nb_ynode *in = x->first; in; in = in->next) {
			const char *file, *agency, *sha;
			int year, errors;
			if (in->type != NB_Y_MAP)
				return fail(err, name, in, 0, "“%s”的每一项应为映射", "inputs");
			if (only_keys(in, inkeys, name, err, "rollup.inputs") ||
			    str_member(in, "file", &file, name, err) ||
			    str_member(in, "agency", &agency, name, err) ||
			    str_member(in, "sha256", &sha, name, err) ||
			    int_member(in, "year", &year, name, err) ||
			    int_member(in, "errors", &errors, name, err))
				return -1;
			if (strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64)
				return fail(err, name, in, 0, "“%s”应为 64 位十六进制 SHA-256", "sha256");
			if (nb_rollup_info_add_input(r->rollup, file, agency, sha, year, errors))
				return fail(err, name, in, 0, "%s", "内存不足");
		}
	}
	if ((x = nb_yget(n, "blank")) && !is_null(x)) {
		/* The shape of `tables:`: table, row, column -> count. */
		if (x->type != NB_Y_MAP)
			return fail(err, name, x, 0, "“%s”应为映射（与 tables 同样的表、行、列）", "blank");
		for (const nb_ynode *t = x->first; t; t = t->next) {
			if (t->type != NB_Y_MAP)
				return fail(err, name, t, 0, "“%s”应为映射（行 → 列 → 留空的报告数）", t->key);
			for (const nb_ynode *rw = t->first; rw; rw = rw->next) {
				if (rw->type != NB_Y_MAP)
					return fail(err, name, rw, 0, "“%s”应为映射（列 → 留空的报告数）", rw->key);
				for (const nb_ynode *b = rw->first; b; b = b->next) {
					char id[400];
					snprintf(id, sizeof id, "%s.%s.%s", t->key, rw->key, b->key);
					int cell = nb_form_cell_by_id(r->form, id);
					if (cell < 0)
						return fail(err, name, b, 1, "“%s”不是本表单的格", id);
					if (b->type != NB_Y_SCALAR || !b->plain || b->len == 0 || b->len > 9 ||
					    strspn(b->str, "0123456789") != b->len)
						return fail(err, name, b, 0, "“%s”应为不加引号的非负整数", id);
					r->rollup->blank[cell] = atoi(b->str);
				}
			}
		}
	}
	if ((x = nb_yget(n, "notes")) && !is_null(x)) {
		if (x->type != NB_Y_SEQ)
			return fail(err, name, x, 0, "“%s”应为列表", "notes");
		for (const nb_ynode *t = x->first; t; t = t->next) {
			if (t->type != NB_Y_SCALAR || memchr(t->str, 0, t->len))
				return fail(err, name, t, 0, "“%s”的每一项应为文字", "notes");
			if (nb_rollup_info_add_note(r->rollup, t->str))
				return fail(err, name, t, 0, "%s", "内存不足");
		}
	}
	return 0;
}

void nb_review_emit(nb_emit *e, const nb_report *r)
{
	char buf[32];

	if (r->ncomment) {
		nb_emit_key(e, "comments");
		nb_emit_seq(e);
		for (int i = 0; i < r->ncomment; i++) {
			const nb_comment *c = &r->comment[i];
			nb_emit_map(e);
			nb_emit_kv(e, "target", NB_ES_STR, c->target);
			nb_emit_kv(e, "text", NB_ES_TEXT, c->text);
			nb_emit_kv(e, "author", NB_ES_STR, c->author);
			nb_emit_kv(e, "time", NB_ES_STR, c->time);
			nb_emit_kv(e, "resolved", NB_ES_BOOL, c->resolved ? "true" : "false");
			nb_emit_end_map(e);
		}
		nb_emit_end_seq(e);
	}
	if (!r->rollup)
		return;
	const nb_rollup_info *ri = r->rollup;
	const nb_form *f = r->form;
	nb_emit_key(e, "rollup");
	nb_emit_map(e);
	nb_emit_key(e, "inputs");
	nb_emit_seq(e);
	for (int i = 0; i < ri->nin; i++) {
		nb_emit_map(e);
		nb_emit_kv(e, "file", NB_ES_STR, ri->in[i].file);
		nb_emit_kv(e, "agency", NB_ES_STR, ri->in[i].agency);
		snprintf(buf, sizeof buf, "%d", ri->in[i].year);
		nb_emit_kv(e, "year", ri->in[i].year ? NB_ES_NUM : NB_ES_NULL, buf);
		nb_emit_kv(e, "sha256", NB_ES_STR, ri->in[i].sha256);
		nb_emit_kint(e, "errors", ri->in[i].errors);
		nb_emit_end_map(e);
	}
	nb_emit_end_seq(e);
	nb_emit_key(e, "blank");
	nb_emit_map(e);
	for (int ti = 0; ti < f->ntable; ti++) {
		const nb_table *t = &f->table[ti];
		int any = 0;
		for (int ri2 = 0; ri2 < t->rows.nleaf; ri2++) {
			int row = 0;
			for (int ci = 0; ci < t->cols.nleaf; ci++) {
				int c = nb_form_cell(f, ti, ri2, ci);
				if (c >= ri->ncell || !ri->blank[c])
					continue;
				if (!any++) {
					nb_emit_key(e, t->id);
					nb_emit_map(e);
				}
				if (!row++) {
					nb_emit_key(e, t->rows.node[t->rows.leaf_node[ri2]].id);
					nb_emit_map(e);
				}
				nb_emit_kint(e, t->cols.node[t->cols.leaf_node[ci]].id, ri->blank[c]);
			}
			if (row)
				nb_emit_end_map(e);
		}
		if (any)
			nb_emit_end_map(e);
	}
	nb_emit_end_map(e);
	if (ri->nnote) {
		nb_emit_key(e, "notes");
		nb_emit_seq(e);
		for (int i = 0; i < ri->nnote; i++)
			nb_emit_val(e, NB_ES_STR, ri->note[i]);
		nb_emit_end_seq(e);
	}
	nb_emit_end_map(e);
}

int nb_review_eq(const nb_report *a, const nb_report *b)
{
	return nb_comments_eq(a, b) && nb_rollup_info_eq(a->rollup, b->rollup, a->form->ncell);
}
