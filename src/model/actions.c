/* The table of actions; see actions.h. */
#include "model/actions.h"

#include <string.h>

#define G NB_CTX_GLOBAL
#define T NB_CTX_TABLE
#define X NB_CTX_TEXT
#define L NB_CTX_LIST
#define V NB_CTX_VIEW
#define Q NB_CTX_QUEUE
#define C(c) NB_K_CTRL(c)

/* Order matters: it is the order of the help screen, the man page and the
 * legend. Keys must work in PuTTY, tmux and screen with their defaults:
 * every action has a control or plain key; F-keys are extras. */
static const nb_actiondef table[] = {
	{NB_A_SAVE, "save", G, {C('S'), NB_K_F(2)}, NULL, "保存",
	 "保存报告（有错误也可以保存为草稿）",
	 "Save the report. A report with errors can be saved as a draft; the status line counts what remains.", NB_AF_EDIT, 7},
	{NB_A_QUIT, "quit", G, {C('Q'), NB_K_F(10)}, NULL, "退出",
	 "退出（有未保存的修改时先询问）",
	 "Quit. Asks first when there are unsaved changes.", 0, 8},
	{NB_A_NEXT_SECTION, "next-section", G, {C('N')}, NULL, "下一部分",
	 "到下一部分：封面、一至六、结束检查",
	 "Go to the next part of the report: cover, sections one to six, then the closing check.", 0, 4},
	{NB_A_PREV_SECTION, "prev-section", G, {C('P')}, NULL, "上一部分",
	 "到上一部分",
	 "Go to the previous part of the report.", 0, 2},
	{NB_A_CONTENTS, "contents", G, {C('T'), NB_K_F(3)}, NULL, "目录",
	 "回到目录（各部分的填写状态）",
	 "Show the contents: every part with its status and its counts of errors and warnings.", 0, 5},
	{NB_A_HELP, "help", G, {C('G'), NB_K_F(1)}, NULL, "帮助",
	 "显示本帮助",
	 "Show the help screen, made from the same table as this list.", 0, 9},
	{NB_A_UNDO, "undo", G, {C('Z'), NB_K_ALT('u'), C('_')}, NULL, "撤销",
	 "撤销上一次修改（数字或文字）",
	 "Undo the last change of a cell or a text; while a number is being typed, drop the typing and restore the old value. Alt-U and Ctrl-_ do the same where Ctrl-Z is taken.", NB_AF_EDIT, 3},
	{NB_A_REDO, "redo", G, {C('Y'), NB_K_ALT('e')}, NULL, "重做",
	 "重做刚撤销的修改",
	 "Redo the change just undone.", NB_AF_EDIT, 1},
	{NB_A_NEXT_FINDING, "next-finding", G, {C('F')}, NULL, "下一问题",
	 "跳到下一个错误或提醒所在的格子",
	 "Jump to the cell or text of the next error or warning.", 0, 6},
	{NB_A_SAVE_AS, "save-as", G, {C('O')}, NULL, "另存为",
	 "另存为其他文件名",
	 "Save the report under another file name, for example when the directory is read-only or the disk is full.", NB_AF_EDIT, 0},
	{NB_A_EXPORT, "export", G, {C('B'), NB_K_F(5)}, NULL, NULL,
	 "导出：网页、Word 文档、电子表格、CSV、文本或图解（选择格式和文件名）",
	 "Export the report as it is on screen: choose a format (html, docx, xlsx, csv, text, graphic, as nianbao export) and a file name; the default is beside the report.", 0, 0},
	{NB_A_SENTENCES, "sentences", G, {C(']'), NB_K_F(7)}, NULL, NULL,
	 "按表格生成“一、总体情况”中依申请公开的数字段落（先预览，确认后替换，可撤销）",
	 "Write the figures sentences of section one's part on requests (received, carried over, each result with its share, administrative review and litigation) from the tables, in the wording published reports use, so the prose cannot disagree with them. The sentences are shown first; on confirmation they replace the paragraph that quotes the requests (or are added), as one undo step.", NB_AF_EDIT, 0},
	{NB_A_REDRAW, "redraw", G, {C('L')}, NULL, NULL,
	 "重画整个屏幕",
	 "Redraw the whole screen.", 0, 0},

	{NB_A_UP, "up", T | X | L, {NB_K_UP}, NULL, NULL,
	 "上移", "Move up.", 0, 0},
	{NB_A_DOWN, "down", T | X | L, {NB_K_DOWN}, NULL, NULL,
	 "下移", "Move down.", 0, 0},
	{NB_A_LEFT, "left", T | X, {NB_K_LEFT}, NULL, NULL,
	 "左移", "Move left.", 0, 0},
	{NB_A_RIGHT, "right", T | X, {NB_K_RIGHT}, NULL, NULL,
	 "右移", "Move right.", 0, 0},
	{NB_A_NEXT_FIELD, "next-field", T | X | L, {NB_K_TAB}, NULL, NULL,
	 "到下一格或下一栏（表格中过了最后一格回到第一格）",
	 "Move to the next cell, or to the next field of a form. In a table, Tab past the last cell goes back to the first.", 0, 0},
	{NB_A_PREV_FIELD, "prev-field", T | X | L, {NB_K_BTAB}, NULL, NULL,
	 "到上一格或上一栏",
	 "Move to the previous cell or field.", 0, 0},
	{NB_A_PAGE_UP, "page-up", T | X | L, {NB_K_PGUP}, NULL, NULL,
	 "上翻一页", "Scroll up one page.", 0, 0},
	{NB_A_PAGE_DOWN, "page-down", T | X | L, {NB_K_PGDN}, NULL, NULL,
	 "下翻一页", "Scroll down one page.", 0, 0},
	{NB_A_HOME, "home", T | X, {NB_K_HOME, C('A')}, NULL, NULL,
	 "到行首（表格中到第一列）",
	 "Go to the start of the paragraph; in a table, to the first column.", 0, 0},
	{NB_A_END, "end", T | X, {NB_K_END, C('E')}, NULL, NULL,
	 "到行尾（表格中到最后一列）",
	 "Go to the end of the paragraph; in a table, to the last column.", 0, 0},

	{NB_A_TYPE_NUMBER, "type", T, {0}, "0-9 - .", NULL,
	 "输入数字即开始编辑该格；负号只用于本年增/减，小数点和单位只用于金额",
	 "Typing a digit starts editing the cell. A minus sign is accepted only where the column may be negative, a decimal point and a unit only in money columns. Full-width digits are accepted.", NB_AF_EDIT, 0},
	{NB_A_COMMIT, "commit", T, {NB_K_ENTER}, NULL, NULL,
	 "确认输入并下移；到列底后转到下一列顶端",
	 "Store the number typed and move down, past rows of totals; below the last row, on to the top of the next column (from a total, to the total below).", 0, 0},
	{NB_A_CLEAR, "clear", T, {NB_K_DEL, C('D')}, NULL, "留空",
	 "把格子清为空白（空白与0不同）",
	 "Make the cell blank. Blank and 0 are different: type 0 for zero.", NB_AF_EDIT, 2},
	{NB_A_ERASE, "erase", T, {NB_K_BS}, NULL, NULL,
	 "删掉前一位；未在编辑时清空该格并开始输入",
	 "Delete the last character typed; outside editing, empty the cell and start typing.", NB_AF_EDIT, 0},
	{NB_A_CANCEL, "cancel", T, {NB_K_ESC}, NULL, "取消",
	 "放弃正在输入的数字，恢复原值",
	 "Abandon the number being typed: the old value and the totals computed from it come back.", NB_AF_EDIT, 2},
	{NB_A_RECOMPUTE, "recompute", T, {C('R')}, NULL, "重算合计",
	 "按各项重新计算所有合计（总计）格子",
	 "Recompute every total from its items (totals read from a file are otherwise kept and checked).", NB_AF_EDIT, 2},
	{NB_A_FILL_ZERO, "fill-zero", T, {C('W')}, NULL, NULL,
	 "把本表所有空白的输入格填为 0（没有发生的事项），可撤销",
	 "Put 0 into every blank input cell of the current table (things that did not happen); one undo step.", NB_AF_EDIT, 0},
	{NB_A_LEAVE_TABLE, "leave-table", T, {C('V'), NB_K_F(6)}, NULL, "离开表格",
	 "离开表格，到本部分的下一张表或文字说明（Enter 和 Tab 在表格内循环）",
	 "Leave the table for the next table or the prose of the section. Enter and Tab stay in the table: Enter goes down a column and on to the top of the next, Tab past the last cell back to the first.", 0, 3},
	{NB_A_PASTE, "paste", T, {NB_K_PASTE}, "paste", NULL,
	 "粘贴从WPS或Excel复制的一行数字（制表符或空格分隔），依次填入右边的格子；多行填入下面各行",
	 "Paste a row of numbers copied from WPS or Excel (tab or space separated): they fill consecutive cells to the right; several lines fill the rows below. Uses the terminal's bracketed paste.", NB_AF_EDIT, 0},

	{NB_A_NEWLINE, "newline", X, {NB_K_ENTER}, NULL, NULL,
	 "另起一段；单行栏目中到下一栏",
	 "Start a new paragraph; in a one-line field, go to the next field.", NB_AF_EDIT, 0},
	{NB_A_BACKSPACE, "backspace", X, {NB_K_BS}, NULL, NULL,
	 "删除光标前的一个字",
	 "Delete the character before the cursor.", NB_AF_EDIT, 0},
	{NB_A_DELETE_CHAR, "delete", X, {NB_K_DEL, C('D')}, NULL, NULL,
	 "删除光标处的一个字",
	 "Delete the character under the cursor.", NB_AF_EDIT, 0},
	{NB_A_KILL_END, "kill-to-end", X, {C('K')}, NULL, "删到段尾",
	 "删除光标到段尾的文字（在段尾则与下一段合并）",
	 "Delete from the cursor to the end of the paragraph, or join the next paragraph when at its end.", NB_AF_EDIT, 1},
	{NB_A_KILL_START, "kill-to-start", X, {C('U')}, NULL, "删到段首",
	 "删除段首到光标的文字",
	 "Delete from the start of the paragraph to the cursor.", NB_AF_EDIT, 1},
	{NB_A_EXTERNAL, "external-editor", X, {C('X'), NB_K_F(4)}, NULL, "外部编辑",
	 "用外部编辑器（$VISUAL 或 $EDITOR，默认 vi）编辑这段文字",
	 "Edit this text in $VISUAL or $EDITOR (default vi), run without a shell; the text is read back when it exits.", NB_AF_EDIT, 2},

	{NB_A_OPEN, "open", L, {NB_K_ENTER}, NULL, "打开",
	 "打开所选部分，或跳到所选问题的格子",
	 "Open the selected part, or jump to the cell of the selected finding.", 0, 3},
	{NB_A_RESOLVE, "resolve", L, {'r'}, NULL, NULL,
	 "在结束检查中：把所选审核意见标为已解决（可撤销），再按一次重新打开",
	 "In the closing check: mark the selected reviewer's comment resolved (undoable, kept in the recovery journal); again to reopen it. The comment stays in the file.", NB_AF_EDIT, 0},

	{NB_A_VIEW_QUIT, "view-quit", V, {'q'}, NULL, "返回",
	 "回到报告列表；没有列表时退出",
	 "Back to the list of reports; quit when there is no list (one file).", 0, 0},
	{NB_A_VIEW_PAGE_DOWN, "view-page-down", V, {' ', 'f', NB_K_PGDN}, NULL, "下页",
	 "下翻一页；到本部分末尾时到下一部分",
	 "Page down; at the end of a part, go on to the next part, as less pages through a file.", 0, 0},
	{NB_A_VIEW_PAGE_UP, "view-page-up", V, {'b', NB_K_PGUP}, NULL, NULL,
	 "上翻一页；到本部分开头时到上一部分",
	 "Page up; at the top of a part, back to the previous part.", 0, 0},
	{NB_A_VIEW_TOP, "view-top", V, {'g', '<'}, NULL, NULL,
	 "到报告开头（封面）",
	 "Go to the start of the report (the cover); in the list, to the first report.", 0, 0},
	{NB_A_VIEW_BOTTOM, "view-bottom", V, {'G', '>'}, NULL, NULL,
	 "到报告末尾（结束检查）",
	 "Go to the end of the report (the closing check); in the list, to the last report.", 0, 0},
	{NB_A_SEARCH, "search", V, {'/'}, NULL, "搜索",
	 "搜索文字、栏目名称或数字（可输入中文）",
	 "Search for a text, a label or a number (Chinese as typed) from the cursor on; in the list, search agency names.", 0, 0},
	{NB_A_SEARCH_NEXT, "search-next", V, {'n'}, NULL, NULL,
	 "到下一个搜索结果", "Go to the next match of the search.", 0, 0},
	{NB_A_SEARCH_PREV, "search-prev", V, {'N'}, NULL, NULL,
	 "到上一个搜索结果", "Go to the previous match of the search.", 0, 0},
	{NB_A_NEXT_FILE, "next-file", V, {']'}, NULL, "下一份",
	 "打开列表中的下一份报告",
	 "Open the next report of the list (as shown: sorted and filtered).", 0, 0},
	{NB_A_PREV_FILE, "prev-file", V, {'['}, NULL, NULL,
	 "打开列表中的上一份报告",
	 "Open the previous report of the list.", 0, 0},
	{NB_A_COMMENT, "comment", V, {'c'}, NULL, "意见",
	 "对当前格子、表格、部分或整份报告提出审核意见（写入报告文件，不改任何数字）",
	 "Attach a reviewer's comment (审核意见) to the current cell, table, section or the whole report. It is written into the report file under the report's lock, with the author and time; no figure changes. When the clerk has the report open, the comment is kept and sent again by this key.", 0, 0},
	{NB_A_VIEW_DIFF, "year-diff", V, {'d'}, NULL, "对照上年",
	 "与列表中本机关上一年度的报告对照：列出不同的数字和文字（上年、今年、变化）及上年结转提醒，Enter 跳到该处",
	 "Compare the report with last year's report of the same body when the list holds it (as nianbao diff): the carry-over warnings, then every text and cell that differs, with both values and the change, in the printed labels. Enter jumps to the place; q or Esc goes back.", 0, 0},

	{NB_A_SORT, "sort", Q, {'s'}, NULL, "排序",
	 "依次按机关名称、错误数、年度、未填格数排序",
	 "Sort the list by agency, then by errors (most first), by year (newest first), by unfinished (blank input) cells, most first.", 0, 0},
	{NB_A_FILTER_ERRORS, "filter-errors", Q, {'e'}, NULL, "只看错误",
	 "只列出有错误的报告；再按一次列出全部",
	 "Show only the reports with errors; again to show all.", 0, 0},
};

