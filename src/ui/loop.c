/* The editor's one loop: read a key, let the model change, repaint. Signal
 * handlers only set a flag; the loop flushes the journal and leaves. */
#include "ui/app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "io/report_yaml.h"
#include "ui/view.h"

volatile sig_atomic_t nb_hangup;

static const nb_screen *const screens[NB_SCR_COUNT] = {
	[NB_SCR_CONTENTS] = &nb_screen_contents,
	[NB_SCR_COVER] = &nb_screen_cover,
	[NB_SCR_SECTION] = &nb_screen_section,
	[NB_SCR_FINDINGS] = &nb_screen_findings,
	[NB_SCR_HELP] = &nb_screen_help,
	[NB_SCR_SMALL] = &nb_screen_small,
	[NB_SCR_QUEUE] = &nb_screen_queue,
};

const nb_screen *nb_screen_of(nb_scr s)
{
	return screens[s];
}

static void on_signal(int sig)
{
	nb_hangup = sig;
}

void nb_signals_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocked read must return */
	/* Under nohup SIGHUP stays ignored as asked; a lost terminal is then
	 * noticed by its input errors (run()). */
	{
		struct sigaction old;
		if (sigaction(SIGHUP, NULL, &old) < 0 || old.sa_handler != SIG_IGN)
			sigaction(SIGHUP, &sa, NULL);
	}
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGXFSZ, SIG_IGN); /* past `ulimit -f` a save fails with EFBIG */
	signal(SIGPIPE, SIG_IGN);
}

void *nb_priv(nb_app *a, nb_scr s)
{
	return a->priv[s];
}

int nb_privs_alloc(nb_app *a)
{
	for (int s = 0; s < NB_SCR_COUNT; s++)
		if (!a->priv[s] && !(a->priv[s] = calloc(1, screens[s]->priv_size + 1)))
			return -1;
	return 0;
}

void nb_privs_free(nb_app *a)
{
	for (int s = 0; s < NB_SCR_COUNT; s++) {
		free(a->priv[s]);
		a->priv[s] = NULL;
	}
}

int64_t nb_now_ms(void)
{
	return nb_doc_now_ms();
}

static void commit_all(nb_app *a)
{
	nb_grid_commit(a);
	nb_edit_text_commit(a);
}

void nb_go(nb_app *a, nb_scr s)
{
	commit_all(a);
	if (screens[a->scr]->close)
		screens[a->scr]->close(a);
	a->scr = s;
	if (screens[s]->open)
		screens[s]->open(a);
	a->full = 1;
}

void nb_go_part(nb_app *a, int part)
{
	int last = a->form->nsection + 1;

	if (part < 0)
		part = 0;
	if (part > last)
		part = last;
	if (part != a->part)
		a->sub = 0;
	a->part = part;
	nb_go(a, part == 0 ? NB_SCR_COVER : part == last ? NB_SCR_FINDINGS
						     : NB_SCR_SECTION);
}

int nb_poll_background(nb_app *a)
{
	nb_session_tick(a, 0);
	return nb_hangup != 0;
}

static int too_small(void)
{
	return COLS < NB_MIN_COLS || LINES < NB_MIN_LINES;
}

/* The one character a screen asks to be sent last (the mark under the
 * current column, which stands right beside the cursor's column) goes in
 * a second update after everything else: ncurses sends a line's changes
 * left to right, so on a move to the left the old mark's erasure would
 * come last and the cursor would need a full address to come back; sent
 * last, the mark leaves the terminal one step up from the cursor (a move
 * left then costs 20 bytes, not 26: issue 9). Only a narrow character
 * on both frames qualifies, so no wide character is split. */
static void send_last(nb_app *a)
{
	cchar_t now, was;
	attr_t at;
	short pair;
	wchar_t wn[CCHARW_MAX + 1], ww[CCHARW_MAX + 1];

	if (a->last_y < 0 || a->full)
		return;
	if (mvwin_wch(stdscr, a->last_y, a->last_x, &now) == ERR ||
	    mvwin_wch(curscr, a->last_y, a->last_x, &was) == ERR ||
	    getcchar(&now, wn, &at, &pair, NULL) == ERR ||
	    getcchar(&was, ww, &at, &pair, NULL) == ERR ||
	    wcwidth(wn[0]) != 1 || wcwidth(ww[0]) != 1)
		return;
	mvwadd_wch(stdscr, a->last_y, a->last_x, &was);
	leaveok(stdscr, TRUE);
	wnoutrefresh(stdscr);
	doupdate();
	leaveok(stdscr, FALSE);
	mvwadd_wch(stdscr, a->last_y, a->last_x, &now);
}

