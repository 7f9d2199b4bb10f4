/* Keys: terminal codes to nianbao's key codes (actions.h), the sequences
 * terminfo misses (PuTTY's F1-F4, Alt-letters, bracketed paste). */
#include "ui/app.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum {
	KC_PASTE_BEGIN = KEY_MAX + 1, KC_PASTE_END, KC_ALT_U, KC_ALT_E,
	KC_ALT_U2, KC_ALT_E2
};

void nb_keys_init(void)
{
	static const struct { const char *seq; int code; } extra[] = {
		{"\033[11~", KEY_F(1)}, {"\033[12~", KEY_F(2)},
		{"\033[13~", KEY_F(3)}, {"\033[14~", KEY_F(4)},
		{"\033OP", KEY_F(1)}, {"\033OQ", KEY_F(2)},
		{"\033OR", KEY_F(3)}, {"\033OS", KEY_F(4)},
		{"\033[1~", KEY_HOME}, {"\033[4~", KEY_END},
		{"\033[7~", KEY_HOME}, {"\033[8~", KEY_END},
		{"\033[H", KEY_HOME}, {"\033[F", KEY_END},
		{"\033OH", KEY_HOME}, {"\033OF", KEY_END},
		{"\033[Z", KEY_BTAB},
		/* Cursor keys in normal mode, for terminals that ignore smkx. */
		{"\033[A", KEY_UP}, {"\033[B", KEY_DOWN},
		{"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT},
		{"\033OA", KEY_UP}, {"\033OB", KEY_DOWN},
		{"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT},
		{"\033[200~", KC_PASTE_BEGIN}, {"\033[201~", KC_PASTE_END},
		{"\033u", KC_ALT_U}, {"\033e", KC_ALT_E},
		{"\033U", KC_ALT_U2}, {"\033E", KC_ALT_E2},
	};

	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].code);
}

static int map_code(int c)
{
	switch (c) {
	case KEY_UP: return NB_K_UP;
	case KEY_DOWN: return NB_K_DOWN;
	case KEY_LEFT: return NB_K_LEFT;
	case KEY_RIGHT: return NB_K_RIGHT;
	case KEY_HOME: case KEY_A1: return NB_K_HOME;
	case KEY_END: case KEY_C1: return NB_K_END;
	case KEY_PPAGE: case KEY_A3: return NB_K_PGUP;
	case KEY_NPAGE: case KEY_C3: return NB_K_PGDN;
	case KEY_BTAB: return NB_K_BTAB;
	case KEY_DC: return NB_K_DEL;
	case KEY_BACKSPACE: return NB_K_BS;
	case KEY_ENTER: return NB_K_ENTER;
	case KEY_RESIZE: return NB_K_RESIZE;
	case KC_ALT_U: case KC_ALT_U2: return NB_K_ALT('u');
	case KC_ALT_E: case KC_ALT_E2: return NB_K_ALT('e');
	}
	if (c >= KEY_F(1) && c <= KEY_F(12))
		return NB_K_F(c - KEY_F0);
	return NB_K_NONE;
}

static char *pbuf;
static size_t plen, pcap;

static int paste_add(const char *s, size_t n)
{
	if (plen + n + 1 > pcap) {
		size_t cap = pcap ? pcap * 2 : 4096;
		char *p;
		while (cap < plen + n + 1)
			cap *= 2;
		if (cap > NB_TB_MAX + 16)
			return -1; /* the rest of a huge paste is dropped */
		p = realloc(pbuf, cap);
		if (!p)
			return -1;
		pbuf = p;
		pcap = cap;
	}
	memcpy(pbuf + plen, s, n);
	plen += n;
	pbuf[plen] = 0;
	return 0;
}

/* Everything up to the end marker is text, even Enter and Tab. A terminal
 * that loses the end marker must not hang us: stop after a quiet second. */
static void read_paste(nb_ev *ev)
{
	plen = 0;
	paste_add("", 0);
	wtimeout(stdscr, 1000);
	for (;;) {
		wint_t wc;
		int r = wget_wch(stdscr, &wc);
		char u[4];

		if (r == ERR || (r == KEY_CODE_YES && wc == KC_PASTE_END))
			break;
		if (r == KEY_CODE_YES) {
			if (wc == KEY_ENTER)
				paste_add("\n", 1);
			continue;
		}
		if (wc == '\r')
			wc = '\n';
		paste_add(u, nb_utf8_encode((uint32_t)wc, u));
	}
	ev->key = NB_K_PASTE;
	ev->paste = pbuf;
	ev->plen = plen;
}

static int fast_errs;

int nb_key_suspect(void)
{
	return fast_errs > 0;
}

int nb_key_read(nb_ev *ev, int timeout_ms)
{
	wint_t wc;
	int64_t t0 = nb_now_ms();
	int r;

	memset(ev, 0, sizeof *ev);
	wtimeout(stdscr, timeout_ms);
	errno = 0;
	r = wget_wch(stdscr, &wc);
	if (r == ERR) {
		if (errno == EIO || errno == EBADF || errno == ENXIO)
			return -1;
		/* With SIGHUP ignored, a closed terminal answers at once, again
		 * and again (end of file); a live one waits for the timeout.
		 * A short wait (a commit or flush is due) proves nothing
		 * either way. */
		if (timeout_ms < 100)
			return 0;
		if (nb_now_ms() - t0 < timeout_ms / 5) {
			if (++fast_errs > 50)
				return -1;
		} else {
			fast_errs = 0;
		}
		return 0;
	}
	fast_errs = 0;
	if (r == KEY_CODE_YES) {
		if (wc == KC_PASTE_BEGIN) {
			read_paste(ev);
			return 1;
		}
		/* A key we do not know still proves the terminal is alive:
		 * report it (NB_K_NONE) rather than a timeout. */
		ev->key = map_code((int)wc);
		return 1;
	}
	switch (wc) {
	case '\r': case '\n': ev->key = NB_K_ENTER; break;
	case '\t': ev->key = NB_K_TAB; break;
	case 127: case 8: ev->key = NB_K_BS; break;
	case 27: ev->key = NB_K_ESC; break;
	default: ev->key = (int)wc; break;
	}
	return 1;
}
