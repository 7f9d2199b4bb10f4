/* nianbao export: the report in a format its readers open. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "io/export.h"
#include "model/sentences.h"

static int list_formats(FILE *o)
{
	for (const nb_export_format *const *f = nb_export_formats; *f; f++)
		fprintf(o, "  %-8s %-6s %s\n", (*f)->name, (*f)->ext, (*f)->what);
	return 0;
}

/* --sentences FILE: the figures sentences of 一、总体情况's 依申请公开 part
 * on stdout (model/sentences.h); exit 1 when the tables hold no figure. */
static int print_sentences(int argc, char **argv)
{
	nb_load_status st;
	nb_report *r;
	char *s;

	if (argc != 1)
		return nb_cmd_bad_usage("export: --sentences 后请给出一个报告文件%s", "");
	if (!(r = nb_cmd_load(argv[0], &st)))
		return NB_EXIT_UNREADABLE;
	s = nb_sentences(r);
	nb_report_free(r);
	if (!s) {
		fprintf(stderr, "nianbao: %s\n", nb_status_text(NB_NOMEM));
		return NB_EXIT_UNREADABLE;
	}
	if (!*s) {
		fprintf(stderr, "nianbao: %s: 表三、表四尚未填写，没有可写的数字\n", argv[0]);
		free(s);
		return NB_EXIT_FINDINGS;
	}
	printf("%s\n", s);
	free(s);
	return fflush(stdout) ? NB_EXIT_UNREADABLE : NB_EXIT_OK;
}

int nb_cmd_export(int argc, char **argv)
{
	const char *fmtname = NULL, *out = NULL, *last_path = NULL;
	int strict = 0, bom = 0, i, rc = NB_EXIT_OK;
	const nb_export_format *fmt;
	nb_load_status st;
	nb_report *r = NULL, *last = NULL;
	nb_engine *e = NULL;
	char *defname = NULL;
	nb_err err;

	for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc)
			fmtname = argv[++i];
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--last") && i + 1 < argc)
			last_path = argv[++i];
		else if (!strcmp(argv[i], "--strict"))
			strict = 1;
		else if (!strcmp(argv[i], "--bom"))
			bom = 1;
		else if (!strcmp(argv[i], "--list"))
			return list_formats(stdout);
		else if (!strcmp(argv[i], "--sentences"))
			return print_sentences(argc - i - 1, argv + i + 1);
		else
			return nb_cmd_bad_option("export", argc, argv, i);
	}
	if (!fmtname)
		return nb_cmd_bad_usage("export: 请用 --format 指定格式%s（nianbao export --list 列出）", "");
	if (!(fmt = nb_export_find(fmtname))) {
		fprintf(stderr, "nianbao: export: 没有“%s”这种格式；可用的格式：\n", fmtname);
		list_formats(stderr);
		return NB_EXIT_USAGE;
	}
	if (argc - i != 1)
		return nb_cmd_bad_usage("export: 请给出一个报告文件%s", "");
	if (!(r = nb_cmd_load(argv[i], &st)))
		return NB_EXIT_UNREADABLE;
	if (last_path && !(last = nb_cmd_load(last_path, &st))) {
		rc = NB_EXIT_UNREADABLE;
		goto done;
	}
	if (!(e = nb_engine_new(r, last))) {
		fprintf(stderr, "nianbao: %s\n", nb_status_text(NB_NOMEM));
		rc = NB_EXIT_UNREADABLE;
		goto done;
	}
	/* Findings go to stderr; for the final publication --strict refuses a
	 * report with errors. */
	for (int k = 0; k < nb_engine_nfindings(e); k++) {
		const nb_finding *x = nb_engine_finding(e, k);
		fprintf(stderr, "%s: %s: %s\n", argv[i],
			x->sev == NB_SEV_ERROR ? "error" : "warning", x->msg);
	}
	if (strict && nb_engine_count(e, NB_SEV_ERROR)) {
		fprintf(stderr, "nianbao: %s: 有 %d 处错误，未导出（--strict）\n", argv[i],
			nb_engine_count(e, NB_SEV_ERROR));
		rc = NB_EXIT_FINDINGS;
		goto done;
	}
	if (!out && !(out = defname = nb_export_default_name(fmt, argv[i]))) {
		rc = NB_EXIT_UNREADABLE;
		goto done;
	}
	nb_export_in in = {r->form, r, last, e, argv[i], bom};
	if (nb_export_file(fmt, &in, out, &err) != NB_OK) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		rc = NB_EXIT_UNREADABLE;
	} else if (strcmp(out, "-")) {
		fprintf(stderr, "已导出 %s\n", out);
	}
done:
	free(defname);
	nb_engine_free(e);
	nb_report_free(r);
	nb_report_free(last);
	return rc;
}
