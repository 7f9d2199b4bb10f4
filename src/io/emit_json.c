/* JSON (RFC 8259) for nb_emit: strings escaped, UTF-8 kept as is, a blank
 * written as null. Nesting is bounded by the callers (reports are shallow). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "io/emit.h"

#define MAX_DEPTH 32

typedef struct {
	nb_emit e;
	int depth;
	unsigned char count[MAX_DEPTH]; /* items so far at each level (capped) */
	int after_key;
} jemit;

static int put(jemit *j, const char *s)
{
	return nb_membuf_put(&j->e.out, s, strlen(s));
}

static int indent(jemit *j)
{
	if (put(j, "\n") < 0)
		return -1;
	for (int i = 0; i < j->depth; i++)
		if (put(j, "  ") < 0)
			return -1;
	return 0;
}

/* Before a value or a key: the comma and the new line it needs. */
static int item(jemit *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return 0;
	}
	if (j->depth == 0)
		return 0;
	if (j->count[j->depth] && put(j, ",") < 0)
		return -1;
	if (j->count[j->depth] < 255)
		j->count[j->depth]++;
	return indent(j);
}

static int str(jemit *j, const char *s)
{
	char u[8];

	if (put(j, "\"") < 0)
		return -1;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n"
				: c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
		if (esc) {
			if (put(j, esc) < 0)
				return -1;
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(u, sizeof u, "\\u%04x", c);
			if (put(j, u) < 0)
				return -1;
		} else if (c < 0x80) {
			if (nb_membuf_put(&j->e.out, s, 1) < 0)
				return -1;
		} else {
			/* JSON is UTF-8: a byte that is not (a file name from
			 * another encoding) becomes U+FFFD, never raw. */
			uint32_t cp;
			int k = nb_utf8_decode(s, strlen(s), &cp);
			if (k <= 0) {
				if (put(j, "\xEF\xBF\xBD") < 0)
					return -1;
			} else {
				if (nb_membuf_put(&j->e.out, s, (size_t)k) < 0)
					return -1;
				s += k - 1;
			}
		}
	}
	return put(j, "\"");
}

static int open_(nb_emit *e, const char *b)
{
	jemit *j = (jemit *)e;

	if (item(j) < 0 || put(j, b) < 0 || j->depth + 1 >= MAX_DEPTH)
		return -1;
	j->count[++j->depth] = 0;
	return 0;
}

static int close_(nb_emit *e, const char *b)
{
	jemit *j = (jemit *)e;
	int had = j->count[j->depth];

	if (j->depth == 0)
		return -1;
	j->depth--;
	if (had && indent(j) < 0)
		return -1;
	return put(j, b);
}

static int map_begin(nb_emit *e) { return open_(e, "{"); }
static int map_end(nb_emit *e) { return close_(e, "}"); }
static int seq_begin(nb_emit *e) { return open_(e, "["); }
static int seq_end(nb_emit *e) { return close_(e, "]"); }

static int key(nb_emit *e, const char *k)
{
	jemit *j = (jemit *)e;

	if (item(j) < 0 || str(j, k) < 0 || put(j, ": ") < 0)
		return -1;
	j->after_key = 1;
	return 0;
}

static int scalar(nb_emit *e, nb_escalar kind, const char *s)
{
	jemit *j = (jemit *)e;

	if (item(j) < 0)
		return -1;
	switch (kind) {
	case NB_ES_NULL:
		return put(j, "null");
	case NB_ES_NUM:
	case NB_ES_BOOL:
		return put(j, s);
	default:
		return str(j, s);
	}
}

static int finish(nb_emit *e)
{
	jemit *j = (jemit *)e;

	if (j->depth != 0 || put(j, "\n") < 0)
		return -1;
	return e->out.oom ? -1 : 0;
}

static void jfree(nb_emit *e)
{
	free(e->out.buf);
	free(e);
}

static const nb_emit_ops json_ops = {
	map_begin, map_end, seq_begin, seq_end, key, scalar, finish, jfree
};

nb_emit *nb_emit_json_new(void)
{
	jemit *j = calloc(1, sizeof *j);

	if (!j)
		return NULL;
	j->e.ops = &json_ops;
	return &j->e;
}
