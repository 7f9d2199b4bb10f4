/* nianbao cells: one line per cell, for scripts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"

int nb_cmd_cells(int argc, char **argv)
{
	nb_load_status st;
	if (nb_cmd_one_file(argc, "cells"))
		return NB_EXIT_USAGE;
	nb_report *r = nb_cmd_load(argv[0], &st);
	if (!r)
		return NB_EXIT_UNREADABLE;
	for (int c = 0; c < r->form->ncell; c++) {
		char id[200], path[1024], val[NB_VALUE_BUFSZ];
		nb_form_cell_id(r->form, c, id, sizeof id);
		nb_form_cell_path(r->form, c, path, sizeof path);
		nb_value_format(&r->cell[c], nb_form_cell_type(r->form, c), val, sizeof val);
		printf("%s\t%s\t%s\n", id, path, val);
	}
	nb_report_free(r);
	return 0;
}

