/* Helpers every command uses: usage errors and loading a report. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/utf8.h"

const char *nb_cmd_forms_dir;

int nb_cmd_bad_usage(const char *fmt, const char *arg)
{
	fputs("nianbao: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n(nianbao --help 查看用法)\n", stderr);
	return NB_EXIT_USAGE;
}

/* An option that wants a value but is last on the line, or not an option
 * this command knows. */
int nb_cmd_bad_option(const char *cmd, int argc, char **argv, int i)
{
	static const char *const takes[] = {"--last", "--format", "--form", "--from", "--year",
					    "--forms", "-o", "--agency", "--bare-unit",
					    NULL};
	for (const char *const *t = takes; *t; t++)
		if (!strcmp(argv[i], *t) && i + 1 >= argc) {
			fprintf(stderr, "nianbao: %s: 选项 %s 后面缺少参数\n(nianbao --help 查看用法)\n",
				cmd, argv[i]);
			return NB_EXIT_USAGE;
		}
	fprintf(stderr, "nianbao: %s: 未知的选项 %s\n(nianbao --help 查看用法)\n", cmd, argv[i]);
	return NB_EXIT_USAGE;
}

nb_report *nb_cmd_load(const char *path, nb_load_status *st)
{
	nb_err err;
	nb_report *r = nb_report_load_file(path, &err, st);
	if (!r) {
		/* The message quotes the file's name: any byte but '/' and NUL. */
		char shown[sizeof err.msg];
		fprintf(stderr, "%s\n", nb_clean_name(shown, sizeof shown, err.msg));
	}
	return r;
}

int nb_cmd_one_file(int argc, const char *cmd)
{
	if (argc != 1)
		return nb_cmd_bad_usage("%s: 请给出一个文件", cmd);
	return 0;
}


int nb_cmd_write_doc(nb_doc *d, int force)
{
	char shown[1024];
	nb_lock_owner holder;
	nb_err err;
	nb_status st;

	nb_clean_name(shown, sizeof shown, d->path);
	/* The lock, as the editor takes it: never write over a report that
	 * someone has open, --force or not. */
	switch (nb_doc_lock(d, &holder, &err)) {
	case NB_OK:
		break;
	case NB_LOCKED: {
		char u[128], h[300];
		nb_clean_name(u, sizeof u, holder.user);
		nb_clean_name(h, sizeof h, holder.host);
		fprintf(stderr, "nianbao: %s 正由用户 %s 编辑（主机 %s，进程 %ld%s），未写入\n",
			shown, u, h, (long)holder.pid,
			holder.stale ? "，该进程已不存在：在编辑器中打开可接管" : "");
		return NB_EXIT_UNREADABLE;
	}
	default:
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return NB_EXIT_UNREADABLE;
	}
	st = nb_doc_save(d, NULL, force ? NB_SAVE_CHANGED_OK | NB_SAVE_READONLY_OK : 0, NULL, &err);
	if (st != NB_OK) {
		fprintf(stderr, "nianbao: %s: %s\n", shown,
			st == NB_CHANGED_ON_DISK ? "文件刚被创建，不会覆盖（确需覆盖请加 --force）" : err.msg);
		return NB_EXIT_UNREADABLE;
	}
	if (d->save_note[0])
		fprintf(stderr, "nianbao: %s: 已写入，但%s\n", shown, d->save_note);
	return NB_EXIT_OK;
}

int nb_cmd_may_create(const char *path, int force)
{
	char shown[1024];
	struct stat sb;

	nb_clean_name(shown, sizeof shown, path);
	/* "Cannot look" (EACCES from a link the kernel will not follow in a
	 * sticky folder, ELOOP...) is not "absent": refuse. */
	if (stat(path, &sb) == 0) {
		if (!force) {
			fprintf(stderr, "nianbao: %s 已存在，不会覆盖（确需覆盖请加 --force）\n", shown);
			return NB_EXIT_UNREADABLE;
		}
	} else if (errno != ENOENT) {
		fprintf(stderr, "nianbao: %s: %s\n", shown, strerror(errno));
		return NB_EXIT_UNREADABLE;
	}
	return NB_EXIT_OK;
}
