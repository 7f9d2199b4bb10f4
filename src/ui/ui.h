/* The full-screen editor. This header does not include curses: main.c and
 * the command line know only this entry point. */
#ifndef NB_UI_H
#define NB_UI_H

typedef struct {
	const char *forms_dir;  /* --forms, or NULL */
	const char *last_path;  /* last year's report for carry-over rules, or NULL */
	int read_only;          /* review mode */
	int ascii_lines;        /* --ascii: ASCII line drawing */
} nb_ui_opts;

/* Edit (or, read_only, review) the report at path; a missing file starts a
 * new report. Returns 0 when all went well, 1 on an error, 2 when the
 * report or the terminal cannot be opened (message on stderr). */
int nb_ui_edit(const char *path, const nb_ui_opts *o);

/* nianbao view: paths are report files, or one directory of them. One
 * file opens it read-only; a directory or several files open the list of
 * reports. Same return values as nb_ui_edit. */
int nb_ui_view(char *const *paths, int n, const nb_ui_opts *o);

#endif
