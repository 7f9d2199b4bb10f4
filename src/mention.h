/* Figures quoted in the prose (FORMATS.md rule 10): "收到政府信息公开申请307件".
 * Plain text scanning, no regular expressions: a word of the form's
 * mention, then within the same clause the first number followed by 件. */
#ifndef NB_MENTION_H
#define NB_MENTION_H

#include <stddef.h>
#include <stdint.h>
#include "form.h"

typedef struct {
	size_t start, end; /* bytes of text: the word through 件 */
	int64_t value;
} nb_quote;

/* The next quote of m in text at or after *pos; advances *pos past it.
 * Returns 1 when found, 0 at the end. */
int nb_mention_next(const nb_mention *m, const char *text, size_t *pos, nb_quote *q);

#endif
