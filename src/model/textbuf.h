/* A multi-line text buffer: UTF-8 stored, edited by character, laid out by
 * display width (wcwidth) into wrapped screen lines. Paragraphs are the
 * '\n'-separated logical lines and survive wrapping. No curses.
 * Widths depend on LC_CTYPE: the caller sets a UTF-8 locale first. */
#ifndef NB_TEXTBUF_H
#define NB_TEXTBUF_H

#include <stddef.h>
#include <stdint.h>

#include "core/utf8.h"

/* Texts beyond this are refused: the report loader's string limit. */
#define NB_TB_MAX (1u << 20)

typedef struct {
	char *s;         /* NUL-terminated, valid UTF-8, no control chars but '\n' */
	size_t len, cap;
	size_t cur;      /* byte offset, always at a character boundary */
	int goal;        /* display column kept by up/down, -1 when none */
	int oneline;     /* '\n' refused: a cover field of one line */
} nb_textbuf;

/* One screen line of the layout: bytes [start, end) of the text. */
typedef struct {
	size_t start, end;
	int width;       /* display columns used */
} nb_tb_line;

typedef struct {
	nb_tb_line *line;
	int n, cap;
	int width;       /* the width it was made for */
} nb_tb_layout;

void nb_tb_init(nb_textbuf *b, int oneline);
void nb_tb_free(nb_textbuf *b);
/* Replace the whole text (cleaned like an insert); cursor at the end. */
int nb_tb_set(nb_textbuf *b, const char *s, size_t len);
const char *nb_tb_text(const nb_textbuf *b);

/* Insert at the cursor. Bad UTF-8 becomes U+FFFD, CR LF and CR become
 * LF (a space when oneline), tab a space, other controls are dropped.
 * Returns 0, or -1 when the result would pass NB_TB_MAX (nothing done). */
int nb_tb_insert(nb_textbuf *b, const char *s, size_t len);
int nb_tb_insert_char(nb_textbuf *b, uint32_t cp);

/* Editing; each returns 1 when the text changed, 0 when not. */
int nb_tb_backspace(nb_textbuf *b);
int nb_tb_delete(nb_textbuf *b);
int nb_tb_kill_to_end(nb_textbuf *b);    /* Ctrl-K: to paragraph end, or join */
int nb_tb_kill_to_start(nb_textbuf *b);  /* Ctrl-U: to paragraph start */

/* Movement; each returns 1 when the cursor moved. */
int nb_tb_left(nb_textbuf *b);
int nb_tb_right(nb_textbuf *b);
int nb_tb_home(nb_textbuf *b);           /* paragraph start (Ctrl-A) */
int nb_tb_end(nb_textbuf *b);            /* paragraph end (Ctrl-E) */
int nb_tb_up(nb_textbuf *b, const nb_tb_layout *l);
int nb_tb_down(nb_textbuf *b, const nb_tb_layout *l);
void nb_tb_top(nb_textbuf *b);
void nb_tb_bottom(nb_textbuf *b);

/* Wrap the text into lines of at most `width` (>= 2) columns. A double-width
 * character never straddles a line end. A full last line of a paragraph
 * gets an empty line after it so the cursor at its end has a place. */
int nb_tb_layout_make(const nb_textbuf *b, int width, nb_tb_layout *l);
void nb_tb_layout_free(nb_tb_layout *l);
/* Screen line and column of the cursor in a layout. */
void nb_tb_cursor_rc(const nb_textbuf *b, const nb_tb_layout *l, int *row,
		     int *col);
/* Byte offset in line `row` at display column `col` (never inside a char). */
size_t nb_tb_offset_at(const nb_textbuf *b, const nb_tb_layout *l, int row,
		       int col);

/* UTF-8 helpers shared with the other editing modules. */
/* Decode one character at s (n bytes left): returns its length (>= 1) and
 * the code point, U+FFFD for a bad sequence (length 1). */
/* Display width of a code point: 0, 1 or 2 (unprintables count 1). */
int nb_cp_width(uint32_t cp);
/* Display width of a UTF-8 string. */
int nb_str_width(const char *s, size_t n);

#endif
