/* nianbao view: reports read-only, a pager's keys, the reviewer's list of
 * reports and comments (src/ui/view.c). */
#include <string.h>

#include "cmd/cmd.h"
#include "ui/ui.h"

int nb_cmd_view(int argc, char **argv)
{
	nb_ui_opts o = {nb_cmd_forms_dir, NULL, 1, 0};
	int k = 0;

	for (; k < argc && argv[k][0] == '-'; k++) {
		if (!strcmp(argv[k], "--ascii"))
			o.ascii_lines = 1;
		else
			return nb_cmd_bad_option("view", argc, argv, k);
	}
	if (argc - k < 1)
		return nb_cmd_bad_usage("view: 请给出报告文件或目录%s", "");
	return nb_ui_view(argv + k, argc - k, &o);
}
