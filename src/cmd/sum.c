/* nianbao sum: many reports of one layout added into one (model/rollup). */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/hash.h"
#include "core/sysio.h"
#include "doc/doc.h"
#include "model/engine.h"
#include "model/rollup.h"

/* Every total from its parts, then the result written as `new` and
 * `import` write: through the document, under the lock, never over a
 * report someone has open. Takes res. */
static int write_result(const char *out, nb_report *res, int force)
{
	nb_engine *e;
	nb_doc *d;
	nb_err err;
	int rc = nb_cmd_may_create(out, force);

	if (rc) {
		nb_report_free(res);
		return rc;
	}
	if (!(e = nb_engine_new(res, NULL))) {
		nb_report_free(res);
		fprintf(stderr, "nianbao: %s\n", nb_status_text(NB_NOMEM));
		return NB_EXIT_UNREADABLE;
	}
	nb_engine_derive_all(e);
	nb_engine_free(e);
	if (nb_doc_adopt(out, res, NULL, &d, &err) != NB_OK) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return NB_EXIT_UNREADABLE;
	}
	rc = nb_cmd_write_doc(d, force);
	nb_doc_close(d, 0);
	return rc;
}

int nb_cmd_sum(int argc, char **argv)
{
	const char *out = NULL, *agency = NULL;
	int allow = 0, force = 0, i;
	nb_bare_unit bare = NB_BARE_REFUSE;

	for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--agency") && i + 1 < argc)
			agency = argv[++i];
		else if (!strcmp(argv[i], "--allow-errors"))
			allow = 1;
		else if (!strcmp(argv[i], "--force"))
			force = 1;
		else if (!strcmp(argv[i], "--bare-unit") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "元"))
				bare = NB_BARE_YUAN;
			else if (!strcmp(argv[i], "万元"))
				bare = NB_BARE_WAN;
			else
				return nb_cmd_bad_usage("--bare-unit 只能是 元 或 万元，而不是“%s”", argv[i]);
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else
			return nb_cmd_bad_option("sum", argc, argv, i);
	}
	if (!out)
		return nb_cmd_bad_usage("sum: 请用 -o 给出合计报告的文件名%s", "");
	if (i >= argc)
		return nb_cmd_bad_usage("sum: 请给出要相加的报告%s", "");

	/* Each input is loaded, checked and freed in turn: by default glibc
	 * gives the freed heap back to the kernel after every report and
	 * faults it in again for the next, which cost a fifth of the run. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 4 << 20);

	nb_rollup *s = NULL;
	int rc = NB_EXIT_OK, refused = 0, with_errors = 0;
	for (int k = i; k < argc; k++) {
		const char *path = argv[k];
		char *buf, sha[65];
		size_t len;
		nb_err err;
		nb_load_status st;
		if (nb_read_file(path, NB_LIMIT_FILE_BYTES, &buf, &len)) {
			fprintf(stderr, "%s: 无法读取：%s\n", path, strerror(errno));
			rc = NB_EXIT_UNREADABLE;
			continue;
		}
		nb_hash_buf(buf, len, sha);
		nb_report *r = nb_report_load_mem(buf, len, path, &err, &st);
		free(buf);
		if (!r) {
			fprintf(stderr, "%s\n", err.msg);
			rc = NB_EXIT_UNREADABLE;
			continue;
		}
		int nerr = nb_engine_count_errors(r);
		if (nerr < 0) {
			fprintf(stderr, "nianbao: %s\n", nb_status_text(NB_NOMEM));
			nb_report_free(r);
			nb_rollup_free(s);
			return NB_EXIT_UNREADABLE;
		}
		if (nerr && !allow) {
			fprintf(stderr, "%s: 报告有 %d 处错误，不相加（先改正，或加 --allow-errors）\n",
				path, nerr);
			refused++;
		} else if (nerr) {
			fprintf(stderr, "%s: 报告有 %d 处错误，按 --allow-errors 仍计入合计\n", path, nerr);
			with_errors++;
		}
		if (!s && !(s = nb_rollup_new(r->form, bare))) {
			fprintf(stderr, "nianbao: %s\n", nb_status_text(NB_NOMEM));
			nb_report_free(r);
			return NB_EXIT_UNREADABLE;
		}
		nb_status as = nb_rollup_add(s, r, path, sha, nerr, &err);
		nb_report_free(r);
		if (as == NB_LAYOUT_MISMATCH) {
			fprintf(stderr, "nianbao: %s: %s\n", nb_status_text(as), err.msg);
			refused++;
		} else if (as != NB_OK) {
			fprintf(stderr, "nianbao: %s\n", err.msg);
			nb_rollup_free(s);
			return as == NB_NOMEM ? NB_EXIT_UNREADABLE : NB_EXIT_FINDINGS;
		}
	}
	if (rc || refused || !s) {
		if (refused)
			fprintf(stderr, "nianbao: sum: %d 份报告被拒绝，未写出 %s\n", refused, out);
		nb_rollup_free(s);
		return rc ? rc : NB_EXIT_FINDINGS;
	}
	nb_err err;
	nb_report *res = nb_rollup_result(s, agency, &err);
	nb_rollup_free(s);
	if (!res) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return err.status == NB_NOMEM ? NB_EXIT_UNREADABLE : NB_EXIT_FINDINGS;
	}
	for (int n = 0; n < res->rollup->nnote; n++)
		fprintf(stderr, "nianbao: sum: %s\n", res->rollup->note[n]);
	int nin = res->rollup->nin;
	const char *form_id = res->form->id; /* the form outlives the report */
	rc = write_result(out, res, force);
	if (!rc)
		printf("已写出 %s：%d 份报告（%s）相加%s\n", out, nin, form_id,
		       with_errors ? "，其中有错误的报告已在 rollup.inputs 中注明" : "");
	return rc;
}
