/* Questions to the clerk: a box with choices, or one line of input. Both
 * keep the journal timer and the hang-up check running while they wait. */
#include "ui/app.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The text of an input line, its tail shown when it is longer than w
 * columns so that the cursor stays in view; returns the cursor column. */
static int draw_input(const nb_textbuf *tb, int y, int x, int w)
{
	const char *t = nb_tb_text(tb);
	size_t start = 0;

	while (start < tb->cur && nb_str_width(t + start, tb->cur - start) > w - 1) {
		uint32_t cp;
		start += nb_utf8_next(t + start, tb->len - start, &cp);
	}
	nb_put(y, x, t + start, w, 1);
	return x + nb_str_width(t + start, tb->cur - start);
}

/* How many lines of w columns nb_put_wrapped makes of s. */
static int wrapped_lines(const char *s, int w)
{
	size_t n = strlen(s), i = 0;
	int lines = 0;

	if (w < 2)
		return 1;
	while (i < n) {
		size_t start = i;
		nb_wrap_next(s, n, &i, w);
		lines++;
		if (i == start)
			break;
	}
	return lines ? lines : 1;
}

/* A box of text lines and a line of choices; with `in`, an input field
 * labelled `label` above the choices, and the cursor in it. */
static void draw_box(nb_app *a, const char *title, const char *const *lines,
		     int n, const char *choices, const char *label,
		     const nb_textbuf *in, int fresh)
{
	int w = nb_str_width(choices, strlen(choices)) + 4, h = n + 5, y, x;
	int lw = label ? nb_str_width(label, strlen(label)) : 0;

	for (int i = 0; i < n; i++) {
		int tw = nb_str_width(lines[i], strlen(lines[i])) + 4;
		if (tw > w)
			w = tw;
	}
	if (nb_str_width(title, strlen(title)) + 6 > w)
		w = nb_str_width(title, strlen(title)) + 6;
	if (in) {
		h += 2;
		if (lw + 24 > w)
			w = lw + 24; /* room for a file name */
	}
	if (w > COLS)
		w = COLS;
	/* A line wider than the screen (a cause with a long path) wraps:
	 * the clerk must read all of why a save failed. */
	for (int i = 0; i < n; i++)
		h += wrapped_lines(lines[i], w - 4) - 1;
	if (h > LINES)
		h = LINES;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	for (int i = 0; i < h; i++)
		nb_put(y + i, x, "", w, 1);
	nb_hline(a, y, x, w);
	nb_hline(a, y + h - 1, x, w);
	for (int i = 1; i < h - 1; i++) {
		nb_vline_ch(a, y + i, x);
		nb_vline_ch(a, y + i, x + w - 1);
	}
	if (a->ascii) {
		mvaddch(y, x, '+');
		mvaddch(y, x + w - 1, '+');
		mvaddch(y + h - 1, x, '+');
		mvaddch(y + h - 1, x + w - 1, '+');
	} else {
		mvadd_wch(y, x, WACS_ULCORNER);
		mvadd_wch(y, x + w - 1, WACS_URCORNER);
		mvadd_wch(y + h - 1, x, WACS_LLCORNER);
		mvadd_wch(y + h - 1, x + w - 1, WACS_LRCORNER);
	}
	attrset(A_BOLD);
	nb_put(y, x + 2, title, w - 4, 0);
	attrset(A_NORMAL);
	for (int i = 0, ly = 2; i < n && ly < h - 2; i++)
		ly += nb_put_wrapped(y + ly, x + 2, lines[i], w - 4, h - 2 - ly);
	attrset(nb_attr(NB_ATTR_SEL));
	nb_put(y + h - 2, x + 2, choices, w - 4, 0);
	attrset(A_NORMAL);
	a->cur_y = y + h - 2;
	a->cur_x = x + 2 + nb_str_width(choices, strlen(choices));
	if (in && h >= 7) {
		int fy = y + h - 4, fx = x + 2 + nb_put(y + h - 4, x + 2, label, w - 4, 0);
		/* The field shows as a bar, so the clerk sees where to type; a
		 * proposed answer shows selected: typing replaces it. */
		attrset(fresh ? A_REVERSE : A_UNDERLINE);
		a->cur_y = fy;
		a->cur_x = draw_input(in, fy, fx, x + w - 2 - fx);
		attrset(A_NORMAL);
	}
	if (a->cur_x >= COLS)
		a->cur_x = COLS - 1;
	move(a->cur_y, a->cur_x);
	refresh();
}

