/* A portal page into the importer's items, with libxml2's HTML parser:
 * it recovers from the broken markup portals and Word exports produce,
 * and never fetches anything (HTML_PARSE_NONET). Cells are read in
 * document order, one per <td>/<th>, whatever their spans; a cell that
 * holds a whole table or a page of prose is the page's layout, not a cell
 * of the report, and is read as blocks. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include "io/import_items.h"

/* Deeper than any real page (Word exports reach 30); a hostile page is
 * refused rather than walked. */
#define MAX_DEPTH 256

typedef struct {
	nb_iitems *it;
	const char *name;
	nb_err *err;
	char *buf;          /* inline text of the paragraph being read */
	size_t n, cap;
	int line;           /* of its first text */
	int failed;
} walker;

static int put(walker *w, const char *s, size_t len, int line)
{
	if (w->n + len + 1 > w->cap) {
		size_t nc = (w->cap ? w->cap * 2 : 1024) + len;
		char *nb = realloc(w->buf, nc);
		if (!nb)
			return -1;
		w->buf = nb;
		w->cap = nc;
	}
	if (!w->n)
		w->line = line;
	memcpy(w->buf + w->n, s, len);
	w->n += len;
	w->buf[w->n] = 0;
	return 0;
}

static int oom(walker *w)
{
	if (!w->failed)
		nb_fail(w->err, NB_NOMEM, "%s: 内存不足", w->name);
	w->failed = 1;
	return -1;
}

static int flush(walker *w)
{
	if (w->n && nb_iitems_add(w->it, NB_II_PARA, w->line, 0, w->buf, w->n, 1))
		return oom(w);
	w->n = 0;
	return 0;
}

static int is(const xmlNode *n, const char *tag)
{
	return n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, tag);
}

static int is_block(const xmlNode *n)
{
	static const char *const b[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
					"li", "ul", "ol", "br", "table", "section", "article",
					"blockquote", "center", "hr", "dd", "dt", "dl", "pre",
					"header", "footer", "body", "tr", "form", "main", NULL};
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (const char *const *p = b; *p; p++)
		if (!strcasecmp((const char *)n->name, *p))
			return 1;
	return 0;
}

static int is_skipped(const xmlNode *n)
{
	static const char *const s[] = {"script", "style", "head", "noscript", "iframe",
					"object", "select", "button", "textarea", "template",
					NULL};
	if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
		return 1;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (const char *const *p = s; *p; p++)
		if (!strcasecmp((const char *)n->name, *p))
			return 1;
	return 0;
}

static int line_of(const xmlNode *n)
{
	long l = xmlGetLineNo((xmlNode *)n);
	return l > 0 && l < 1000000000 ? (int)l : 0;
}

/* All text under n into w->buf (a cell's content). */
static int cell_text(walker *w, const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return -2;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_skipped(c))
			continue;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content && put(w, (const char *)c->content,
					      strlen((const char *)c->content), line_of(c)))
				return oom(w);
		} else if (c->type == XML_ELEMENT_NODE) {
			/* A line break inside a header cell splits a label
			 * ("本年新<br>制作数量"): labels are compared without blanks,
			 * so a space keeps the words of prose cells apart. */
			if (is_block(c) && w->n && put(w, " ", 1, 0))
				return oom(w);
			int r = cell_text(w, c, depth + 1);
			if (r)
				return r;
		}
	}
	return 0;
}

static int has_table(const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is(c, "table") || (c->type == XML_ELEMENT_NODE && has_table(c, depth + 1)))
			return 1;
	return 0;
}

static int walk(walker *w, const xmlNode *n, int depth);

static int cell(walker *w, const xmlNode *td, int newrow, int depth)
{
	if (has_table(td, 0))
		return walk(w, td, depth + 1);
	if (flush(w))
		return -1;
	int r = cell_text(w, td, depth + 1);
	if (r)
		return r;
	/* Long prose with full stops is a layout cell holding the report. */
	if (w->n > 300 && strstr(w->buf, "。")) {
		w->n = 0;
		return walk(w, td, depth + 1);
	}
	int line = line_of(td);
	if (nb_iitems_add(w->it, NB_II_CELL, line ? line : w->line, newrow, w->buf ? w->buf : "",
			  w->n, 1))
		return oom(w);
	w->n = 0;
	return 0;
}

static int rows(walker *w, const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return -2;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "tr")) {
			int first = 1;
			for (const xmlNode *d = c->children; d; d = d->next)
				if (is(d, "td") || is(d, "th")) {
					int r = cell(w, d, first, depth + 1);
					if (r)
						return r;
					first = 0;
				}
		} else if (is(c, "thead") || is(c, "tbody") || is(c, "tfoot")) {
			int r = rows(w, c, depth + 1);
			if (r)
				return r;
		} else if (is(c, "caption")) {
			int r = walk(w, c, depth + 1);
			if (r || flush(w))
				return r ? r : -1;
		}
	}
	return 0;
}

static int walk(walker *w, const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return -2;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_skipped(c))
			continue;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content && put(w, (const char *)c->content,
					      strlen((const char *)c->content), line_of(c)))
				return oom(w);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int block = is_block(c), r;
		if (block && flush(w))
			return -1;
		if (is(c, "table"))
			r = rows(w, c, depth + 1);
		else
			r = walk(w, c, depth + 1);
		if (r)
			return r;
		if (block && flush(w))
			return -1;
	}
	return 0;
}

static void title_of(nb_iitems *it, const xmlNode *n, int depth)
{
	for (const xmlNode *c = n; c && depth < 8 && !it->title; c = c->next) {
		if (is(c, "title") && c->children && c->children->content) {
			it->title = strdup((const char *)c->children->content);
			return;
		}
		if (c->type == XML_ELEMENT_NODE && !is(c, "body"))
			title_of(it, c->children, depth + 1);
	}
}

nb_status nb_import_html_items(const char *buf, size_t len, const char *name,
			       nb_iitems *out, nb_err *err)
{
	if (len > (size_t)1 << 30)
		return nb_fail(err, NB_TOO_BIG, "%s: 网页太大", name);
	htmlDocPtr doc = htmlReadMemory(buf, (int)len, NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NONET |
					HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					HTML_PARSE_COMPACT | HTML_PARSE_NOBLANKS);
	if (!doc)
		return nb_fail(err, NB_INVALID, "%s:1: 无法解析网页", name);
	xmlNode *root = xmlDocGetRootElement(doc);
	walker w = {out, name, err, NULL, 0, 0, 0, 0};
	int r = 0;
	if (root) {
		title_of(out, root, 0);
		r = walk(&w, root, 0);
		if (!r)
			r = flush(&w);
	}
	free(w.buf);
	xmlFreeDoc(doc);
	if (r == -2)
		return nb_fail(err, NB_INVALID, "%s: 网页元素嵌套超过 %d 层，不是年报页面", name,
			       MAX_DEPTH);
	if (r)
		return err->status;
	return NB_OK;
}
