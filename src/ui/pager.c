/* The viewer's keys, as a less user expects them, on the editor's screens:
 * paging that runs on through the parts of the report, search over the
 * texts, labels and numbers, the next and previous file of the list. */
#include "ui/view.h"

#include <stdlib.h>
#include <string.h>

void nb_view_here(nb_app *a, int *cell, int *field)
{
	*cell = *field = -1;
	if (!a->doc)
		return;
	if (a->scr == NB_SCR_SECTION && a->part >= 1 && a->part <= a->form->nsection) {
		const nb_section *s = &a->form->section[a->part - 1];
		if (a->sub < s->ntables) {
			int t = s->first_table + a->sub;
			*cell = nb_form_cell(a->form, t, a->tpos[t].row, a->tpos[t].col);
		} else {
			*field = s->text;
		}
	} else if (a->scr == NB_SCR_COVER) {
		*field = a->cover_field;
	}
}

/* Where the reader is, as far as paging can move it. */
static size_t where_sig(nb_app *a, unsigned char *buf, size_t cap)
{
	size_t n = 0;
#define PUT(x) do { if (n + sizeof(x) <= cap) { memcpy(buf + n, &(x), sizeof(x)); n += sizeof(x); } } while (0)
	PUT(a->scr);
	PUT(a->part);
	PUT(a->sub);
	PUT(a->cover_field);
	PUT(a->list_sel);
	PUT(a->te.top);
	PUT(a->te.tb);
#undef PUT
	/* Each screen's own places (scroll, selection). */
	for (int s = 0; s < NB_SCR_COUNT; s++) {
		size_t k = nb_screen_of((nb_scr)s)->priv_size;
		if (a->priv[s] && k && n + k <= cap) {
			memcpy(buf + n, a->priv[s], k);
			n += k;
		}
	}
	for (int t = 0; t < a->form->ntable && n + sizeof *a->tpos <= cap; t++) {
		memcpy(buf + n, &a->tpos[t], sizeof *a->tpos);
		n += sizeof *a->tpos;
	}
	return n;
}

/* A page within the part; where the part has no more, the next part. */
static void page(nb_app *a, nb_ev *ev, int dir)
{
	static unsigned char before[16384], after[16384];
	size_t nb = where_sig(a, before, sizeof before), na;
	int last = a->form->nsection + 1;

	nb_screen_of(a->scr)->key(a, ev, dir > 0 ? NB_A_PAGE_DOWN : NB_A_PAGE_UP);
	na = where_sig(a, after, sizeof after);
	if (na == nb && memcmp(before, after, nb) == 0) {
		int part = a->scr == NB_SCR_CONTENTS ? (dir > 0 ? 0 : -1) : a->part + dir;
		if (part < 0 || part > last) {
			nb_msg(a, 0, dir > 0 ? "已到报告末尾" : "已到报告开头");
			return;
		}
		nb_go_part(a, part);
	}
	a->msg[0] = 0;
}

static void show_hit(nb_app *a, int i)
{
	nb_view *v = a->view;
	const nb_hit *h = &v->hits[i];
	char where[1024];

	v->hit_i = i;
	if (h->cell >= 0) {
		nb_jump_cell(a, h->cell);
		nb_form_cell_path(a->form, h->cell, where, sizeof where);
	} else {
		nb_jump_field(a, h->field);
		snprintf(where, sizeof where, "%s", a->form->field[h->field].label);
	}
	nb_msg(a, 0, "“%s”第 %d/%d 处：%s（n 下一处，N 上一处）", v->pat, i + 1,
	       v->nhits, where);
}

static void search(nb_app *a, int dir)
{
	nb_view *v = a->view;
	int cell, field, i;

	if (dir == 0) {
		char *p = nb_ask_line(a, "搜索（文字、栏目名称或数字；空：上次的）：", "", 0);
		a->full = 1;
		if (!p)
			return;
		if (*p)
			snprintf(v->pat, sizeof v->pat, "%s", p);
		free(p);
	}
	if (!v->pat[0]) {
		nb_msg(a, 0, "还没有搜索：按 / 输入要找的文字");
		return;
	}
	free(v->hits);
	v->hits = NULL;
	v->nhits = nb_search(a->rep, v->pat, &v->hits);
	if (v->nhits <= 0) {
		v->nhits = 0;
		nb_msg(a, NB_SEV_WARNING, "没有找到“%s”", v->pat);
		return;
	}
	nb_view_here(a, &cell, &field);
	i = nb_search_next(a->rep, v->hits, v->nhits, cell, field, dir);
	show_hit(a, i);
}

static void other_file(nb_app *a, int dir)
{
	nb_view *v = a->view;
	int pos = nb_queue_pos(&v->q, v->cur);

	if (!v->has_list) {
		nb_msg(a, 0, "只打开了一份报告");
		return;
	}
	for (int p = pos + dir; p >= 0 && p < v->q.norder; p += dir) {
		int i = v->q.order[p];
		if (v->q.e[i].state == NB_QE_LOADED) {
			v->sel = p;
			nb_view_open(a, i);
			return;
		}
	}
	nb_msg(a, 0, dir > 0 ? "这是列表中的最后一份" : "这是列表中的第一份");
}

int nb_view_dispatch(nb_app *a, nb_ev *ev)
{
	nb_view *v = a->view;
	nb_action act;

	if (a->scr == NB_SCR_QUEUE || !a->doc) {
		nb_queue_key(a, ev);
		return 1;
	}
	act = nb_action_for_key(ev->key, (a->ctx ? a->ctx : NB_CTX_GLOBAL) | NB_CTX_VIEW);
	switch (act) {
	case NB_A_VIEW_QUIT:
		if (a->scr == NB_SCR_HELP)
			nb_go(a, a->back);
		else if (v->has_list)
			nb_view_back(a);
		else
			a->quit = 1;
		return 1;
	case NB_A_QUIT:
		a->quit = 1;
		return 1;
	case NB_A_VIEW_PAGE_DOWN:
	case NB_A_VIEW_PAGE_UP:
		if (a->scr == NB_SCR_HELP)
			return 0;
		page(a, ev, act == NB_A_VIEW_PAGE_DOWN ? 1 : -1);
		return 1;
	case NB_A_VIEW_TOP:
		nb_go_part(a, 0);
		return 1;
	case NB_A_VIEW_BOTTOM:
		nb_go_part(a, a->form->nsection + 1);
		return 1;
	case NB_A_SEARCH:
		search(a, 0);
		return 1;
	case NB_A_SEARCH_NEXT:
	case NB_A_SEARCH_PREV:
		search(a, act == NB_A_SEARCH_NEXT ? 1 : -1);
		return 1;
	case NB_A_NEXT_FILE:
	case NB_A_PREV_FILE:
		other_file(a, act == NB_A_NEXT_FILE ? 1 : -1);
		return 1;
	case NB_A_COMMENT:
		nb_view_comment(a);
		return 1;
	case NB_A_VIEW_DIFF:
		nb_view_diff(a);
		return 1;
	case NB_A_SAVE:
		nb_msg(a, NB_SEV_WARNING, "查看模式不保存报告；审核意见按 c 写入报告文件");
		return 1;
	default:
		if (nb_action_edits(act)) {
			nb_msg(a, NB_SEV_WARNING, "查看模式，不能修改报告（审核意见按 c）");
			return 1;
		}
		return 0;
	}
}
