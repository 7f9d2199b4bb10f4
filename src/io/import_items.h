/* Private to the importer: a published report read into one flat list of
 * paragraphs and table cells, in reading order, each with its source line.
 * The text reader and the HTML reader both produce it; the matcher
 * (import.c) reads only this. */
#ifndef NB_IMPORT_ITEMS_H
#define NB_IMPORT_ITEMS_H

#include <stddef.h>
#include "core/err.h"

typedef enum { NB_II_PARA = 0, NB_II_CELL } nb_ikind;

typedef struct {
	nb_ikind kind;
	int line;      /* 1-based line of the source (of the element in HTML) */
	int newrow;    /* a cell that starts a table row (HTML only) */
	char *text;    /* UTF-8, trimmed; "" for an empty cell */
} nb_iitem;

typedef struct {
	nb_iitem *v;
	int n, cap;
	char *title;   /* HTML <title>, or NULL */
} nb_iitems;

/* Append, trimming blanks (ASCII, NBSP, U+3000) at both ends and folding
 * runs of inner white space to one space when fold is set; a paragraph
 * that is empty after trimming is dropped. -1 when out of memory. */
int nb_iitems_add(nb_iitems *it, nb_ikind k, int line, int newrow,
		  const char *s, size_t len, int fold);
void nb_iitems_free(nb_iitems *it);

/* Bytes in any supported encoding to UTF-8 (malloc'd, NUL-terminated): a
 * BOM, else the charset of an HTML meta, else UTF-8 when valid, else
 * GB18030 (which covers GBK and GB2312). enc names what was used. */
nb_status nb_import_decode(const char *buf, size_t len, int html,
			   const char *name, char **out, size_t *outlen,
			   char enc[16], nb_err *err);

nb_status nb_import_text_items(const char *buf, size_t len, const char *name,
			       nb_iitems *out, nb_err *err);
nb_status nb_import_html_items(const char *buf, size_t len, const char *name,
			       nb_iitems *out, nb_err *err);

/* Labels compared as published: full-width ASCII to half-width, circled ㈠
 * to (一), "1、" and "1．" to "1.", every blank removed, quotes dropped.
 * Writes at most outsz-1 bytes; returns the length. */
size_t nb_inorm(const char *s, char *out, size_t outsz);
/* Two normalised labels name the same thing: equal, or close enough that
 * one is the other with a typo ("一年项目数量", "其他法律行政止公开"). */
int nb_ilabel_match(const char *a, const char *b);
/* "/", "-", "—" and their look-alikes: published "not applicable". */
int nb_idash(const char *s);

#endif

/* Prose of the items into r: paragraphs before the first heading make the
 * cover (title, agency, year, period, website, contacts), the rest go to
 * the section whose heading precedes them. 0, or -1 with err set. */
struct nb_report;
int nb_import_prose(struct nb_report *r, const nb_iitems *it, const char *name,
		    nb_err *err);
/* The longest common subsequence of two UTF-8 strings, in characters (at
 * most 96 of each are compared); *la and *lb get their lengths. */
int nb_ilcs(const char *a, const char *b, int *la, int *lb);
