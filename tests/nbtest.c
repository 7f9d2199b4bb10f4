/* Helpers shared by the Check suites (see nbtest.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nbtest.h"
#include "io/report_yaml.h"

char *mkdtemp(char *tmpl);

void nbt_forms_up(void)
{
	nb_err err = {0};
	int rc = nb_forms_init(NULL, &err);
	ck_assert_msg(rc >= 0, "nb_forms_init(NULL): %d %s", rc, err.msg);
}

void nbt_forms_down(void)
{
	nb_forms_shutdown();
}

const nb_form *nbt_form(const char *id)
{
	const nb_form *f = nb_forms_find(id);
	ck_assert_msg(f != NULL, "no built-in form %s", id);
	return f;
}

int nbt_cell(const nb_form *f, const char *id)
{
	int c = nb_form_cell_by_id(f, id);
	ck_assert_msg(c >= 0, "%s: no cell %s", f->id, id);
	return c;
}

void nbt_set(nb_report *r, const char *key, const char *val)
{
	nb_err err = {0};
	int rc = nb_report_set_by_key(r, key, val, strlen(val), &err);
	ck_assert_msg(rc == 0, "set %s = \"%s\": %d %s", key, val, rc, err.msg);
}

nb_report *nbt_load_file(const char *path)
{
	nb_err err = {0};
	nb_load_status st;
	nb_report *r = nb_report_load_file(path, &err, &st);
	ck_assert_msg(r != NULL, "%s", err.msg);
	return r;
}

char *nbt_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "cannot open %s: %s", path, strerror(errno));
	size_t cap = 1 << 16, n = 0, k;
	char *b = malloc(cap + 1);
	ck_assert_ptr_nonnull(b);
	while ((k = fread(b + n, 1, cap - n, fp)) > 0) {
		n += k;
		if (n == cap) {
			cap *= 2;
			b = realloc(b, cap + 1);
			ck_assert_ptr_nonnull(b);
		}
	}
	fclose(fp);
	b[n] = 0;
	*len = n;
	return b;
}

int nbt_err_pos(const char *msg, const char *name, int *col)
{
	size_t nl = strlen(name);
	ck_assert_msg(strncmp(msg, name, nl) == 0 && msg[nl] == ':',
		      "message does not start with \"%s:\": %s", name, msg);
	int line = 0, c = 0, used = 0;
	ck_assert_msg(sscanf(msg + nl, ":%d:%d: %n", &line, &c, &used) == 2 && used > 0,
		      "no LINE:COL in: %s", msg);
	ck_assert_msg(line >= 1 && c >= 1, "position not 1-based: %s", msg);
	ck_assert_msg(msg[nl + used] != 0, "no text after the position: %s", msg);
	if (col)
		*col = c;
	return line;
}

void nbt_mkdtemp(char *dir, size_t n, const char *tmpl)
{
	snprintf(dir, n, "%s", tmpl);
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

void nbt_rm_tree(const char *d)
{
	DIR *dd = opendir(d);
	struct dirent *de;
	char p[1024];
	struct stat st;
	if (!dd)
		return;
	while ((de = readdir(dd)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(p, sizeof p, "%s/%s", d, de->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			chmod(p, 0700);
			nbt_rm_tree(p);
		} else {
			unlink(p);
		}
	}
	closedir(dd);
	rmdir(d);
}
