/* The text field widget: a textbuf shown in a rectangle, wrapped by display
 * width, scrolled to keep the cursor in view. Used by the cover and the
 * section prose. Changes reach the report after a pause (edit.c). */
#include "ui/app.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/savefile.h"

void nb_te_load(nb_app *a, int field)
{
	nb_textedit *te = &a->te;
	const nb_field *fd;

	nb_edit_text_commit(a);
	if (te->field == field)
		return;
	te->field = field;
	te->top = 0;
	te->changed = 0;
	if (field < 0)
		return;
	fd = &a->form->field[field];
	nb_tb_free(&te->tb);
	nb_tb_init(&te->tb, fd->kind != NB_F_TEXT);
	nb_tb_set(&te->tb, a->rep->text[field], strlen(a->rep->text[field]));
	/* Prose is read from the top; a one-line field is usually appended to. */
	if (!te->tb.oneline)
		nb_tb_top(&te->tb);
}

void nb_te_draw(nb_app *a, int y, int x, int h, int w, int focused)
{
	nb_textedit *te = &a->te;
	int row, col;

	if (h <= 0 || w < 2)
		return;
	nb_tb_layout_make(&te->tb, w, &te->lay);
	nb_tb_cursor_rc(&te->tb, &te->lay, &row, &col);
	if (row < te->top)
		te->top = row;
	if (row >= te->top + h)
		te->top = row - h + 1;
	if (te->top > 0 && te->lay.n - te->top < h)
		te->top = te->lay.n > h ? te->lay.n - h : 0;
	for (int i = 0; i < h; i++) {
		int l = te->top + i;
		if (l < te->lay.n)
			nb_put_n(y + i, x, te->tb.s ? te->tb.s + te->lay.line[l].start : "",
				 te->lay.line[l].end - te->lay.line[l].start, w, 1);
		else
			nb_put(y + i, x, "", w, 1);
	}
	if (focused) {
		a->cur_y = y + row - te->top;
		a->cur_x = x + (col >= w ? w - 1 : col);
	}
}

static void changed(nb_app *a)
{
	int64_t now = nb_now_ms();

	if (!a->te.changed)
		a->te.last_edit_ms = now; /* start of this run of typing */
	a->te.last_key_ms = now;
	a->te.changed = 1;
}

/* A pause of TE_PAUSE_MS commits, and so does a long run of typing: with
 * the session's FLUSH_MS, text is fsync'd within one second of being
 * typed (issue 10: a run of 2 s lost up to 1.75 s to kill -9). The pause is timed from the last
 * change itself, not from the last turn of the loop: the loop also turns
 * on its own timeout, which would otherwise hide every pause. */
#define TE_PAUSE_MS 300
#define TE_RUN_MS 600

int nb_te_due_ms(const nb_app *a)
{
	int64_t now = nb_now_ms(), p, r;

	if (a->te.field < 0 || !a->te.changed)
		return -1;
	p = a->te.last_key_ms + TE_PAUSE_MS - now;
	r = a->te.last_edit_ms + TE_RUN_MS - now;
	if (r < p)
		p = r;
	return p < 0 ? 0 : (int)p;
}

void nb_te_idle(nb_app *a)
{
	if (nb_te_due_ms(a) == 0)
		nb_edit_text_commit(a);
}

