/* What the parts of the form loader share (form.c, rule.c, and the
 * mentions): the loading context and the checks that report
 * FILE:LINE:COL. Internal to src/form. */
#ifndef NB_FORM_LOAD_H
#define NB_FORM_LOAD_H

#include "core/yamltree.h"
#include "form/form.h"

typedef struct {
	const char *name;   /* file name for messages */
	nb_err *err;
	nb_yarena *a;
	nb_form *f;
} nb_fload;

/* Each returns -1 after filling c->err, or 0. */
int nb_fl_fail(nb_fload *c, const nb_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* At column col of the same line as n (a position inside a scalar). */
int nb_fl_fail_col(nb_fload *c, const nb_ynode *n, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* At the key of a map member. */
int nb_fl_fail_key(nb_fload *c, const nb_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Every member of map must be one of keys (NULL-terminated). */
int nb_fl_only_keys(nb_fload *c, const nb_ynode *map, const char *const *keys);
int nb_fl_want_map(nb_fload *c, const nb_ynode *n, const char *what);
int nb_fl_want_seq(nb_fload *c, const nb_ynode *n, const char *what);
/* A required or optional scalar member, copied into the form's arena. */
int nb_fl_get_str(nb_fload *c, const nb_ynode *map, const char *key, int required,
		  char **out);
int nb_fl_get_bool(nb_fload *c, const nb_ynode *map, const char *key, int dflt, int *out);
int nb_fl_get_int(nb_fload *c, const nb_ynode *n, long lo, long hi, long *out);
/* Ids: lower-case ASCII letters, digits, '_', and '-' when dash. */
int nb_fl_valid_id(const char *s, int dash);
int nb_fl_get_id_as(nb_fload *c, const nb_ynode *map, char **out, int dash);
int nb_fl_get_id(nb_fload *c, const nb_ynode *map, char **out);
/* Memory from the form's arena; NULL after reporting 内存不足 at n. */
void *nb_fl_alloc(nb_fload *c, const nb_ynode *n, size_t size);

#endif
