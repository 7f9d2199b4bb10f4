/* Chinese line breaking (GB/T 15834); see linebreak.h. */
#include "model/linebreak.h"

#include "model/textbuf.h"

int nb_lb_no_start(uint32_t cp)
{
	switch (cp) {
	/* full-width closing marks and the ends of pairs */
	case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF1B:
	case 0xFF1A: case 0xFF1F: case 0xFF01: case 0xFF09: case 0x300B:
	case 0x3009: case 0x300D: case 0x300F: case 0x3011: case 0x3015:
	case 0x3017: case 0x3019: case 0x301B: case 0x201D: case 0x2019:
	case 0xFF3D: case 0xFF5D: case 0xFF05: case 0x2026: case 0x00B7:
	case 0x30FB: case 0xFF5E:
	/* their half-width forms */
	case ',': case '.': case ';': case ':': case '?': case '!': case ')':
	case ']': case '}': case '%':
		return 1;
	}
	return 0;
}

int nb_lb_no_end(uint32_t cp)
{
	switch (cp) {
	case 0xFF08: case 0x300A: case 0x3008: case 0x300C: case 0x300E:
	case 0x3010: case 0x3014: case 0x3016: case 0x3018: case 0x301A:
	case 0x201C: case 0x2018: case 0xFF3B: case 0xFF5B:
	case '(': case '[': case '{':
		return 1;
	}
	return 0;
}

static int is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* A Latin word, a number, "1.5", "50%", "2021-03": no break inside. */
static int is_word(uint32_t cp)
{
	return (cp > ' ' && cp < 0x7F) || is_digit(cp) ||
	       (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
}

/* May a line end between a and b? */
static int can_break(uint32_t a, uint32_t b)
{
	if (nb_lb_no_start(b) || nb_lb_no_end(a))
		return 0;
	if (a == ' ' || b == ' ')
		return a == ' ';
	if (is_word(a) && is_word(b))
		return 0;
	/* 〔2021〕30号, 第3号: a document number reads as one word. */
	if ((a == 0x3015 || a == 0x3011) && is_digit(b))
		return 0;
	if (is_digit(a) && b == 0x53F7) /* 号 */
		return 0;
	/* …… and —— are one mark each. */
	if (a == b && (a == 0x2026 || a == 0x2014))
		return 0;
	return 1;
}

size_t nb_lb_line(const char *s, size_t n, size_t start, int w, int *width)
{
	size_t i = start, brk = 0;
	int used = 0, brk_w = 0;
	uint32_t prev = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = nb_utf8_next(s + i, n - i, &cp);
		int cw = nb_cp_width(cp);

		if (cp == '\n')
			break;
		if (i > start && can_break(prev, cp)) {
			brk = i;
			brk_w = used;
		}
		if (used + cw > w && i > start) {
			/* Break at the last allowed place; a line with none
			 * (one long number) is cut where it is full. */
			if (brk > start) {
				i = brk;
				used = brk_w;
			}
			break;
		}
		used += cw;
		i += k;
		prev = cp;
	}
	if (width)
		*width = used;
	return i;
}
