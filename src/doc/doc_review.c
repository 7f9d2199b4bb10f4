/* A reviewer's comment written into a report file; see nb_doc_add_comment
 * in doc.h. Through the document's own open, lock and save, so the
 * policies (the clerk's lock, a file changed meanwhile, crash-safe
 * writing) are the ones every save obeys. */
#include "doc/doc.h"

#include <string.h>

#include "model/comments.h"

nb_status nb_doc_add_comment(const char *path, const char *expect_hash,
			     const char *target, const char *text,
			     const char *author, nb_lock_owner *holder, nb_err *err)
{
	nb_doc *d;
	nb_journal_info info;
	nb_status st;

	if (!text || !*text)
		return nb_fail(err, NB_BAD_VALUE, "%s", "审核意见是空的");
	st = nb_doc_open(path, NULL, &d, err);
	if (st != NB_OK)
		return st;
	if (expect_hash && strcmp(expect_hash, d->hash) != 0) {
		nb_doc_close(d, 0);
		return nb_fail(err, NB_CHANGED_ON_DISK, "%s: %s", path,
			       nb_status_text(NB_CHANGED_ON_DISK));
	}
	st = nb_doc_lock(d, holder, err);
	if (st != NB_OK) {
		nb_doc_close(d, 0);
		return st;
	}
	/* Our save would leave the clerk's unsaved work (a journal from a
	 * session that ended badly) applying to a file that moved on. */
	st = nb_doc_journal_probe(d, &info, err);
	if (st != NB_OK) {
		nb_doc_close(d, 0);
		return st == NB_JOURNAL_FOUND
			? nb_fail(err, st, "%s: %s（请填报人先打开报告处理）", path,
				  nb_status_text(st))
			: st;
	}
	if (nb_comment_add(d->rep, target, text, author ? author : "", NULL, 0) < 0) {
		nb_doc_close(d, 0);
		return nb_fail(err, NB_BAD_VALUE, "%s", "审核意见不是有效的文字");
	}
	d->modified = 1;
	st = nb_doc_save(d, NULL, 0, holder, err);
	if (st != NB_OK && st != NB_NOT_DURABLE) {
		d->modified = 0; /* nothing of ours to keep in a journal */
		nb_doc_close(d, 0);
		return st;
	}
	nb_doc_close(d, 0);
	return st;
}
