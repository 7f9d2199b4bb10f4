#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "core/alloc.h"
#include "core/utf8.h"
#include "core/yamltree.h"

/* Arena: chunks of at least 16 KiB; a report needs one or two. */
struct chunk { struct chunk *next; size_t used, size; max_align_t data[]; };
struct nb_yarena { struct chunk *head; };

nb_yarena *nb_yarena_new(void)
{
	return nb_calloc(1, sizeof(nb_yarena));
}

void *nb_yalloc(nb_yarena *a, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	struct chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t sz = n > 16384 ? n : 16384;
		c = nb_malloc(sizeof *c + sz);
		if (!c)
			return NULL;
		c->size = sz;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

char *nb_ystrdup(nb_yarena *a, const char *s, size_t len)
{
	char *p = nb_yalloc(a, len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = 0;
	}
	return p;
}

void nb_yarena_free(nb_yarena *a)
{
	if (!a)
		return;
	for (struct chunk *c = a->head, *n; c; c = n) {
		n = c->next;
		free(c);
	}
	free(a);
}

void nb_vyerr(nb_err *err, const char *name, int line, int col, const char *fmt,
	      va_list ap)
{
	if (!err)
		return;
	char tmp[1024];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	nb_msgf(err->msg, sizeof err->msg, "%s:%d:%d: %s", name, line, col, tmp);
}

void nb_yerr(nb_err *err, const char *name, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	nb_vyerr(err, name, line, col, fmt, ap);
	va_end(ap);
}

void nb_ydoc_free(nb_ydoc *doc)
{
	nb_yarena_free(doc->arena);
	doc->arena = NULL;
	doc->root = NULL;
}

const nb_ynode *nb_yget(const nb_ynode *map, const char *key)
{
	if (!map || map->type != NB_Y_MAP)
		return NULL;
	for (const nb_ynode *c = map->first; c; c = c->next)
		if (strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

/* Line and column (1-based, in characters) of a byte offset, for reader
 * errors that libyaml reports only as an offset. */
static void offset_pos(const char *buf, size_t len, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

#define MAXSTACK 64

nb_ystatus nb_yparse(const char *buf, size_t len, const char *name,
		     const nb_ylimits *lim, nb_ydoc *doc, nb_err *err)
{
	yaml_parser_t p;
	yaml_event_t ev;
	nb_ynode *stack[MAXSTACK];
	nb_ynode *tail[MAXSTACK];
	/* A map alternates key scalars and values: the pending key. */
	const char *pkey[MAXSTACK];
	unsigned phash[MAXSTACK];
	int pkline[MAXSTACK], pkcol[MAXSTACK];
	int depth = 0, ndocs = 0;
	long nodes = 0;
	nb_ystatus st = NB_YOK;
	int maxdepth = lim->max_depth < MAXSTACK - 1 ? lim->max_depth : MAXSTACK - 1;

	memset(doc, 0, sizeof *doc);
	if (!buf) {
		buf = "";
		len = 0;
	}
	/* A UTF-8 byte order mark (Windows editors add one) is not content. */
	size_t bom = 0;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		bom = 3;
		buf += 3;
		len -= 3;
	}
	if (len > lim->max_bytes) {
		nb_yerr(err, name, 1, 1, "文件过大（%zu 字节，上限 %zu 字节），不是年报文件或已损坏",
			len, lim->max_bytes);
		return NB_YDAMAGED;
	}
	doc->arena = nb_yarena_new();
	if (!doc->arena) {
		nb_yerr(err, name, 1, 1, "内存不足");
		return NB_YDAMAGED;
	}
	if (!yaml_parser_initialize(&p)) {
		nb_yerr(err, name, 1, 1, "内存不足");
		nb_ydoc_free(doc);
		return NB_YDAMAGED;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);

	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			int line, col;
			if (p.error == YAML_READER_ERROR) {
				size_t off = p.problem_offset;
				offset_pos(buf, len, off, &line, &col);
				if (off < len && buf[off] == 0)
					nb_yerr(err, name, line, col,
						"第 %zu 字节：含有空字符 NUL（文件可能已损坏；请用备份文件）",
						off + bom);
				else if (p.problem && strstr(p.problem, "control"))
					nb_yerr(err, name, line, col,
						"第 %zu 字节：含有不允许的控制字符 0x%02X（请删除它）",
						off + bom, (unsigned)p.problem_value);
				else
					nb_yerr(err, name, line, col,
						"第 %zu 字节：编码错误（文件不是有效的 UTF-8 文本，可能已损坏；请用备份文件）",
						off + bom);
			} else {
				line = (int)p.problem_mark.line + 1;
				col = (int)p.problem_mark.column + 1;
				nb_yerr(err, name, line, col,
					"YAML 语法错误：%s%s%s（文件可能被截断或手工改坏）",
					p.problem ? p.problem : "?",
					p.context ? "，" : "", p.context ? p.context : "");
			}
			st = NB_YDAMAGED;
			break;
		}
		int line = (int)ev.start_mark.line + 1, col = (int)ev.start_mark.column + 1;
		int done = 0;
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++ndocs > 1) {
				nb_yerr(err, name, line, col, "文件中有多个 YAML 文档，只能有一个");
				st = NB_YINVALID;
			}
			break;
		case YAML_DOCUMENT_END_EVENT:
			doc->explicit_end = !ev.data.document_end.implicit;
			break;
		case YAML_ALIAS_EVENT:
			nb_yerr(err, name, line, col, "不支持 YAML 别名（*）：请写出实际内容");
			st = NB_YINVALID;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			const yaml_char_t *anchor, *tag;
			int implicit;
			if (ev.type == YAML_SCALAR_EVENT) {
				anchor = ev.data.scalar.anchor;
				tag = ev.data.scalar.tag;
				implicit = ev.data.scalar.plain_implicit || ev.data.scalar.quoted_implicit;
			} else if (ev.type == YAML_SEQUENCE_START_EVENT) {
				anchor = ev.data.sequence_start.anchor;
				tag = ev.data.sequence_start.tag;
				implicit = ev.data.sequence_start.implicit;
			} else {
				anchor = ev.data.mapping_start.anchor;
				tag = ev.data.mapping_start.tag;
				implicit = ev.data.mapping_start.implicit;
			}
			if (anchor) {
				nb_yerr(err, name, line, col, "不支持 YAML 锚点（&）：请删除");
				st = NB_YINVALID;
				break;
			}
			(void)implicit;
			if (tag) {
				nb_yerr(err, name, line, col, "不支持 YAML 标签（!）：请删除");
				st = NB_YINVALID;
				break;
			}
			if (++nodes > lim->max_nodes) {
				nb_yerr(err, name, line, col, "节点过多（上限 %ld），不是年报文件", lim->max_nodes);
				st = NB_YDAMAGED;
				break;
			}
			/* A scalar where a map expects its key. */
			if (depth > 0 && stack[depth - 1]->type == NB_Y_MAP && !pkey[depth - 1]) {
				if (ev.type != YAML_SCALAR_EVENT) {
					nb_yerr(err, name, line, col, "键必须是简单文字");
					st = NB_YINVALID;
					break;
				}
				nb_ynode *m = stack[depth - 1];
				const char *k = (const char *)ev.data.scalar.value;
				size_t kl = ev.data.scalar.length;
				if (strlen(k) != kl) {
					nb_yerr(err, name, line, col, "键中含有空字符");
					st = NB_YINVALID;
					break;
				}
				unsigned h = 2166136261u; /* FNV-1a */
				for (size_t q = 0; q < kl; q++)
					h = (h ^ (unsigned char)k[q]) * 16777619u;
				for (const nb_ynode *c = m->first; c; c = c->next)
					if (c->khash == h && strcmp(c->key, k) == 0) {
						nb_yerr(err, name, line, col,
							"重复的键“%s”（第一次出现在第 %d 行）：请删除其中一个",
							k, c->kline);
						st = NB_YINVALID;
						break;
					}
				if (st)
					break;
				if (m->n >= lim->max_keys) {
					nb_yerr(err, name, line, col, "映射中的键过多（上限 %d）", lim->max_keys);
					st = NB_YDAMAGED;
					break;
				}
				pkey[depth - 1] = nb_ystrdup(doc->arena, k, kl);
				if (!pkey[depth - 1]) {
					nb_yerr(err, name, line, col, "内存不足");
					st = NB_YDAMAGED;
					break;
				}
				phash[depth - 1] = h;
				pkline[depth - 1] = line;
				pkcol[depth - 1] = col;
				break;
			}
			nb_ynode *nd = nb_yalloc(doc->arena, sizeof *nd);
			if (!nd) {
				nb_yerr(err, name, line, col, "内存不足");
				st = NB_YDAMAGED;
				break;
			}
			memset(nd, 0, sizeof *nd);
			nd->line = line;
			nd->col = col;
			if (ev.type == YAML_SCALAR_EVENT) {
				if (ev.data.scalar.length > lim->max_string) {
					nb_yerr(err, name, line, col, "文字过长（%zu 字节，上限 %zu）",
						ev.data.scalar.length, lim->max_string);
					st = NB_YDAMAGED;
					break;
				}
				nd->type = NB_Y_SCALAR;
				nd->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
				nd->len = ev.data.scalar.length;
				nd->str = nb_ystrdup(doc->arena, (const char *)ev.data.scalar.value, nd->len);
				if (!nd->str) {
					nb_yerr(err, name, line, col, "内存不足");
					st = NB_YDAMAGED;
					break;
				}
			} else {
				nd->type = ev.type == YAML_MAPPING_START_EVENT ? NB_Y_MAP : NB_Y_SEQ;
				if (depth >= maxdepth) {
					nb_yerr(err, name, line, col, "嵌套过深（上限 %d 层），不是年报文件",
						maxdepth);
					st = NB_YDAMAGED;
					break;
				}
			}
			/* Attach to the parent. */
			if (depth > 0) {
				nb_ynode *par = stack[depth - 1];
				if (par->type == NB_Y_MAP) {
					nd->key = pkey[depth - 1];
					nd->khash = phash[depth - 1];
					nd->kline = pkline[depth - 1];
					nd->kcol = pkcol[depth - 1];
					pkey[depth - 1] = NULL;
				} else if (par->n >= (lim->max_items ? lim->max_items : (long)lim->max_keys * 8)) {
					nb_yerr(err, name, line, col, "列表过长");
					st = NB_YDAMAGED;
					break;
				}
				if (tail[depth - 1])
					tail[depth - 1]->next = nd;
				else
					par->first = nd;
				tail[depth - 1] = nd;
				par->n++;
			} else {
				doc->root = nd;
			}
			if (nd->type != NB_Y_SCALAR) {
				stack[depth] = nd;
				tail[depth] = NULL;
				pkey[depth] = NULL;
				depth++;
			}
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth > 0)
				depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (st || done)
			break;
	}
	yaml_parser_delete(&p);
	if (st)
		nb_ydoc_free(doc);
	return st;
}
