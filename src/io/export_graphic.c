/* The 图解: one self-contained SVG of the year's key figures, as portals
 * publish beside the report. No script, no external resource, no colour
 * that carries meaning alone: every bar has its number printed and a grey
 * level or hatching of its own, so a black-and-white printout reads the
 * same.
 *
 * Every label comes from the form (table 三's rows, table 四's columns, the
 * section headings), shortened by dropping the numbering ("（一）", "一、",
 * "1.") and a closing parenthetical note; the C code names nodes by id only.
 * A node the form lacks is left out of the picture. */
/* open_memstream is POSIX.1-2008. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "io/export.h"
#include "model/sentences.h"

#define W 960          /* picture width */
#define FONT "'Noto Sans CJK SC', 'Noto Sans CJK', '黑体', SimHei, sans-serif"

/* Fills for bars and segments, darkest first: grey levels and hatchings
 * (defined in <defs> below), each distinct on paper. */
static const char *const FILL[] = {
	"#404040", "url(#hatch)", "#9a9a9a", "url(#cross)", "url(#dots)", "#d6d6d6",
	"url(#rhatch)", "#ffffff",
};
#define NFILL ((int)(sizeof FILL / sizeof FILL[0]))

/* Text for XML: & < > " ' escaped; control characters that XML 1.0 forbids
 * dropped (a tab or newline becomes a space). */
static void esc(FILE *o, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': fputs("&amp;", o); break;
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '"': fputs("&quot;", o); break;
		case '\'': fputs("&apos;", o); break;
		case '\t': case '\n': case '\r': putc(' ', o); break;
		default:
			if (c >= 0x20 && c != 0x7F)
				putc(c, o);
		}
	}
}

/* A label without its numbering and closing note:
 *   "（二）部分公开（区分处理的，…）" -> "部分公开", "一、本年新收…" -> "本年新收…",
 *   "1.属于国家秘密" -> "属于国家秘密". */
static void short_label(const char *s, char *buf, size_t n)
{
	static const char *const open[] = {"（", "(", NULL};
	static const char *const close[] = {"）", ")", NULL};
	static const char *const mark[] = {"、", ".", "．", NULL};
	const char *p = s;
	size_t l;

	/* "（一）" / "(一)" */
	for (int i = 0; open[i]; i++) {
		size_t ol = strlen(open[i]);
		if (!strncmp(p, open[i], ol)) {
			for (int j = 0; close[j]; j++) {
				const char *c = strstr(p + ol, close[j]);
				if (c && c - p <= 12 && c[strlen(close[j])]) {
					p = c + strlen(close[j]);
					goto numbered;
				}
			}
		}
	}
	/* "一、" "1." "12、": at most a few numeral characters, then a mark */
	for (const char *q = p; *q && q - p <= 9; q++) {
		for (int i = 0; mark[i]; i++) {
			size_t ml = strlen(mark[i]);
			if (q > p && !strncmp(q, mark[i], ml) && q[ml]) {
				p = q + ml;
				goto numbered;
			}
		}
		/* ASCII digits or one CJK numeral (3 bytes) */
		if ((unsigned char)*q >= 0x80 && q - p >= 6)
			break;
		if ((unsigned char)*q < 0x80 && (*q < '0' || *q > '9'))
			break;
	}
numbered:
	l = strlen(p);
	/* a closing note "（区分处理的，只计这一情形，不计其他情形）" */
	if (l > 3 && !strcmp(p + l - 3, "）")) {
		const char *o = NULL;
		for (const char *q = p; (q = strstr(q, "（")); q += 3)
			o = q;
		if (o && o > p)
			l = (size_t)(o - p);
	}
	snprintf(buf, n, "%.*s", (int)l, p);
}

/* A figure: cells of table `tid` under row node `rid` and the column
 * nodes named in `cids` ("a+b"), blank counting 0. 0 when the report's
 * form lacks one of them (last year's report may be of another layout). */
