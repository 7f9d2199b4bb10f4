/* nianbao import: published reports (portal HTML, or their text) into
 * report files. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/sysio.h"
#include "io/import.h"
#include "io/savefile.h"

/* "DIR/NAME.yaml" for input "some/where/NAME.html". */
static char *out_in_dir(const char *dir, const char *in)
{
	const char *base = strrchr(in, '/');
	base = base ? base + 1 : in;
	const char *dot = strrchr(base, '.');
	size_t bl = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	size_t n = strlen(dir) + bl + 8;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%.*s.yaml", dir, (int)bl, base);
	return p;
}

static int import_one(const char *in, const char *out, const char *form, int force)
{
	nb_err err;
	nb_import_info info;
	nb_doc *d;
	int rc = nb_cmd_may_create(out, force);
	if (rc)
		return rc;
	nb_report *r = nb_import_file_info(in, form, &info, &err);
	if (!r) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return NB_EXIT_UNREADABLE;
	}
	/* Written as every report is: through the document, under its lock. */
	if (nb_doc_adopt(out, r, NULL, &d, &err) != NB_OK) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return NB_EXIT_UNREADABLE;
	}
	rc = nb_cmd_write_doc(d, force);
	if (!rc) {
		printf("已导入 %s -> %s（%s，%d年度；%d 格，其中空白 %d 格", in, out, d->form->id,
		       nb_report_year(d->rep), info.cells, info.blank);
		if (info.dashes)
			printf("，“/”“-”“—” %d 格", info.dashes);
		printf("）\n");
		if (!*d->rep->text[nb_form_field_role(d->form, NB_ROLE_AGENCY)])
			fprintf(stderr, "nianbao: %s: 没有找到机关名称（标题），请在封面填写\n", in);
	}
	nb_doc_close(d, 0);
	return rc;
}

int nb_cmd_import(int argc, char **argv)
{
	const char *form = NULL, *out = NULL;
	int i, rc = NB_EXIT_OK, force = 0;
	for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--form") && i + 1 < argc)
			form = argv[++i];
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--force"))
			force = 1;
		else
			return nb_cmd_bad_option("import", argc, argv, i);
	}
	int n = argc - i;
	if (n < 1)
		return nb_cmd_bad_usage("import: 请给出要导入的年报（网页或文本）%s", "");
	if (form && !nb_forms_find(form))
		return nb_cmd_bad_usage("未知的表单“%s”（nianbao forms 列出可用表单）", form);
	struct stat sb;
	int dir = out && stat(out, &sb) == 0 && S_ISDIR(sb.st_mode);
	if (n > 1 && !dir)
		return nb_cmd_bad_usage("import: 导入多个文件时 -o 应为已有的目录%s", "");
	signal(SIGXFSZ, SIG_IGN);
	for (; i < argc; i++) {
		char *o = NULL;
		const char *dst = out;
		if (!out || dir)
			dst = o = out_in_dir(out ? out : ".", argv[i]);
		if (!dst)
			return NB_EXIT_UNREADABLE;
		if (!strcmp(dst, argv[i])) {
			fprintf(stderr, "nianbao: %s: 输出文件与输入相同\n", argv[i]);
			rc = NB_EXIT_UNREADABLE;
		} else {
			int r1 = import_one(argv[i], dst, form, force);
			if (r1)
				rc = r1;
		}
		free(o);
	}
	return rc;
}

nb_report *nb_cmd_load_any(const char *path, nb_load_status *st)
{
	char *buf;
	size_t len;
	if (nb_read_file(path, NB_IMPORT_MAX_BYTES, &buf, &len) == 0) {
		int report = nb_import_is_report_file(buf, len);
		free(buf);
		if (!report) {
			nb_err err;
			nb_report *r = nb_import_file(path, NULL, &err);
			if (!r)
				fprintf(stderr, "nianbao: %s\n", err.msg);
			*st = r ? NB_LOAD_OK : NB_LOAD_INVALID;
			return r;
		}
	}
	return nb_cmd_load(path, st);
}
