/* The closing screen: every remaining finding, then the rules not yet
 * filled in (issue 9 item 2: missing, not failed), then the reviewers'
 * comments (审核意见); Enter jumps there, r marks a comment resolved (or
 * open again) through the document: undoable, journalled. */
#include "ui/app.h"

#include <stdio.h>
#include <string.h>

#include "model/comments.h"

/* The closing screen's own state: its selection and scroll. */
typedef struct {
	int sel, top;
} findings_priv;

static findings_priv *priv(nb_app *a)
{
	return nb_priv(a, NB_SCR_FINDINGS);
}

static void open_(nb_app *a)
{
	priv(a)->sel = 0;
	priv(a)->top = 0;
}

/* Lines of the list: under the title, above the selected finding in full. */
static int list_h(void)
{
	return LINES - 4 - 2 - 3 > 1 ? LINES - 4 - 2 - 3 : 1;
}

/* The comments follow the findings and the unfinished rules, open first. */
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

typedef enum { IT_FINDING, IT_UNFINISHED, IT_COMMENT } item_kind;

/* Item i: its kind and text; a finding's record, an unfinished rule's
 * cell, a comment's index. */
static item_kind item(nb_app *a, int i, char *m, size_t n, const nb_finding **f,
		      int *cell, int *ci)
{
	int nf = nb_engine_nfindings(a->eng), nu = nb_engine_nunfinished(a->eng);

	*f = NULL;
	*cell = *ci = -1;
	if (i < nf) {
		*f = nb_engine_finding(a->eng, i);
		nb_finding_text(a->form, *f, m, n);
		*cell = (*f)->cell;
		return IT_FINDING;
	}
	if (i < nf + nu) {
		*cell = nb_engine_unfinished(a->eng, i - nf, m, n);
		return IT_UNFINISHED;
	}
	*ci = comment_at(a, i - nf - nu);
	if (*ci >= 0)
		comment_line(a, *ci, m, n);
	else if (n)
		m[0] = 0;
	return IT_COMMENT;
}

static int nitems(nb_app *a)
{
	return nb_engine_nfindings(a->eng) + nb_engine_nunfinished(a->eng) + a->rep->ncomment;
}

static void draw(nb_app *a)
{
	findings_priv *v = priv(a);
	int n = nitems(a), h = list_h(), y0 = 3, nu = nb_engine_nunfinished(a->eng);
	int open = nb_comments_open(a->rep), nf = nb_engine_nfindings(a->eng);
	char line[NB_FINDING_MSG + 256], more[160] = "";

	nb_draw_chrome(a, "结束检查", NB_CTX_LIST);
	if (nu)
		snprintf(more, sizeof more, "，尚未填完的规则 %d 条", nu);
	if (open)
		snprintf(more + strlen(more), sizeof more - strlen(more),
			 "，审核意见 %d 条待处理（r 标为已解决）", open);
	snprintf(line, sizeof line, "结束检查：错误 %d 个，提醒 %d 个%s。%s",
		 nb_engine_count(a->eng, NB_SEV_ERROR),
		 nb_engine_count(a->eng, NB_SEV_WARNING), more,
		 open ? "" : nf + nu ? "Enter 跳到所选一项去修改；草稿可随时 ^S 保存。" :
		 "全部检查通过，可以按 ^S 保存。");
	attrset(A_BOLD);
	nb_put(1, 0, line, COLS, 1);
	attrset(A_NORMAL);
	if (v->sel >= n)
		v->sel = n ? n - 1 : 0;
	if (v->top > v->sel)
		v->top = v->sel;
	if (v->sel >= v->top + h)
		v->top = v->sel - h + 1;
	for (int i = 0; i < h && v->top + i < n; i++) {
		char m[2048];
		const nb_finding *f;
		int cell, ci, y = y0 + i, which;
		item_kind k = item(a, v->top + i, m, sizeof m, &f, &cell, &ci);

		which = k == IT_COMMENT ? NB_ATTR_HINT : k == IT_UNFINISHED ? NB_ATTR_DIM :
			f->sev == NB_SEV_ERROR ? NB_ATTR_ERROR : NB_ATTR_WARN;
		attr_set(nb_attr(which), nb_pair(which), NULL);
		if (k == IT_COMMENT) {
			int res = ci >= 0 && a->rep->comment[ci].resolved;
			mvaddch(y, 0, (chtype)(res ? ' ' : '*'));
			nb_put(y, 1, res ? "已解" : "意见", 4, 0);
		} else {
			mvaddch(y, 0, f ? (chtype)nb_sev_mark(f->sev) : '.');
			nb_put(y, 1, !f ? "未完" : f->sev == NB_SEV_ERROR ? "错误" : "提醒", 4, 0);
		}
		attr_set(A_NORMAL, 0, NULL);
		if (v->top + i == v->sel) {
			attrset(nb_attr(NB_ATTR_SEL));
			a->cur_y = y;
			a->cur_x = 6;
		}
		nb_put(y, 5, " ", 1, 0);
		nb_put(y, 6, m, COLS - 6, 1);
		attrset(A_NORMAL);
	}
	if (n) {
		char m[2048];
		const nb_finding *f;
		int cell, ci;
		item(a, v->sel, m, sizeof m, &f, &cell, &ci);
		nb_put_wrapped(LINES - 6, 0, m, COLS, 2);
	}
}

