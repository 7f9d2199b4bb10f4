/* nianbao new: a blank report, or one carried over from last year's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/utf8.h"
#include "doc/doc.h"

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
			if (year < NB_YEAR_MIN || year > NB_YEAR_MAX)
				return nb_cmd_bad_usage("--year 应为四位年份，而不是“%s”", y);
		} else if (!strcmp(argv[i], "--force"))
			force = 1;
		else
			return nb_cmd_bad_option("new", argc, argv, i);
	}
	if (argc - i != 1)
		return nb_cmd_bad_usage("new: 请给出一个要新建的文件%s", "");
	const char *path = argv[i];
	char shown[1024];
	int rc = nb_cmd_may_create(path, force);
	if (rc)
		return rc;
	nb_clean_name(shown, sizeof shown, path);
	nb_load_status st;
	nb_report *last = NULL;
	if (from && !(last = nb_cmd_load_any(from, &st)))
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
	nb_doc *d;
	nb_err err;
	if (nb_doc_create(path, f, year, last, &d, &err) != NB_OK) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		nb_report_free(last);
		return NB_EXIT_UNREADABLE;
	}
	rc = nb_cmd_write_doc(d, force);
	if (!rc && year)
		printf("已新建 %s（%s，%d年度%s）\n", shown, f->name, year, last ? "，已从上年报告结转" : "");
	else if (!rc)
		printf("已新建 %s（%s）\n", shown, f->name);
	nb_doc_close(d, 0);
	nb_report_free(last);
	return rc;
}