#define NACT ((int)(sizeof table / sizeof table[0]))

const nb_actiondef *nb_actions_table(int *n)
{
	*n = NACT;
	return table;
}

const nb_actiondef *nb_action_def(nb_action a)
{
	for (int i = 0; i < NACT; i++)
		if (table[i].id == a)
			return &table[i];
	return NULL;
}

static nb_action find(int key, int ctxmask)
{
	for (int i = 0; i < NACT; i++) {
		if (!(table[i].ctx & ctxmask))
			continue;
		for (int k = 0; k < NB_ACTION_KEYS && table[i].keys[k]; k++)
			if (table[i].keys[k] == key)
				return table[i].id;
	}
	return NB_A_NONE;
}

nb_action nb_action_for_key(int key, int ctx)
{
	nb_action a = NB_A_NONE;

	if (key == 0)
		return NB_A_NONE;
	if ((ctx & NB_CTX_VIEW) && (a = find(key, NB_CTX_VIEW)) != NB_A_NONE)
		return a;
	if (ctx != NB_CTX_GLOBAL)
		a = find(key, ctx & ~NB_CTX_GLOBAL);
	return a != NB_A_NONE ? a : find(key, NB_CTX_GLOBAL);
}

const char *nb_key_name(int key, char *buf, size_t n)
{
	static const char *named[] = {
		"", "Up", "Down", "Left", "Right", "Home", "End", "PgUp", "PgDn",
		"Shift-Tab", "Del", "Backspace", "Enter", "Esc", "Tab", "Resize",
		"Paste"
	};

	if (key > NB_K_F0 && key <= NB_K_F(24))
		snprintf(buf, n, "F%d", key - NB_K_F0);
	else if (key > NB_K_BASE && key <= NB_K_PASTE)
		snprintf(buf, n, "%s", named[key - NB_K_BASE]);
	else if ((key & 0x120000) == 0x120000 && (key & ~0x120000) < 128)
		snprintf(buf, n, "Alt-%c", (char)(key & 0x7f) - 'a' + 'A');
	else if (key == ' ')
		snprintf(buf, n, "Space");
	else if (key == 31)
		snprintf(buf, n, "^_");
	else if (key > 0 && key < 32)
		snprintf(buf, n, "^%c", '@' + key);
	else if (key > 32 && key < 127)
		snprintf(buf, n, "%c", key);
	else
		snprintf(buf, n, "U+%04X", (unsigned)key);
	return buf;
}

