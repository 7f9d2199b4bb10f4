/* Multi-line text buffer; see textbuf.h. */
#include "model/textbuf.h"
#include "model/linebreak.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int nb_cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	if (w < 0)
		return 1;
	return w > 2 ? 2 : w;
}

int nb_str_width(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		i += nb_utf8_next(s + i, n - i, &cp);
		w += nb_cp_width(cp);
	}
	return w;
}

void nb_tb_init(nb_textbuf *b, int oneline)
{
	memset(b, 0, sizeof *b);
	b->goal = -1;
	b->oneline = oneline;
}

void nb_tb_free(nb_textbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = b->cur = 0;
}

static int reserve(nb_textbuf *b, size_t need)
{
	size_t cap;
	char *p;

	if (need + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need + 1)
		cap *= 2;
	p = realloc(b->s, cap);
	if (!p)
		return -1;
	b->s = p;
	b->cap = cap;
	return 0;
}

const char *nb_tb_text(const nb_textbuf *b)
{
	return b->s ? b->s : "";
}

/* Clean s into a malloc'd string by the rules of nb_tb_insert. */
static char *clean(const char *s, size_t len, int oneline, size_t *outlen)
{
	char *o = malloc(len * 3 + 4); /* each bad byte may grow to 3 */
	size_t i = 0, n = 0;

	if (!o)
		return NULL;
	while (i < len) {
		uint32_t cp;
		size_t k = nb_utf8_next(s + i, len - i, &cp);

		i += k;
		if (cp == '\r') {
			if (i < len && s[i] == '\n')
				i++;
			cp = '\n';
		}
		if (cp == '\n' && oneline)
			cp = ' ';
		if (cp == '\t')
			cp = ' ';
		if ((cp < 0x20 && cp != '\n') || cp == 0x7F ||
		    (cp >= 0x80 && cp < 0xA0))
			continue;
		n += nb_utf8_encode(cp, o + n);
	}
	o[n] = 0;
	*outlen = n;
	return o;
}

/* Clean text to go in, refused (NULL) when it would not fit in `room`
 * bytes, the rest of NB_TB_MAX. */
static char *clean_fit(const nb_textbuf *b, const char *s, size_t len,
		       size_t room, size_t *n)
{
	char *c;

	if (len > NB_TB_MAX)
		return NULL;
	c = clean(s, len, b->oneline, n);
	if (c && *n > room) {
		free(c);
		return NULL;
	}
	return c;
}

int nb_tb_set(nb_textbuf *b, const char *s, size_t len)
{
	size_t n;
	char *c = clean_fit(b, s, len, NB_TB_MAX, &n);

	if (!c)
		return -1;
	free(b->s);
	b->s = c;
	b->len = n;
	b->cap = len * 3 + 4;
	b->cur = n;
	b->goal = -1;
	return 0;
}

int nb_tb_insert(nb_textbuf *b, const char *s, size_t len)
{
	size_t n;
	char *c = clean_fit(b, s, len, NB_TB_MAX - b->len, &n);

	if (!c)
		return -1;
	if (reserve(b, b->len + n) < 0) {
		free(c);
		return -1;
	}
	memmove(b->s + b->cur + n, b->s + b->cur, b->len - b->cur);
	memcpy(b->s + b->cur, c, n);
	b->len += n;
	b->cur += n;
	b->s[b->len] = 0;
	b->goal = -1;
	free(c);
	return 0;
}

int nb_tb_insert_char(nb_textbuf *b, uint32_t cp)
{
	char u[4];
	size_t n = nb_utf8_encode(cp, u);

	return nb_tb_insert(b, u, n);
}

/* Start of the character before byte offset p. The buffer is valid UTF-8,
 * so stepping over continuation bytes is enough. */
static size_t prev_char(const nb_textbuf *b, size_t p)
{
	if (p == 0)
		return 0;
	p--;
	while (p > 0 && ((unsigned char)b->s[p] & 0xC0) == 0x80)
		p--;
	return p;
}

static size_t next_char(const nb_textbuf *b, size_t p)
{
	uint32_t cp;

	if (p >= b->len)
		return b->len;
	return p + nb_utf8_next(b->s + p, b->len - p, &cp);
}

static void cut(nb_textbuf *b, size_t from, size_t to)
{
	memmove(b->s + from, b->s + to, b->len - to);
	b->len -= to - from;
	b->s[b->len] = 0;
	b->cur = from;
	b->goal = -1;
}

int nb_tb_backspace(nb_textbuf *b)
{
	if (b->cur == 0)
		return 0;
	cut(b, prev_char(b, b->cur), b->cur);
	return 1;
}

int nb_tb_delete(nb_textbuf *b)
{
	if (b->cur >= b->len)
		return 0;
	cut(b, b->cur, next_char(b, b->cur));
	return 1;
}

static size_t para_start(const nb_textbuf *b, size_t p)
{
	while (p > 0 && b->s[p - 1] != '\n')
		p--;
	return p;
}

static size_t para_end(const nb_textbuf *b, size_t p)
{
	while (p < b->len && b->s[p] != '\n')
		p++;
	return p;
}

