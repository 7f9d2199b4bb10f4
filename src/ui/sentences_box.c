/* The editor's "sentences from the tables": the figures paragraph of
 * 一、总体情况 written from the tables (src/model/sentences.c), shown to the
 * clerk first, then put in as one undo step through the document. */
#include "ui/app.h"

#include <stdlib.h>
#include <string.h>

#include "model/sentences.h"

void nb_sentences_ask(nb_app *a)
{
	const nb_form *f = a->form;
	int field = f->nsection > 0 ? f->section[0].text : -1;
	const char *lp[3];
	char *gen, *text;
	nb_status st;
	int k;

	if (nb_refuse_readonly(a))
		return;
	if (field < 0) {
		nb_msg(a, NB_SEV_WARNING, "这种报告格式的第一部分没有文字栏");
		return;
	}
	/* Figures being typed count: commit them first. */
	if (nb_grid_commit_or_keep(a) < 0)
		return;
	nb_edit_text_commit(a);
	if (!(gen = nb_sentences(a->rep))) {
		nb_msg(a, NB_SEV_ERROR, "%s", nb_status_text(NB_NOMEM));
		return;
	}
	if (!*gen) {
		free(gen);
		nb_msg(a, 0, "表格还没有填写，没有可写的数字");
		return;
	}
	lp[0] = gen;
	lp[1] = "";
	lp[2] = "确认后替换“一、总体情况”中写收到申请数字的那一段（没有则添在末尾），^Z 可撤销。";
	k = nb_ask(a, "按表格生成的依申请公开段落", lp, 3, "y 写入   n 取消", "yn", 1);
	a->full = 1;
	if (k != 'y') {
		free(gen);
		nb_msg(a, 0, "未写入");
		return;
	}
	text = nb_sentences_apply(a->rep->text[field], gen);
	free(gen);
	if (!text) {
		nb_msg(a, NB_SEV_ERROR, "%s", nb_status_text(NB_NOMEM));
		return;
	}
	st = nb_doc_set_text(a->doc, field, text);
	free(text);
	if (st != NB_OK) {
		nb_msg(a, NB_SEV_ERROR, "%s", nb_status_text(st));
		return;
	}
	nb_jump_field(a, field);
	nb_msg(a, 0, "已按表格写入依申请公开的数字段落（^Z 撤销）");
}
