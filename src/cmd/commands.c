/* The table of commands: dispatch, --help and the man page's command list
 * all read it, so the three cannot drift. A new command is one file and
 * one line here. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "model/actions.h"

const nb_command nb_commands[] = {
	{"edit", "[--read-only] [--last LAST] [--ascii] FILE",
	 "the full-screen editor (a missing FILE starts a new report)", nb_cmd_edit},
	{"view", "[--ascii] FILE... | DIR",
	 "review reports read-only: a pager's keys, a list of many, comments", nb_cmd_view},
	{"new", "[--form ID] [--year YYYY] [--from LAST] [--force] FILE",
	 "write a blank report, carried over from last year's with --from", nb_cmd_new},
	{"check", "[--last LAST] [--format text|json] FILE...",
	 "check reports: FILE: location: severity: message", nb_cmd_check},
	{"export", "--format FMT [-o OUT|DIR] [--last LAST] [--strict] [--bom] FILE... | --sentences FILE",
	 "write the report as FMT (export --list: html, docx, xlsx, csv, text, graphic)",
	 nb_cmd_export},
	{"import", "[--form ID] [-o OUT] [--force] PUBLISHED...", "read published reports (HTML or text) into report files", nb_cmd_import},
	{"sum", "-o TOTAL [--agency NAME] [--allow-errors] [--bare-unit 元|万元] [--force] FILE...",
	 "add reports of one layout into one report, each input traced by SHA-256", nb_cmd_sum},
	{"diff", "[--format text|json] OLD NEW",
	 "every cell and text that differs; carry-over warnings for consecutive years", nb_cmd_diff},
	{"cells", "FILE", "one line per cell: id, label path, value", nb_cmd_cells},
	{"fmt", "FILE", "print FILE as nianbao writes it", nb_cmd_fmt},
	{"forms", "", "list the known forms", nb_cmd_forms},
	{"keys", "[--man [zh_CN]]", "list the editor's keys (as mdoc for the man pages)", nb_cmd_keys},
	{NULL, NULL, NULL, NULL}
};

static void usage(FILE *out)
{
	fputs("用法 / usage:\n"
	      "  nianbao [--forms DIR] FILE\n"
	      "      open FILE in the editor (new if missing)\n", out);
	for (const nb_command *c = nb_commands; c->name; c++)
		fprintf(out, "  nianbao %s%s%s\n      %s\n", c->name, *c->args ? " " : "",
			c->args, c->what);
	fputs("  nianbao --help | --version\n"
	      "\n"
	      "options:\n"
	      "  --forms DIR    add or override forms from DIR/*.yaml (also $NIANBAO_FORMS)\n"
	      "\n"
	      "exit status: 0 ok; 1 check found errors; 2 a file cannot be read or written,\n"
	      "or is not a valid report; 64 wrong command line.\n"
	      "\n"
	      "editor keys:\n",
	      out);
	nb_actions_print(out, 0);
	fputs("\nSee nianbao(1), nianbao-report(5), nianbao-form(5).\n", out);
}

int nb_cli_main(int argc, char **argv)
{
	int i = 1, rc;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			return nb_cmd_version();
		} else if (!strcmp(argv[i], "--forms")) {
			if (i + 1 >= argc)
				return nb_cmd_bad_option("nianbao", argc, argv, i);
			nb_cmd_forms_dir = argv[++i];
		} else {
			break;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return NB_EXIT_USAGE;
	}
	nb_err err;
	if (nb_forms_init(nb_cmd_forms_dir, &err)) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return NB_EXIT_UNREADABLE;
	}
	const char *cmd = argv[i];
	const nb_command *c = nb_commands;
	while (c->name && strcmp(c->name, cmd))
		c++;
	if (c->name)
		rc = c->run(argc - i - 1, argv + i + 1);
	else if (cmd[0] == '-' || strchr(cmd, '.') || strchr(cmd, '/'))
		rc = nb_cmd_edit(argc - i, argv + i); /* `nianbao FILE` is `nianbao edit FILE` */
	else
		rc = nb_cmd_bad_usage("未知的命令“%s”", cmd);
	nb_forms_shutdown();
	return rc;
}
