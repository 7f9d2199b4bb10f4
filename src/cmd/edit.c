/* nianbao edit: the full-screen editor (src/ui). */
#include <string.h>

#include "cmd/cmd.h"
#include "ui/ui.h"

int nb_cmd_edit(int argc, char **argv)
{
	nb_ui_opts o = {nb_cmd_forms_dir, NULL, 0, 0};
	int k = 0;

	for (; k < argc && argv[k][0] == '-'; k++) {
		if (!strcmp(argv[k], "--read-only"))
			o.read_only = 1;
		else if (!strcmp(argv[k], "--ascii"))
			o.ascii_lines = 1;
		else if (!strcmp(argv[k], "--last") && k + 1 < argc)
			o.last_path = argv[++k];
		else
			return nb_cmd_bad_option("edit", argc, argv, k);
	}
	if (argc - k != 1)
		return nb_cmd_bad_usage("edit: 请给出一个文件%s", "");
	return nb_ui_edit(argv[k], &o);
}
