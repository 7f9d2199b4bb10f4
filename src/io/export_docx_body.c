/* word/document.xml: the report as an official document (GB/T 9704-2012):
 * the title, the opening, then each section's heading, prose and tables.
 * Every word printed comes from the form or the report; the look (fonts,
 * sizes, indents) comes from the styles in export_docx.c, so this file
 * writes only structure: paragraphs with a style, tables with merges. */
#include <stdlib.h>
#include <string.h>

#include "form/layout.h"
#include "io/export_docx.h"

/* The text width of an A4 page with the margins of GB/T 9704 (28 mm left,
 * 26 mm right), in twentieths of a point: every table fills it. */
#define TEXT_WIDTH 8845

void nb_docx_esc(FILE *o, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	for (; p < end; p++) {
		switch (*p) {
		case '&': fputs("&amp;", o); break;
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '"': fputs("&quot;", o); break;
		case '\'': fputs("&apos;", o); break;
		case '\t': case '\n':
			putc(*p, o);
			break;
		default:
			if (*p < 0x20)
				break; /* C0: not a character XML 1.0 can carry */
			/* U+FFFE and U+FFFF (EF BF BE/BF) are not XML characters. */
			if (*p == 0xEF && end - p >= 3 && p[1] == 0xBF && p[2] >= 0xBE) {
				p += 2;
				break;
			}
			putc(*p, o);
		}
	}
}

/* One run of text; a tab becomes Word's tab element, since a tab inside
 * w:t is read as a plain space. */
static void run(FILE *o, const char *s, size_t len)
{
	fputs("<w:r>", o);
	while (len > 0) {
		const char *tab = memchr(s, '\t', len);
		size_t n = tab ? (size_t)(tab - s) : len;
		if (n) {
			fputs("<w:t xml:space=\"preserve\">", o);
			nb_docx_esc(o, s, n);
			fputs("</w:t>", o);
		}
		if (!tab)
			break;
		fputs("<w:tab/>", o);
		s += n + 1;
		len -= n + 1;
	}
	fputs("</w:r>", o);
}

static void para(FILE *o, const char *style, const char *s, size_t len)
{
	fprintf(o, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
	if (len)
		run(o, s, len);
	fputs("</w:p>", o);
}

/* Prose: a paragraph per line; blank lines only separate. */
static void prose(FILE *o, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		size_t b = 0;
		while (b < n && (text[b] == ' ' || text[b] == '\t'))
			b++;
		if (b < n)
			para(o, "BodyText", text, n);
		text += n + (nl != NULL);
	}
}

/* Display width in half-character units: a CJK character is two, ASCII
 * one; enough to share out column widths. */
static int halfwidth(const char *s)
{
	int w = 0;

	for (; *s; s++)
		if (!(*s & 0x80))
			w++;
		else if ((*s & 0xC0) == 0xC0)
			w += 2;
	return w;
}

/* Column widths for the grid: each column as wide as the longest label or
 * figure that sits in it alone (long labels wrap at 12 characters; a
 * label spanning many rows may wrap into a 4-character column), shared out
 * over the text width in proportion. */
static void col_widths(const nb_export_in *in, const nb_layout *l, int *w)
{
	long total = 0, given = 0;

	for (int c = 0; c < l->ncols; c++)
		w[c] = 6;
	for (int i = 0; i < l->ncell; i++) {
		const nb_lcell *x = &l->cell[i];
		int need;
		if (x->colspan != 1)
			continue;
		if (x->kind == NB_LC_VALUE) {
			char v[NB_VALUE_BUFSZ];
			nb_value_format(&in->rep->cell[x->cell],
					nb_form_cell_type(in->form, x->cell), v, sizeof v);
			need = halfwidth(v) + 2;
			if (need < 8)
				need = 8;
		} else {
			need = halfwidth(x->text);
			if (x->rowspan > 1) {
				int per = (need + x->rowspan - 1) / x->rowspan;
				need = need < 8 ? need : 8;
				if (per > need)
					need = per;
			} else if (need > 24) {
				need = 24;
			}
		}
		if (need > w[x->col])
			w[x->col] = need;
	}
	for (int c = 0; c < l->ncols; c++)
		total += w[c];
	for (int c = 0; c < l->ncols; c++) {
		int t = c + 1 < l->ncols ? (int)(w[c] * (long)TEXT_WIDTH / total)
					 : (int)(TEXT_WIDTH - given);
		given += t;
		w[c] = t;
	}
}

