/* Figures quoted in the prose (FORMATS.md rule 10): "收到政府信息公开申请307件".
 * Plain text scanning, no regular expressions: a word of the form's
 * mention, then within the same clause the first number followed by 件. */
#ifndef NB_MENTION_H
#define NB_MENTION_H

#include <stddef.h>
#include <stdint.h>
#include "form/form.h"

typedef struct {
	size_t start, end; /* bytes of text: the word through 件 */
	int64_t value;
} nb_quote;

/* Byte offsets of every 件 in text (at most max); how many. */
int nb_quote_anchors(const char *text, size_t *pos, int max);
/* The clause before a 件: the number there and how far back a word may be.
 * 0 when no number stands before that 件. */
typedef struct {
	size_t anchor;  /* the 件 */
	size_t num;     /* start of the number */
	size_t lo;      /* a word must end at or after this */
	size_t from;    /* and may start at or after this */
	int64_t value;
} nb_clause;
int nb_quote_clause(const char *text, size_t anchor, nb_clause *cl);
/* Does m quote the figure of clause cl? 1 and q filled. */
int nb_mention_in(const nb_mention *m, const char *text, const nb_clause *cl, nb_quote *q);
/* Does m quote the number before the 件 at text+anchor? 1 and q filled. */
int nb_mention_at(const nb_mention *m, const char *text, size_t anchor, nb_quote *q);
/* Is the quote q of the form's mention k in clause cl better read as the
 * quote of another mention, whose word stands nearer the number or, ending
 * at the same place, is longer ("予以公开及部分公开42件" is the sum of two
 * rows, not 部分公开 alone)? */
int nb_mention_shadowed(const nb_form *f, int k, const char *text,
			const nb_clause *cl, const nb_quote *q);
/* The next quote of m in text at or after *pos; advances *pos past it.
 * Returns 1 when found, 0 at the end. */
int nb_mention_next(const nb_mention *m, const char *text, size_t *pos, nb_quote *q);

#endif
