/* See export.h. The table of formats and the one way an export reaches the
 * disk. */
#include "io/export.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sysio.h"

extern const nb_export_format nb_export_csv;
extern const nb_export_format nb_export_html;
extern const nb_export_format nb_export_text;
extern const nb_export_format nb_export_docx;
extern const nb_export_format nb_export_xlsx;
extern const nb_export_format nb_export_graphic;

const nb_export_format *const nb_export_formats[] = {
	&nb_export_html,
	&nb_export_docx,
	&nb_export_xlsx,
	&nb_export_csv,
	&nb_export_text,
	&nb_export_graphic,
	NULL
};

FILE *nb_export_fopen(const char *path, nb_err *err)
{
	FILE *o = fopen(path, "w");

	if (!o)
		nb_fail(err, NB_UNWRITABLE, "%s: %s", path, strerror(errno));
	return o;
}

nb_status nb_export_fclose(FILE *o, const char *path, int bad, nb_err *err)
{
	int failed = ferror(o);

	/* fclose flushes: a full disk may show only here. */
	if (fclose(o) != 0)
		failed = 1;
	if (bad)
		return nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
	if (failed)
		return nb_fail(err, NB_UNWRITABLE, "%s: %s", path, strerror(errno));
	return NB_OK;
}

const nb_export_format *nb_export_find(const char *name)
{
	for (const nb_export_format *const *f = nb_export_formats; *f; f++)
		if (!strcmp((*f)->name, name))
			return *f;
	return NULL;
}

char *nb_export_default_name(const nb_export_format *fmt, const char *report_path)
{
	size_t n = strlen(report_path), e = strlen(fmt->ext);
	const char *slash = strrchr(report_path, '/'), *dot = strrchr(report_path, '.');
	char *out;

	/* Drop the report's own extension, not a dot in a folder name. */
	if (dot && (!slash || dot > slash + 1))
		n = (size_t)(dot - report_path);
	out = malloc(n + e + 1);
	if (!out)
		return NULL;
	memcpy(out, report_path, n);
	memcpy(out + n, fmt->ext, e + 1);
	return out;
}

/* Copy a finished temporary file to standard output. */
static nb_status copy_out(const char *tmp, nb_err *err)
{
	char *buf;
	size_t len;

	if (nb_read_file(tmp, (size_t)1 << 30, &buf, &len) < 0)
		return nb_fail(err, NB_SYSTEM, "%s: %s", tmp, strerror(errno));
	if (nb_write_all(STDOUT_FILENO, buf, len) < 0) {
		int e = errno;
		free(buf);
		return nb_fail(err, NB_UNWRITABLE, "标准输出：%s", strerror(e));
	}
	free(buf);
	return NB_OK;
}

static nb_status sync_path(const char *path, int dir, nb_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (dir ? O_DIRECTORY : 0));
	int r;

	if (fd < 0)
		return nb_fail(err, NB_UNWRITABLE, "%s: %s", path, strerror(errno));
	r = fsync(fd);
	if (r < 0 && dir && (errno == EINVAL || errno == EROFS))
		r = 0; /* some file systems cannot sync a directory */
	if (r < 0) {
		int e = errno;
		close(fd);
		return nb_fail(err, NB_UNWRITABLE, "%s: 无法写到磁盘：%s", path, strerror(e));
	}
	close(fd);
	return NB_OK;
}

nb_status nb_export_file(const nb_export_format *fmt, const nb_export_in *in,
			 const char *out, nb_err *err)
{
	int to_stdout = !strcmp(out, "-");
	const char *slash = strrchr(out, '/');
	char *tmp, *dir;
	size_t dn;
	int fd;
	nb_status st;

	/* The temporary file sits beside the output so the rename cannot
	 * cross file systems; for standard output, in $TMPDIR. */
	if (to_stdout) {
		const char *t = getenv("TMPDIR");
		dir = strdup(t && *t ? t : "/tmp");
	} else {
		dn = slash ? (size_t)(slash - out) : 0;
		dir = slash ? strndup(out, dn ? dn : 1) : strdup(".");
	}
	if (!dir)
		return nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
	tmp = malloc(strlen(dir) + 32);
	if (!tmp) {
		free(dir);
		return nb_fail(err, NB_NOMEM, "%s", nb_status_text(NB_NOMEM));
	}
	sprintf(tmp, "%s/.nianbao-export.XXXXXX", dir);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		st = nb_fail(err, NB_UNWRITABLE, "%s: 无法在此目录写文件：%s",
			     to_stdout ? dir : out, strerror(errno));
		goto done;
	}
	/* mkostemp makes 0600; an export is an ordinary new file. */
	{
		mode_t um = umask(022);
		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	close(fd);
	st = fmt->write(in, tmp, err);
	if (st == NB_OK) {
		if (to_stdout)
			st = copy_out(tmp, err);
		else if ((st = sync_path(tmp, 0, err)) == NB_OK) {
			if (rename(tmp, out) < 0)
				st = nb_fail(err, NB_UNWRITABLE, "%s: %s", out, strerror(errno));
			else
				st = sync_path(dir, 1, err);
		}
	}
	if (st != NB_OK || to_stdout)
		unlink(tmp);
done:
	free(tmp);
	free(dir);
	return st;
}
