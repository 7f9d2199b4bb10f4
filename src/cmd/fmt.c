/* nianbao fmt: a report as nianbao writes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"

int nb_cmd_fmt(int argc, char **argv)
{
	nb_load_status st;
	char *buf;
	size_t len;
	if (nb_cmd_one_file(argc, "fmt"))
		return NB_EXIT_USAGE;
	nb_report *r = nb_cmd_load(argv[0], &st);
	if (!r)
		return NB_EXIT_UNREADABLE;
	nb_err why;
	int rc = nb_report_save(r, &buf, &len, &why);
	nb_report_free(r);
	if (rc) {
		fprintf(stderr, "%s: %s\n", argv[0], why.msg);
		return NB_EXIT_UNREADABLE;
	}
	fwrite(buf, 1, len, stdout);
	free(buf);
	return 0;
}

