/* nianbao check: every finding of the rule engine, as text or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/utf8.h"
#include "io/emit.h"
#include "model/comments.h"
#include "model/engine.h"

static void location(const nb_form *f, const nb_finding *x, char *buf, size_t n)
{
	if (x->field >= 0)
		snprintf(buf, n, "text.%s", f->field[x->field].id);
	else if (x->cell >= 0)
		nb_form_cell_id(f, x->cell, buf, n);
	else
		snprintf(buf, n, "report");
}

/* One finding for --format json: blank cells are null, never 0. */
static void json_finding(nb_emit *j, const nb_report *r, const nb_finding *x)
{
	char loc[200], id[200], val[NB_VALUE_BUFSZ];

	location(r->form, x, loc, sizeof loc);
	nb_emit_map(j);
	nb_emit_kv(j, "location", NB_ES_STR, loc);
	nb_emit_kv(j, "severity", NB_ES_STR, x->sev == NB_SEV_ERROR ? "error" : "warning");
	nb_emit_kv(j, "rule", NB_ES_STR, x->kind);
	if (x->cell >= 0 && r->cell_mark[x->cell].line) {
		nb_emit_kint(j, "line", r->cell_mark[x->cell].line);
		nb_emit_kint(j, "column", r->cell_mark[x->cell].col);
	}
	if (x->has_expected) {
		if (x->expected_blank)
			nb_emit_kv(j, "expected", NB_ES_NULL, NULL);
		else
			nb_emit_kint(j, "expected", (long long)x->expected);
		if (x->actual_blank)
			nb_emit_kv(j, "actual", NB_ES_NULL, NULL);
		else
			nb_emit_kint(j, "actual", (long long)x->actual);
	}
	nb_emit_key(j, "cells");
	nb_emit_seq(j);
	for (int c = 0; c < x->ncells; c++) {
		nb_form_cell_id(r->form, x->cells[c], id, sizeof id);
		nb_emit_val(j, NB_ES_STR, id);
	}
	nb_emit_end_seq(j);
	/* Each cell's value as the file has it: a blank is null. */
	nb_emit_key(j, "values");
	nb_emit_map(j);
	for (int c = 0; c < x->ncells; c++) {
		const nb_value *v = &r->cell[x->cells[c]];
		const nb_valtype *t = nb_form_cell_type(r->form, x->cells[c]);
		nb_form_cell_id(r->form, x->cells[c], id, sizeof id);
		nb_value_format(v, t, val, sizeof val);
		nb_emit_kv(j, id, !v->set ? NB_ES_NULL : t->type == NB_T_MONEY ? NB_ES_STR
									 : NB_ES_NUM, val);
	}
	nb_emit_end_map(j);
	nb_emit_kv(j, "message", NB_ES_STR, x->msg);
	nb_emit_end_map(j);
}

/* --last compares with last year's report of the same body: another
 * agency, or a year that is not the one before, makes every carry-over
 * warning meaningless, so that is said first. 1 and msg when so. */
static int last_mismatch(const nb_report *r, const nb_report *last, char *msg, size_t n)
{
	if (!last)
		return 0;
	int fa = nb_form_field_role(r->form, NB_ROLE_AGENCY);
	int la = nb_form_field_role(last->form, NB_ROLE_AGENCY);
	int y = nb_report_year(r), ly = nb_report_year(last);
	if (fa >= 0 && la >= 0 && *r->text[fa] && *last->text[la] &&
	    strcmp(r->text[fa], last->text[la])) {
		nb_msgf(msg, n, "--last 的报告是另一机关的（“%s”，本报告为“%s”）：上年数据的比较不可信",
			last->text[la], r->text[fa]);
		return 1;
	}
	if (y && ly && ly != y - 1) {
		nb_msgf(msg, n, "--last 的报告是%d年度的，本报告是%d年度：应与%d年度的报告比较", ly, y,
			y - 1);
		return 1;
	}
	return 0;
}

/* Open reviewers' comments: their own kind of finding ("comment"), which
 * never changes the exit status (a comment is a question, not an error). */
static void nb_check_comments(nb_emit *j, const char *path, const nb_report *r)
{
	char where[400];

	if (j) {
		nb_emit_kint(j, "open_comments", nb_comments_open(r));
		nb_emit_key(j, "comments");
		nb_emit_seq(j);
	}
	for (int i = 0; i < r->ncomment; i++) {
		const nb_comment *c = &r->comment[i];
		if (c->resolved)
			continue;
		nb_comment_where(r->form, c->target, where, sizeof where);
		if (j) {
			nb_emit_map(j);
			nb_emit_kv(j, "location", NB_ES_STR, c->target);
			nb_emit_kv(j, "severity", NB_ES_STR, "comment");
			nb_emit_kv(j, "where", NB_ES_STR, where);
			nb_emit_kv(j, "author", NB_ES_STR, c->author);
			nb_emit_kv(j, "time", NB_ES_STR, c->time);
			nb_emit_kv(j, "message", NB_ES_STR, c->text);
			nb_emit_end_map(j);
		} else {
			/* One line per comment, as every other finding. */
			printf("%s: %s: comment: %s：", path, c->target, where);
			for (const char *p = c->text; *p; p++)
				putchar(*p == '\n' ? ' ' : *p);
			printf("（%s%s%s）\n", c->author, *c->author ? "，" : "", c->time);
		}
	}
	if (j)
		nb_emit_end_seq(j);
}

