/* One way to write structured output, in the manner of ncdu's dir_output:
 * a writer (the report file, `check --format json`, a format of export)
 * describes its data once as maps, sequences and typed scalars, and an
 * implementation of nb_emit_ops turns it into YAML (libyaml), JSON, ...
 * A new format of structured output is one new file. */
#ifndef NB_EMIT_H
#define NB_EMIT_H

#include <stddef.h>

/* What a scalar is, so each format can write it the way its readers
 * expect: YAML quotes strings and uses a literal block for prose; JSON
 * writes numbers bare and a blank as null, never as 0. */
typedef enum {
	NB_ES_STR = 0, /* a string, quoted ("251000元", an agency's name) */
	NB_ES_TEXT,    /* prose, possibly many lines */
	NB_ES_NUM,     /* an exact decimal number as digits ("-18", "44") */
	NB_ES_WORD,    /* a name or id written bare where the format allows */
	NB_ES_NULL,    /* blank: not given (s ignored) */
	NB_ES_BOOL     /* "true" or "false", bare in every format */
} nb_escalar;

typedef struct nb_emit nb_emit;

typedef struct {
	int (*map_begin)(nb_emit *e);
	int (*map_end)(nb_emit *e);
	int (*seq_begin)(nb_emit *e);
	int (*seq_end)(nb_emit *e);
	int (*key)(nb_emit *e, const char *k);
	int (*scalar)(nb_emit *e, nb_escalar kind, const char *s);
	/* The document is complete: flush. Returns 0, -1 on error. */
	int (*finish)(nb_emit *e);
	void (*free)(nb_emit *e);
} nb_emit_ops;

/* Output collected in memory (malloc'd, NUL-terminated). */
typedef struct {
	char *buf;
	size_t len, cap;
	int oom;
} nb_membuf;
int nb_membuf_put(nb_membuf *m, const void *s, size_t n);

struct nb_emit {
	const nb_emit_ops *ops;
	nb_membuf out;
	int failed;           /* an operation failed: the output is unusable */
};

/* The implementations; NULL when out of memory. The output accumulates in
 * e->out; after finish(), take e->out.buf (set it NULL before free). */
nb_emit *nb_emit_yaml_new(void); /* block style, UTF-8, explicit "..." end */
nb_emit *nb_emit_json_new(void); /* two-space indent, UTF-8 kept as is */

/* Shorthands that stop at the first failure (e->failed). */
void nb_emit_map(nb_emit *e);
void nb_emit_end_map(nb_emit *e);
void nb_emit_seq(nb_emit *e);
void nb_emit_end_seq(nb_emit *e);
void nb_emit_key(nb_emit *e, const char *k);
void nb_emit_val(nb_emit *e, nb_escalar kind, const char *s);
void nb_emit_kv(nb_emit *e, const char *k, nb_escalar kind, const char *s);
void nb_emit_kint(nb_emit *e, const char *k, long long v);

#endif