static int fig(const nb_report *r, const char *tid, const char *rid, const char *cids,
	       long long *out)
{
	const nb_form *f = r->form;
	int t = nb_form_table(f, tid), rn, cn;
	long long sum = 0;

	if (t < 0 || (rn = nb_axis_find(&f->table[t].rows, rid)) < 0)
		return 0;
	const nb_node *row = &f->table[t].rows.node[rn];
	for (const char *p = cids; *p;) {
		const char *e = strchr(p, '+');
		char id[64];
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l >= sizeof id)
			return 0;
		memcpy(id, p, l);
		id[l] = 0;
		if ((cn = nb_axis_find(&f->table[t].cols, id)) < 0)
			return 0;
		const nb_node *col = &f->table[t].cols.node[cn];
		for (int i = row->first_leaf; i < row->first_leaf + row->nleaves; i++)
			for (int j = col->first_leaf; j < col->first_leaf + col->nleaves; j++) {
				const nb_value *v = &r->cell[nb_form_cell(f, t, i, j)];
				if (v->set && __builtin_add_overflow(sum, (long long)v->v, &sum))
					return 0;
			}
		p = e ? e + 1 : p + l;
	}
	*out = sum;
	return 1;
}

/* The label of a node of table tid (rows or columns), shortened; "" when
 * absent. */
static const char *node_label(const nb_form *f, const char *tid, int cols, const char *id,
			      char *buf, size_t n)
{
	int t = nb_form_table(f, tid), k;
	buf[0] = 0;
	if (t < 0)
		return buf;
	const nb_axis *a = cols ? &f->table[t].cols : &f->table[t].rows;
	if ((k = nb_axis_find(a, id)) >= 0)
		short_label(a->node[k].label, buf, n);
	return buf;
}

typedef struct {
	FILE *o;
	const nb_export_in *in;
	int y;
} pic;

/* "比上年 +12" / "比上年 −3" / "与上年持平", when last year's report has the
 * figure. Arrows ▲▼ say the direction without colour. */
static void change(pic *p, int x, int y, const char *anchor, const char *tid, const char *rid,
		   const char *cids, long long now)
{
	long long was;
	if (!p->in->last || !fig(p->in->last, tid, rid, cids, &was))
		return;
	fprintf(p->o, "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"%s\" class=\"chg\">",
		x, y, anchor);
	if (now > was)
		fprintf(p->o, "▲ 比上年 +%lld", now - was);
	else if (now < was)
		fprintf(p->o, "▼ 比上年 −%lld", was - now);
	else
		fputs("与上年持平", p->o);
	fputs("</text>\n", p->o);
}

static void heading(pic *p, const char *s)
{
	p->y += 46;
	fprintf(p->o, "<rect x=\"32\" y=\"%d\" width=\"6\" height=\"22\" fill=\"#000\"/>\n",
		p->y - 18);
	fprintf(p->o, "<text x=\"48\" y=\"%d\" font-size=\"19\" font-weight=\"bold\">", p->y);
	esc(p->o, s);
	fputs("</text>\n", p->o);
	p->y += 14;
}

/* One of the three boxes of the top row. */
static void keybox(pic *p, int x, const char *label, const char *tid, const char *rid,
		   const char *cids)
{
	long long v;
	if (!fig(p->in->rep, tid, rid, cids, &v))
		return;
	fprintf(p->o, "<rect x=\"%d\" y=\"%d\" width=\"280\" height=\"118\" fill=\"#efefef\" "
		"stroke=\"#000\" stroke-width=\"1.5\"/>\n", x, p->y);
	fprintf(p->o, "<text x=\"%d\" y=\"%d\" font-size=\"40\" font-weight=\"bold\" "
		"text-anchor=\"middle\" class=\"num\">%lld<tspan font-size=\"18\" "
		"font-weight=\"normal\">件</tspan></text>\n", x + 140, p->y + 50, v);
	fprintf(p->o, "<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"middle\">",
		x + 140, p->y + 80);
	esc(p->o, label);
	fputs("</text>\n", p->o);
	change(p, x + 140, p->y + 104, "middle", tid, rid, cids, v);
}

/* How the applications were handled: one bar per child of 三、本年度办理
 *结果 other than its 总计, then 四、结转下年度继续办理. */
