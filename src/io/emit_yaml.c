/* YAML for nb_emit, through libyaml's emitter: block style, UTF-8 unescaped,
 * no line folding, strings double-quoted (so nothing is misread as a
 * number or a boolean, SAFETY.md), prose as literal blocks, a blank as ~,
 * and an explicit "..." end so a file cut anywhere is detected. The
 * emitter writes to memory, where its output handler cannot fail on I/O. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "io/emit.h"

typedef struct {
	nb_emit e;
	yaml_emitter_t y;
	int ready;
} yemit;

static int out(void *data, unsigned char *s, size_t n)
{
	return nb_membuf_put(&((yemit *)data)->e.out, s, n) == 0;
}

static int emit(yemit *y, yaml_event_t *ev)
{
	return yaml_emitter_emit(&y->y, ev) ? 0 : -1;
}

static int plain(yemit *y, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	/* Both implicit flags: where libyaml cannot write a name plainly
	 * ("a: b") it quotes it, rather than tag it "!" for our loader to
	 * refuse. */
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s),
					  1, 1, *s ? style : YAML_DOUBLE_QUOTED_SCALAR_STYLE))
		return -1;
	return emit(y, &ev);
}

static int map_begin(nb_emit *e)
{
	yaml_event_t ev;

	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	return emit((yemit *)e, &ev);
}

static int map_end(nb_emit *e)
{
	yaml_event_t ev;

	yaml_mapping_end_event_initialize(&ev);
	return emit((yemit *)e, &ev);
}

static int seq_begin(nb_emit *e)
{
	yaml_event_t ev;

	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
	return emit((yemit *)e, &ev);
}

static int seq_end(nb_emit *e)
{
	yaml_event_t ev;

	yaml_sequence_end_event_initialize(&ev);
	return emit((yemit *)e, &ev);
}

static int key(nb_emit *e, const char *k)
{
	return plain((yemit *)e, k, YAML_PLAIN_SCALAR_STYLE);
}

static int scalar(nb_emit *e, nb_escalar kind, const char *s)
{
	yemit *y = (yemit *)e;

	switch (kind) {
	case NB_ES_NULL:
		return plain(y, "~", YAML_PLAIN_SCALAR_STYLE);
	case NB_ES_NUM:
	case NB_ES_WORD:
	case NB_ES_BOOL:
		return plain(y, s, YAML_PLAIN_SCALAR_STYLE);
	case NB_ES_TEXT:
		/* An empty text is "", like an empty string. */
		return plain(y, s, *s ? YAML_LITERAL_SCALAR_STYLE
				      : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	default:
		return plain(y, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	}
}

static int finish(nb_emit *e)
{
	yemit *y = (yemit *)e;
	yaml_event_t ev;

	yaml_document_end_event_initialize(&ev, 0);
	if (emit(y, &ev) < 0)
		return -1;
	yaml_stream_end_event_initialize(&ev);
	if (emit(y, &ev) < 0 || !yaml_emitter_flush(&y->y))
		return -1;
	return e->out.oom ? -1 : 0;
}

static void yfree(nb_emit *e)
{
	yemit *y = (yemit *)e;

	if (y->ready)
		yaml_emitter_delete(&y->y);
	free(e->out.buf);
	free(y);
}

static const nb_emit_ops yaml_ops = {
	map_begin, map_end, seq_begin, seq_end, key, scalar, finish, yfree
};

nb_emit *nb_emit_yaml_new(void)
{
	yemit *y = calloc(1, sizeof *y);
	yaml_event_t ev;

	if (!y)
		return NULL;
	y->e.ops = &yaml_ops;
	if (!yaml_emitter_initialize(&y->y)) {
		free(y);
		return NULL;
	}
	y->ready = 1;
	yaml_emitter_set_output(&y->y, out, y);
	yaml_emitter_set_unicode(&y->y, 1);
	yaml_emitter_set_width(&y->y, -1);
	yaml_emitter_set_indent(&y->y, 2);
	yaml_emitter_set_break(&y->y, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	if (emit(y, &ev) < 0)
		goto fail;
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	if (emit(y, &ev) < 0)
		goto fail;
	return &y->e;
fail:
	yfree(&y->e);
	return NULL;
}
