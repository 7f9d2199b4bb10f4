/* A section of the report: its tables, then its prose. Sections 一, 五, 六
 * have only prose. Moving past the end of one part enters the next. */
#include "ui/app.h"

#include <stdio.h>
#include <string.h>

/* The section screen's own state. */
typedef struct {
	int stack_top;          /* first stacked table shown (section 二) */
} section_priv;

static section_priv *priv(nb_app *a)
{
	return nb_priv(a, NB_SCR_SECTION);
}

static const nb_section *sec(nb_app *a)
{
	return &a->form->section[a->part - 1];
}

static int nparts(nb_app *a)
{
	return sec(a)->ntables + (sec(a)->text >= 0);
}

static int is_text_part(nb_app *a)
{
	return a->sub >= sec(a)->ntables;
}

static void enter_part(nb_app *a)
{
	if (a->sub >= nparts(a))
		a->sub = nparts(a) - 1;
	if (a->sub < 0)
		a->sub = 0;
	if (is_text_part(a))
		nb_te_load(a, sec(a)->text);
	else
		nb_te_load(a, -1);
}

static void open_(nb_app *a)
{
	enter_part(a);
}

static void close_(nb_app *a)
{
	nb_grid_commit(a);
	nb_te_load(a, -1);
}

static int body_h(void)
{
	return LINES - 4 - 2; /* header, part title, status, legend x2, hint */
}

static void draw(nb_app *a)
{
	const nb_section *s = sec(a);
	char title[512];
	int np = nparts(a), y = 1;

	nb_draw_chrome(a, s->heading, is_text_part(a) ? NB_CTX_TEXT : NB_CTX_TABLE);
	if (is_text_part(a)) {
		const nb_field *f = &a->form->field[s->text];
		const nb_finding *fd = nb_engine_field_finding(a->eng, s->text);
		if (s->ntables)
			snprintf(title, sizeof title, "[%d/%d] %s的文字说明（%s）", a->sub + 1,
				 np, s->number, f->required ? "必填" : "可不填");
		else
			snprintf(title, sizeof title, "%s（%s）", s->heading,
				 f->required ? "必填" : "可不填");
		attrset(A_BOLD);
		nb_put(y, 0, title, COLS, 1);
		attrset(A_NORMAL);
		nb_te_draw(a, y + 1, 0, body_h(), COLS, 1);
		if (!*nb_tb_text(&a->te.tb) && f->hint) {
			attr_set(nb_attr(NB_ATTR_HINT), nb_pair(NB_ATTR_HINT), NULL);
			nb_put_wrapped(y + 1, 0, f->hint, COLS, 2);
			attrset(A_NORMAL);
			a->cur_y = y + 1;
			a->cur_x = 0;
		}
		if (fd) {
			char m[NB_FINDING_MSG + 64];
			nb_finding_text(a->form, fd, m, sizeof m);
			nb_put(LINES - 4, 0, m, COLS, 1);
		} else {
			int last = a->part == a->form->nsection;
			/* Read-only: only what works there (issue 9 item 8). */
			snprintf(title, sizeof title, "%sTab 到%s   Shift-Tab %s%s",
				 a->doc->readonly ? "只读查看   " : "Enter 另起一段   ",
				 last ? "结束检查" : "下一部分", np > 1 ? "回到表格" : "到上一部分",
				 a->doc->readonly ? "" : "   ^X 外部编辑器");
			nb_put(LINES - 4, 0, title, COLS, 1);
		}
		return;
	}
	{
		int ti = s->first_table + a->sub;
		const nb_table *t = &a->form->table[ti];
		snprintf(title, sizeof title, "[%d/%d] %s%s%s", a->sub + 1, np, t->name,
			 t->title && !strstr(t->name, t->title) ? "  " : "",
			 t->title && !strstr(t->name, t->title) ? t->title : "");
		attrset(A_BOLD);
		nb_put(y, 0, title, COLS, 1);
		attrset(A_NORMAL);
		/* Where am I: the row counter at the right of the title. */
		{
			char rc[32];
			int rw;
			snprintf(rc, sizeof rc, "行 %d/%d", a->tpos[ti].row + 1, t->rows.nleaf);
			rw = nb_str_width(rc, strlen(rc));
			if (rw + 2 < COLS)
				nb_put(y, COLS - rw, rc, rw, 0);
		}
		/* Several small tables (section 二): all of them, one under the
		 * other, when the current one fits with its title. */
		if (s->ntables < 2 ||
		    nb_grid_draw_stack(a, s->first_table, s->ntables, a->sub,
				       &priv(a)->stack_top, y + 1, 0, LINES - 4 - y, COLS) < 0)
			nb_grid_draw(a, ti, y + 1, 0, LINES - 4 - y, COLS);
	}
}

