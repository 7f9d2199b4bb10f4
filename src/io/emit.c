/* See emit.h: the shorthands and the memory buffer. */
#include "io/emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int nb_membuf_put(nb_membuf *m, const void *s, size_t n)
{
	if (m->oom)
		return -1;
	if (m->len + n + 1 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16384;
		char *p;
		while (cap < m->len + n + 1)
			cap *= 2;
		if (!(p = realloc(m->buf, cap))) {
			m->oom = 1;
			return -1;
		}
		m->buf = p;
		m->cap = cap;
	}
	memcpy(m->buf + m->len, s, n);
	m->len += n;
	m->buf[m->len] = 0; /* callers may treat the result as a string */
	return 0;
}

#define GO(call) do { if (!e->failed && (call) < 0) e->failed = 1; } while (0)

void nb_emit_map(nb_emit *e) { GO(e->ops->map_begin(e)); }
void nb_emit_end_map(nb_emit *e) { GO(e->ops->map_end(e)); }
void nb_emit_seq(nb_emit *e) { GO(e->ops->seq_begin(e)); }
void nb_emit_end_seq(nb_emit *e) { GO(e->ops->seq_end(e)); }
void nb_emit_key(nb_emit *e, const char *k) { GO(e->ops->key(e, k)); }
void nb_emit_val(nb_emit *e, nb_escalar kind, const char *s) { GO(e->ops->scalar(e, kind, s)); }

void nb_emit_kv(nb_emit *e, const char *k, nb_escalar kind, const char *s)
{
	nb_emit_key(e, k);
	nb_emit_val(e, kind, s);
}

void nb_emit_kint(nb_emit *e, const char *k, long long v)
{
	char b[32];

	snprintf(b, sizeof b, "%lld", v);
	nb_emit_kv(e, k, NB_ES_NUM, b);
}
