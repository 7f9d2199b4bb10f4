/* libFuzzer harness for the form loader. A form that loads must be usable:
 * a report of it, the engine deriving and checking (blank, then with huge
 * figures everywhere), every cell named and found again by its id, and a
 * report of it that saves and loads back (nb_report_save_mem checks that). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/engine.h"
#include "io/report_yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(nb_engine *e, const nb_form *f)
{
	int n = nb_engine_nfindings(e);
	for (int i = 0; i < n; i++) {
		const nb_finding *x = nb_engine_finding(e, i);
		if (!x || strlen(x->msg) >= NB_FINDING_MSG)
			__builtin_trap();
		if (x->cell < -1 || x->cell >= f->ncell || x->field < -1 ||
		    x->field >= f->nfield)
			__builtin_trap();
		for (int k = 0; k < x->ncells; k++)
			if (x->cells[k] < 0 || x->cells[k] >= f->ncell)
				__builtin_trap();
	}
	(void)nb_engine_count(e, NB_SEV_ERROR);
	(void)nb_engine_count(e, NB_SEV_WARNING);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nb_err err;
	err.msg[0] = 0;
	nb_form *f = nb_form_load_mem((const char *)data, size, "fuzz", &err);
	if (!f) {
		if (strncmp(err.msg, "fuzz:", 5))
			__builtin_trap();
		return 0;
	}
	char id[256], path[1024], name[1024];
	for (int c = 0; c < f->ncell; c++) {
		nb_form_cell_id(f, c, id, sizeof id);
		nb_form_cell_path(f, c, path, sizeof path);
		nb_form_cell_name(f, c, name, sizeof name);
		/* Cell ids are the report's keys: they must be unambiguous. */
		if (nb_form_cell_by_id(f, id) != c)
			__builtin_trap();
		int t, row, col;
		nb_form_cell_pos(f, c, &t, &row, &col);
		if (nb_form_cell(f, t, row, col) != c)
			__builtin_trap();
	}
	nb_report *r = nb_report_new(f);
	if (!r) {
		nb_form_free(f);
		return 0;
	}
	nb_engine *e = nb_engine_new(r, NULL);
	if (e) {
		nb_engine_derive_all(e);
		nb_engine_check_all(e);
		walk(e, f);
		/* Figures near the 64-bit edge: the sums must not overflow silently. */
		for (int c = 0; c < f->ncell; c++) {
			if (nb_engine_is_computed(e, c))
				continue;
			nb_value v = {1, 0, 0, INT64_MAX - c};
			if (nb_form_cell_type(f, c)->type == NB_T_MONEY)
				v.scale = (uint8_t)(c % 7);
			nb_engine_set(e, c, &v);
		}
		walk(e, f);
		nb_engine_derive_all(e);
		nb_engine_check_all(e);
		walk(e, f);
		nb_engine_free(e);
	}
	char *buf = NULL;
	size_t len = 0;
	/* A blank report of an accepted form must round-trip. */
	nb_report *blank = nb_report_new(f);
	if (blank) {
		if (nb_report_save_mem(blank, &buf, &len))
			__builtin_trap();
		free(buf);
		nb_report_free(blank);
	}
	nb_report_free(r);
	nb_form_free(f);
	return 0;
}
