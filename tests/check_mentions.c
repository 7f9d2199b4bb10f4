/* Rule 10: figures quoted in the prose against the tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/engine.h"
#include "model/mention.h"
#include "nbtest.h"
#include "io/report_yaml.h"

static const char *const new_words[] = {"收到政府信息公开申请", "收到申请", NULL};

static nb_mention mk(const char *const *words)
{
	nb_mention m;
	memset(&m, 0, sizeof m);
	for (; *words; words++)
		m.words[m.nwords++] = (char *)*words;
	return m;
}

/* The value of the first quote in text, or -1 when there is none. */
static long long first(const char *text)
{
	nb_mention m = mk(new_words);
	size_t pos = 0;
	nb_quote q;
	return nb_mention_next(&m, text, &pos, &q) ? (long long)q.value : -1;
}

START_TEST(test_scan_degenerate)
{
	ck_assert_int_eq(first(""), -1);
	ck_assert_int_eq(first("收到申请"), -1);              /* no number */
	ck_assert_int_eq(first("收到申请5"), -1);             /* no 件 */
	ck_assert_int_eq(first("收到申请5条"), -1);           /* not 件 */
	ck_assert_int_eq(first("收到申请，共5件"), -1);       /* another clause */
	ck_assert_int_eq(first("申请5件"), -1);               /* no word */
	ck_assert_int_eq(first("收到申请99999999999999999999件"), -1); /* past 64 bits */
}
END_TEST

START_TEST(test_scan_real)
{
	ck_assert_int_eq(first("本机关共收到政府信息公开申请307件，其中自然人申请259件"), 307);
	ck_assert_int_eq(first("收到申请 12 件"), 12);
	ck_assert_int_eq(first("收到申请１２３件"), 123);     /* full-width */
	ck_assert_int_eq(first("收到申请1,234件"), 1234);
	/* A year is not a count: the number before 件 is. */
	ck_assert_int_eq(first("收到申请（2021年度）共8件"), 8);
	/* The longest word wins and is skipped as a whole. */
	nb_mention m = mk(new_words);
	const char *t = "收到申请3件；又收到政府信息公开申请4件。";
	size_t pos = 0;
	nb_quote q;
	ck_assert(nb_mention_next(&m, t, &pos, &q));
	ck_assert_int_eq(q.value, 3);
	ck_assert_int_eq(q.start, 0);
	ck_assert(nb_mention_next(&m, t, &pos, &q));
	ck_assert_int_eq(q.value, 4);
	ck_assert(!strncmp(t + q.start, "收到政府信息公开申请4件", q.end - q.start));
	ck_assert(!nb_mention_next(&m, t, &pos, &q));
	ck_assert_uint_eq(pos, strlen(t));
}
END_TEST

static int count_kind(nb_engine *e, const char *kind)
{
	int n = 0;
	for (int i = 0; i < nb_engine_nfindings(e); i++)
		n += !strcmp(nb_engine_finding(e, i)->kind, kind);
	return n;
}

static const nb_finding *find_kind(nb_engine *e, const char *kind)
{
	for (int i = 0; i < nb_engine_nfindings(e); i++)
		if (!strcmp(nb_engine_finding(e, i)->kind, kind))
			return nb_engine_finding(e, i);
	return NULL;
}

