/* nianbao export: the report in a format its readers open. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/utf8.h"
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

/* Where a report's export goes: -o as given for one report; with several,
 * -o names a folder (NAME.ext in it); without -o, beside each report. */
static char *out_path(const nb_export_format *fmt, const char *report, const char *out,
		      int many)
{
	char *def, *p;
	const char *base;
	size_t n;

	if (out && !many)
		return strdup(out);
	if (!(def = nb_export_default_name(fmt, report)))
		return NULL;
	if (!out)
		return def;
	base = strrchr(def, '/');
	base = base ? base + 1 : def;
	n = strlen(out) + strlen(base) + 2;
	if ((p = malloc(n)))
		snprintf(p, n, "%s/%s", out, base);
	free(def);
	return p;
}

/* One report: opened read-only through the document layer (no lock, no
 * journal: an export changes nothing), its findings on stderr, written. */
static int export_one(const nb_export_format *fmt, const char *path, const char *out,
		      int many, const nb_report *last, int strict, int bom)
{
	char shown[1024], *dst;
	nb_doc *d;
	nb_err err;
	int rc = NB_EXIT_OK;

	nb_clean_name(shown, sizeof shown, path);
	if (nb_doc_open(path, last, &d, &err) != NB_OK) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return NB_EXIT_UNREADABLE;
	}
	/* Findings go to stderr; for the final publication --strict refuses a
	 * report with errors. */
	for (int k = 0; k < nb_engine_nfindings(d->eng); k++) {
		const nb_finding *x = nb_engine_finding(d->eng, k);
		fprintf(stderr, "%s: %s: %s\n", shown,
			x->sev == NB_SEV_ERROR ? "error" : "warning", x->msg);
	}
	if (strict && nb_engine_count(d->eng, NB_SEV_ERROR)) {
		fprintf(stderr, "nianbao: %s: 有 %d 处错误，未导出（--strict）\n", shown,
			nb_engine_count(d->eng, NB_SEV_ERROR));
		nb_doc_close(d, 0);
		return NB_EXIT_FINDINGS;
	}
	if (!(dst = out_path(fmt, path, out, many))) {
		nb_doc_close(d, 0);
		fprintf(stderr, "nianbao: %s\n", nb_status_text(NB_NOMEM));
		return NB_EXIT_UNREADABLE;
	}
	nb_export_in in = {d->form, d->rep, last, d->eng, path, bom};
	if (nb_export_file(fmt, &in, dst, &err) != NB_OK) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		rc = NB_EXIT_UNREADABLE;
	} else if (strcmp(dst, "-")) {
		nb_clean_name(shown, sizeof shown, dst);
		fprintf(stderr, "已导出 %s\n", shown);
	}
	free(dst);
	nb_doc_close(d, 0);
	return rc;
}

int nb_cmd_export(int argc, char **argv)
{
	const char *fmtname = NULL, *out = NULL, *last_path = NULL;
	int strict = 0, bom = 0, i, rc = NB_EXIT_OK, many;
	const nb_export_format *fmt;
	nb_load_status st;
	nb_report *last = NULL;
	struct stat sb;

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
	if (argc - i < 1)
		return nb_cmd_bad_usage("export: 请给出报告文件%s", "");
	/* Many reports in one run (a supervising office's hundreds): -o is
	 * then a folder that exists. */
	many = argc - i > 1;
	if (many && out && (stat(out, &sb) != 0 || !S_ISDIR(sb.st_mode)))
		return nb_cmd_bad_usage("export: 导出多份报告时 -o 应为已有的目录，而不是“%s”", out);
	if (many && last_path)
		return nb_cmd_bad_usage("export: --last 只用于一份报告%s", "");
	if (last_path && !(last = nb_cmd_load(last_path, &st)))
		return NB_EXIT_UNREADABLE;
	for (; i < argc; i++) {
		int r1 = export_one(fmt, argv[i], out, many, last, strict, bom);
		/* The worst outcome is the exit status: unreadable over findings. */
		if (r1 == NB_EXIT_UNREADABLE || (r1 && !rc))
			rc = r1;
	}
	nb_report_free(last);
	return rc;
}
