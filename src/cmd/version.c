/* nianbao --version: what a reviewer needs to know which program wrote or
 * checked a report: the program's version, the report file format it
 * writes (and the newest it reads), and every form it knows with its id,
 * years and origin, since a --forms directory can replace a built-in one. */
#include <stdio.h>

#include "cmd/cmd.h"
#include "form/form.h"

int nb_cmd_version(void)
{
	nb_err err;

	printf("nianbao %s\n", NB_VERSION);
	printf("report format: nianbao_report %d\n", NB_REPORT_VERSION);
	if (nb_forms_init(nb_cmd_forms_dir, &err)) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return NB_EXIT_UNREADABLE;
	}
	printf("forms:\n");
	for (int i = 0; i < nb_forms_count(); i++) {
		const nb_form *f = nb_forms_get(i);
		char years[32];

		nb_form_years(f, years, sizeof years);
		printf("  %s\t%s\t%s\t%s\n", f->id, years, f->name, f->source);
	}
	nb_forms_shutdown();
	return NB_EXIT_OK;
}