START_TEST(test_engine_mentions)
{
	nbt_forms_up();
	nb_report *r = nbt_load_file(NB_SRC("sample-data/city-2021.yaml"));
	nb_engine *e = nb_engine_new(r, NULL);
	/* The sample's prose agrees with its tables. */
	ck_assert_int_eq(count_kind(e, "prose-new"), 0);
	ck_assert_int_eq(count_kind(e, "prose-review"), 0);

	/* The prose says 306; the table says 307. */
	int s1 = nb_form_field(r->form, "s1");
	char *t = strdup(r->text[s1]);
	char *at = strstr(t, "收到政府信息公开申请307件");
	ck_assert_ptr_nonnull(at);
	memcpy(strstr(at, "307"), "306", 3);
	ck_assert_int_eq(nb_report_set_text(r, s1, t, strlen(t)), 0);
	nb_engine_text_changed(e, s1);
	const nb_finding *x = find_kind(e, "prose-new");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->sev, NB_SEV_WARNING);
	ck_assert_int_eq(x->field, s1);
	ck_assert_int_eq(x->expected, 307);
	ck_assert_int_eq(x->actual, 306);
	ck_assert_int_eq(x->cell, nbt_cell(r->form, "t3.new.total"));
	ck_assert_msg(strstr(x->msg, "收到政府信息公开申请306件") && strstr(x->msg, "307"),
		      "%s", x->msg);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(r->form, "t3.new.total")),
			 NB_SEV_WARNING);
	ck_assert_ptr_eq(nb_engine_field_finding(e, s1), x);

	/* The clerk fixes the table instead: one 自然人 fewer makes 总计 306,
	 * and the warning goes without the text being touched. */
	int c = nbt_cell(r->form, "t3.new.natural");
	nb_value v = r->cell[c];
	v.v -= 1;
	nb_engine_set(e, c, &v);
	ck_assert_int_eq(count_kind(e, "prose-new"), 0);
	ck_assert_int_eq(nb_engine_cell_sev(e, nbt_cell(r->form, "t3.new.total")),
			 NB_SEV_ERROR); /* the balance rule now fails instead */

	/* A sum of two cells: 行政诉讼 is 未经复议 + 复议后. */
	char *u = strstr(t, "行政诉讼8件");
	ck_assert_ptr_nonnull(u);
	memcpy(strstr(u, "8"), "9", 1);
	nb_report_set_text(r, s1, t, strlen(t));
	nb_engine_text_changed(e, s1);
	x = find_kind(e, "prose-litigation");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->expected, 8);
	ck_assert_int_eq(x->ncells, 2);
	free(t);
	nb_engine_free(e);
	nb_report_free(r);
	nbt_forms_down();
}
END_TEST

START_TEST(test_form_mentions)
{
	nbt_forms_up();
	const nb_form *f = nbt_form("gk2021");
	ck_assert_int_ge(f->nmention, 10);
	/* A group row stands for its leaves: （三）不予公开 has eight. */
	for (int k = 0; k < f->nmention; k++)
		if (!strcmp(f->mention[k].id, "prose-withheld"))
			ck_assert_int_eq(f->mention[k].ncells, 8);
	nbt_forms_down();

	static const char head[] =
		"nianbao_form: 1\nid: x\nname: x\nfields: []\n"
		"sections:\n  - {id: s1, number: 一, heading: 一, text: required, tables: [t1]}\n"
		"tables:\n  - id: t1\n    name: 表\n    columns: [{id: a, label: A}]\n"
		"    rows: [{id: r, label: R}]\n";
	char buf[1024];
	nb_err err;
	snprintf(buf, sizeof buf, "%smentions:\n  - {id: m, words: [收到], cells: t1.r.a}\n", head);
	nb_form *ok = nb_form_load_mem(buf, strlen(buf), "m.yaml", &err);
	ck_assert_msg(ok != NULL, "%s", err.msg);
	ck_assert_int_eq(ok->nmention, 1);
	nb_form_free(ok);
	snprintf(buf, sizeof buf, "%smentions:\n  - {id: m, words: [收到], cells: t1.r.zz}\n", head);
	ck_assert_ptr_null(nb_form_load_mem(buf, strlen(buf), "m.yaml", &err));
	ck_assert_msg(strstr(err.msg, "m.yaml:13:") && strstr(err.msg, "t1.r.zz"), "%s", err.msg);
	snprintf(buf, sizeof buf, "%smentions:\n  - {id: m, words: [], cells: t1.r.a}\n", head);
	ck_assert_ptr_null(nb_form_load_mem(buf, strlen(buf), "m.yaml", &err));
	ck_assert_msg(strstr(err.msg, "words"), "%s", err.msg);
}
END_TEST

Suite *NB_SUITE(mentions)(void)
{
	Suite *s = suite_create("mentions");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_scan_degenerate);
	tcase_add_test(tc, test_scan_real);
	tcase_add_test(tc, test_engine_mentions);
	tcase_add_test(tc, test_form_mentions);
	suite_add_tcase(s, tc);
	return s;
}
