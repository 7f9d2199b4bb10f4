/* nianbao forms: the known layouts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"

int nb_cmd_forms(int argc, char **argv)
{
	(void)argv;
	if (argc)
		return nb_cmd_bad_usage("forms: 不需要参数%s", "");
	for (int i = 0; i < nb_forms_count(); i++) {
		const nb_form *f = nb_forms_get(i);
		char years[32];
		nb_form_years(f, years, sizeof years);
		printf("%s\t%s\t%s\t%s\t%s\n", f->id, years, f->name, f->basis ? f->basis : "",
		       f->source);
	}
	return 0;
}

