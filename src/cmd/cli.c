/* nianbao's commands: new, check, forms, cells, fmt; edit is delegated. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "model/actions.h"
#include "cmd/cli.h"
#include "form/deps.h"
#include "model/engine.h"
#include "io/report_yaml.h"
#include "io/savefile.h"

static void usage(FILE *out)
{
	fputs("用法 / usage:\n"
	      "  nianbao [--forms DIR] FILE                 open FILE in the editor (new if missing)\n"
	      "  nianbao edit [--read-only] [--last LAST] [--ascii] FILE\n"
	      "                                             The full-screen editor.\n"
	      "  nianbao new [--form ID] [--year YYYY] [--from LAST] [--force] FILE\n"
	      "                                             Write a blank report (from last year's).\n"
	      "  nianbao check [--last LAST] [--format text|json] FILE...\n"
	      "                                             Check reports: FILE: location: severity: message\n"
	      "  nianbao cells FILE                         one line per cell: id, label path, value\n"
	      "  nianbao fmt FILE                           print FILE as nianbao writes it\n"
	      "  nianbao forms                              list the known forms\n"
	      "  nianbao keys [--man]                       list the editor's keys\n"
	      "  nianbao --help | --version\n"
	      "\n"
	      "options:\n"
	      "  --forms DIR    add or override forms from DIR/*.yaml (also $NIANBAO_FORMS)\n"
	      "\n"
	      "exit status: 0 ok; 1 check found errors; 2 a file cannot be read or is not a\n"
	      "valid report; 64 wrong command line.\n"
	      "\n"
	      "editor keys:\n",
	      out);
	nb_actions_print(out, 0);
	fputs("\nSee nianbao(1), nianbao-report(5), nianbao-form(5).\n", out);
}

static int bad_usage(const char *fmt, const char *arg)
{
	fputs("nianbao: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n(nianbao --help 查看用法)\n", stderr);
	return NB_EXIT_USAGE;
}

/* An option that wants a value but is last on the line, or not an option
 * this command knows. */
static int bad_option(const char *cmd, int argc, char **argv, int i)
{
	static const char *const takes[] = {"--last", "--format", "--form", "--from", "--year",
					    "--forms", NULL};
	for (const char *const *t = takes; *t; t++)
		if (!strcmp(argv[i], *t) && i + 1 >= argc) {
			fprintf(stderr, "nianbao: %s: 选项 %s 后面缺少参数\n(nianbao --help 查看用法)\n",
				cmd, argv[i]);
			return NB_EXIT_USAGE;
		}
	fprintf(stderr, "nianbao: %s: 未知的选项 %s\n(nianbao --help 查看用法)\n", cmd, argv[i]);
	return NB_EXIT_USAGE;
}

static nb_report *load(const char *path, nb_load_status *st)
{
	nb_err err;
	nb_report *r = nb_report_load_file(path, &err, st);
	if (!r)
		fprintf(stderr, "%s\n", err.msg);
	return r;
}

/* ---- check ---- */

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