static void draw(nb_app *a)
{
	const nb_screen *s = too_small() ? &nb_screen_small : screens[a->scr];

	/* erase() only blanks the virtual screen: ncurses still sends just
	 * the cells that differ from what the terminal shows. */
	erase();
	a->cur_y = a->cur_x = -1;
	a->last_y = a->last_x = -1;
	s->draw(a);
	if (a->cur_y >= 0) {
		curs_set(1);
		send_last(a);
		move(a->cur_y, a->cur_x);
	} else {
		curs_set(0);
	}
	a->full = 0;
	refresh();
}

static void quit(nb_app *a)
{
	const char *lp[1];
	int k;

	/* A text in the cell that is not a value stays to be corrected. */
	if (nb_grid_commit_or_keep(a) < 0)
		return;
	nb_edit_text_commit(a);
	if (!a->doc->modified || a->doc->readonly) {
		a->quit = 1;
		return;
	}
	lp[0] = "报告有未保存的修改。";
	k = nb_ask(a, "退出", lp, 1, "s 保存后退出   d 不保存退出   c 取消", "csd", 1);
	a->full = 1;
	if (k == 's') {
		if (nb_session_save(a, 0) == 0)
			a->quit = 1;
	} else if (k == 'd') {
		nb_doc_discard(a->doc); /* the clerk said so: the journal may go */
		a->quit = 1;
	}
}

static void dispatch(nb_app *a, nb_ev *ev)
{
	const nb_screen *s = screens[a->scr];
	nb_action act;
	int last;

	if (ev->key == NB_K_RESIZE) {
		a->full = 1;
		return;
	}
	a->msg[0] = 0;
	/* nianbao view: the pager's keys, and the list with no report open. */
	if (a->view && nb_view_dispatch(a, ev))
		return;
	last = a->form->nsection + 1;
	act = nb_action_for_key(ev->key, a->ctx ? a->ctx : s->ctx);
	if (too_small() && act != NB_A_SAVE && act != NB_A_QUIT &&
	    act != NB_A_REDRAW) {
		nb_msg(a, 0, "窗口太小");
		return;
	}
	switch (act) {
	case NB_A_SAVE:
		nb_session_save(a, 0);
		a->full = 1;
		return;
	case NB_A_SAVE_AS:
		nb_session_save(a, 1);
		a->full = 1;
		return;
	case NB_A_QUIT:
		quit(a);
		return;
	case NB_A_NEXT_SECTION:
		/* The contents come before every part: the walk goes on
		 * at the part selected there (the cover at first). */
		if (a->scr == NB_SCR_CONTENTS)
			nb_go_part(a, a->list_sel > last ? last : a->list_sel);
		else
			nb_go_part(a, a->part + 1);
		return;
	case NB_A_PREV_SECTION:
		if (a->scr == NB_SCR_CONTENTS)
			nb_go_part(a, a->list_sel - 1 < 0 ? 0 : a->list_sel - 1);
		else
			nb_go_part(a, a->part - 1);
		return;
	case NB_A_CONTENTS:
		a->list_sel = a->part;
		nb_go(a, NB_SCR_CONTENTS);
		return;
	case NB_A_HELP:
		if (a->scr != NB_SCR_HELP) {
			a->back = a->scr;
			nb_go(a, NB_SCR_HELP);
		} else {
			nb_go(a, a->back);
		}
		return;
	case NB_A_UNDO:
	case NB_A_REDO:
		nb_edit_undo(a, act == NB_A_REDO);
		return;
	case NB_A_NEXT_FINDING:
		nb_next_finding(a);
		return;
	case NB_A_EXPORT:
		nb_export_ask(a);
		return;
	case NB_A_SENTENCES:
		nb_sentences_ask(a);
		return;
	case NB_A_REDRAW:
		clearok(curscr, TRUE);
		return;
	default:
		if (s->key(a, ev, act) == NB_REDRAW)
			a->full = 1;
	}
}

/* The terminal is gone or we were told to stop: save the journal with
 * ordinary code, outside any handler, and draw nothing more. */
static void hangup_exit(nb_app *a)
{
	nb_grid_commit(a);
	nb_edit_text_commit(a);
	nb_session_tick(a, 1);
	nb_session_close(a, 1);
}

/* Wake up for the next thing due (a pause that commits text, a cell left
 * open, a journal flush) rather than a fixed tick later: the journal
 * then has a change within about a second. */
