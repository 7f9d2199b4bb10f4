/* nianbao diff OLD NEW: year against year (model/diff). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "io/emit.h"
#include "model/diff.h"
#include "model/engine.h"

int nb_cmd_diff(int argc, char **argv)
{
	int json = 0, i;

	for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "json"))
				json = 1;
			else if (strcmp(argv[i], "text"))
				return nb_cmd_bad_usage("--format 只能是 text 或 json，而不是“%s”", argv[i]);
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else
			return nb_cmd_bad_option("diff", argc, argv, i);
	}
	if (argc - i != 2)
		return nb_cmd_bad_usage("diff: 请给出两个文件：旧的（上一年）和新的%s", "");
	const char *pa = argv[i], *pb = argv[i + 1];
	nb_load_status st;
	nb_report *a = nb_cmd_load(pa, &st), *b = a ? nb_cmd_load(pb, &st) : NULL;
	if (!a || !b) {
		nb_report_free(a);
		return NB_EXIT_UNREADABLE;
	}
	nb_diff d;
	if (nb_diff_reports(a, b, &d)) {
		fprintf(stderr, "nianbao: %s\n", nb_status_text(NB_NOMEM));
		nb_report_free(a);
		nb_report_free(b);
		return NB_EXIT_UNREADABLE;
	}
	int consecutive = nb_diff_consecutive(a, b);
	nb_engine *e = consecutive ? nb_engine_new(b, a) : NULL;
	int ncarry = 0;
	for (int k = 0; e && k < nb_engine_nfindings(e); k++)
		ncarry += nb_diff_carried(b->form, nb_engine_finding(e, k));

	nb_emit *j = json ? nb_emit_json_new() : NULL;
	char id[200], path[400], va[NB_VALUE_BUFSZ], vb[NB_VALUE_BUFSZ], ch[80];
	if (json && !j) {
		fprintf(stderr, "nianbao: %s\n", nb_status_text(NB_NOMEM));
		return NB_EXIT_UNREADABLE;
	}
	if (j) {
		nb_emit_map(j);
		nb_emit_kv(j, "old", NB_ES_STR, pa);
		nb_emit_kv(j, "new", NB_ES_STR, pb);
		nb_emit_kv(j, "old_form", NB_ES_STR, a->form->id);
		nb_emit_kv(j, "new_form", NB_ES_STR, b->form->id);
		nb_emit_kv(j, "same_body", NB_ES_BOOL, nb_diff_same_body(a, b) ? "true" : "false");
		nb_emit_kv(j, "consecutive", NB_ES_BOOL, consecutive ? "true" : "false");
		nb_emit_kint(j, "only_in_old", d.only_old);
		nb_emit_kint(j, "only_in_new", d.only_new);
		nb_emit_key(j, "changes");
		nb_emit_seq(j);
	} else if (a->form != b->form) {
		printf("# 两份报告的表单不同（%s、%s）：按相同的格编号比较\n", a->form->id, b->form->id);
	}
	for (int k = 0; k < d.n; k++) {
		const nb_diff_item *it = &d.item[k];
		if (it->is_text) {
			const nb_field *fd = &b->form->field[it->b];
			const char *ta = it->a >= 0 ? a->text[it->a] : "", *tb = b->text[it->b];
			if (j) {
				nb_emit_map(j);
				snprintf(id, sizeof id, "text.%s", fd->id);
				nb_emit_kv(j, "location", NB_ES_STR, id);
				nb_emit_kv(j, "label", NB_ES_STR, nb_diff_label(b->form, it->b));
				nb_emit_kv(j, "old", NB_ES_TEXT, ta);
				nb_emit_kv(j, "new", NB_ES_TEXT, tb);
				nb_emit_end_map(j);
				continue;
			}
			if (fd->kind != NB_F_TEXT) {
				printf("text.%s %s: “%s” → “%s”\n", fd->id, nb_diff_label(b->form, it->b), ta, tb);
				continue;
			}
			const char *la, *lb;
			int na, nb;
			nb_diff_first_change(ta, tb, &la, &na, &lb, &nb);
			printf("text.%s %s: 文字不同（旧 %zu 字节，新 %zu 字节），第一处：\n  - %.*s\n  + %.*s\n",
			       fd->id, nb_diff_label(b->form, it->b), strlen(ta), strlen(tb),
			       na, la, nb, lb);
			continue;
		}
		nb_form_cell_id(b->form, it->b, id, sizeof id);
		nb_form_cell_path(b->form, it->b, path, sizeof path);
		nb_value_format(&a->cell[it->a], nb_form_cell_type(a->form, it->a), va, sizeof va);
		nb_value_format(&b->cell[it->b], nb_form_cell_type(b->form, it->b), vb, sizeof vb);
		nb_diff_change(a, it->a, b, it->b, ch, sizeof ch);
		if (j) {
			int money = nb_form_cell_type(b->form, it->b)->type == NB_T_MONEY;
			nb_emit_map(j);
			nb_emit_kv(j, "location", NB_ES_STR, id);
			nb_emit_kv(j, "label", NB_ES_STR, path);
			nb_emit_kv(j, "old", !a->cell[it->a].set ? NB_ES_NULL : money ? NB_ES_STR : NB_ES_NUM, va);
			nb_emit_kv(j, "new", !b->cell[it->b].set ? NB_ES_NULL : money ? NB_ES_STR : NB_ES_NUM, vb);
			nb_emit_kv(j, "change", NB_ES_STR, ch);
			nb_emit_end_map(j);
		} else {
			printf("%s %s: %s → %s（%s）\n", id, path, *va ? va : "空", *vb ? vb : "空", ch);
		}
	}
	if (j) {
		nb_emit_end_seq(j);
		nb_emit_key(j, "carry_over");
		nb_emit_seq(j);
	} else if (d.only_old || d.only_new) {
		printf("# 只在旧报告的格式中有、且填了数的格：%d 个；只在新报告中有的：%d 个\n",
		       d.only_old, d.only_new);
	}
	for (int k = 0; e && k < nb_engine_nfindings(e); k++) {
		const nb_finding *x = nb_engine_finding(e, k);
		if (!nb_diff_carried(b->form, x))
			continue;
		if (x->cell >= 0)
			nb_form_cell_id(b->form, x->cell, id, sizeof id);
		else
			snprintf(id, sizeof id, "report");
		if (j) {
			nb_emit_map(j);
			nb_emit_kv(j, "location", NB_ES_STR, id);
			nb_emit_kv(j, "severity", NB_ES_STR, x->sev == NB_SEV_ERROR ? "error" : "warning");
			nb_emit_kv(j, "rule", NB_ES_STR, x->kind);
			nb_emit_kv(j, "message", NB_ES_STR, x->msg);
			nb_emit_end_map(j);
		} else {
			printf("%s: %s: %s: 与上年报告对照：%s\n", pb, id,
			       x->sev == NB_SEV_ERROR ? "error" : "warning", x->msg);
		}
	}
	int rc = d.n || ncarry ? NB_EXIT_FINDINGS : NB_EXIT_OK;
	if (j) {
		nb_emit_end_seq(j);
		nb_emit_end_map(j);
		if (j->failed || j->ops->finish(j) < 0) {
			fprintf(stderr, "nianbao: %s\n", nb_status_text(NB_NOMEM));
			rc = NB_EXIT_UNREADABLE;
		} else {
			fwrite(j->out.buf, 1, j->out.len, stdout);
		}
		j->ops->free(j);
	} else if (!d.n) {
		printf("两份报告的数字和文字相同%s\n", ncarry ? "" : "");
	}
	nb_engine_free(e);
	nb_diff_free(&d);
	nb_report_free(a);
	nb_report_free(b);
	return rc;
}
