/* Text: the layout in which published reports are scraped from their web
 * pages (the seed, /work/shared/seed/000_*.txt), and which the importer
 * reads back:
 *
 *   title                        one line
 *   opening paragraphs           one a line (the cover's preamble)
 *   一、总体情况                 each section: its heading,
 *   paragraph ...                its prose a paragraph a line,
 *   第二十条第（一）项 |         then every cell of its tables, one a line
 *   信息内容 |                   ending in " |", in the page's order: the
 *   本年制发件数 |               merged grid (form/layout.h) read row by
 *   ...                          row, left to right, headers included.
 *   3 |
 *
 * A blank cell is an empty cell text (" |"), never 0. Blank lines of the
 * prose are dropped, and control characters with them, so every line is
 * either a paragraph or a cell. Lines end in LF; the file ends with one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/layout.h"
#include "io/export.h"
#include "io/export_prose.h"

/* The paragraphs of text, one a line. -1 when out of memory. */
static int paragraphs(FILE *o, const char *text)
{
	char *clean = nb_prose_clean(text, 0);
	const char *p = clean, *para;
	size_t n;

	if (!clean)
		return -1;
	while ((para = nb_prose_next(&p, &n))) {
		fwrite(para, 1, n, o);
		putc('\n', o);
	}
	free(clean);
	return 0;
}

static int cells(FILE *o, const nb_export_in *in, int section)
{
	nb_layout l;

	/* See export_html.c: no grid for a section without tables. */
	if (in->form->section[section].ntables == 0)
		return 0;
	if (nb_layout_build(in->form, section, &l) < 0)
		return -1;
	for (int i = 0; i < l.ncell; i++) {
		const nb_lcell *c = &l.cell[i];

		if (c->kind == NB_LC_VALUE) {
			char val[NB_VALUE_BUFSZ];
			nb_value_format(&in->rep->cell[c->cell],
					nb_form_cell_type(in->form, c->cell), val, sizeof val);
			fprintf(o, "%s |\n", val);
		} else {
			char *t = nb_prose_clean(c->text ? c->text : "", 1);
			if (!t) {
				nb_layout_free(&l);
				return -1;
			}
			fprintf(o, "%s |\n", t);
			free(t);
		}
	}
	nb_layout_free(&l);
	return 0;
}

static nb_status write_text(const nb_export_in *in, const char *path, nb_err *err)
{
	const nb_form *f = in->form;
	int pre = nb_form_field(f, "preamble"), bad = 0;
	char title[1024];
	FILE *o = nb_export_fopen(path, err);

	if (!o)
		return NB_UNWRITABLE;
	nb_report_title(in->rep, title, sizeof title);
	bad |= paragraphs(o, title);
	if (pre >= 0)
		bad |= paragraphs(o, in->rep->text[pre]);
	for (int s = 0; s < f->nsection && !bad; s++) {
		const nb_section *sec = &f->section[s];

		bad |= paragraphs(o, sec->heading);
		if (sec->text >= 0)
			bad |= paragraphs(o, in->rep->text[sec->text]);
		bad |= cells(o, in, s);
	}
	return nb_export_fclose(o, path, bad, err);
}

const nb_export_format nb_export_text = {
	"text", ".txt", "发布文本（每段一行，表格每格一行以“ |”结尾）", write_text
};
