/* The rule language of form files (man 5 nianbao-form, RULES): parses the
 * `rules:` list into the form's nb_rule array. Internal to src/form. */
#ifndef NB_RULE_H
#define NB_RULE_H

#include "form/form_load.h"

/* Every rule of list (a YAML sequence) into c->f->rule; tables must be
 * loaded. Returns -1 after reporting FILE:LINE:COL, else 0. */
int nb_rules_load(nb_fload *c, const nb_ynode *list);

#endif
