/* libFuzzer harness for the importer: any bytes, as text and as HTML,
 * must give a report or a refusal that names the input, never a crash or
 * a leak. A report that comes out must save (the round trip through the
 * report file is the loader's harness's business). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/import.h"
#include "io/report_yaml.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	nb_err err;
	unsetenv("NIANBAO_FORMS");
	if (nb_forms_init(NULL, &err)) {
		fprintf(stderr, "nb_forms_init: %s\n", err.msg);
		abort();
	}
	return 0;
}

static void one(const char *buf, size_t len)
{
	nb_err err;
	memset(&err, 0, sizeof err);
	nb_report *r = nb_import_mem(buf, len, "fuzz", NULL, NULL, &err);
	if (!r) {
		/* A refusal says which input, and is never "OK". */
		if (strncmp(err.msg, "fuzz", 4) && strncmp(err.msg, "没有表单", 4))
			__builtin_trap();
		if (err.status == NB_OK)
			__builtin_trap();
		return;
	}
	char *out;
	size_t olen;
	if (nb_report_save_mem(r, &out, &olen))
		__builtin_trap();
	free(out);
	nb_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one((const char *)data, size);
	/* The same bytes as an HTML page. */
	char *h = malloc(size + 7);
	if (!h)
		return 0;
	memcpy(h, "<html>", 6);
	memcpy(h + 6, data, size);
	one(h, size + 6);
	free(h);
	return 0;
}
