/* Where a line of prose may end: the one line-breaking rule of the
 * program, shared by the text buffer (textbuf.c) and every wrapped message
 * on screen (ui/draw.c). It follows the Chinese rules of GB/T 15834: no
 * closing punctuation (，。、；：？！）》」』”’ ...) at the start of a line,
 * no opening bracket (（《「『“‘〔 ...) at its end, and a run of digits or
 * Latin letters ("1375", "〔2021〕30号", "50%") kept whole. No curses. */
#ifndef NB_LINEBREAK_H
#define NB_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

/* Must a line not start with cp (closing punctuation)? */
int nb_lb_no_start(uint32_t cp);
/* Must a line not end with cp (opening bracket)? */
int nb_lb_no_end(uint32_t cp);

/* One display line of s[start..n): at most w columns (at least one
 * character, whatever w), ending before a '\n' or at the last place where
 * the rules allow a break; a line that has no such place is cut where the
 * next character would not fit. Returns the end offset (exclusive); its
 * width in columns goes to *width when not NULL. The caller skips a '\n'
 * at the end. */
size_t nb_lb_line(const char *s, size_t n, size_t start, int w, int *width);

#endif