static int cmd_check(int argc, char **argv)
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
				return bad_usage("--format 只能是 text 或 json，而不是“%s”", argv[i]);
		} else if (!strcmp(argv[i], "--"))
			{ i++; break; }
		else
			return bad_option("check", argc, argv, i);
	}
	if (i >= argc)
		return bad_usage("check: 请给出要检查的文件%s", "");
	nb_report *last = NULL;
	nb_load_status st;
	if (last_path && !(last = load(last_path, &st)))
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
				fflush(stdout);
				fprintf(stderr, "%s\n", err.msg);
			}
			continue;
		}
		nb_engine *e = nb_engine_new(r, last);
		if (!e) {
			fprintf(stderr, "%s: 内存不足\n", path);
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
				printf("%s: %s: %s: %s\n", path, loc, sev, x->msg);
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

/* ---- cells, fmt, forms ---- */

static int one_file(int argc, const char *cmd)
{
	if (argc != 1)
		return bad_usage("%s: 请给出一个文件", cmd);
	return 0;
}

static int cmd_cells(int argc, char **argv)
{
	nb_load_status st;
	if (one_file(argc, "cells"))
		return NB_EXIT_USAGE;
	nb_report *r = load(argv[0], &st);
	if (!r)
		return NB_EXIT_UNREADABLE;
	for (int c = 0; c < r->form->ncell; c++) {
		char id[200], path[1024], val[NB_VALUE_BUFSZ];
		nb_form_cell_id(r->form, c, id, sizeof id);
		nb_form_cell_path(r->form, c, path, sizeof path);
		nb_value_format(&r->cell[c], nb_form_cell_type(r->form, c), val, sizeof val);
		printf("%s\t%s\t%s\n", id, path, val);
	}
	nb_report_free(r);
	return 0;
}

static int cmd_fmt(int argc, char **argv)
{
	nb_load_status st;
	char *buf;
	size_t len;
	if (one_file(argc, "fmt"))
		return NB_EXIT_USAGE;
	nb_report *r = load(argv[0], &st);
	if (!r)
		return NB_EXIT_UNREADABLE;
	nb_err why;
	int rc = nb_report_save(r, &buf, &len, &why);
	nb_report_free(r);
	if (rc) {
		fprintf(stderr, "%s: %s\n", argv[0], why.msg);
		return NB_EXIT_UNREADABLE;
	}
	fwrite(buf, 1, len, stdout);
	free(buf);
	return 0;
}

static int cmd_forms(void)
{
	for (int i = 0; i < nb_forms_count(); i++) {
		const nb_form *f = nb_forms_get(i);
		char years[32];
		if (f->year_to)
			snprintf(years, sizeof years, "%d-%d", f->year_from, f->year_to);
		else
			snprintf(years, sizeof years, "%d-", f->year_from);
		printf("%s\t%s\t%s\t%s\t%s\n", f->id, years, f->name, f->basis ? f->basis : "",
		       f->source);
	}
	return 0;
}

/* ---- new ---- */

/* Fill cells that rules tie to last year alone (上年结转 = 上年 结转下年度继续办理,
 * 2019 上一年项目数量 = 上年 上一年项目数量 + 上年 本年增/减). */
static void carry_over(nb_report *r, const nb_report *last)
{
	const nb_form *f = r->form;
	const nb_deps *d = f->deps;
	for (int i = 0; i < d->ninst; i++) {
		const nb_inst *in = &d->inst[i];
		const nb_rule *ru = &f->rule[in->rule];
		int only_last = ru->needs_last && ru->nlhs == 1 && !ru->lhs[0].last;
		for (int k = 0; only_last && k < ru->nrhs; k++)
			only_last = ru->rhs[k].last;
		if (!only_last || in->ncells != 1)
			continue;
		nb_sum s = {0, 0, 0, 0};
		for (int k = 0; k < ru->nrhs; k++)
			nb_term_sum(f, ru, in->bind, &ru->rhs[k], last, &s);
		if (!s.missing && !s.ovf && s.any && s.v >= 0) {
			nb_value v = {1, 0, 0, s.v};
			r->cell[in->cells[0]] = v;
		}
	}
}

static int cmd_new(int argc, char **argv)
{
	const char *form_id = NULL, *from = NULL;
	int year = 0, force = 0, i;
	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--form") && i + 1 < argc)
			form_id = argv[++i];
		else if (!strcmp(argv[i], "--from") && i + 1 < argc)
			from = argv[++i];
		else if (!strcmp(argv[i], "--year") && i + 1 < argc) {
			const char *y = argv[++i];
			year = strlen(y) == 4 && strspn(y, "0123456789") == 4 ? atoi(y) : 0;
			if (year < 1990 || year > 2200)
				return bad_usage("--year 应为四位年份，而不是“%s”", y);
		} else if (!strcmp(argv[i], "--force"))
			force = 1;
		else
			return bad_option("new", argc, argv, i);
	}
	if (argc - i != 1)
		return bad_usage("new: 请给出一个要新建的文件%s", "");
	const char *path = argv[i];
	struct stat sb;
	if (!force && stat(path, &sb) == 0) {
		fprintf(stderr, "nianbao: %s 已存在，不会覆盖（确需覆盖请加 --force）\n", path);
		return NB_EXIT_UNREADABLE;
	}
	nb_load_status st;
	nb_report *last = NULL;
	if (from && !(last = load(from, &st)))
		return NB_EXIT_UNREADABLE;
	if (!year && last && nb_report_year(last))
		year = nb_report_year(last) + 1;
	const nb_form *f = NULL;
	if (form_id && !(f = nb_forms_find(form_id))) {
		nb_report_free(last);
		return bad_usage("未知的表单“%s”（nianbao forms 列出可用表单）", form_id);
	}
	if (!f && year)
		f = nb_forms_for_year(year);
	if (!f)
		f = nb_forms_for_year(9999);
	if (!f) {
		nb_report_free(last);
		return bad_usage("没有可用的表单%s", "");
	}
	nb_report *r = nb_report_new(f);
	if (!r) {
		nb_report_free(last);
		return NB_EXIT_UNREADABLE;
	}
	if (year) {
		char y[16];
		snprintf(y, sizeof y, "%d", year);
		nb_report_set_text(r, nb_form_field(f, "year"), y, strlen(y));
	}
	if (last) {
		static const char *const skip[] = {"year", "title", "period", NULL};
		for (int k = 0; k < f->nfield; k++) {
			const nb_field *fd = &f->field[k];
			int lf = nb_form_field(last->form, fd->id), skipit = fd->section >= 0;
			for (const char *const *s = skip; *s; s++)
				skipit |= !strcmp(*s, fd->id);
			if (lf >= 0 && !skipit && last->form->field[lf].section < 0)
				nb_report_set_text(r, k, last->text[lf], strlen(last->text[lf]));
		}
		carry_over(r, last);
	}
	nb_engine *e = nb_engine_new(r, last);
	if (e)
		nb_engine_derive_all(e);
	nb_engine_free(e);
	char *buf;
	size_t len;
	nb_saveerr serr;
	int rc = NB_EXIT_OK;
	nb_err why;
	if (nb_report_save(r, &buf, &len, &why)) {
		fprintf(stderr, "nianbao: %s: %s\n", path, why.msg);
		rc = NB_EXIT_UNREADABLE;
	} else {
		if (nb_save_atomic(path, buf, len, NULL, &serr)) {
			fprintf(stderr, "nianbao: %s: %s\n", path, serr.msg);
			rc = NB_EXIT_UNREADABLE;
		}
		free(buf);
	}
	if (!rc && year)
		printf("已新建 %s（%s，%d年度）\n", path, f->name, year);
	else if (!rc)
		printf("已新建 %s（%s）\n", path, f->name);
	nb_report_free(r);
	nb_report_free(last);
	return rc;
}

