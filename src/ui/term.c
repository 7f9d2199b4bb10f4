/* Terminal set-up: locale, curses modes, colours, bracketed paste. */
#include "ui/app.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void nb_keys_init(void);

/* Widths and input of Chinese text need a UTF-8 locale; refuse to guess. */
int nb_term_check_locale(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0))
		return 0;
	fprintf(stderr,
		"nianbao: 当前语言环境的字符集是 %s，不是 UTF-8，无法正确显示和输入中文。\n"
		"请先设置 UTF-8 语言环境再运行，例如：\n"
		"  export LANG=zh_CN.UTF-8\n"
		"或（没有安装中文语言环境时）：\n"
		"  export LANG=C.UTF-8\n"
		"并确认终端（如 PuTTY：Window > Translation）也使用 UTF-8。\n",
		cs ? cs : "?");
	return -1;
}

void nb_term_start(nb_app *a)
{
	/* Esc alone must answer fast over SSH; the user's own setting wins. */
	if (!getenv("ESCDELAY"))
		set_escdelay(100);
	initscr();
	raw();        /* Ctrl-S, Ctrl-Q, Ctrl-Z reach us: no flow control, no suspend */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	curs_set(1);  /* input methods place their window at the real cursor */
	nb_keys_init();
	nb_attr_init(a);
	putp("\033[?2004h");
	fflush(stdout);
}

void nb_term_stop(void)
{
	putp("\033[?2004l");
	fflush(stdout);
	endwin();
}

void nb_term_suspend(void)
{
	putp("\033[?2004l");
	fflush(stdout);
	def_prog_mode();
	endwin();
}

void nb_term_resume(void)
{
	reset_prog_mode();
	putp("\033[?2004h");
	fflush(stdout);
	clearok(curscr, TRUE);
	refresh();
}