static void results(pic *p)
{
	const nb_form *f = p->in->form;
	int t = nb_form_table(f, "t3");
	char lab[256], tot[128];
	if (t < 0)
		return;
	const nb_axis *rows = &f->table[t].rows;
	int res = nb_axis_find(rows, "results");
	if (res < 0)
		return;
	const char *ids[16];
	long long val[16], total = 0, next = 0, max = 1;
	int n = 0, have_total = fig(p->in->rep, "t3", "result_total", "total", &total);
	for (int k = res + 1; k < rows->nnode && n < 15; k++) {
		const nb_node *nd = &rows->node[k];
		if (nd->depth <= rows->node[res].depth)
			break;
		if (nd->parent != res || !strcmp(nd->id, "result_total"))
			continue;
		if (fig(p->in->rep, "t3", nd->id, "total", &val[n]))
			ids[n++] = nd->id;
	}
	int have_next = fig(p->in->rep, "t3", "next", "total", &next);
	for (int k = 0; k < n; k++)
		if (val[k] > max)
			max = val[k];
	if (have_next && next > max)
		max = next;

	heading(p, node_label(f, "t3", 0, "results", lab, sizeof lab));
	node_label(f, "t3", 0, "result_total", tot, sizeof tot);
	for (int k = 0; k < n + have_next; k++) {
		const char *id = k < n ? ids[k] : "next";
		long long v = k < n ? val[k] : next;
		/* The results' shares are of （七）总计, as the sentences say;
		 * 结转 is a share of everything handled or carried on. */
		long long whole = k < n ? total : total + next;
		char pc[32];
		int bar = (int)(v * 430 / max), y = p->y + k * 40;
		node_label(f, "t3", 0, id, lab, sizeof lab);
		if (k == n)
			fprintf(p->o, "<line x1=\"40\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#000\" "
				"stroke-dasharray=\"4 3\"/>\n", W - 40, y - 6, y - 6);
		fprintf(p->o, "<text x=\"250\" y=\"%d\" font-size=\"15\" text-anchor=\"end\">",
			y + 20);
		esc(p->o, lab);
		fputs("</text>\n", p->o);
		fprintf(p->o, "<rect x=\"262\" y=\"%d\" width=\"%d\" height=\"26\" fill=\"%s\" "
			"stroke=\"#000\"/>\n", y + 2, bar > 0 ? bar : 1,
			k < n ? FILL[k % NFILL] : "url(#rhatch)");
		fprintf(p->o, "<text x=\"%d\" y=\"%d\" font-size=\"15\" class=\"num\">"
			"<tspan font-weight=\"bold\">%lld</tspan>件", 262 + bar + 10, y + 20, v);
		if ((have_total || k == n) && nb_percent1(v, whole, pc, sizeof pc))
			fprintf(p->o, "<tspan dx=\"8\">%s%%</tspan>", pc);
		fputs("</text>\n", p->o);
		change(p, W - 40, y + 20, "end", "t3", id, "total", v);
	}
	p->y += (n + have_next) * 40 + 6;
	fprintf(p->o, "<text x=\"262\" y=\"%d\" font-size=\"12\" fill=\"#333\">", p->y + 4);
	if (have_total && total > 0) {
		esc(p->o, "占比：办理结果各项以“");
		esc(p->o, tot);
		fprintf(p->o, "”%lld件为分母", total);
		if (have_next) {
			node_label(f, "t3", 0, "next", lab, sizeof lab);
			esc(p->o, "，“");
			esc(p->o, lab);
			fprintf(p->o, "”以%lld件为分母", total + next);
		}
	}
	fputs("</text>\n", p->o);
	p->y += 8;
}

/* 行政复议 and 行政诉讼: a row each for 行政复议, 未经复议直接起诉 and 复议后
 * 起诉, its outcomes as one stacked bar with the figures printed under it. */
static const struct {
	const char *group, *parent; /* column group; the group above it, or NULL */
	const char *total, *part[4];
} CASES[] = {
	{"review", NULL, "r_total", {"r_upheld", "r_corrected", "r_other", "r_pending"}},
	{"direct", "litigation", "l_total", {"l_upheld", "l_corrected", "l_other", "l_pending"}},
	{"after", "litigation", "a_total", {"a_upheld", "a_corrected", "a_other", "a_pending"}},
};