int nb_cmd_check(int argc, char **argv)
{
	const char *last_path = NULL;
	int json = 0, i, worst = 0;
	for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--last") && i + 1 < argc)
			last_path = argv[++i];
		else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "json"))
				json = 1;
			else if (strcmp(argv[i], "text"))
				return nb_cmd_bad_usage("--format 只能是 text 或 json，而不是“%s”", argv[i]);
		} else if (!strcmp(argv[i], "--"))
			{ i++; break; }
		else
			return nb_cmd_bad_option("check", argc, argv, i);
	}
	if (i >= argc)
		return nb_cmd_bad_usage("check: 请给出要检查的文件%s", "");
	nb_report *last = NULL;
	nb_load_status st;
	if (last_path && !(last = nb_cmd_load(last_path, &st)))
		return NB_EXIT_UNREADABLE;
	nb_emit *j = NULL;
	if (json) {
		if (!(j = nb_emit_json_new())) {
			nb_report_free(last);
			fprintf(stderr, "nianbao: %s\n", nb_status_text(NB_NOMEM));
			return NB_EXIT_UNREADABLE;
		}
		nb_emit_map(j);
		nb_emit_key(j, "files");
		nb_emit_seq(j);
	}
	for (int k = i; k < argc; k++) {
		const char *path = argv[k];
		nb_err err;
		nb_report *r = nb_report_load_file(path, &err, &st);
		if (json) {
			nb_emit_map(j);
			nb_emit_kv(j, "file", NB_ES_STR, path);
		}
		if (!r) {
			worst = NB_EXIT_UNREADABLE;
			if (json) {
				nb_emit_kv(j, "status", NB_ES_STR, "unreadable");
				nb_emit_kv(j, "error", NB_ES_STR, err.msg);
				nb_emit_end_map(j);
			} else {
				char shown[sizeof err.msg];
				fflush(stdout);
				fprintf(stderr, "%s\n", nb_clean_name(shown, sizeof shown, err.msg));
			}
			continue;
		}
		nb_engine *e = nb_engine_new(r, last);
		char shown[1024];
		nb_clean_name(shown, sizeof shown, path);
		if (!e) {
			fprintf(stderr, "%s: 内存不足\n", shown);
			if (json) { /* the file's entry was opened above */
				nb_emit_kv(j, "status", NB_ES_STR, "unreadable");
				nb_emit_kv(j, "error", NB_ES_STR, nb_status_text(NB_NOMEM));
				nb_emit_end_map(j);
			}
			nb_report_free(r);
			worst = NB_EXIT_UNREADABLE;
			continue;
		}
		int n = nb_engine_nfindings(e), nerr = nb_engine_count(e, NB_SEV_ERROR);
		char other[400];
		int mism = last_mismatch(r, last, other, sizeof other);
		if (json) {
			nb_emit_kv(j, "status", NB_ES_STR, nerr ? "errors" : "ok");
			nb_emit_kv(j, "form", NB_ES_STR, r->form->id);
			nb_emit_kint(j, "errors", nerr);
			nb_emit_kint(j, "warnings", nb_engine_count(e, NB_SEV_WARNING) + mism);
			nb_emit_key(j, "findings");
			nb_emit_seq(j);
			if (mism) {
				nb_emit_map(j);
				nb_emit_kv(j, "location", NB_ES_STR, "封面");
				nb_emit_kv(j, "severity", NB_ES_STR, "warning");
				nb_emit_kv(j, "rule", NB_ES_STR, "last-mismatch");
				nb_emit_key(j, "cells");
				nb_emit_seq(j);
				nb_emit_end_seq(j);
				nb_emit_kv(j, "message", NB_ES_STR, other);
				nb_emit_end_map(j);
			}
		} else if (mism) {
			printf("%s: 封面: warning: %s\n", shown, other);
		}
		for (int fi = 0; fi < n; fi++) {
			const nb_finding *x = nb_engine_finding(e, fi);
			if (json) {
				json_finding(j, r, x);
			} else {
				char loc[200];
				location(r->form, x, loc, sizeof loc);
				printf("%s: %s: %s: %s\n", shown, loc,
				       x->sev == NB_SEV_ERROR ? "error" : "warning", x->msg);
			}
		}
		if (json)
			nb_emit_end_seq(j);
		nb_check_comments(j, shown, r);
		if (json)
			nb_emit_end_map(j);
		if (nerr && worst < NB_EXIT_FINDINGS)
			worst = NB_EXIT_FINDINGS;
		nb_engine_free(e);
		nb_report_free(r);
	}
	if (json) {
		nb_emit_end_seq(j);
		nb_emit_end_map(j);
		if (j->failed || j->ops->finish(j) < 0) {
			fprintf(stderr, "nianbao: %s\n", nb_status_text(NB_NOMEM));
			worst = NB_EXIT_UNREADABLE;
		} else {
			fwrite(j->out.buf, 1, j->out.len, stdout);
		}
		j->ops->free(j);
	}
	nb_report_free(last);
	return worst;
}

