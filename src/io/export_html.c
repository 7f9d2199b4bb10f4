/* HTML: the report as the page the body publishes on its government
 * portal. One self-contained HTML5 file (UTF-8, style inline, no script, no
 * external resource): the title, the opening, the six sections with their
 * prose and their tables merged exactly as the template prints them
 * (form/layout.h), then the cover's contact lines when filled, as portal
 * pages end.
 *
 * On screen it reads like a portal's report page and, on a phone, the
 * tables scroll sideways inside a wrapper instead of squashing; printed, it
 * is laid out on A4 with the header rows of a table repeated on every page
 * and never separated from the rows they head. A blank cell stays empty.
 * Every text is escaped, and control characters are dropped from it
 * (export_prose.h), so no report can break the markup. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form/layout.h"
#include "io/export.h"
#include "io/export_prose.h"

/* The CJK font stacks name what Debian (fonts-noto-cjk), Windows and macOS
 * have, so the page renders the same Song/Hei faces on every reader. */
static const char css[] =
	":root{color-scheme:light}\n"
	"*{box-sizing:border-box}\n"
	"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
	"body{margin:0;background:#edf0f4;color:#1f1f1f;"
	"font:16px/1.9 \"Noto Serif CJK SC\",\"Source Han Serif SC\",\"SimSun\",\"Songti SC\",\"STSong\",serif}\n"
	"h1,h2,table{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\","
	"\"PingFang SC\",\"SimHei\",sans-serif}\n"
	".page{max-width:1000px;margin:0 auto;padding:2.5rem 3.5rem 3rem;background:#fff;"
	"border-top:5px solid #b4161e;box-shadow:0 0 14px rgba(0,0,0,.08);min-height:100vh}\n"
	"h1{margin:.3rem 0 1.6rem;padding-bottom:1.1rem;border-bottom:1px solid #d8d8d8;"
	"color:#b4161e;font-size:1.65rem;line-height:1.45;text-align:center;font-weight:700}\n"
	"h2{margin:1.9rem 0 .5rem;font-size:1.15rem;line-height:1.6;font-weight:700}\n"
	"p{margin:0 0 .45rem;text-indent:2em;text-align:justify;overflow-wrap:anywhere}\n"
	".wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.9rem 0 1.3rem}\n"
	"table{border-collapse:collapse;width:100%;min-width:calc(var(--cols,4) * 4em);"
	"font-size:.875rem;line-height:1.5}\n"
	"th,td{border:1px solid #4a4a4a;padding:.4em .45em;text-align:center;vertical-align:middle}\n"
	"th{background:#f4f6f9;font-weight:400}\n"
	"thead th,th.title,th.corner{font-weight:700}\n"
	"th.title{background:#e7ecf3}\n"
	"th[scope=row]{text-align:left}\n"
	"td{font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	/* Value columns keep room for a figure and a four-character header;
	 * the long row labels wrap instead. */
	"td,th[scope=col]{min-width:4em}\n"
	".contacts{margin-top:2.2rem;padding-top:1rem;border-top:1px solid #d8d8d8;font-size:.95rem}\n"
	".contacts p{text-indent:0;margin:0}\n"
	"@media (max-width:640px){body{font-size:15px}"
	".page{padding:1.2rem 1rem 2rem;box-shadow:none}h1{font-size:1.3rem}}\n"
	"@page{size:A4;margin:18mm 15mm}\n"
	"@media print{body{background:#fff;font-size:12pt;line-height:1.7}"
	".page{max-width:none;min-height:0;padding:0;border:0;box-shadow:none}"
	"h1{color:#000;border:0;font-size:18pt}h2{font-size:13pt;break-after:avoid}"
	".wrap{overflow:visible}"
	"table{min-width:0;font-size:8.5pt;line-height:1.35}"
	"th,td{padding:.25em .3em}td,th[scope=col]{min-width:3.2em}th,th.title{background:none}"
	"thead{display:table-header-group;break-inside:avoid}"
	"tr{break-inside:avoid}tbody.sub{break-inside:avoid}}\n";

static void esc(FILE *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': fputs("&amp;", o); break;
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '"': fputs("&quot;", o); break;
		case '\'': fputs("&#39;", o); break;
		default: putc(s[i], o);
		}
	}
}

/* A text of the report or the form, cleaned, escaped, on one line. */
static int text1(FILE *o, const char *s)
{
	char *t = nb_prose_clean(s ? s : "", 1);

	if (!t)
		return -1;
	esc(o, t, strlen(t));
	free(t);
	return 0;
}

/* Prose: a <p> per paragraph. */
static int paragraphs(FILE *o, const char *text)
{
	char *clean = nb_prose_clean(text, 0);
	const char *p = clean, *para;
	size_t n;

	if (!clean)
		return -1;
	while ((para = nb_prose_next(&p, &n))) {
		fputs("<p>", o);
		esc(o, para, n);
		fputs("</p>\n", o);
	}
	free(clean);
	return 0;
}

static void spans(FILE *o, const nb_lcell *c)
{
	if (c->rowspan > 1)
		fprintf(o, " rowspan=\"%d\"", c->rowspan);
	if (c->colspan > 1)
		fprintf(o, " colspan=\"%d\"", c->colspan);
}

/* A header over other headers (法人或其他组织, 三、本年度办理结果), as
 * opposed to one that spans only to fill the grid. */
static int group(const nb_export_in *in, const nb_lcell *c)
{
	const nb_table *t = &in->form->table[c->table];
	const nb_axis *a = c->kind == NB_LC_COLHEAD ? &t->cols : &t->rows;

	return c->node >= 0 && c->node < a->nnode && a->node[c->node].leaf < 0;
}

