/* Text from a report made safe for an export: the clerk's prose and the
 * form's labels may hold anything nb_report_set_text accepts, and some of
 * it (C0 and C1 controls, noncharacters) breaks HTML and the line-oriented
 * text layout. Shared by the html and text formats. */
#ifndef NB_EXPORT_PROSE_H
#define NB_EXPORT_PROSE_H

#include <stddef.h>

/* A malloc'd copy of the UTF-8 string s without control characters other
 * than tab and newline, and without noncharacters (U+FDD0..U+FDEF,
 * U+xFFFE/U+xFFFF). With oneline, newlines and tabs become spaces. NULL
 * when out of memory. */
char *nb_prose_clean(const char *s, int oneline);

/* The next paragraph of cleaned text at *p: its lines are paragraphs,
 * trimmed of ASCII blanks at both ends, and blank lines are skipped (the
 * full-width indent 　　 some clerks type is kept). Returns its start, sets
 * *len and advances *p; NULL when no paragraph is left. */
const char *nb_prose_next(const char **p, size_t *len);

#endif