static void cases(pic *p)
{
	const nb_form *f = p->in->form;
	int t = nb_form_table(f, "t4");
	char lab[256], up[256];
	if (t < 0)
		return;
	heading(p, f->section[f->table[t].section].heading);
	/* legend: the outcome labels of the first group, with their fills */
	int lx = 262;
	for (int k = 0; k < 4; k++) {
		node_label(f, "t4", 1, CASES[0].part[k], lab, sizeof lab);
		fprintf(p->o, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"14\" fill=\"%s\" "
			"stroke=\"#000\"/>\n", lx, p->y - 4, FILL[k]);
		fprintf(p->o, "<text x=\"%d\" y=\"%d\" font-size=\"13\">", lx + 24, p->y + 8);
		esc(p->o, lab);
		fputs("</text>\n", p->o);
		lx += 30 + 14 * 5;
	}
	p->y += 22;
	for (size_t g = 0; g < sizeof CASES / sizeof CASES[0]; g++) {
		long long tv, v[4];
		if (!fig(p->in->rep, "t4", "cases", CASES[g].total, &tv))
			continue;
		int ok = 1;
		for (int k = 0; k < 4; k++)
			ok &= fig(p->in->rep, "t4", "cases", CASES[g].part[k], &v[k]);
		node_label(f, "t4", 1, CASES[g].group, lab, sizeof lab);
		fprintf(p->o, "<text x=\"250\" y=\"%d\" font-size=\"15\" text-anchor=\"end\">",
			p->y + 20);
		if (CASES[g].parent) {
			esc(p->o, node_label(f, "t4", 1, CASES[g].parent, up, sizeof up));
			fputs(" · ", p->o);
		}
		esc(p->o, lab);
		fputs("</text>\n", p->o);
		/* the bar: 430 wide for the total of the parts (a total that
		 * disagrees is the rule engine's business, not the picture's) */
		long long sum = 0;
		for (int k = 0; ok && k < 4; k++)
			sum += v[k];
		fprintf(p->o, "<rect x=\"262\" y=\"%d\" width=\"430\" height=\"26\" fill=\"none\" "
			"stroke=\"#000\"/>\n", p->y + 2);
		/* Segment ends from the running sum, so the parts fill the bar
		 * exactly and a 0 draws nothing. */
		long long run = 0;
		int x = 262;
		for (int k = 0; ok && sum > 0 && k < 4; k++) {
			run += v[k];
			int w = 262 + (int)(run * 430 / sum) - x;
			if (w > 0)
				fprintf(p->o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"26\" "
					"fill=\"%s\" stroke=\"#000\"/>\n", x, p->y + 2, w, FILL[k]);
			x += w;
		}
		node_label(f, "t4", 1, CASES[g].total, up, sizeof up);
		fprintf(p->o, "<text x=\"704\" y=\"%d\" font-size=\"15\" class=\"num\">", p->y + 20);
		esc(p->o, up);
		fprintf(p->o, " <tspan font-weight=\"bold\">%lld</tspan>件</text>\n", tv);
		change(p, W - 40, p->y + 20, "end", "t4", "cases", CASES[g].total, tv);
		/* the figures, printed: "结果维持 6　结果纠正 1 …" */
		fprintf(p->o, "<text x=\"262\" y=\"%d\" font-size=\"13\" class=\"num\">",
			p->y + 46);
		for (int k = 0; ok && k < 4; k++) {
			node_label(f, "t4", 1, CASES[g].part[k], lab, sizeof lab);
			fprintf(p->o, "<tspan%s>", k ? " dx=\"14\"" : "");
			esc(p->o, lab);
			fprintf(p->o, " %lld</tspan>", v[k]);
		}
		fputs("</text>\n", p->o);
		p->y += 62;
	}
}