static int cell(FILE *o, const nb_export_in *in, const nb_lcell *c)
{
	char val[NB_VALUE_BUFSZ];

	switch (c->kind) {
	case NB_LC_VALUE:
		nb_value_format(&in->rep->cell[c->cell], nb_form_cell_type(in->form, c->cell),
				val, sizeof val);
		fputs("<td", o);
		spans(o, c);
		putc('>', o);
		esc(o, val, strlen(val));
		fputs("</td>", o);
		return 0;
	case NB_LC_TITLE:
		fputs("<th class=\"title\" scope=\"colgroup\"", o);
		break;
	case NB_LC_CORNER:
		fputs("<th class=\"corner\"", o);
		break;
	case NB_LC_COLHEAD:
		fputs(group(in, c) ? "<th scope=\"colgroup\"" : "<th scope=\"col\"", o);
		break;
	case NB_LC_ROWHEAD:
		fputs(group(in, c) ? "<th scope=\"rowgroup\"" : "<th scope=\"row\"", o);
		break;
	}
	spans(o, c);
	putc('>', o);
	if (text1(o, c->text) < 0)
		return -1;
	fputs("</th>", o);
	return 0;
}

/* The section's tables as one merged grid. The header rows of a single
 * table go into <thead>, which print repeats on every page; stacked tables
 * (表二) get a <tbody> each, kept whole on one page. */
static int tables(FILE *o, const nb_export_in *in, int section)
{
	nb_layout l;
	int open = 0, bad = 0;

	/* No grid for a section without tables (nb_layout_build would sort
	 * an empty array through qsort(NULL, 0), which UBSan rejects). */
	if (in->form->section[section].ntables == 0)
		return 0;
	if (nb_layout_build(in->form, section, &l) < 0)
		return -1;
	if (l.nrows == 0) {
		nb_layout_free(&l);
		return 0;
	}
	fprintf(o, "<div class=\"wrap\">\n<table style=\"--cols:%d\">\n", l.ncols);
	for (int r = 0; r < l.nrows && !bad; r++) {
		int first = l.row_first[r], end = l.row_first[r + 1];

		if (r == 0 && l.nhead > 0) {
			fputs("<thead>\n", o);
			open = 1;
		} else if (r == l.nhead && l.nhead > 0) {
			fputs("</thead>\n<tbody>\n", o);
		} else if (l.nhead == 0 && (r == 0 || (first < end && l.cell[first].kind == NB_LC_TITLE))) {
			if (open)
				fputs("</tbody>\n", o);
			fputs("<tbody class=\"sub\">\n", o);
			open = 1;
		}
		fputs("<tr>", o);
		for (int i = first; i < end && !bad; i++)
			bad = cell(o, in, &l.cell[i]) < 0;
		fputs("</tr>\n", o);
	}
	fputs(l.nhead > 0 && l.nhead >= l.nrows ? "</thead>\n" : "</tbody>\n", o);
	fputs("</table>\n</div>\n", o);
	nb_layout_free(&l);
	return bad ? -1 : 0;
}

/* The cover's one-line fields other than the title's own (the agency and
 * the title), each when filled: the contacts and the website portal pages
 * print at the end of the report. */
static int contacts(FILE *o, const nb_export_in *in)
{
	const nb_form *f = in->form;
	int any = 0;

	for (int i = 0; i < f->nfield; i++) {
		const nb_field *fd = &f->field[i];
		const char *v = in->rep->text[i];

		if (fd->section >= 0 || fd->kind != NB_F_LINE ||
		    i == nb_form_field_role(f, NB_ROLE_AGENCY) ||
		    i == nb_form_field_role(f, NB_ROLE_TITLE) || !v[strspn(v, " \t\n")])
			continue;
		if (!any++)
			fputs("<div class=\"contacts\">\n", o);
		fputs("<p>", o);
		if (text1(o, fd->label) < 0)
			return -1;
		fputs("：", o);
		if (text1(o, v) < 0)
			return -1;
		fputs("</p>\n", o);
	}
	if (any)
		fputs("</div>\n", o);
	return 0;
}

static nb_status write_html(const nb_export_in *in, const char *path, nb_err *err)
{
	const nb_form *f = in->form;
	int pre = nb_form_field(f, "preamble"), bad = 0;
	char title[1024];
	FILE *o = nb_export_fopen(path, err);

	if (!o)
		return NB_UNWRITABLE;
	nb_report_title(in->rep, title, sizeof title);
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>", o);
	bad |= text1(o, title);
	fprintf(o, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main class=\"page\">\n<h1>", css);
	bad |= text1(o, title);
	fputs("</h1>\n", o);
	if (pre >= 0 && !bad) {
		fputs("<div class=\"opening\">\n", o);
		bad |= paragraphs(o, in->rep->text[pre]);
		fputs("</div>\n", o);
	}
	for (int s = 0; s < f->nsection && !bad; s++) {
		const nb_section *sec = &f->section[s];

		fprintf(o, "<section id=\"");
		bad |= text1(o, sec->id);
		fputs("\">\n<h2>", o);
		bad |= text1(o, sec->heading);
		fputs("</h2>\n", o);
		if (sec->text >= 0)
			bad |= paragraphs(o, in->rep->text[sec->text]);
		bad |= tables(o, in, s);
		fputs("</section>\n", o);
	}
	if (!bad)
		bad |= contacts(o, in);
	fputs("</main>\n</body>\n</html>\n", o);
	return nb_export_fclose(o, path, bad, err);
}

const nb_export_format nb_export_html = {
	"html", ".html", "网页（门户网站发布用，可打印为 A4）", write_html
};
