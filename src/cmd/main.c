#include <locale.h>
#include "cmd/cli.h"
#include "ui/ui.h"

static int edit(const char *path, const char *forms_dir, const char *last_path,
		int read_only, int ascii)
{
	nb_ui_opts o = {forms_dir, last_path, read_only, ascii};
	return nb_ui_edit(path, &o);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return nb_cli_main(argc, argv, edit);
}