static const char DEFS[] =
	"<defs>\n"
	"<pattern id=\"hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
	"patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#fff\"/>"
	"<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#000\" stroke-width=\"3\"/></pattern>\n"
	"<pattern id=\"rhatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
	"patternTransform=\"rotate(-45)\"><rect width=\"8\" height=\"8\" fill=\"#fff\"/>"
	"<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#555\" stroke-width=\"1.5\"/></pattern>\n"
	"<pattern id=\"cross\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
	"<rect width=\"8\" height=\"8\" fill=\"#fff\"/><path d=\"M0 4H8M4 0V8\" stroke=\"#000\" "
	"stroke-width=\"1.2\"/></pattern>\n"
	"<pattern id=\"dots\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
	"<rect width=\"6\" height=\"6\" fill=\"#fff\"/><circle cx=\"3\" cy=\"3\" r=\"1.4\" "
	"fill=\"#000\"/></pattern>\n"
	"</defs>\n";

/* The body of the picture; returns its height. */
static int body(pic *p, const char *title)
{
	const nb_form *f = p->in->form;
	FILE *o = p->o;
	char lab[3][256], tot[128];
	int t3 = nb_form_table(f, "t3"), t4 = nb_form_table(f, "t4");

	/* Title: black on white with a rule, legible on any printer. */
	fprintf(o, "<text x=\"%d\" y=\"54\" font-size=\"26\" font-weight=\"bold\" "
		"text-anchor=\"middle\">", W / 2);
	esc(o, title);
	fprintf(o, "</text>\n<text x=\"%d\" y=\"84\" font-size=\"20\" text-anchor=\"middle\" "
		"letter-spacing=\"8\">图解</text>\n", W / 2);
	fprintf(o, "<line x1=\"32\" x2=\"%d\" y1=\"100\" y2=\"100\" stroke=\"#000\" "
		"stroke-width=\"2\"/>\n", W - 32);
	p->y = 100;
	if (t3 >= 0) {
		heading(p, f->section[f->table[t3].section].heading);
		p->y += 4;
		keybox(p, 40, node_label(f, "t3", 0, "new", lab[0], sizeof lab[0]),
		       "t3", "new", "total");
		keybox(p, 340, node_label(f, "t3", 0, "carried", lab[1], sizeof lab[1]),
		       "t3", "carried", "total");
		/* the third box: （七）总计 of 本年度办理结果 */
		node_label(f, "t3", 0, "results", lab[2], sizeof lab[2]);
		node_label(f, "t3", 0, "result_total", tot, sizeof tot);
		strncat(lab[2], "·", sizeof lab[2] - strlen(lab[2]) - 1);
		strncat(lab[2], tot, sizeof lab[2] - strlen(lab[2]) - 1);
		keybox(p, 640, lab[2], "t3", "result_total", "total");
		p->y += 118;
		results(p);
	}
	if (t4 >= 0)
		cases(p);
	return p->y + 30;
}

static nb_status write_graphic(const nb_export_in *in, const char *path, nb_err *err)
{
	char title[512], *buf = NULL;
	size_t len = 0;
	FILE *o, *m;
	pic p = {NULL, in, 0};
	int height;

	/* The height is known at the end: the body is laid out in memory
	 * first, then written after the header that names it. */
	if (!(m = open_memstream(&buf, &len)))
		return nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
	p.o = m;
	nb_report_title(in->rep, title, sizeof title);
	height = body(&p, title);
	if (ferror(m) | (fclose(m) != 0)) {
		free(buf);
		return nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
	}
	if (!(o = fopen(path, "w"))) {
		free(buf);
		return nb_fail(err, NB_UNWRITABLE, "%s: %s", path, strerror(errno));
	}
	fprintf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"%s\">\n", W, height, W, height, FONT);
	fputs("<title>", o);
	esc(o, title);
	fputs("图解</title>\n", o);
	fputs(DEFS, o);
	fprintf(o, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", W, height);
	fwrite(buf, 1, len, o);
	fputs("</svg>\n", o);
	free(buf);
	if (ferror(o) | (fclose(o) != 0))
		return nb_fail(err, NB_UNWRITABLE, "%s: %s", path, strerror(errno));
	return NB_OK;
}

const nb_export_format nb_export_graphic = {
	"graphic", ".svg", "图解（SVG 图片：申请、办理结果、复议诉讼）", write_graphic
};
