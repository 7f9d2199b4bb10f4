/* The closing screen: every remaining finding, then the reviewers'
 * comments (审核意见); Enter jumps to the place, r marks a comment
 * resolved (or open again) through the document: undoable, journalled. */
#include "ui/app.h"

#include <stdio.h>
#include <string.h>

#include "model/comments.h"

/* Lines after the findings: the comments, open ones first. */
static int ncomments(nb_app *a)
{
	return a->rep->ncomment;
}

static int comment_at(nb_app *a, int k)
{
	int seen = 0;

	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < a->rep->ncomment; i++)
			if (a->rep->comment[i].resolved == pass && seen++ == k)
				return i;
	return -1;
}

static void comment_line(nb_app *a, int ci, char *buf, size_t n)
{
	const nb_comment *c = &a->rep->comment[ci];
	char where[1024];

	nb_comment_where(a->form, c->target, where, sizeof where);
	snprintf(buf, n, "%s：%s%s%s%s", where, c->text, c->author[0] ? "（" : "",
		 c->author, c->author[0] ? "）" : "");
}

static void open_(nb_app *a)
{
	a->list_sel = 0;
	a->list_top = 0;
}

/* Lines of the list: under the title, above the selected finding in full. */
static int list_h(void)
{
	return LINES - 4 - 2 - 3 > 1 ? LINES - 4 - 2 - 3 : 1;
}

static void draw(nb_app *a)
{
	int nf = nb_engine_nfindings(a->eng), n = nf + ncomments(a), h = list_h(), y0 = 3;
	int open = nb_comments_open(a->rep);
	char line[NB_FINDING_MSG + 128];

	nb_draw_chrome(a, "结束检查", NB_CTX_LIST);
	char more[96] = "";

	if (open)
		snprintf(more, sizeof more, "，审核意见 %d 条待处理（r 标为已解决）", open);
	snprintf(line, sizeof line, "结束检查：错误 %d 个，提醒 %d 个%s。%s",
		 nb_engine_count(a->eng, NB_SEV_ERROR),
		 nb_engine_count(a->eng, NB_SEV_WARNING), more,
		 open ? "" : nf ? "Enter 跳到所选一项去修改；草稿可随时 ^S 保存。" :
		 "全部检查通过，可以按 ^S 保存。");
	attrset(A_BOLD);
	nb_put(1, 0, line, COLS, 1);
	attrset(A_NORMAL);
	if (a->list_sel >= n)
		a->list_sel = n ? n - 1 : 0;
	if (a->list_top > a->list_sel)
		a->list_top = a->list_sel;
	if (a->list_sel >= a->list_top + h)
		a->list_top = a->list_sel - h + 1;
	for (int i = 0; i < h && a->list_top + i < n; i++) {
		if (a->list_top + i >= nf) {
			int ci = comment_at(a, a->list_top + i - nf), y = y0 + i, res;
			char m[2048];
			if (ci < 0)
				continue;
			res = a->rep->comment[ci].resolved;
			comment_line(a, ci, m, sizeof m);
			attr_set(nb_attr(NB_ATTR_HINT), nb_pair(NB_ATTR_HINT), NULL);
			mvaddch(y, 0, (chtype)(res ? ' ' : '*'));
			nb_put(y, 1, res ? "已解" : "意见", 4, 0);
			attr_set(A_NORMAL, 0, NULL);
			if (a->list_top + i == a->list_sel) {
				attrset(nb_attr(NB_ATTR_SEL));
				a->cur_y = y;
				a->cur_x = 6;
			}
			nb_put(y, 5, " ", 1, 0);
			nb_put(y, 6, m, COLS - 6, 1);
			attrset(A_NORMAL);
			continue;
		}
		{
		const nb_finding *f = nb_engine_finding(a->eng, a->list_top + i);
		int which = f->sev == NB_SEV_ERROR ? NB_ATTR_ERROR : NB_ATTR_WARN, y = y0 + i;
		char m[NB_FINDING_MSG + 64];

		nb_finding_text(a->form, f, m, sizeof m);
		attr_set(nb_attr(which), nb_pair(which), NULL);
		mvaddch(y, 0, (chtype)nb_sev_mark(f->sev));
		nb_put(y, 1, f->sev == NB_SEV_ERROR ? "错误" : "提醒", 4, 0);
		attr_set(A_NORMAL, 0, NULL);
		if (a->list_top + i == a->list_sel) {
			attrset(nb_attr(NB_ATTR_SEL));
			a->cur_y = y;
			a->cur_x = 6;
		}
		nb_put(y, 5, " ", 1, 0);
		nb_put(y, 6, m, COLS - 6, 1);
		attrset(A_NORMAL);
		}
	}
	if (a->list_sel < nf) {
		const nb_finding *f = nb_engine_finding(a->eng, a->list_sel);
		char m[NB_FINDING_MSG + 64];
		nb_finding_text(a->form, f, m, sizeof m);
		nb_put_wrapped(LINES - 6, 0, m, COLS, 2);
	} else if (a->list_sel < n && comment_at(a, a->list_sel - nf) >= 0) {
		char m[2048];
		comment_line(a, comment_at(a, a->list_sel - nf), m, sizeof m);
		nb_put_wrapped(LINES - 6, 0, m, COLS, 2);
	}
}

static void key(nb_app *a, const nb_ev *ev, nb_action act)
{
	int nf = nb_engine_nfindings(a->eng), n = nf + ncomments(a), ci;

	(void)ev;
	if (nb_list_key(a, act, n, list_h()))
		return;
	ci = a->list_sel >= nf ? comment_at(a, a->list_sel - nf) : -1;
	switch (act) {
	case NB_A_OPEN:
		if (a->list_sel < nf) {
			nb_jump_finding(a, a->list_sel);
		} else if (ci >= 0) {
			int idx;
			nb_ctarget k = nb_comment_target(a->form, a->rep->comment[ci].target, &idx);
			if (k == NB_CT_CELL)
				nb_jump_cell(a, idx);
			else if (k == NB_CT_TABLE)
				nb_jump_cell(a, a->form->table[idx].cell_base);
			else if (k == NB_CT_SECTION)
				nb_go_part(a, idx + 1);
		}
		break;
	case NB_A_RESOLVE:
		if (ci < 0) {
			nb_msg(a, 0, "r 用于审核意见：先选中一条意见");
			break;
		}
		if (nb_refuse_readonly(a))
			break;
		if (nb_doc_resolve_comment(a->doc, ci, !a->rep->comment[ci].resolved) == NB_OK) {
			/* The list puts open ones first: follow the comment. */
			for (int k = 0; k < ncomments(a); k++)
				if (comment_at(a, k) == ci)
					a->list_sel = nf + k;
			nb_msg(a, 0, a->rep->comment[ci].resolved ?
			       "已标为已解决（^Z 撤销，^S 保存）" : "已重新打开这条意见");
		}
		break;
	default:
		nb_msg(a, 0, "上下键选择，Enter 跳到该处");
	}
}

const nb_screen nb_screen_findings = {
	"findings", NB_CTX_LIST, open_, draw, key, NULL
};
