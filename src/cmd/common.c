/* Helpers every command uses: usage errors and loading a report. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/utf8.h"

const char *nb_cmd_forms_dir;

int nb_cmd_bad_usage(const char *fmt, const char *arg)
{
	fputs("nianbao: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n(nianbao --help 查看用法)\n", stderr);
	return NB_EXIT_USAGE;
}

/* An option that wants a value but is last on the line, or not an option
 * this command knows. */
int nb_cmd_bad_option(const char *cmd, int argc, char **argv, int i)
{
	static const char *const takes[] = {"--last", "--format", "--form", "--from", "--year",
					    "--forms", "-o", "--agency", "--bare-unit",
					    NULL};
	for (const char *const *t = takes; *t; t++)
		if (!strcmp(argv[i], *t) && i + 1 >= argc) {
			fprintf(stderr, "nianbao: %s: 选项 %s 后面缺少参数\n(nianbao --help 查看用法)\n",
				cmd, argv[i]);
			return NB_EXIT_USAGE;
		}
	fprintf(stderr, "nianbao: %s: 未知的选项 %s\n(nianbao --help 查看用法)\n", cmd, argv[i]);
	return NB_EXIT_USAGE;
}

nb_report *nb_cmd_load(const char *path, nb_load_status *st)
{
	nb_err err;
	nb_report *r = nb_report_load_file(path, &err, st);
	if (!r) {
		/* The message quotes the file's name: any byte but '/' and NUL. */
		char shown[sizeof err.msg];
		fprintf(stderr, "%s\n", nb_clean_name(shown, sizeof shown, err.msg));
	}
	return r;
}

int nb_cmd_one_file(int argc, const char *cmd)
{
	if (argc != 1)
		return nb_cmd_bad_usage("%s: 请给出一个文件", cmd);
	return 0;
}