static nb_result key(nb_app *a, const nb_ev *ev, nb_action act)
{
	findings_priv *v = priv(a);
	int n = nitems(a), nf = nb_engine_nfindings(a->eng), nu = nb_engine_nunfinished(a->eng);
	char m[2048];
	const nb_finding *f;
	int cell, ci, idx;
	item_kind k;

	(void)ev;
	if (nb_list_key(&v->sel, act, n, list_h()))
		return NB_HANDLED;
	k = v->sel < n ? item(a, v->sel, m, sizeof m, &f, &cell, &ci) : IT_FINDING;
	switch (act) {
	case NB_A_OPEN:
		if (v->sel >= n)
			return NB_HANDLED;
		if (k == IT_FINDING) {
			nb_jump_finding(a, v->sel);
		} else if (k == IT_UNFINISHED) {
			if (cell >= 0)
				nb_jump_cell(a, cell);
			nb_msg(a, 0, "%s", m);
		} else if (ci >= 0) {
			nb_ctarget t = nb_comment_target(a->form, a->rep->comment[ci].target, &idx);
			if (t == NB_CT_CELL)
				nb_jump_cell(a, idx);
			else if (t == NB_CT_TABLE)
				nb_jump_cell(a, a->form->table[idx].cell_base);
			else if (t == NB_CT_SECTION)
				nb_go_part(a, idx + 1);
		}
		return NB_HANDLED;
	case NB_A_RESOLVE:
		if (v->sel >= n || k != IT_COMMENT || ci < 0) {
			nb_msg(a, 0, "r 用于审核意见：先选中一条意见");
			return NB_HANDLED;
		}
		if (nb_refuse_readonly(a))
			return NB_HANDLED;
		if (nb_doc_resolve_comment(a->doc, ci, !a->rep->comment[ci].resolved) == NB_OK) {
			/* The list puts open ones first: follow the comment. */
			for (int j = 0; j < a->rep->ncomment; j++)
				if (comment_at(a, j) == ci)
					v->sel = nf + nu + j;
			nb_msg(a, 0, a->rep->comment[ci].resolved ?
			       "已标为已解决（^Z 撤销，^S 保存）" : "已重新打开这条意见");
		}
		return NB_HANDLED;
	default:
		nb_msg(a, 0, "上下键选择，Enter 跳到该处");
		return NB_IGNORED;
	}
}

const nb_screen nb_screen_findings = {
	"findings", NB_CTX_LIST, open_, draw, key, NULL, sizeof(findings_priv)
};
