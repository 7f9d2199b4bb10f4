/* The text form of a published report (the seed's): prose one paragraph a
 * line, table cells one a line ending in " |" (an empty cell is a line of
 * " |" alone). */
#include <string.h>
#include "io/import_items.h"

nb_status nb_import_text_items(const char *buf, size_t len, const char *name,
			       nb_iitems *out, nb_err *err)
{
	int line = 1;
	for (size_t i = 0; i < len; line++) {
		const char *s = buf + i, *nl = memchr(s, '\n', len - i);
		size_t l = nl ? (size_t)(nl - s) : len - i;
		i += l + (nl ? 1 : 0);
		while (l && (s[l - 1] == '\r' || s[l - 1] == ' ' || s[l - 1] == '\t'))
			l--;
		int is_cell = l && s[l - 1] == '|';
		if (is_cell)
			l--;
		if (nb_iitems_add(out, is_cell ? NB_II_CELL : NB_II_PARA, line, 0, s, l, 0))
			return nb_fail(err, NB_NOMEM, "%s: 内存不足", name);
	}
	return NB_OK;
}