static int next_timeout(const nb_app *a)
{
	int t = 500, d;

	d = nb_te_due_ms(a);
	if (d >= 0 && d < t)
		t = d;
	d = nb_grid_due_ms(a);
	if (d >= 0 && d < t)
		t = d;
	d = nb_session_due_ms(a);
	if (d >= 0 && d < t)
		t = d;
	d = a->view ? nb_view_due_ms(a) : -1;
	if (d >= 0 && d < t)
		t = d;
	return t;
}

void nb_loop_run(nb_app *a)
{
	while (!a->quit) {
		nb_ev ev;
		int r;

		if (nb_hangup)
			return;
		/* After an input error the terminal may be gone: draw nothing
		 * until a key proves it is alive. */
		if (!nb_key_suspect())
			draw(a);
		r = nb_key_read(&ev, next_timeout(a));
		if (r < 0) {
			nb_hangup = SIGHUP;
			return;
		}
		if (r > 0 && ev.key != NB_K_NONE)
			dispatch(a, &ev);
		nb_te_idle(a);
		nb_grid_idle(a);
		nb_session_tick(a, 0);
		if (a->view)
			nb_view_idle(a);
	}
}

static void app_free(nb_app *a)
{
	nb_tb_free(&a->te.tb);
	nb_tb_layout_free(&a->te.lay);
	nb_doc_close(a->doc, 1); /* normally closed already; keeps a journal */
	nb_report_free(a->last);
	free(a->tpos);
	nb_privs_free(a);
	free(a->new_path);
}

int nb_ui_edit(const char *path, const nb_ui_opts *o)
{
	nb_app app, *a = &app;
	char err[600];
	int r, status = 0;

	memset(a, 0, sizeof *a);
	a->te.field = -1;
	a->cover_field = 0;
	a->find_i = -1;
	if (nb_term_check_locale() < 0)
		return 2;
	nb_signals_init();
	if (nb_forms_count() == 0) {
		nb_err e;
		if (nb_forms_init(o ? o->forms_dir : NULL, &e) < 0) {
			fprintf(stderr, "nianbao: %s\n", e.msg);
			return 2;
		}
	}
	a->want_readonly = o && o->read_only;
	a->ascii = o && o->ascii_lines;
	a->last_path = o ? o->last_path : NULL;
	/* Last year's report first: the document's engine checks against it. */
	if (a->last_path) {
		nb_err e;
		nb_load_status st;
		a->last = nb_report_load_file(a->last_path, &e, &st);
		if (!a->last) {
			fprintf(stderr, "nianbao: %s\n", e.msg);
			app_free(a);
			return 2;
		}
	}
	r = nb_session_load(a, path, err, sizeof err);
	if (r < 0) {
		fprintf(stderr, "nianbao: %s\n", err);
		app_free(a);
		return 2;
	}
	if (r == 1 && a->want_readonly) {
		fprintf(stderr, "nianbao: %s: 文件不存在\n", path);
		app_free(a);
		return 2;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "nianbao: 编辑器需要在终端中运行（标准输入和输出都必须是终端）\n");
		app_free(a);
		return 2;
	}
	nb_term_start(a);
	if (nb_session_start(a, r == 1) < 0) {
		if (a->doc)
			nb_session_close(a, nb_hangup != 0);
		if (!nb_hangup)
			nb_term_stop();
		app_free(a);
		return nb_hangup ? 1 : 0;
	}
	/* The clerk fills in cell by cell: a rule with blanks is unfinished,
	 * not an error, until its figures are there. */
	nb_engine_set_editing(a->eng, 1);
	a->tpos = calloc((size_t)a->form->ntable + 1, sizeof *a->tpos);
	if (!a->tpos || nb_privs_alloc(a) < 0) {
		nb_term_stop();
		fprintf(stderr, "nianbao: 内存不足\n");
		nb_session_close(a, 1);
		app_free(a);
		return 1;
	}
	a->scr = NB_SCR_CONTENTS;
	if (r == 1)
		nb_go_part(a, 0);
	else
		nb_go(a, NB_SCR_CONTENTS);
	nb_loop_run(a);
	if (nb_hangup) {
		hangup_exit(a);
		/* SIGTERM from a live terminal: leave it usable. After a
		 * hang-up the terminal is gone; writing to it could block. */
		if (nb_hangup == SIGTERM)
			nb_term_stop();
		status = 1;
	} else {
		nb_session_close(a, 0);
		nb_term_stop();
	}
	app_free(a);
	return status;
}
