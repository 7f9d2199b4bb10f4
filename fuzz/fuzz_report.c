/* libFuzzer harness for the report loader: load, save to memory, load the
 * saved bytes again, save again; the two saved buffers must be identical.
 * A report that loads must also save, and a load that fails must say why
 * as "NAME:LINE:COL: ...". The rule engine is run on what loads, since
 * `nianbao check` does exactly that with a file from anywhere. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/engine.h"
#include "io/report_yaml.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	nb_err err;
	unsetenv("NIANBAO_FORMS"); /* the built-in forms only, for every run */
	if (nb_forms_init(NULL, &err)) {
		fprintf(stderr, "nb_forms_init: %s\n", err.msg);
		abort();
	}
	return 0;
}

/* "fuzz:LINE:COL: text" with LINE, COL >= 1. */
static int well_formed(const char *msg)
{
	const char *p = msg;
	if (strncmp(p, "fuzz:", 5))
		return 0;
	p += 5;
	for (int k = 0; k < 2; k++) {
		long v = 0;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			v = v * 10 + (*p++ - '0');
		if (v < 1 || *p++ != ':')
			return 0;
	}
	return *p == ' ' && p[1] != 0;
}

static void walk_engine(nb_report *r)
{
	nb_engine *e = nb_engine_new(r, NULL);
	if (!e)
		return;
	nb_engine_check_all(e);
	int n = nb_engine_nfindings(e);
	for (int i = 0; i < n; i++) {
		const nb_finding *x = nb_engine_finding(e, i);
		if (!x || strlen(x->msg) >= NB_FINDING_MSG)
			__builtin_trap();
		for (int k = 0; k < x->ncells; k++)
			if (x->cells[k] < 0 || x->cells[k] >= r->form->ncell)
				__builtin_trap();
	}
	nb_engine_free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nb_err err;
	nb_load_status st = NB_LOAD_OK;
	err.msg[0] = 0;
	nb_report *r = nb_report_load_mem((const char *)data, size, "fuzz", &err, &st);
	if (!r) {
		if (st == NB_LOAD_OK || !well_formed(err.msg))
			__builtin_trap();
		return 0;
	}
	char *b1 = NULL, *b2 = NULL;
	size_t l1 = 0, l2 = 0;
	/* What loads must save: otherwise the clerk could open but never keep it. */
	if (nb_report_save_mem(r, &b1, &l1))
		__builtin_trap();
	nb_report *r2 = nb_report_load_mem(b1, l1, "fuzz", &err, &st);
	if (!r2)
		__builtin_trap();
	if (nb_report_save_mem(r2, &b2, &l2))
		__builtin_trap();
	if (l1 != l2 || memcmp(b1, b2, l1))
		__builtin_trap();
	for (int i = 0; i < r->form->nfield; i++)
		if (strcmp(r->text[i], r2->text[i]))
			__builtin_trap();
	for (int c = 0; c < r->form->ncell; c++)
		if (!nb_value_eq(&r->cell[c], &r2->cell[c]))
			__builtin_trap();
	walk_engine(r);
	free(b1);
	free(b2);
	nb_report_free(r2);
	nb_report_free(r);
	return 0;
}