int nb_ask(nb_app *a, const char *title, const char *const *lines, int n,
	   const char *choices, const char *keys, int esc_ok)
{
	draw_box(a, title, lines, n, choices, NULL, NULL, 0);
	for (;;) {
		nb_ev ev;
		int r = nb_key_read(&ev, 500);

		if (r < 0)
			nb_hangup = SIGHUP;
		if (nb_poll_background(a))
			return 0;
		if (r == 0 || ev.key == NB_K_NONE)
			continue;
		if (ev.key == NB_K_RESIZE) {
			erase();
			draw_box(a, title, lines, n, choices, NULL, NULL, 0);
			continue;
		}
		if (ev.key == NB_K_ESC && esc_ok)
			return 27;
		if (ev.key == NB_K_ENTER && keys[0])
			return (unsigned char)keys[0];
		if (ev.key > 0 && ev.key < 128) {
			int c = tolower(ev.key);
			if (c && strchr(keys, c))
				return c;
		}
		beep();
	}
}

/* The question on the status line, and the keys it takes on the legend
 * lines (the screen's own keys do nothing meanwhile). */
static void draw_line(nb_app *a, const char *question, const nb_textbuf *tb)
{
	int y = LINES - 3, qw = nb_str_width(question, strlen(question));

	if (qw > COLS - 12)
		qw = COLS - 12;
	nb_put(LINES - 2, 0, "", COLS, 1);
	nb_put(LINES - 1, 0, "Enter 确认   Esc 取消   ^U 删到开头   ^K 删到末尾", COLS, 1);
	attrset(A_BOLD);
	nb_put(y, 0, question, qw, 1);
	attrset(A_NORMAL);
	a->cur_y = y;
	a->cur_x = draw_input(tb, y, qw, COLS - qw);
	move(a->cur_y, a->cur_x);
	refresh();
}

char *nb_ask_text(nb_app *a, const char *title, const char *const *lines,
		  int n, const char *question, const char *init, int digits_only)
{
	nb_textbuf tb;
	/* In a box the proposed answer is replaced by the first character
	 * typed; a key that moves or deletes edits it instead. */
	int fresh = title && *init;

	nb_tb_init(&tb, 1);
	nb_tb_set(&tb, init, strlen(init));
	for (;;) {
		nb_ev ev;
		int r;

		if (title) {
			draw_box(a, title, lines, n, "Enter 确认   Esc 退出", question, &tb,
				 fresh);
		} else {
			draw_line(a, question, &tb);
		}
		r = nb_key_read(&ev, 500);
		if (r < 0)
			nb_hangup = SIGHUP;
		if (nb_poll_background(a)) {
			nb_tb_free(&tb);
			return NULL;
		}
		if (r == 0 || ev.key == NB_K_NONE)
			continue;
		if (fresh && ev.key != NB_K_RESIZE) {
			fresh = 0;
			if (ev.key == NB_K_PASTE || (ev.key >= 0x20 && ev.key < NB_K_BASE &&
						    ev.key != 0x7F))
				nb_tb_set(&tb, "", 0);
		}
		switch (ev.key) {
		case NB_K_ENTER: {
			char *s = strdup(nb_tb_text(&tb));
			nb_tb_free(&tb);
			nb_put(LINES - 3, 0, "", COLS, 1);
			return s;
		}
		case NB_K_ESC: case NB_K_CTRL('G'): case NB_K_CTRL('Q'):
			nb_tb_free(&tb);
			nb_put(LINES - 3, 0, "", COLS, 1);
			return NULL;
		case NB_K_BS: nb_tb_backspace(&tb); break;
		case NB_K_DEL: case NB_K_CTRL('D'): nb_tb_delete(&tb); break;
		case NB_K_LEFT: nb_tb_left(&tb); break;
		case NB_K_RIGHT: nb_tb_right(&tb); break;
		case NB_K_HOME: case NB_K_CTRL('A'): nb_tb_home(&tb); break;
		case NB_K_END: case NB_K_CTRL('E'): nb_tb_end(&tb); break;
		case NB_K_CTRL('U'): nb_tb_kill_to_start(&tb); break;
		case NB_K_CTRL('K'): nb_tb_kill_to_end(&tb); break;
		case NB_K_RESIZE: erase(); break;
		case NB_K_PASTE:
			if (!digits_only)
				nb_tb_insert(&tb, ev.paste, ev.plen);
			break;
		default:
			if (ev.key >= 0xFF10 && ev.key <= 0xFF19)
				ev.key = '0' + (ev.key - 0xFF10);
			if (ev.key < 0x20 || ev.key >= NB_K_BASE ||
			    (digits_only && (ev.key < '0' || ev.key > '9'))) {
				beep();
				break;
			}
			nb_tb_insert_char(&tb, (uint32_t)ev.key);
		}
	}
}

