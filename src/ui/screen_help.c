/* The help screen, made from the actions table; and the "too small" screen. */
#include "ui/app.h"

#include <stdio.h>
#include <string.h>

static const struct { int ctx; const char *name; } groups[] = {
	{NB_CTX_GLOBAL, "任何画面"}, {0, "移动"}, {NB_CTX_TABLE, "表格中"},
	{NB_CTX_TEXT, "文字栏目中"}, {NB_CTX_LIST, "目录和问题列表中"},
	{NB_CTX_VIEW, "查看报告时（nianbao view）"},
	{NB_CTX_QUEUE, "报告列表中（nianbao view）"},
};

/* Lines of the help text from line `first`, h of them drawn from y0
 * (none when h is 0); returns the number of lines. Descriptions wrap in
 * their column (issue 9 item 6) by the one line-breaking rule. */
static int help_lines(int first, int y0, int h)
{
	int n, line = 0, kw = COLS >= 72 ? 22 : 16, dw = COLS - kw;
	const nb_actiondef *t = nb_actions_table(&n);

	if (dw < 10)
		dw = 10;
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		int y = y0 + line - first;
		if (line >= first && line < first + h) {
			attrset(A_BOLD);
			nb_put(y, 0, groups[g].name, COLS, 1);
			attrset(A_NORMAL);
		}
		line++;
		for (int i = 0; i < n; i++) {
			int c = t[i].ctx, single = (c & (c - 1)) == 0;
			const char *s = t[i].zh;
			size_t len = strlen(s), k = 0;
			char keys[96];
			if (single ? c != groups[g].ctx : groups[g].ctx != 0)
				continue;
			nb_action_keys(&t[i], keys, sizeof keys);
			for (int l = 0; l == 0 || k < len; l++) {
				size_t st = k, ln = nb_wrap_next(s, len, &k, dw);
				y = y0 + line - first;
				if (line >= first && line < first + h) {
					nb_put(y, 0, "  ", 2, 0);
					nb_put(y, 2, l ? "" : keys, kw - 2, 1);
					nb_put_n(y, kw, s + st, ln, dw, 1);
				}
				line++;
				if (k == st)
					break;
			}
		}
	}
	return line;
}

/* The help screen's own state: how far it is scrolled. */
typedef struct {
	int top;
} help_priv;

static void draw(nb_app *a)
{
	help_priv *v = nb_priv(a, NB_SCR_HELP);
	int h = LINES - 4 - 2, total;

	nb_draw_chrome(a, "帮助", NB_CTX_LIST);
	attrset(A_BOLD);
	nb_put(1, 0, "按键帮助：表格中直接输入数字，文字栏目中直接输入文字；下面是各个按键", COLS, 1);
	attrset(A_NORMAL);
	/* The list legend would offer Enter to open: here every key but the
	 * scrolling ones goes back. */
	nb_put(LINES - 1, 0, "上下键、PgUp/PgDn 翻看   Esc、Enter、F1 或 ^G 返回", COLS, 1);
	total = help_lines(0, -1000, 0);
	if (v->top > total - h)
		v->top = total - h;
	if (v->top < 0)
		v->top = 0;
	help_lines(v->top, 2, h);
}

static nb_result key(nb_app *a, const nb_ev *ev, nb_action act)
{
	help_priv *v = nb_priv(a, NB_SCR_HELP);

	(void)ev;
	switch (act) {
	case NB_A_UP: v->top--; break;
	case NB_A_DOWN: v->top++; break;
	case NB_A_PAGE_UP: v->top -= LINES / 2; break;
	case NB_A_PAGE_DOWN: v->top += LINES / 2; break;
	default:
		nb_go(a, a->back);
	}
	return NB_HANDLED;
}

const nb_screen nb_screen_help = {
	"help", NB_CTX_LIST, NULL, draw, key, NULL, sizeof(help_priv)
};

static void draw_small(nb_app *a)
{
	char m[160];

	a->ctx = NB_CTX_GLOBAL;
	snprintf(m, sizeof m, "窗口太小：至少需要 %d 列 x %d 行，现在是 %d x %d。请放大窗口，修改都还在。",
		 NB_MIN_COLS, NB_MIN_LINES, COLS, LINES);
	nb_put_wrapped(0, 0, m, COLS, LINES > 2 ? LINES - 2 : 1);
	if (LINES > 2)
		nb_put(LINES - 1, 0, "^S 保存  ^Q 退出", COLS, 1);
}

static nb_result key_small(nb_app *a, const nb_ev *ev, nb_action act)
{
	(void)a; (void)ev; (void)act;
	return NB_IGNORED;
}

const nb_screen nb_screen_small = {
	"small", NB_CTX_GLOBAL, NULL, draw_small, key_small, NULL, 0
};