const char *nb_action_keys(const nb_actiondef *d, char *buf, size_t n)
{
	size_t used = 0;

	if (n == 0)
		return buf;
	buf[0] = 0;
	if (d->keytext) {
		snprintf(buf, n, "%s", d->keytext);
		return buf;
	}
	for (int k = 0; k < NB_ACTION_KEYS && d->keys[k]; k++) {
		char one[32];
		int w = snprintf(buf + used, n - used, "%s%s", k ? " " : "",
				 nb_key_name(d->keys[k], one, sizeof one));
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	return buf;
}

/* Global actions shown on the first legend line; the rest go on the
 * second line after the context's own. */
static int first_line(nb_action a)
{
	return a == NB_A_SAVE || a == NB_A_QUIT || a == NB_A_NEXT_SECTION ||
	       a == NB_A_PREV_SECTION || a == NB_A_CONTENTS || a == NB_A_HELP;
}

int nb_action_edits(nb_action a)
{
	const nb_actiondef *d = nb_action_def(a);

	return d && (d->flags & NB_AF_EDIT);
}

/* The viewer's legend: line one its own keys, line two what works of the
 * context (the list's Enter, the queue's sorting) and of the global keys. */
static int legend_view(int ctx, const nb_actiondef **out, int max)
{
	int n = 0;

	if ((ctx & ~NB_CTX_VIEW) == NB_CTX_GLOBAL) {
		for (int i = 0; i < NACT && n < max; i++)
			if (table[i].legend && table[i].ctx == NB_CTX_VIEW)
				out[n++] = &table[i];
		return n;
	}
	for (int i = 0; i < NACT && n < max; i++)
		if (table[i].legend && (table[i].ctx & ctx & ~(NB_CTX_VIEW | NB_CTX_GLOBAL)) &&
		    !nb_action_edits(table[i].id))
			out[n++] = &table[i];
	if (ctx & NB_CTX_QUEUE) /* no report open: the global keys act on one */
		return n;
	for (int i = 0; i < NACT && n < max; i++)
		if (table[i].legend && table[i].ctx == NB_CTX_GLOBAL &&
		    !nb_action_edits(table[i].id) && table[i].id != NB_A_QUIT)
			out[n++] = &table[i];
	return n;
}

int nb_actions_legend_ro(int ctx, int readonly, const nb_actiondef **out, int max)
{
	int n = 0;

	if (ctx & NB_CTX_VIEW)
		return legend_view(ctx, out, max);
	for (int pass = 0; pass < 3; pass++)
		for (int i = 0; i < NACT && n < max; i++) {
			const nb_actiondef *d = &table[i];
			int glob = d->ctx == NB_CTX_GLOBAL;
			if (!d->legend || (readonly && (d->flags & NB_AF_EDIT)))
				continue;
			/* The global line; else the context's own, then the
			 * global ones not on the first line. */
			if (ctx == NB_CTX_GLOBAL ? pass == 0 && glob && first_line(d->id) :
			    pass == 1 ? !glob && (d->ctx & ctx) :
			    pass == 2 && glob && !first_line(d->id))
				out[n++] = d;
		}
	return n;
}

int nb_actions_legend(int ctx, const nb_actiondef **out, int max)
{
	return nb_actions_legend_ro(ctx, 0, out, max);
}

int nb_actions_legend_fit(const nb_actiondef **out, int n, int cols, int minslot)
{
	int fit = minslot > 0 ? cols / minslot : n;

	while (n > fit && n > 0) {
		/* Drop the first of the lowest priority. */
		int low = 0;
		for (int i = 1; i < n; i++)
			if (out[i]->keep < out[low]->keep)
				low = i;
		for (int i = low; i + 1 < n; i++)
			out[i] = out[i + 1];
		n--;
	}
	return n;
}

static const struct {
	int ctx;
	const char *zh, *en;
} groups[] = {
	{NB_CTX_GLOBAL, "任何画面", "Everywhere"},
	{0, "移动", "Moving"},
	{NB_CTX_TABLE, "表格中", "In a table"},
	{NB_CTX_TEXT, "文字栏目中", "In a text or a cover field"},
	{NB_CTX_LIST, "目录和问题列表中", "In the contents and the list of findings"},
	{NB_CTX_VIEW, "查看报告时（nianbao view）", "In nianbao view"},
	{NB_CTX_QUEUE, "报告列表中（nianbao view）", "In the list of reports of nianbao view"},
};

/* mdoc treats a leading '.' or '\'' as a request, and '\' as an escape. */
static void man_text(FILE *out, const char *s)
{
	const char *start = s;

	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == ' ' && s > start && s[-1] == '.' && s[1])
			fputc('\n', out); /* mdoc: a new sentence on a new line */
		else
			fputc(*s, out);
	}
}

