/* The report file: YAML read and written with libyaml (man/nianbao-report.5).
 * The loader is schema-directed and bounded; the writer is canonical, so
 * load + save of an unchanged report gives the same bytes. */
#ifndef NB_REPORT_YAML_H
#define NB_REPORT_YAML_H

#include "io/emit.h"
#include "model/report.h"

#define NB_REPORT_VERSION 1

/* Limits for untrusted files (documented in nianbao-report.5). */
#define NB_LIMIT_FILE_BYTES   (4u << 20)  /* 4 MiB; a report is ~10-20 KB */
#define NB_LIMIT_DEPTH        16
#define NB_LIMIT_STRING_BYTES (1u << 20)
#define NB_LIMIT_NODES        200000

/* Load status, also the exit status family of `nianbao check`. */
typedef enum {
	NB_LOAD_OK = 0,
	NB_LOAD_IO,       /* cannot open / read */
	NB_LOAD_DAMAGED,  /* not YAML, truncated, bad UTF-8, over a limit */
	NB_LOAD_INVALID,  /* YAML, but not a valid report (keys, types) */
	NB_LOAD_VERSION,  /* newer format version than this program */
	NB_LOAD_FORM      /* unknown form id */
} nb_load_status;

/* `name` is used in messages (the file path). On failure returns NULL,
 * fills err with "name:line:col: message" and *status. */
nb_report *nb_report_load_mem(const char *buf, size_t len, const char *name,
			      nb_err *err, nb_load_status *status);
nb_report *nb_report_load_file(const char *path, nb_err *err,
			       nb_load_status *status);

/* Serialise to a malloc'd buffer (the caller frees), then read it back and
 * compare before returning: 0 only when the bytes load to the same report.
 * The buffer is NUL-terminated (not counted in len). */
int nb_report_save_mem(const nb_report *r, char **buf, size_t *len);
/* The same, saying why it failed in why->msg (Simplified Chinese): out of
 * memory, larger than NB_LIMIT_FILE_BYTES, or the read-back differed. */
int nb_report_save(const nb_report *r, char **buf, size_t *len, nb_err *why);

/* Describe the report to an emitter (the one walk the YAML writer uses). */
void nb_report_emit(nb_emit *e, const nb_report *r);

#endif
