/* The commands of the command line, one file each (src/cmd/NAME.c), listed
 * once in commands.c's table: the table gives dispatch, --help and the
 * man page's command list. */
#ifndef NB_CMD_H
#define NB_CMD_H

#include <stdio.h>

#include "doc/doc.h"
#include "io/report_yaml.h"

/* Exit statuses (documented in nianbao(1)). */
enum {
	NB_EXIT_OK = 0,
	NB_EXIT_FINDINGS = 1,  /* check: a report has errors */
	NB_EXIT_UNREADABLE = 2,/* a file cannot be read, written or is not a valid report */
	NB_EXIT_USAGE = 64     /* wrong command line */
};

typedef struct {
	const char *name;      /* "check" */
	const char *args;      /* "[--last LAST] [--format text|json] FILE..." */
	const char *what;      /* one line of --help */
	/* argv[0] is the first argument after the command's name. */
	int (*run)(int argc, char **argv);
} nb_command;

extern const nb_command nb_commands[]; /* ends with a NULL name */

/* Run the command line; the process's exit status. */
int nb_cli_main(int argc, char **argv);

/* The commands (one file each). */
int nb_cmd_check(int argc, char **argv);
int nb_cmd_new(int argc, char **argv);
int nb_cmd_cells(int argc, char **argv);
int nb_cmd_fmt(int argc, char **argv);
int nb_cmd_forms(int argc, char **argv);
int nb_cmd_keys(int argc, char **argv);
int nb_cmd_edit(int argc, char **argv);
int nb_cmd_view(int argc, char **argv);
int nb_cmd_export(int argc, char **argv);
int nb_cmd_import(int argc, char **argv);
int nb_cmd_sum(int argc, char **argv);
int nb_cmd_diff(int argc, char **argv);
/* --version: program, report format and forms (src/cmd/version.c). */
int nb_cmd_version(void);

/* Shared by the commands. */
extern const char *nb_cmd_forms_dir;   /* --forms, or NULL */
/* "nianbao: MESSAGE\n(nianbao --help 查看用法)" on stderr; NB_EXIT_USAGE. */
int nb_cmd_bad_usage(const char *fmt, const char *arg);
/* An option that wants a value but is last, or unknown; NB_EXIT_USAGE. */
int nb_cmd_bad_option(const char *cmd, int argc, char **argv, int i);
/* A report file, its error on stderr when it cannot be loaded. */
nb_report *nb_cmd_load(const char *path, nb_load_status *st);
/* A report file, or a published report (HTML or text) imported on the
 * fly: what `new --from` reads. */
nb_report *nb_cmd_load_any(const char *path, nb_load_status *st);
/* A new report file may be written at path: absent, or present and
 * --force given (a name that cannot be looked at is refused). 0 or the
 * exit status, with the message on stderr. */
int nb_cmd_may_create(const char *path, int force);
/* Lock and save a new document (nb_doc_create/adopt) as the editor
 * would: a report open elsewhere is never overwritten and its holder is
 * named. 0 or the exit status, with the message on stderr. */
int nb_cmd_write_doc(nb_doc *d, int force);
/* Exactly one file argument, else the usage error (non-zero). */
int nb_cmd_one_file(int argc, const char *cmd);

#endif
