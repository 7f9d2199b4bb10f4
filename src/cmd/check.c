/* nianbao check: every finding of the rule engine, as text or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/utf8.h"
#include "model/engine.h"

static void json_str(FILE *o, const char *s)
{
	putc('"', o);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(o, "\\%c", c);
		else if (c < 0x20)
			fprintf(o, "\\u%04x", c);
		else
			putc(c, o);
	}
	putc('"', o);
}

static void location(const nb_form *f, const nb_finding *x, char *buf, size_t n)
{
	if (x->field >= 0)
		snprintf(buf, n, "text.%s", f->field[x->field].id);
	else if (x->cell >= 0)
		nb_form_cell_id(f, x->cell, buf, n);
	else
		snprintf(buf, n, "report");
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
	if (json)
		fputs("{\"files\": [", stdout);
	for (int k = i; k < argc; k++) {
		const char *path = argv[k];
		nb_err err;
		nb_report *r = nb_report_load_file(path, &err, &st);
		if (json)
			printf("%s\n  {\"file\": ", k > i ? "," : "");
		if (json)
			json_str(stdout, path);
		if (!r) {
			worst = NB_EXIT_UNREADABLE;
			if (json) {
				printf(", \"status\": \"unreadable\", \"error\": ");
				json_str(stdout, err.msg);
				putchar('}');
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
			nb_report_free(r);
			worst = NB_EXIT_UNREADABLE;
			continue;
		}
		int n = nb_engine_nfindings(e), nerr = nb_engine_count(e, NB_SEV_ERROR);
		if (json) {
			printf(", \"status\": \"%s\", \"form\": ", nerr ? "errors" : "ok");
			json_str(stdout, r->form->id);
			printf(", \"errors\": %d, \"warnings\": %d, \"findings\": [", nerr,
			       nb_engine_count(e, NB_SEV_WARNING));
		}
		for (int j = 0; j < n; j++) {
			const nb_finding *x = nb_engine_finding(e, j);
			char loc[200];
			location(r->form, x, loc, sizeof loc);
			const char *sev = x->sev == NB_SEV_ERROR ? "error" : "warning";
			if (json) {
				printf("%s\n    {\"location\": ", j ? "," : "");
				json_str(stdout, loc);
				printf(", \"severity\": \"%s\", \"rule\": ", sev);
				json_str(stdout, x->kind);
				if (x->cell >= 0 && r->cell_mark[x->cell].line)
					printf(", \"line\": %d, \"column\": %d", r->cell_mark[x->cell].line,
					       r->cell_mark[x->cell].col);
				if (x->has_expected)
					printf(", \"expected\": %lld, \"actual\": %lld",
					       (long long)x->expected, (long long)x->actual);
				printf(", \"cells\": [");
				for (int c = 0; c < x->ncells; c++) {
					char id[200];
					nb_form_cell_id(r->form, x->cells[c], id, sizeof id);
					printf("%s", c ? ", " : "");
					json_str(stdout, id);
				}
				printf("], \"message\": ");
				json_str(stdout, x->msg);
				putchar('}');
			} else {
				printf("%s: %s: %s: %s\n", shown, loc, sev, x->msg);
			}
		}
		if (json)
			printf("%s]}", n ? "\n  " : "");
		if (nerr && worst < NB_EXIT_FINDINGS)
			worst = NB_EXIT_FINDINGS;
		nb_engine_free(e);
		nb_report_free(r);
	}
	if (json)
		fputs("\n]}\n", stdout);
	nb_report_free(last);
	return worst;
}

