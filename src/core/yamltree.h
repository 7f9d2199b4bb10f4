/* A bounded YAML reader shared by the form and report loaders: libyaml's
 * event API into a small tree that keeps positions for messages. Refuses
 * anchors, aliases, tags, duplicate keys, non-scalar keys, several documents,
 * nesting past a limit, and files past a size. Allocation is one arena. */
#ifndef NB_YAMLTREE_H
#define NB_YAMLTREE_H

#include <stdarg.h>
#include <stddef.h>
#include "core/err.h"

typedef enum { NB_Y_SCALAR = 0, NB_Y_MAP, NB_Y_SEQ } nb_ytype;

typedef struct nb_ynode {
	nb_ytype type;
	int line, col;          /* 1-based position of the node */
	int plain;              /* scalar written without quotes or block style */
	const char *key;        /* when a member of a map */
	unsigned khash;         /* hash of key: duplicate checks compare it first */
	int kline, kcol;
	const char *str;        /* scalar text, NUL-terminated */
	size_t len;
	struct nb_ynode *first, *next; /* children in order */
	int n;                  /* number of children */
} nb_ynode;

typedef struct {
	size_t max_bytes;
	int max_depth;
	size_t max_string;
	long max_nodes;
	int max_keys;           /* members of one map */
	long max_items;         /* items of one list; 0: max_keys * 8 */
} nb_ylimits;

typedef struct nb_yarena nb_yarena;

typedef struct {
	nb_ynode *root;         /* NULL for an empty stream */
	int explicit_end;       /* the document ended with "..." */
	nb_yarena *arena;
} nb_ydoc;

typedef enum { NB_YOK = 0, NB_YDAMAGED, NB_YINVALID } nb_ystatus;

/* Parse buf; name is used in messages ("name:line:col: ..."). */
nb_ystatus nb_yparse(const char *buf, size_t len, const char *name,
		     const nb_ylimits *lim, nb_ydoc *doc, nb_err *err);
void nb_ydoc_free(nb_ydoc *doc);

/* Member of a map by key, or NULL. */
const nb_ynode *nb_yget(const nb_ynode *map, const char *key);

/* Format an error at a node: "name:line:col: msg". Control characters from
 * the file never reach the message (see nb_msgf). */
void nb_vyerr(nb_err *err, const char *name, int line, int col, const char *fmt,
	      va_list ap);
void nb_yerr(nb_err *err, const char *name, int line, int col,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Copy a string into the arena of doc (for loaders building results). */
char *nb_ystrdup(nb_yarena *a, const char *s, size_t len);
void *nb_yalloc(nb_yarena *a, size_t n);
nb_yarena *nb_yarena_new(void);
void nb_yarena_free(nb_yarena *a);

#endif
