/* Terminal set-up: locale, terminal type, curses modes, colours,
 * bracketed paste. */
#include "ui/app.h"
#include "model/termpick.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <term.h>
#include <unistd.h>

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

/* Does the terminfo database have a usable entry for name? setupterm with
 * an error pointer reports instead of exiting, as initscr would. */
static int term_known(const char *name, void *ctx)
{
	int err = 0;

	(void)ctx;
	if (setupterm(name, STDOUT_FILENO, &err) != OK)
		return 0;
	del_curterm(cur_term);
	return 1;
}

void nb_term_start(nb_app *a)
{
	const char *t = getenv("TERM"), *use;
	int fell;

	/* Esc alone must answer fast over SSH; the user's own setting wins. */
	if (!getenv("ESCDELAY"))
		set_escdelay(100);
	use = nb_term_pick(t, term_known, NULL, &fell);
	if (!use || !newterm(use, stdout, stdin)) {
		if (!t || !*t || !strcmp(t, "dumb"))
			fprintf(stderr, "nianbao: 终端类型“%s”不能移动光标，无法全屏编辑。\n", t ? t : "");
		else
			fprintf(stderr, "nianbao: 本机没有终端类型“%s”的描述（terminfo），"
				"也没有 xterm-256color、xterm 或 vt100。\n", t);
		fputs("请设置可用的终端类型再运行，例如：export TERM=xterm\n", stderr);
		exit(2); /* as when there is no terminal at all (loop.c) */
	}
	if (fell) {
		/* Said on the first screen, so the clerk knows why colours or
		 * keys may differ; children (^X's $EDITOR) get the same entry,
		 * since they would refuse the missing one too. */
		nb_msg(a, NB_SEV_WARNING, "TERM=%.40s 本机没有，改用 %s", t, use);
		setenv("TERM", use, 1);
	}
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
