/* Reading a published report (the portal's HTML page, or the text taken
 * from it: prose a paragraph a line, table cells one a line ending " |")
 * into a report. The layout (2019 or 2021, and the shape of （六）) comes
 * from the tables themselves; labels are matched by their normalised form
 * at their position in the template's grid (form/layout.h); every figure is
 * kept as published, wrong totals included. What cannot be placed is an
 * error that says where and what was expected: the importer never guesses. */
#ifndef NB_IMPORT_H
#define NB_IMPORT_H

#include <stddef.h>
#include "model/report.h"

/* Largest published page read (a real one is 50-500 KB). */
#define NB_IMPORT_MAX_BYTES (16u << 20)

/* What an import found besides the report, for the command's summary. */
typedef struct {
	int cells;        /* value cells read from the tables */
	int blank;        /* of them published blank */
	int dashes;       /* of them published as "/", "-" or "—" */
	int html;         /* the input was an HTML page */
	char encoding[16];/* "UTF-8", "GB18030" */
} nb_import_info;

/* Import buf (name is used in messages, "name:line: ..."). form_hint is a
 * form id, or NULL to decide from the tables. NULL with err set
 * (NB_INVALID: cannot place; NB_TOO_BIG; NB_NOMEM; NB_DAMAGED: encoding). */
nb_report *nb_import_mem(const char *buf, size_t len, const char *name,
			 const char *form_hint, nb_import_info *info, nb_err *err);
/* The same from a file (NB_UNREADABLE / NB_NOT_FOUND when it cannot be read). */
nb_report *nb_import_file(const char *path, const char *form_hint, nb_err *err);
nb_report *nb_import_file_info(const char *path, const char *form_hint,
			       nb_import_info *info, nb_err *err);

/* 1 when buf looks like a report file (nianbao_report: ...) rather than a
 * published report. */
int nb_import_is_report_file(const char *buf, size_t len);

#endif
