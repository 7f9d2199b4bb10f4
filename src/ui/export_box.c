/* The editor's export: the open report, as it is on screen, in a format
 * chosen from the export table (src/io/export.c), to a file named beside
 * the report by default. The same writers as `nianbao export`. */
#include "ui/app.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/export.h"

void nb_export_ask(nb_app *a)
{
	const char *names[16];
	char lines[16][200];
	const nb_export_format *fmt;
	char *def, *out;
	const char *lp[2];
	nb_export_in in;
	nb_err e;
	struct stat st;
	int n = 0, k;

	/* What is being typed goes out too. */
	if (nb_grid_commit_or_keep(a) < 0)
		return;
	nb_edit_text_commit(a);
	for (; nb_export_formats[n] && n < 16; n++) {
		snprintf(lines[n], sizeof lines[n], "%-8s %s", nb_export_formats[n]->name,
			 nb_export_formats[n]->what);
		names[n] = lines[n];
	}
	k = nb_ask_choice(a, "导出报告：选择格式", names, n, 0, NULL, 0);
	a->full = 1;
	if (k < 0) {
		nb_msg(a, 0, "已取消导出");
		return;
	}
	fmt = nb_export_formats[k];
	if (!(def = nb_export_default_name(fmt, a->doc->path))) {
		nb_msg(a, NB_SEV_ERROR, "%s", nb_status_text(NB_NOMEM));
		return;
	}
	erase();
	out = nb_ask_line(a, "导出到（文件名）：", def, 0);
	free(def);
	if (!out || !*out) {
		free(out);
		nb_msg(a, 0, "已取消导出");
		return;
	}
	if (lstat(out, &st) == 0) {
		lp[0] = out;
		if (nb_ask(a, "文件已存在", lp, 1, "n 不覆盖   y 覆盖", "ny", 1) != 'y') {
			free(out);
			nb_msg(a, 0, "已取消导出");
			return;
		}
	}
	memset(&in, 0, sizeof in);
	in.form = a->form;
	in.rep = a->rep;
	in.last = a->last;
	in.eng = a->eng;
	in.source = a->doc->path;
	if (nb_export_file(fmt, &in, out, &e) != NB_OK)
		nb_msg(a, NB_SEV_ERROR, "导出失败：%s", e.msg);
	else if (nb_engine_count(a->eng, NB_SEV_ERROR))
		nb_msg(a, NB_SEV_WARNING, "已导出 %s；报告还有 %d 处错误，正式发布前请改正",
		       out, nb_engine_count(a->eng, NB_SEV_ERROR));
	else
		nb_msg(a, 0, "已导出 %s", out);
	free(out);
}