int nb_te_key(nb_app *a, const nb_ev *ev, nb_action act, int h)
{
	nb_textbuf *b = &a->te.tb;
	int k = ev->key, did = 0;

	if (a->te.field < 0)
		return 0;
	switch (act) {
	case NB_A_UP:
		return nb_tb_up(b, &a->te.lay) ? 1 : 0;
	case NB_A_DOWN:
		return nb_tb_down(b, &a->te.lay) ? 1 : 0;
	case NB_A_LEFT:
		nb_tb_left(b);
		return 1;
	case NB_A_RIGHT:
		nb_tb_right(b);
		return 1;
	case NB_A_HOME:
		nb_tb_home(b);
		return 1;
	case NB_A_END:
		nb_tb_end(b);
		return 1;
	case NB_A_PAGE_UP:
		for (int i = 0; i < h - 1 && nb_tb_up(b, &a->te.lay); i++)
			;
		return 1;
	case NB_A_PAGE_DOWN:
		for (int i = 0; i < h - 1 && nb_tb_down(b, &a->te.lay); i++)
			;
		return 1;
	case NB_A_EXTERNAL:
		if (!nb_refuse_readonly(a))
			nb_te_external(a);
		return 1;
	case NB_A_BACKSPACE: case NB_A_DELETE_CHAR: case NB_A_KILL_END:
	case NB_A_KILL_START: case NB_A_NEWLINE:
		break;
	default:
		if (k == NB_K_PASTE || (k >= 0x20 && k < NB_K_BASE && k != 0x7F))
			break;
		if (k == NB_K_ESC) {
			/* Nothing to cancel: a clerk pressing Esc to "get out". */
			nb_msg(a, 0, "文字会自动存入，不必确认；回目录按 ^T，退出按 ^Q");
			return 1;
		}
		return 0;
	}
	if (act == NB_A_NEWLINE && b->oneline)
		return 0; /* the caller moves to the next field */
	if (nb_refuse_readonly(a))
		return 1;
	switch (act) {
	case NB_A_BACKSPACE: did = nb_tb_backspace(b); break;
	case NB_A_DELETE_CHAR: did = nb_tb_delete(b); break;
	case NB_A_KILL_END: did = nb_tb_kill_to_end(b); break;
	case NB_A_KILL_START: did = nb_tb_kill_to_start(b); break;
	case NB_A_NEWLINE: did = nb_tb_insert(b, "\n", 1) == 0; break;
	default:
		if (k == NB_K_PASTE) {
			/* A paste is one undo step of its own. */
			nb_edit_text_commit(a);
			did = nb_tb_insert(b, ev->paste, ev->plen) == 0;
			if (!did) {
				nb_msg(a, NB_SEV_ERROR, "粘贴的文字太长，未插入");
			} else {
				a->te.changed = 1;
				nb_edit_text_commit(a);
			}
		} else if (a->form->field[a->te.field].kind == NB_F_YEAR &&
			   !((k >= '0' && k <= '9') || (k >= 0xFF10 && k <= 0xFF19))) {
			nb_msg(a, NB_SEV_WARNING, "年度只能填数字，如 2024");
		} else {
			if (k >= 0xFF10 && k <= 0xFF19 &&
			    a->form->field[a->te.field].kind == NB_F_YEAR)
				k = '0' + (k - 0xFF10);
			did = nb_tb_insert_char(b, (uint32_t)k) == 0;
		}
	}
	if (did && !(k == NB_K_PASTE))
		changed(a);
	return 1;
}

/* Run $VISUAL / $EDITOR on a temporary file, without a shell: the words of
 * the variable become argv. */
void nb_te_external(nb_app *a)
{
	const char *ed = getenv("VISUAL");
	char tmpl[] = "/tmp/nianbao-text-XXXXXX.txt", *argv[16], edbuf[512], *save;
	const char *t = nb_tb_text(&a->te.tb);
	int fd, argc = 0, st = 0;
	size_t len = strlen(t), off = 0;
	pid_t pid;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	snprintf(edbuf, sizeof edbuf, "%s", ed);
	for (char *w = strtok_r(edbuf, " \t", &save); w && argc < 14;
	     w = strtok_r(NULL, " \t", &save))
		argv[argc++] = w;
	fd = mkstemps(tmpl, 4);
	if (fd < 0) {
		nb_msg(a, NB_SEV_ERROR, "无法创建临时文件：%s", strerror(errno));
		return;
	}
	while (off < len) {
		ssize_t w = write(fd, t + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (len && t[len - 1] != '\n')
		(void)!write(fd, "\n", 1);
	close(fd);
	argv[argc++] = tmpl;
	argv[argc] = NULL;
	nb_term_suspend();
	pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	nb_term_resume();
	a->full = 1;
	if (pid < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		/* Killed by a hang-up, or quit with an error: what was written
		 * there may be all the clerk has of it, so the file stays. */
		nb_msg(a, NB_SEV_ERROR, "外部编辑器 %s 没有正常结束，文字未改动；其文件保留在 %s",
		       argv[0], tmpl);
		return;
	} else {
		char *buf = NULL;
		size_t n = 0;
		if (nb_read_file(tmpl, NB_TB_MAX, &buf, &n) == 0) {
			/* Editors add a final newline; the report does not keep one. */
			while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
				n--;
			if (n != len || memcmp(buf, t, n) != 0) {
				nb_tb_set(&a->te.tb, buf, n);
				a->te.changed = 1;
				nb_edit_text_commit(a);
				nb_msg(a, 0, "已读回外部编辑器中的修改");
			} else {
				nb_msg(a, 0, "外部编辑器中没有修改");
			}
			free(buf);
		} else {
			nb_msg(a, NB_SEV_ERROR, "无法读回临时文件：%s", strerror(errno));
		}
	}
	unlink(tmpl);
}
