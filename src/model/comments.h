/* Reviewers' comments (审核意见): remarks attached to a cell, a table or a
 * section of a report, kept in the report file under `comments:`
 * (nianbao-report(5)). A comment never touches a figure or a text: the
 * functions here change r->comment alone. */
#ifndef NB_COMMENTS_H
#define NB_COMMENTS_H

#include "model/report.h"

typedef struct nb_comment {
	char *target;  /* a cell id "t3.new.natural", a table id "t3", a
			* section id "s1", or "report" */
	char *text;    /* UTF-8, may hold several lines */
	char *author;  /* who wrote it, "" when unknown */
	char *time;    /* when, ISO 8601 "2025-11-26T10:05:00+08:00" */
	int resolved;  /* the clerk marked it dealt with */
} nb_comment;

typedef enum {
	NB_CT_NONE = -1, NB_CT_REPORT = 0, NB_CT_CELL, NB_CT_TABLE, NB_CT_SECTION
} nb_ctarget;

/* What a target names in form f, and its index (cell, table, section). */
nb_ctarget nb_comment_target(const nb_form *f, const char *target, int *index);

/* Append a comment (strings copied; time NULL: now). Returns its index,
 * -1 when out of memory or text/target is not valid UTF-8 or has NUL. */
int nb_comment_add(nb_report *r, const char *target, const char *text,
		   const char *author, const char *time, int resolved);
/* Free every comment of r. */
void nb_comments_clear(nb_report *r);
/* d's comments become copies of s's (d has none before). 0 or -1. */
int nb_comments_copy(nb_report *d, const nb_report *s);
/* Comments not yet resolved. */
int nb_comments_open(const nb_report *r);
/* The first open comment on exactly this cell, or -1. */
int nb_comment_on_cell(const nb_report *r, int cell);
/* The first open comment on a cell, its table or its section, or -1 (what
 * the editor marks beside a cell). */
int nb_comment_near_cell(const nb_report *r, int cell);
/* The current local time as ISO 8601 with offset, into buf (>= 32). */
void nb_comment_now(char *buf, size_t n);
/* Where a target is, in the printed labels: "表三「（七）总计」行「自然人」列",
 * "表三", "一、总体情况", "报告". */
void nb_comment_where(const nb_form *f, const char *target, char *buf, size_t n);
/* 1 when both reports hold the same comments in the same order. */
int nb_comments_eq(const nb_report *a, const nb_report *b);

#endif