static void cell_par(FILE *o, const nb_export_in *in, const nb_lcell *x, int keep)
{
	const char *jc = x->kind == NB_LC_ROWHEAD ? "left" : "center";
	char v[NB_VALUE_BUFSZ];
	const char *s = x->text;

	fprintf(o, "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>%s<w:jc w:val=\"%s\"/></w:pPr>",
		keep ? "<w:keepNext/>" : "", jc);
	if (x->kind == NB_LC_VALUE) {
		nb_value_format(&in->rep->cell[x->cell],
				nb_form_cell_type(in->form, x->cell), v, sizeof v);
		s = v;
	}
	if (s && *s)
		run(o, s, strlen(s)); /* a blank cell stays empty, never 0 */
	fputs("</w:p>", o);
}

/* One section's grid as a Word table. Word has no rowspan: a merged
 * column of cells is a first cell marked vMerge="restart" and, in each
 * row below, a cell of the same width marked vMerge (continue). */
static int table(FILE *o, const nb_export_in *in, const nb_layout *l)
{
	int n = l->nrows * l->ncols;
	int *own = malloc((size_t)n * sizeof *own), *w = malloc((size_t)l->ncols * sizeof *w);

	if (!own || !w) {
		free(own);
		free(w);
		return -1;
	}
	for (int i = 0; i < l->ncell; i++) {
		const nb_lcell *x = &l->cell[i];
		for (int r = x->row; r < x->row + x->rowspan; r++)
			for (int c = x->col; c < x->col + x->colspan; c++)
				own[r * l->ncols + c] = i;
	}
	col_widths(in, l, w);
	fprintf(o, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
		"<w:tblBorders>", TEXT_WIDTH);
	static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
	for (int k = 0; k < 6; k++)
		fprintf(o, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>", sides[k]);
	fputs("</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
	      "<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>"
	      "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
	      "</w:tblPr><w:tblGrid>", o);
	for (int c = 0; c < l->ncols; c++)
		fprintf(o, "<w:gridCol w:w=\"%d\"/>", w[c]);
	fputs("</w:tblGrid>", o);
	for (int r = 0; r < l->nrows; r++) {
		/* Rows never break across pages; the leading header rows repeat
		 * on each page; a stacked table's title and header rows stay
		 * with the rows below them. */
		fprintf(o, "<w:tr><w:trPr><w:cantSplit/>%s</w:trPr>",
			r < l->nhead ? "<w:tblHeader/>" : "");
		for (int c = 0; c < l->ncols;) {
			const nb_lcell *x = &l->cell[own[r * l->ncols + c]];
			int width = 0;
			for (int k = c; k < c + x->colspan; k++)
				width += w[k];
			fprintf(o, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
			if (x->colspan > 1)
				fprintf(o, "<w:gridSpan w:val=\"%d\"/>", x->colspan);
			if (x->rowspan > 1)
				fputs(x->row == r ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>", o);
			fputs("<w:vAlign w:val=\"center\"/></w:tcPr>", o);
			if (x->row == r)
				cell_par(o, in, x, l->row_head[r] && r >= l->nhead);
			else
				fputs("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>", o);
			fputs("</w:tc>", o);
			c += x->colspan;
		}
		fputs("</w:tr>", o);
	}
	fputs("</w:tbl>", o);
	free(own);
	free(w);
	return 0;
}

int nb_docx_document(FILE *o, const nb_export_in *in)
{
	const nb_form *f = in->form;
	char title[1024];

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
	      " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	      "<w:body>", o);
	nb_report_title(in->rep, title, sizeof title);
	para(o, "Title", title, strlen(title));
	/* The opening: the cover's prose fields (the preamble); its one-line
	 * fields (agency, contacts) are what the opening already says. */
	for (int i = 0; i < f->nfield; i++)
		if (f->field[i].section < 0 && f->field[i].kind == NB_F_TEXT)
			prose(o, in->rep->text[i]);
	for (int s = 0; s < f->nsection; s++) {
		const nb_section *sec = &f->section[s];
		nb_layout l;
		para(o, "Heading1", sec->heading, strlen(sec->heading));
		if (sec->text >= 0)
			prose(o, in->rep->text[sec->text]);
		if (sec->ntables == 0)
			continue;
		if (nb_layout_build(f, s, &l) < 0)
			return -1;
		if (l.nrows > 0) {
			int rc = table(o, in, &l);
			/* Word needs a paragraph between a table and what
			 * follows; it also gives the table air. */
			fputs("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>", o);
			if (rc < 0) {
				nb_layout_free(&l);
				return -1;
			}
		}
		nb_layout_free(&l);
	}
	/* A4, margins 37/35/28/26 mm; odd pages number at the right, even at
	 * the left (GB/T 9704-2012 7.5). */
	fputs("<w:sectPr>"
	      "<w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
	      "<w:footerReference w:type=\"even\" r:id=\"rId5\"/>"
	      "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
	      "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""
	      " w:header=\"851\" w:footer=\"1304\" w:gutter=\"0\"/>"
	      "<w:cols w:space=\"425\"/>"
	      "</w:sectPr></w:body></w:document>", o);
	return 0;
}
