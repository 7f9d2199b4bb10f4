/* The Word format's two halves: export_docx.c writes the package (the zip
 * and its small fixed parts), export_docx_body.c the document itself. Only
 * these two files include this header. */
#ifndef NB_EXPORT_DOCX_H
#define NB_EXPORT_DOCX_H

#include <stdio.h>

#include "io/export.h"

/* Text as XML character data: & < > " ' escaped; what XML 1.0 forbids
 * (C0 controls other than tab and newline, U+FFFE, U+FFFF) dropped, since
 * one such byte makes Word refuse the whole document. s is valid UTF-8
 * (the report loader checked it). */
void nb_docx_esc(FILE *o, const char *s, size_t len);

/* word/document.xml: title, opening, the sections with their prose and
 * tables. Returns 0, or -1 when out of memory. */
int nb_docx_document(FILE *o, const nb_export_in *in);

#endif
