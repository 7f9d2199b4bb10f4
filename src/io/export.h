/* Export: one report written in a format its readers open (the portal's
 * HTML page, a Word document, a spreadsheet, CSV, the published text
 * layout, the 图解). Every format is one file src/io/export_NAME.c that
 * defines one nb_export_format and is listed once in export.c's table; no
 * format knows a label: titles, headings and merged headers come from the
 * form (form/layout.h).
 *
 * A format writes a complete file at a path it is given: a fresh temporary
 * file beside the destination, which nb_export_file() then syncs and
 * renames, so an unwritable or interrupted export leaves nothing partial. */
#ifndef NB_EXPORT_H
#define NB_EXPORT_H

#include <stdio.h>

#include "core/err.h"
#include "model/engine.h"

typedef struct {
	const nb_form *form;
	const nb_report *rep;
	const nb_report *last;   /* last year's report, or NULL */
	nb_engine *eng;          /* checked: its findings go into outputs that
				  * list them (the xlsx findings sheet) */
	const char *source;      /* the report's file name, for messages */
	int bom;                 /* csv: start with a UTF-8 byte-order mark */
} nb_export_in;

typedef struct nb_export_format {
	const char *name;        /* "html", as given to --format */
	const char *ext;         /* ".html": the default output name */
	const char *what;        /* one line in Chinese for menus and --help */
	/* Write the whole output to path (a new, empty file of ours). Returns
	 * NB_OK or a status with err->msg saying what went wrong. */
	nb_status (*write)(const nb_export_in *in, const char *path, nb_err *err);
} nb_export_format;

/* For formats written with stdio: open the temporary file (NULL with err
 * set), and close it saying whether every write reached it; `bad` is the
 * writer's own failure (out of memory), reported as such. */
FILE *nb_export_fopen(const char *path, nb_err *err);
nb_status nb_export_fclose(FILE *o, const char *path, int bad, nb_err *err);

/* The formats, in the order menus list them; NULL-terminated. */
extern const nb_export_format *const nb_export_formats[];
const nb_export_format *nb_export_find(const char *name);

/* Write in->rep as fmt to out ("-" for standard output): through a
 * temporary file in out's directory, fsync'd and renamed into place. */
nb_status nb_export_file(const nb_export_format *fmt, const nb_export_in *in,
			 const char *out, nb_err *err);

/* The default output name beside the report: "dir/name.yaml" ->
 * "dir/name" + fmt->ext. malloc'd. */
char *nb_export_default_name(const nb_export_format *fmt, const char *report_path);

#endif