char *nb_ask_line(nb_app *a, const char *question, const char *init,
		  int digits_only)
{
	return nb_ask_text(a, NULL, NULL, 0, question, init, digits_only);
}

/* The choices as lines of a box, the selected one marked; the first nine
 * numbered, so a digit picks one as nb_ask's keys do. */
static void draw_choice(nb_app *a, const char *title, const char *const *items,
			int n, int sel, int top, int rows, const char *foot)
{
	const char **lines = calloc((size_t)rows + 1, sizeof *lines);
	char (*buf)[300] = calloc((size_t)rows + 1, sizeof *buf);

	if (!lines || !buf) {
		free(lines);
		free(buf);
		return;
	}
	for (int i = 0; i < rows && top + i < n; i++) {
		int k = top + i;
		if (k < 9)
			snprintf(buf[i], sizeof buf[i], "%s%d  %s", k == sel ? "> " : "  ",
				 k + 1, items[k]);
		else
			snprintf(buf[i], sizeof buf[i], "%s   %s", k == sel ? "> " : "  ", items[k]);
		lines[i] = buf[i];
	}
	draw_box(a, title, lines, rows < n - top ? rows : n - top, foot, NULL, NULL, 0);
	free(lines);
	free(buf);
}

int nb_ask_choice(nb_app *a, const char *title, const char *const *items, int n,
		  int def, const char *extra, int extra_key)
{
	int sel = def < 0 || def >= n ? 0 : def, top = 0;
	char foot[300];

	snprintf(foot, sizeof foot, "按数字或上下键选择，Enter 确定%s%s，Esc 退出",
		 extra ? "，" : "", extra ? extra : "");
	for (;;) {
		int rows = LINES - 8 > 1 ? LINES - 8 : 1;
		nb_ev ev;
		int r;

		if (sel < top)
			top = sel;
		if (sel >= top + rows)
			top = sel - rows + 1;
		erase();
		draw_choice(a, title, items, n, sel, top, rows, foot);
		r = nb_key_read(&ev, 500);
		if (r < 0)
			nb_hangup = SIGHUP;
		if (nb_poll_background(a))
			return -1;
		if (r == 0 || ev.key == NB_K_NONE || ev.key == NB_K_RESIZE)
			continue;
		switch (ev.key) {
		case NB_K_ESC:
			return -1;
		case NB_K_ENTER:
			return sel;
		case NB_K_UP:
			sel = sel > 0 ? sel - 1 : 0;
			continue;
		case NB_K_DOWN:
			sel = sel < n - 1 ? sel + 1 : n - 1;
			continue;
		case NB_K_PGUP:
			sel = sel > rows ? sel - rows : 0;
			continue;
		case NB_K_PGDN:
			sel = sel + rows < n ? sel + rows : n - 1;
			continue;
		default:
			break;
		}
		if (ev.key >= '1' && ev.key <= '9' && ev.key - '1' < n)
			return ev.key - '1';
		if (extra_key && ev.key > 0 && ev.key < 128 && tolower(ev.key) == extra_key)
			return -2;
		beep();
	}
}
