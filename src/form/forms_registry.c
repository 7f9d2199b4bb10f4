/* The forms nianbao knows: compiled in, extended or overridden by a directory. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"
#include "form/form.h"

struct nb_builtin_form { const char *name; const char *data; size_t len; };
extern const struct nb_builtin_form nb_builtin_forms[];

#define MAX_FORMS 64
static nb_form *forms[MAX_FORMS];
static int nforms;

static int add(nb_form *f)
{
	for (int i = 0; i < nforms; i++)
		if (!strcmp(forms[i]->id, f->id)) {
			nb_form_free(forms[i]); /* a directory overrides by id */
			forms[i] = f;
			return 0;
		}
	if (nforms >= MAX_FORMS) {
		nb_form_free(f);
		return -1;
	}
	forms[nforms++] = f;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int nb_forms_init(const char *dir, nb_err *err)
{
	nb_forms_shutdown();
	for (const struct nb_builtin_form *b = nb_builtin_forms; b->name; b++) {
		nb_form *f = nb_form_load_mem(b->data, b->len, "builtin", err);
		if (!f)
			return -1;
		add(f);
	}
	if (!dir)
		dir = getenv("NIANBAO_FORMS");
	if (!dir || !*dir)
		return 0;
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err->msg, sizeof err->msg, "%s: 无法打开表单目录", dir);
		return -1;
	}
	char *names[MAX_FORMS];
	int n = 0, nomem = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < MAX_FORMS) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] != '.' && l > 5 && !strcmp(de->d_name + l - 5, ".yaml") &&
		    !(names[n++] = nb_strdup(de->d_name))) {
			n--;
			nomem = 1;
			break;
		}
	}
	closedir(d);
	if (nomem) {
		while (n > 0)
			free(names[--n]);
		snprintf(err->msg, sizeof err->msg, "%s: 内存不足", dir);
		return -1;
	}
	qsort(names, (size_t)n, sizeof *names, by_name);
	int rc = 0;
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		nb_form *f = rc ? NULL : nb_form_load_file(path, err);
		if (!f)
			rc = -1;
		else
			add(f);
		free(names[i]);
	}
	return rc;
}

int nb_forms_count(void) { return nforms; }

const nb_form *nb_forms_get(int i)
{
	return i >= 0 && i < nforms ? forms[i] : NULL;
}

const nb_form *nb_forms_find(const char *id)
{
	for (int i = 0; i < nforms; i++)
		if (!strcmp(forms[i]->id, id))
			return forms[i];
	return NULL;
}

const nb_form *nb_forms_for_year(int year)
{
	const nb_form *best = NULL;
	for (int i = 0; i < nforms; i++) {
		const nb_form *f = forms[i];
		if ((f->year_from && year < f->year_from) || (f->year_to && year > f->year_to))
			continue;
		if (!best || f->year_from > best->year_from)
			best = f;
	}
	return best;
}

void nb_forms_shutdown(void)
{
	for (int i = 0; i < nforms; i++)
		nb_form_free(forms[i]);
	nforms = 0;
}

void nb_form_years(const nb_form *f, char *buf, size_t n)
{
	if (f->year_to)
		snprintf(buf, n, "%d-%d", f->year_from, f->year_to);
	else
		snprintf(buf, n, "%d-", f->year_from);
}
