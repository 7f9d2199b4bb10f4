/* The mentions: section of a form file (man 5 nianbao-form): the figures the
 * prose may quote and the cells each stands for. Private to the form loader. */
#ifndef NB_FORM_MENTIONS_H
#define NB_FORM_MENTIONS_H

#include "core/err.h"
#include "core/yamltree.h"
#include "form/form.h"

/* Fill f->mention from ml (NULL when the section is absent); tables must be
 * loaded. -1 with err set ("name:line:col: ...") on a bad entry. */
int nb_form_load_mentions(nb_form *f, const nb_ynode *ml, nb_yarena *a,
			  const char *name, nb_err *err);

#endif
