/* nianbao new: a blank report, or one carried over from last year's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/utf8.h"
#include "form/deps.h"
#include "model/engine.h"
#include "io/savefile.h"

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

int nb_cmd_new(int argc, char **argv)
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
				return nb_cmd_bad_usage("--year 应为四位年份，而不是“%s”", y);
		} else if (!strcmp(argv[i], "--force"))
			force = 1;
		else
			return nb_cmd_bad_option("new", argc, argv, i);
	}
	if (argc - i != 1)
		return nb_cmd_bad_usage("new: 请给出一个要新建的文件%s", "");
	const char *path = argv[i];
	struct stat sb;
	/* "Cannot look" (EACCES from a link the kernel will not follow in a
	 * sticky folder, ELOOP...) is not "absent": refuse. */
	if (stat(path, &sb) != 0 && errno != ENOENT) {
		char shown[1024];
		fprintf(stderr, "nianbao: %s: %s\n", nb_clean_name(shown, sizeof shown, path),
			strerror(errno));
		return NB_EXIT_UNREADABLE;
	}
	if (!force && stat(path, &sb) == 0) {
		fprintf(stderr, "nianbao: %s 已存在，不会覆盖（确需覆盖请加 --force）\n", path);
		return NB_EXIT_UNREADABLE;
	}
	nb_load_status st;
	nb_report *last = NULL;
	if (from && !(last = nb_cmd_load(from, &st)))
		return NB_EXIT_UNREADABLE;
	if (!year && last && nb_report_year(last))
		year = nb_report_year(last) + 1;
	const nb_form *f = NULL;
	if (form_id && !(f = nb_forms_find(form_id))) {
		nb_report_free(last);
		return nb_cmd_bad_usage("未知的表单“%s”（nianbao forms 列出可用表单）", form_id);
	}
	if (!f && year)
		f = nb_forms_for_year(year);
	if (!f)
		f = nb_forms_for_year(9999);
	if (!f) {
		nb_report_free(last);
		return nb_cmd_bad_usage("没有可用的表单%s", "");
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