static nb_result key(nb_app *a, const nb_ev *ev, nb_action act)
{
	const nb_section *s = sec(a);
	nb_grid_result r;

	if (is_text_part(a)) {
		if (act == NB_A_NEXT_FIELD || act == NB_A_PREV_FIELD ||
		    (act == NB_A_UP && a->sub > 0)) {
			int row, col;
			nb_tb_cursor_rc(&a->te.tb, &a->te.lay, &row, &col);
			if (act == NB_A_UP && row > 0) {
				nb_te_key(a, ev, act, body_h());
				return NB_HANDLED;
			}
			if (act == NB_A_NEXT_FIELD) {
				nb_go_part(a, a->part + 1);
				return NB_HANDLED;
			}
			if (a->sub > 0) {
				a->sub--;
				/* Back from the prose: the table's last cell. */
				if (!is_text_part(a)) {
					const nb_table *t = &a->form->table[s->first_table + a->sub];
					nb_tablepos *tp = &a->tpos[s->first_table + a->sub];
					tp->row = t->rows.nleaf - 1;
					tp->col = t->cols.nleaf - 1;
					while (tp->col > 0 && nb_engine_is_computed(a->eng,
					       t->cell_base + tp->row * t->cols.nleaf + tp->col))
						tp->col--;
				}
				enter_part(a);
			} else {
				nb_go_part(a, a->part - 1);
			}
			return NB_HANDLED;
		}
		return nb_te_key(a, ev, act, body_h()) ? NB_HANDLED : NB_IGNORED;
	}
	r = nb_grid_key(a, s->first_table + a->sub, ev, act);
	/* Small tables shown one under another (section 二) read as one
	 * form: Tab goes on from one to the next, not into the prose. */
	if ((r == NB_GRID_WRAPPED_FORWARD && a->sub + 1 < s->ntables) ||
	    (r == NB_GRID_WRAPPED_BACK && a->sub > 0)) {
		int fwd = r == NB_GRID_WRAPPED_FORWARD;
		const nb_table *t;
		nb_tablepos *p;
		a->sub += fwd ? 1 : -1;
		t = &a->form->table[s->first_table + a->sub];
		p = &a->tpos[s->first_table + a->sub];
		/* From the far end, one more step comes round to the
		 * first (last) input cell of that table. */
		p->row = fwd ? t->rows.nleaf - 1 : 0;
		p->col = fwd ? t->cols.nleaf - 1 : 0;
		nb_grid_key(a, s->first_table + a->sub, ev, act);
		a->msg[0] = 0;
		enter_part(a);
		return NB_HANDLED;
	}
	if (r == NB_GRID_LEFT_FORWARD) {
		if (a->sub + 1 < nparts(a)) {
			a->sub++;
			if (!is_text_part(a))
				a->tpos[s->first_table + a->sub].row = 0;
			enter_part(a);
		} else if (act == NB_A_LEAVE_TABLE) {
			nb_go_part(a, a->part + 1);
		}
	} else if (r == NB_GRID_LEFT_BACK && a->sub > 0) {
		a->sub--;
		if (!is_text_part(a)) {
			const nb_table *t = &a->form->table[s->first_table + a->sub];
			a->tpos[s->first_table + a->sub].row = t->rows.nleaf - 1;
		}
		enter_part(a);
	} else if (r == NB_GRID_IGNORED) {
		if (act == NB_A_NONE)
			nb_msg(a, 0, "这个键在表格中没有作用；按 F1 或 ^G 看帮助");
		return NB_IGNORED;
	}
	return NB_HANDLED;
}

const nb_screen nb_screen_section = {
	"section", NB_CTX_TABLE, open_, draw, key, close_, sizeof(section_priv)
};