int nb_tb_kill_to_end(nb_textbuf *b)
{
	size_t e = para_end(b, b->cur);

	if (e == b->cur)
		return nb_tb_delete(b); /* at the end: join with the next */
	cut(b, b->cur, e);
	return 1;
}

int nb_tb_kill_to_start(nb_textbuf *b)
{
	size_t s = para_start(b, b->cur);

	if (s == b->cur)
		return 0;
	cut(b, s, b->cur);
	return 1;
}

/* Every horizontal move: forget the column kept by up/down, then go. */
static int move_to(nb_textbuf *b, size_t to)
{
	b->goal = -1;
	if (to == b->cur)
		return 0;
	b->cur = to;
	return 1;
}

int nb_tb_left(nb_textbuf *b)
{
	return move_to(b, prev_char(b, b->cur));
}

int nb_tb_right(nb_textbuf *b)
{
	return move_to(b, next_char(b, b->cur));
}

int nb_tb_home(nb_textbuf *b)
{
	return move_to(b, para_start(b, b->cur));
}

int nb_tb_end(nb_textbuf *b)
{
	return move_to(b, para_end(b, b->cur));
}

void nb_tb_top(nb_textbuf *b)
{
	b->cur = 0;
	b->goal = -1;
}

void nb_tb_bottom(nb_textbuf *b)
{
	b->cur = b->len;
	b->goal = -1;
}

static int push_line(nb_tb_layout *l, size_t start, size_t end, int width)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 32;
		nb_tb_line *p = realloc(l->line, (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		l->line = p;
		l->cap = cap;
	}
	l->line[l->n].start = start;
	l->line[l->n].end = end;
	l->line[l->n].width = width;
	l->n++;
	return 0;
}

int nb_tb_layout_make(const nb_textbuf *b, int width, nb_tb_layout *l)
{
	size_t p = 0;

	if (width < 2)
		width = 2;
	l->n = 0;
	l->width = width;
	for (;;) {
		size_t pe = para_end(b, p), start = p;
		int w = 0;

		/* Where lines break is the one rule of linebreak.c. */
		for (;;) {
			size_t end = nb_lb_line(b->s, pe, start, width, &w);
			if (end >= pe) {
				if (push_line(l, start, pe, w) < 0)
					return -1;
				break;
			}
			if (push_line(l, start, end, w) < 0)
				return -1;
			start = end;
		}
		if (w == width && push_line(l, pe, pe, 0) < 0)
			return -1;
		if (pe >= b->len)
			break;
		p = pe + 1;
	}
	return 0;
}

void nb_tb_layout_free(nb_tb_layout *l)
{
	free(l->line);
	l->line = NULL;
	l->n = l->cap = 0;
}

/* The line holding offset p: a position at the seam of two wrapped lines
 * belongs to the later one. */
static int line_of(const nb_tb_layout *l, size_t p)
{
	int i;

	for (i = 0; i < l->n; i++) {
		if (p < l->line[i].start)
			continue;
		if (p < l->line[i].end)
			return i;
		if (p == l->line[i].end &&
		    !(i + 1 < l->n && l->line[i + 1].start == p))
			return i;
	}
	return l->n > 0 ? l->n - 1 : 0;
}

void nb_tb_cursor_rc(const nb_textbuf *b, const nb_tb_layout *l, int *row,
		     int *col)
{
	int r = line_of(l, b->cur);

	*row = r;
	*col = l->n ? nb_str_width(b->s + l->line[r].start,
				   b->cur - l->line[r].start) : 0;
}

size_t nb_tb_offset_at(const nb_textbuf *b, const nb_tb_layout *l, int row,
		       int col)
{
	size_t p;
	int w = 0;

	if (l->n == 0)
		return 0;
	if (row < 0)
		row = 0;
	if (row >= l->n)
		row = l->n - 1;
	p = l->line[row].start;
	while (p < l->line[row].end) {
		uint32_t cp;
		size_t k = nb_utf8_next(b->s + p, l->line[row].end - p, &cp);
		int cw = nb_cp_width(cp);

		/* Land before a wide character rather than inside it. */
		if (w + cw > col)
			break;
		w += cw;
		p += k;
	}
	/* At a wrap seam the end offset shows on the next line: stay on this. */
	if (p == l->line[row].end && p > l->line[row].start &&
	    row + 1 < l->n && l->line[row + 1].start == p)
		p = prev_char(b, p);
	return p;
}

static int vertical(nb_textbuf *b, const nb_tb_layout *l, int dir)
{
	int r, c, goal;

	nb_tb_cursor_rc(b, l, &r, &c);
	goal = b->goal >= 0 ? b->goal : c;
	if (r + dir < 0 || r + dir >= l->n)
		return 0;
	b->cur = nb_tb_offset_at(b, l, r + dir, goal);
	b->goal = goal;
	return 1;
}

int nb_tb_up(nb_textbuf *b, const nb_tb_layout *l)
{
	return vertical(b, l, -1);
}

int nb_tb_down(nb_textbuf *b, const nb_tb_layout *l)
{
	return vertical(b, l, +1);
}
