/* CSV: one line per value cell, for a spreadsheet or a script.
 *   编号,部分,项目,数值
 *   t3.new.natural,三、收到和处理政府信息公开申请情况,三、本年度办理结果/…/自然人,12
 * RFC 4180 quoting and CRLF line ends; a blank cell stays an empty field,
 * never 0. Excel and WPS read UTF-8 Chinese only after a byte-order mark,
 * which --bom adds. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "io/export.h"

static void field(FILE *o, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, o);
		return;
	}
	putc('"', o);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', o);
		putc(*s, o);
	}
	putc('"', o);
}

static nb_status write_csv(const nb_export_in *in, const char *path, nb_err *err)
{
	const nb_form *f = in->form;
	FILE *o = nb_export_fopen(path, err);

	if (!o)
		return NB_UNWRITABLE;
	if (in->bom)
		fputs("\xEF\xBB\xBF", o);
	fputs("编号,部分,项目,数值\r\n", o);
	for (int c = 0; c < f->ncell; c++) {
		char id[200], lpath[1024], val[NB_VALUE_BUFSZ];
		const nb_table *t = &f->table[f->cell_table[c]];
		const char *p;

		nb_form_cell_id(f, c, id, sizeof id);
		nb_form_cell_path(f, c, lpath, sizeof lpath);
		p = strchr(lpath, '/'); /* the path starts with the section number */
		nb_value_format(&in->rep->cell[c], nb_form_cell_type(f, c), val, sizeof val);
		field(o, id);
		putc(',', o);
		field(o, f->section[t->section].heading);
		putc(',', o);
		field(o, p ? p + 1 : lpath);
		putc(',', o);
		field(o, val);
		fputs("\r\n", o);
	}
	return nb_export_fclose(o, path, 0, err);
}

const nb_export_format nb_export_csv = {
	"csv", ".csv", "CSV 表格（每格一行）", write_csv
};
