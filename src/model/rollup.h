/* Roll-up: the numeric cells of many reports of one layout added into one
 * report (what a city or county publishes for all the bodies under it).
 * Exact: counts are 64-bit integers, money is a scaled integer whose
 * scales are aligned before adding; any overflow is refused, never
 * clamped. The result remembers each input (file, agency, SHA-256) and,
 * per cell, how many inputs left it blank (nianbao-report(5), `rollup:`). */
#ifndef NB_ROLLUP_H
#define NB_ROLLUP_H

#include "model/report.h"

typedef struct {
	char *file;    /* as given on the command line */
	char *agency;  /* the input's 填报单位 */
	char *sha256;  /* 64 hex digits of the input file's bytes */
	int year;      /* 0 when blank */
	int errors;    /* rule errors the input had (only with --allow-errors) */
} nb_rollup_input;

typedef struct nb_rollup_info {
	nb_rollup_input *in;
	int nin;
	int ncell;
	int *blank;    /* [ncell] inputs that left the cell blank */
	char **note;   /* what the sum did that a reader should know (units) */
	int nnote;
} nb_rollup_info;

nb_rollup_info *nb_rollup_info_new(int ncell);
void nb_rollup_info_free(nb_rollup_info *ri);
nb_rollup_info *nb_rollup_info_dup(const nb_rollup_info *ri);
/* Strings copied; 0 or -1 (out of memory). */
int nb_rollup_info_add_input(nb_rollup_info *ri, const char *file, const char *agency,
			     const char *sha256, int year, int errors);
int nb_rollup_info_add_note(nb_rollup_info *ri, const char *note);
int nb_rollup_info_eq(const nb_rollup_info *a, const nb_rollup_info *b, int ncell);

/* What money without a unit means when other inputs give one. */
typedef enum {
	NB_BARE_REFUSE = 0, /* refuse (the default: 251000 may be 元 or 万元) */
	NB_BARE_YUAN,       /* --bare-unit 元 */
	NB_BARE_WAN         /* --bare-unit 万元 */
} nb_bare_unit;

/* The running sum. */
typedef struct nb_rollup nb_rollup;

nb_rollup *nb_rollup_new(const nb_form *f, nb_bare_unit bare);
void nb_rollup_free(nb_rollup *s);
/* Add one report (of the rollup's form: LAYOUT_MISMATCH otherwise). file,
 * sha256 and errors are recorded. NB_OK; LAYOUT_MISMATCH; BAD_VALUE (a
 * sum past 64 bits or 18 digits, or money whose unit cannot be known: err
 * names the cell and the file); NOMEM. On a refusal the sum is unusable. */
nb_status nb_rollup_add(nb_rollup *s, const nb_report *r, const char *file,
			const char *sha256, int errors, nb_err *err);
/* The result: a new report whose cells are the sums (blank where every
 * input was blank), totals derived by the engine, cover year set when
 * every input had the same year, agency as given (may be NULL), and
 * r->rollup filled in. Money columns that mixed 元 and 万元 are written in
 * 元 (exact: 1 万元 = 10000 元) and a note says so. NULL with err set on a
 * refusal (as nb_rollup_add). */
nb_report *nb_rollup_result(nb_rollup *s, const char *agency, nb_err *err);

#endif