/* Each key as its own Sy argument; a lone punctuation mark would be read
 * by mdoc as a delimiter, so it is escaped. */
static void man_keys(FILE *out, const char *keys)
{
	char buf[128], *tok, *save = NULL;

	snprintf(buf, sizeof buf, "%s", keys);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		fputs(" Sy ", out);
		if (strlen(tok) == 1 && strchr(".,:;?!()[]|-", tok[0]))
			fputs("\\&", out);
		man_text(out, tok);
	}
}

void nb_actions_print(FILE *out, int man)
{
	char keys[128];

	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		if (man)
			fprintf(out, ".Ss %s\n.Bl -tag -width Ds\n",
				man == NB_KEYS_MAN_ZH ? groups[g].zh : groups[g].en);
		else
			fprintf(out, "%s%s:\n", g ? "\n" : "", groups[g].zh);
		for (int i = 0; i < NACT; i++) {
			/* Actions of several contexts form the group "moving". */
			int c = table[i].ctx, single = (c & (c - 1)) == 0;
			if (single ? c != groups[g].ctx : groups[g].ctx != 0)
				continue;
			nb_action_keys(&table[i], keys, sizeof keys);
			if (man) {
				fputs(".It", out);
				man_keys(out, keys);
				fputc('\n', out);
				man_text(out, man == NB_KEYS_MAN_ZH ? table[i].zh : table[i].en);
				fputc('\n', out);
			} else {
				fprintf(out, "  %-22s %s\n", keys, table[i].zh);
			}
		}
		if (man)
			fputs(".El\n", out);
	}
}
