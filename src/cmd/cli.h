/* The command line (everything but the editor, which main.c supplies). */
#ifndef NB_CLI_H
#define NB_CLI_H

/* Exit statuses (documented in nianbao(1)). */
enum {
	NB_EXIT_OK = 0,
	NB_EXIT_FINDINGS = 1,  /* check: a report has errors */
	NB_EXIT_UNREADABLE = 2,/* a file cannot be read or is not a valid report */
	NB_EXIT_USAGE = 64     /* wrong command line */
};

typedef int (*nb_edit_fn)(const char *path, const char *forms_dir,
			  const char *last_path, int read_only, int ascii);

int nb_cli_main(int argc, char **argv, nb_edit_fn edit);

#endif