/* ---- dispatch ---- */

int nb_cli_main(int argc, char **argv, nb_edit_fn edit)
{
	const char *forms_dir = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			printf("nianbao %s\n", NB_VERSION);
			return 0;
		} else if (!strcmp(argv[i], "--forms")) {
			if (i + 1 >= argc)
				return bad_option("nianbao", argc, argv, i);
			forms_dir = argv[++i];
		} else {
			break;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return NB_EXIT_USAGE;
	}
	nb_err err;
	if (nb_forms_init(forms_dir, &err)) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return NB_EXIT_UNREADABLE;
	}
	const char *cmd = argv[i];
	int n = argc - i - 1;
	char **rest = argv + i + 1;
	int rc;
	if (!strcmp(cmd, "check"))
		rc = cmd_check(n, rest);
	else if (!strcmp(cmd, "new"))
		rc = cmd_new(n, rest);
	else if (!strcmp(cmd, "cells"))
		rc = cmd_cells(n, rest);
	else if (!strcmp(cmd, "fmt"))
		rc = cmd_fmt(n, rest);
	else if (!strcmp(cmd, "forms"))
		rc = cmd_forms();
	else if (!strcmp(cmd, "keys")) {
		nb_actions_print(stdout, n > 0 && !strcmp(rest[0], "--man"));
		rc = 0;
	} else if (!strcmp(cmd, "edit") || cmd[0] == '-' || strchr(cmd, '.') || strchr(cmd, '/')) {
		/* `nianbao FILE` is `nianbao edit FILE`. */
		int ro = 0, ascii = 0, k = !strcmp(cmd, "edit") ? i + 1 : i;
		const char *last = NULL;
		for (; k < argc && argv[k][0] == '-'; k++) {
			if (!strcmp(argv[k], "--read-only"))
				ro = 1;
			else if (!strcmp(argv[k], "--ascii"))
				ascii = 1;
			else if (!strcmp(argv[k], "--last") && k + 1 < argc)
				last = argv[++k];
			else {
				nb_forms_shutdown();
				return bad_option("edit", argc, argv, k);
			}
		}
		if (argc - k != 1) {
			nb_forms_shutdown();
			return bad_usage("edit: 请给出一个文件%s", "");
		}
		rc = edit(argv[k], forms_dir, last, ro, ascii);
	} else {
		rc = bad_usage("未知的命令“%s”", cmd);
	}
	nb_forms_shutdown();
	return rc;
}
