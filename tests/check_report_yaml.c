/* The report model (src/report.h) and the report file (src/report_yaml.h):
 * keys, texts, byte-exact round trips, and every way a file can be bad. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nbtest.h"
#include "io/report_yaml.h"

static void get_is(const nb_report *r, const char *key, const char *want)
{
	char *v = nb_report_get_by_key(r, key);
	ck_assert_msg(v != NULL, "get %s: NULL", key);
	ck_assert_msg(strcmp(v, want) == 0, "get %s = \"%s\", want \"%s\"", key, v, want);
	free(v);
}

static size_t count_of(const char *hay, size_t len, const char *needle)
{
	size_t n = 0, nl = strlen(needle);
	for (size_t i = 0; i + nl <= len; i++)
		if (memcmp(hay + i, needle, nl) == 0)
			n++;
	return n;
}

/* 1-based line of byte offset `off`. */
static int line_at(const char *buf, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

/* The saved bytes, NUL-terminated here (save_mem does not promise it). */
static void save(const nb_report *r, char **buf, size_t *len)
{
	char *b = NULL;
	size_t n = 0;
	ck_assert_int_eq(nb_report_save_mem(r, &b, &n), 0);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_gt(n, 0);
	ck_assert_msg(memchr(b, 0, n) == NULL, "a NUL byte in the saved report");
	*buf = malloc(n + 1);
	ck_assert_ptr_nonnull(*buf);
	memcpy(*buf, b, n);
	(*buf)[n] = 0;
	*len = n;
	free(b);
}

static nb_report *load_ok(const char *buf, size_t len)
{
	nb_err err;
	memset(&err, 0, sizeof err);
	nb_load_status st = (nb_load_status)-1;
	nb_report *r = nb_report_load_mem(buf, len, "t.yaml", &err, &st);
	ck_assert_msg(r != NULL, "load failed (status %d): %s", (int)st, err.msg);
	ck_assert_int_eq(st, NB_LOAD_OK);
	return r;
}

/* Load must fail with `want` (or, when want2 >= 0, with want2); returns
 * the line of the message. */
static int load_fails2(const char *buf, size_t len, int want, int want2,
		       const char *what, int *col)
{
	nb_err err;
	memset(&err, 0, sizeof err);
	nb_load_status st = NB_LOAD_OK;
	nb_report *r = nb_report_load_mem(buf, len, "t.yaml", &err, &st);
	if (r) {
		nb_report_free(r);
		ck_abort_msg("%s: the report loaded", what);
	}
	ck_assert_msg((int)st == want || (want2 >= 0 && (int)st == want2),
		      "%s: status %d, want %d: %s", what, (int)st, want, err.msg);
	return nbt_err_pos(err.msg, "t.yaml", col);
}

static int load_fails(const char *buf, size_t len, int want, const char *what, int *col)
{
	return load_fails2(buf, len, want, -1, what, col);
}

/* A copy of buf with the first `needle` found at or after the first
 * `after` replaced by `repl`; *line gets the line where the change starts. */
static char *edit(const char *buf, size_t len, const char *after, const char *needle,
		  const char *repl, size_t *outlen, int *line)
{
	const char *from = buf;
	if (after) {
		from = strstr(buf, after);
		ck_assert_msg(from != NULL, "no \"%s\" in the saved report", after);
	}
	const char *p = strstr(from, needle);
	ck_assert_msg(p != NULL, "no \"%s\" in the saved report", needle);
	size_t off = (size_t)(p - buf), nl = strlen(needle), rl = strlen(repl);
	*outlen = len - nl + rl;
	char *o = malloc(*outlen + 1);
	ck_assert_ptr_nonnull(o);
	memcpy(o, buf, off);
	memcpy(o + off, repl, rl);
	memcpy(o + off + rl, buf + off + nl, len - off - nl);
	o[*outlen] = 0;
	if (line)
		*line = line_at(o, off);
	return o;
}

static void same_reports(const nb_report *a, const nb_report *b)
{
	ck_assert_ptr_eq(a->form, b->form);
	for (int i = 0; i < a->form->nfield; i++)
		ck_assert_msg(strcmp(a->text[i], b->text[i]) == 0,
			      "text %s: \"%s\" != \"%s\"", a->form->field[i].id,
			      a->text[i], b->text[i]);
	for (int c = 0; c < a->form->ncell; c++) {
		char id[64];
		nb_form_cell_id(a->form, c, id, sizeof id);
		ck_assert_msg(nb_value_eq(&a->cell[c], &b->cell[c]),
			      "cell %s differs (set %d/%d v %lld/%lld)", id,
			      a->cell[c].set, b->cell[c].set, (long long)a->cell[c].v,
			      (long long)b->cell[c].v);
	}
}

/* ---- reports with content ---- */

static const char *S1 = "一、总体情况第一段。\n（一）主动公开\n全年主动公开政府信息120条。\n";
static const char *S3 = "  首行前有两个空格的段落。\n第二行。";
static const char *S4 = "行政复议: 无 # 不是注释\n\"引号\" 与 “引号” 和 '单引号'\n...\n---\n- 不是列表\n";
static const char *S5 = "存在的问题：\n  （一）缩进的一行\n第二行\t含制表符\n最后一行无换行";
static const char *PRE = "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，编制本报告。\n\n"
			 "本报告所列数据统计期限自2021年1月1日起至2021年12月31日止。\n\n";

static nb_report *filled_2021(void)
{
	nb_report *r = nb_report_new(nbt_form("gk2021"));
	ck_assert_ptr_nonnull(r);
	nbt_set(r, "text.agency", "某某市某某区人民政府某某街道办事处");
	nbt_set(r, "text.year", "2021");
	nbt_set(r, "text.preamble", PRE);
	nbt_set(r, "text.period", "2021年1月1日起至2021年12月31日止");
	nbt_set(r, "text.website", "http://www.example.gov.cn/zwgk/");
	nbt_set(r, "text.address", "  地址前后有空格  ");
	nbt_set(r, "text.postcode", "833400");
	nbt_set(r, "text.phone", "0909-2222222");
	nbt_set(r, "text.email", "zwgk@example.gov.cn");
	nbt_set(r, "text.s1", S1);
	nbt_set(r, "text.s3", S3);
	nbt_set(r, "text.s4", S4);
	nbt_set(r, "text.s5", S5);
	nbt_set(r, "text.s6", "无");
	nbt_set(r, "t2_1.rules.made", "3");
	nbt_set(r, "t2_1.rules.valid", "44");
	nbt_set(r, "t2_1.normative.made", "0");
	nbt_set(r, "t2_1.normative.repealed", "12");
	nbt_set(r, "t2_1.normative.valid", "194");
	nbt_set(r, "t2_5.licensing.decisions", "11,203,456");
	nbt_set(r, "t2_6.penalty.decisions", "3985758");
	nbt_set(r, "t2_6.coercion.decisions", "9223372036854775807");
	nbt_set(r, "t2_8.charges.fees", "5949.088667");
	nbt_set(r, "t3.new.natural", "259");
	nbt_set(r, "t3.new.business", "27");
	nbt_set(r, "t3.new.research", "0");
	nbt_set(r, "t3.o_nofee.other", "2");
	nbt_set(r, "t3.next.total", "24");
	nbt_set(r, "t4.cases.r_upheld", "1");
	return r;
}

/* filled_2021() as saved (NUL-terminated). */
static char *saved_2021(size_t *len)
{
	nb_report *r = filled_2021();
	char *a;
	save(r, &a, len);
	nb_report_free(r);
	return a;
}

static nb_report *filled_2019(const char *amount)
{
	nb_report *r = nb_report_new(nbt_form("gk2019"));
	ck_assert_ptr_nonnull(r);
	nbt_set(r, "text.agency", "克尔根卓街道办事处");
	nbt_set(r, "text.year", "2019");
	nbt_set(r, "text.s1", "㈠组织机构建设情况\n成立了领导小组。\n");
	nbt_set(r, "t2_5.licensing.prev_items", "120");
	nbt_set(r, "t2_5.licensing.change", "-18");
	nbt_set(r, "t2_6.penalty.change", "－15");
	nbt_set(r, "t2_8.charges.prev_items", "2");
	nbt_set(r, "t2_8.charges.change", "0");
	nbt_set(r, "t2_9.procurement.items", "3");
	nbt_set(r, "t2_9.procurement.amount", amount);
	nbt_set(r, "t3.new.natural", "0");
	nbt_set(r, "t3.otherwise.natural", "0");
	return r;
}

/* save -> load -> save gives the same bytes and the same report. */
static void round_trip(const nb_report *r)
{
	char *a, *b;
	size_t al, bl;
	save(r, &a, &al);
	nb_report *back = load_ok(a, al);
	same_reports(r, back);
	save(back, &b, &bl);
	ck_assert_msg(al == bl && memcmp(a, b, al) == 0,
		      "second save differs:\n--- first\n%s\n--- second\n%s", a, b);
	/* And once more, from the second file. */
	nb_report *again = load_ok(b, bl);
	same_reports(back, again);
	nb_report_free(again);
	nb_report_free(back);
	free(a);
	free(b);
}

/* ======== suite report: the model ======== */

START_TEST(test_new_report)
{
	nb_report_free(NULL);
	const nb_form *f = nbt_form("gk2021");
	nb_report *r = nb_report_new(f);
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_eq(r->form, f);
	for (int i = 0; i < f->nfield; i++) {
		ck_assert_ptr_nonnull(r->text[i]);
		ck_assert_str_eq(r->text[i], "");
	}
	for (int c = 0; c < f->ncell; c++) {
		ck_assert_int_eq(r->cell[c].set, 0);
		ck_assert_int_eq(r->cell_mark[c].line, 0);
	}
	ck_assert_int_eq(nb_report_is_blank(r), 1);
	ck_assert_int_eq(nb_report_year(r), 0);
	nb_report_free(r);
}
END_TEST

START_TEST(test_set_text)
{
	const nb_form *f = nbt_form("gk2021");
	nb_report *r = nb_report_new(f);
	int s1 = nb_form_field(f, "s1");
	ck_assert_int_eq(nb_report_set_text(r, s1, S1, strlen(S1)), 0);
	ck_assert_str_eq(r->text[s1], S1);
	ck_assert_int_eq(nb_report_is_blank(r), 0);
	/* Only len bytes. */
	ck_assert_int_eq(nb_report_set_text(r, s1, "义勇军进行曲", 6), 0);
	ck_assert_str_eq(r->text[s1], "义勇");
	/* Bad UTF-8 and NUL are refused and change nothing. */
	ck_assert_int_eq(nb_report_set_text(r, s1, "ab\xff", 3), -1);
	ck_assert_str_eq(r->text[s1], "义勇");
	ck_assert_int_eq(nb_report_set_text(r, s1, "a\0b", 3), -1);
	ck_assert_str_eq(r->text[s1], "义勇");
	ck_assert_int_eq(nb_report_set_text(r, s1, "义勇军", 4), -1); /* cut char */
	ck_assert_str_eq(r->text[s1], "义勇");
	ck_assert_int_eq(nb_report_set_text(r, s1, "", 0), 0);
	ck_assert_str_eq(r->text[s1], "");
	ck_assert_int_eq(nb_report_is_blank(r), 1);

	int year = nb_form_field(f, "year");
	ck_assert_int_eq(nb_report_set_text(r, year, "2021", 4), 0);
	ck_assert_int_eq(nb_report_year(r), 2021);
	/* Not a year: refused, since it could not be saved; the old one stays. */
	ck_assert_int_eq(nb_report_set_text(r, year, "abc", 3), -1);
	ck_assert_int_eq(nb_report_set_text(r, year, "20211", 5), -1);
	ck_assert_int_eq(nb_report_year(r), 2021);
	ck_assert_int_eq(nb_report_set_text(r, year, "", 0), 0);
	ck_assert_int_eq(nb_report_year(r), 0);
	nb_report_free(r);
}
END_TEST

START_TEST(test_keys)
{
	const nb_form *f = nbt_form("gk2021");
	nb_report *r = nb_report_new(f);
	nb_err err;
	int c = nbt_cell(f, "t3.new.natural");

	nbt_set(r, "t3.new.natural", "１２");
	ck_assert_int_eq(r->cell[c].set, 1);
	ck_assert_int_eq(r->cell[c].v, 12);
	get_is(r, "t3.new.natural", "12");
	ck_assert_int_eq(nb_report_is_blank(r), 0);

	/* Bad values are refused with a message and change nothing. */
	static const char *badv[] = {"abc", "1.5", "99999999999999999999", "1,23"};
	for (size_t i = 0; i < sizeof badv / sizeof badv[0]; i++) {
		memset(&err, 0, sizeof err);
		ck_assert_msg(nb_report_set_by_key(r, "t3.new.natural", badv[i],
						   strlen(badv[i]), &err) != 0,
			      "\"%s\" accepted", badv[i]);
		ck_assert_msg(err.msg[0] != 0, "no message for \"%s\"", badv[i]);
		ck_assert_int_eq(r->cell[c].v, 12);
	}
	/* Unknown keys. */
	static const char *badk[] = {"", "t3", "t3.new", "t3.new.nope", "t3.results.natural",
				     "text.", "text.nope", "text", "cover.agency", "s1"};
	for (size_t i = 0; i < sizeof badk / sizeof badk[0]; i++) {
		memset(&err, 0, sizeof err);
		ck_assert_msg(nb_report_set_by_key(r, badk[i], "1", 1, &err) != 0,
			      "key \"%s\" accepted", badk[i]);
		ck_assert_msg(err.msg[0] != 0, "no message for key \"%s\"", badk[i]);
		ck_assert_ptr_null(nb_report_get_by_key(r, badk[i]));
	}

	nbt_set(r, "t3.new.natural", "");
	ck_assert_int_eq(r->cell[c].set, 0);
	get_is(r, "t3.new.natural", "");
	ck_assert_int_eq(nb_report_is_blank(r), 1);
	nbt_set(r, "t3.new.natural", "0");
	get_is(r, "t3.new.natural", "0");
	ck_assert_int_eq(nb_report_is_blank(r), 0);

	nbt_set(r, "t2_8.charges.fees", "96171.6");
	get_is(r, "t2_8.charges.fees", "96171.6");
	nbt_set(r, "t2_8.charges.fees", "73802895.90");
	get_is(r, "t2_8.charges.fees", "73802895.90");
	nbt_set(r, "text.s1", S5);
	get_is(r, "text.s1", S5);
	ck_assert_str_eq(r->text[nb_form_field(f, "s1")], S5);
	nbt_set(r, "text.agency", "某某街道办事处");
	get_is(r, "text.agency", "某某街道办事处");
	memset(&err, 0, sizeof err);
	ck_assert(nb_report_set_by_key(r, "text.s1", "a\xff", 2, &err) != 0);
	get_is(r, "text.s1", S5);

	nb_report *g = nb_report_new(nbt_form("gk2019"));
	nbt_set(g, "t2_5.licensing.change", "-18");
	get_is(g, "t2_5.licensing.change", "-18");
	nbt_set(g, "t2_9.procurement.amount", "251000元");
	get_is(g, "t2_9.procurement.amount", "251000元");
	nbt_set(g, "t2_9.procurement.amount", "12.5万元");
	get_is(g, "t2_9.procurement.amount", "12.5万元");
	nb_report_free(g);
	nb_report_free(r);
}
END_TEST

START_TEST(test_parse_cell)
{
	const nb_form *f = nbt_form("gk2019");
	nb_report *r = nb_report_new(f);
	nb_value v;
	/* Files may carry a negative count: the engine reports it. */
	ck_assert_int_eq(nb_report_parse_cell(r, nbt_cell(f, "t3.new.natural"), "-1", 2, &v), NB_VOK);
	ck_assert_int_eq(v.set, 1);
	ck_assert_int_eq(v.v, -1);
	ck_assert_int_eq(nb_report_parse_cell(r, nbt_cell(f, "t3.new.natural"), "1.5", 3, &v),
			 NB_VDECIMAL);
	ck_assert_int_eq(nb_report_parse_cell(r, nbt_cell(f, "t2_5.licensing.change"), "-18", 3, &v),
			 NB_VOK);
	ck_assert_int_eq(v.v, -18);
	ck_assert_int_eq(nb_report_parse_cell(r, nbt_cell(f, "t2_9.procurement.amount"),
					      "251000元", strlen("251000元"), &v), NB_VOK);
	ck_assert_int_eq(v.v, 251000);
	ck_assert_int_eq(v.unit, 1);
	nb_report_free(r);
}
END_TEST

START_TEST(test_dup)
{
	nb_report *r = filled_2021();
	nb_report *d = nb_report_dup(r);
	ck_assert_ptr_nonnull(d);
	same_reports(r, d);
	for (int i = 0; i < r->form->nfield; i++)
		ck_assert(d->text[i] != r->text[i]);
	nbt_set(d, "text.s1", "改过");
	nbt_set(d, "t3.new.natural", "1");
	ck_assert_str_eq(r->text[nb_form_field(r->form, "s1")], S1);
	ck_assert_int_eq(r->cell[nbt_cell(r->form, "t3.new.natural")].v, 259);
	nb_report_free(d);
	nb_report_free(r);
}
END_TEST

START_TEST(test_utf8_check)
{
	const size_t ok = (size_t)-1;
	ck_assert_uint_eq(nb_utf8_check("", 0), ok);
	ck_assert_uint_eq(nb_utf8_check("abc", 3), ok);
	ck_assert_uint_eq(nb_utf8_check("政府信息公开", strlen("政府信息公开")), ok);
	ck_assert_uint_eq(nb_utf8_check("\xf0\x9f\x98\x80", 4), ok); /* U+1F600 */
	ck_assert_uint_eq(nb_utf8_check("a\xff" "b", 3), 1);
	ck_assert_uint_eq(nb_utf8_check("a\0b", 3), 1);
	ck_assert_uint_eq(nb_utf8_check("\xc0\xaf", 2), 0);         /* overlong */
	ck_assert_uint_eq(nb_utf8_check("\xe0\x80\xaf", 3), 0);     /* overlong */
	ck_assert_uint_eq(nb_utf8_check("\xed\xa0\x80", 3), 0);     /* surrogate */
	ck_assert_uint_eq(nb_utf8_check("\xf4\x90\x80\x80", 4), 0); /* > U+10FFFF */
	ck_assert_uint_eq(nb_utf8_check("政\xe5\xba", 5), 3);        /* cut */
	ck_assert_uint_eq(nb_utf8_check("\x80", 1), 0);
	ck_assert_uint_eq(nb_utf8_check("政府", 4), 3); /* len cuts the second char */
}
END_TEST

/* ======== suite report_yaml ======== */

START_TEST(test_blank_round_trip)
{
	static const char *ids[] = {"gk2019", "gk2021"};
	for (int k = 0; k < 2; k++) {
		const nb_form *f = nbt_form(ids[k]);
		nb_report *r = nb_report_new(f);
		char *a;
		size_t al;
		save(r, &a, &al);
		char head[64];
		snprintf(head, sizeof head, "nianbao_report: 1\nform: %s\ncover:\n", ids[k]);
		ck_assert_msg(strncmp(a, head, strlen(head)) == 0, "starts:\n%.200s", a);
		ck_assert_msg(al >= 5 && memcmp(a + al - 5, "\n...\n", 5) == 0,
			      "does not end with \"...\": %s", a + (al > 40 ? al - 40 : 0));
		/* Every cell and the year are written, blank as ~. */
		ck_assert_uint_eq(count_of(a, al, ": ~\n"), (size_t)f->ncell + 1);
		ck_assert_uint_eq(count_of(a, al, ": \"\"\n"), (size_t)f->nfield - 1);
		ck_assert_ptr_nonnull(strstr(a, "\n  year: ~\n"));
		ck_assert_ptr_nonnull(strstr(a, "\n  agency: \"\"\n"));
		ck_assert_ptr_nonnull(strstr(a, "\ntext:\n  s1: \"\"\n"));
		ck_assert_ptr_nonnull(strstr(a, "\ntables:\n  t2_1:\n    rules:\n      made: ~\n"));
		ck_assert_ptr_nonnull(strstr(a, "\n  t3:\n    new:\n      natural: ~\n"));
		nb_report *back = load_ok(a, al);
		ck_assert_int_eq(nb_report_is_blank(back), 1);
		nb_report_free(back);
		round_trip(r);
		nb_report_free(r);
		free(a);
	}
}
END_TEST

START_TEST(test_minimal_file)
{
	/* Missing keys load as blank: the shortest report is three lines. */
	const char *min = "nianbao_report: 1\nform: gk2021\n...\n";
	nb_report *r = load_ok(min, strlen(min));
	ck_assert_ptr_eq(r->form, nbt_form("gk2021"));
	ck_assert_int_eq(nb_report_is_blank(r), 1);
	for (int c = 0; c < r->form->ncell; c++)
		ck_assert_int_eq(r->cell_mark[c].line, 0);
	nb_report *n = nb_report_new(nbt_form("gk2021"));
	char *a, *b;
	size_t al, bl;
	save(r, &a, &al);
	save(n, &b, &bl);
	ck_assert(al == bl && memcmp(a, b, al) == 0);
	free(a);
	free(b);
	nb_report_free(n);
	nb_report_free(r);

	/* Comments and an explicit start are fine. */
	const char *c = "# 年报\n---\nnianbao_report: 1  # version\nform: gk2019\n...\n";
	r = load_ok(c, strlen(c));
	ck_assert_ptr_eq(r->form, nbt_form("gk2019"));
	nb_report_free(r);
}
END_TEST

START_TEST(test_filled_2021_round_trip)
{
	nb_report *r = filled_2021();
	round_trip(r);
	char *a;
	size_t al;
	save(r, &a, &al);
	ck_assert_ptr_nonnull(strstr(a, "\n  agency: \"某某市某某区人民政府某某街道办事处\"\n"));
	ck_assert_ptr_nonnull(strstr(a, "\n  year: 2021\n"));
	ck_assert_ptr_nonnull(strstr(a, "\n  postcode: \"833400\"\n"));
	ck_assert_ptr_nonnull(strstr(a, "\n  s1: |\n    一、总体情况第一段。\n    （一）主动公开\n"
					"    全年主动公开政府信息120条。\n  s2: \"\"\n"));
	ck_assert_ptr_nonnull(strstr(a, "\n  s6: "));
	ck_assert_ptr_nonnull(strstr(a, "\n      fees: \"5949.088667\"\n"));
	ck_assert_ptr_nonnull(strstr(a, "\n    rules:\n      made: 3\n      repealed: ~\n      valid: 44\n"));
	ck_assert_ptr_nonnull(strstr(a, "\n    normative:\n      made: 0\n      repealed: 12\n"));
	ck_assert_ptr_nonnull(strstr(a, "\n      decisions: 11203456\n"));
	ck_assert_ptr_nonnull(strstr(a, "\n      decisions: 9223372036854775807\n"));
	ck_assert_ptr_nonnull(strstr(a, "\n    new:\n      natural: 259\n      business: 27\n"
					"      research: 0\n      nonprofit: ~\n"));

	nb_report *back = load_ok(a, al);
	const nb_form *f = back->form;
	/* Blank and 0 stay apart. */
	ck_assert_int_eq(back->cell[nbt_cell(f, "t2_1.rules.repealed")].set, 0);
	ck_assert_int_eq(back->cell[nbt_cell(f, "t2_1.normative.made")].set, 1);
	ck_assert_int_eq(back->cell[nbt_cell(f, "t2_1.normative.made")].v, 0);
	ck_assert_int_eq(back->cell[nbt_cell(f, "t3.new.research")].set, 1);
	ck_assert_int_eq(back->cell[nbt_cell(f, "t3.new.nonprofit")].set, 0);
	nb_value fees = back->cell[nbt_cell(f, "t2_8.charges.fees")];
	ck_assert_int_eq(fees.v, 5949088667LL);
	ck_assert_int_eq(fees.scale, 6);
	ck_assert_str_eq(back->text[nb_form_field(f, "s3")], S3);
	ck_assert_str_eq(back->text[nb_form_field(f, "s4")], S4);
	ck_assert_str_eq(back->text[nb_form_field(f, "s5")], S5);
	ck_assert_str_eq(back->text[nb_form_field(f, "preamble")], PRE);
	ck_assert_str_eq(back->text[nb_form_field(f, "address")], "  地址前后有空格  ");
	ck_assert_str_eq(back->text[nb_form_field(f, "s2")], "");
	ck_assert_int_eq(nb_report_year(back), 2021);

	/* Each value knows the line it came from. */
	const char *p = strstr(a, "\n      natural: 259\n");
	ck_assert_ptr_nonnull(p);
	int want = line_at(a, (size_t)(p - a) + 1);
	nb_mark m = back->cell_mark[nbt_cell(f, "t3.new.natural")];
	ck_assert_int_eq(m.line, want);
	ck_assert_int_ge(m.col, 7);
	p = strstr(a, "\n      r_upheld: 1\n");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(back->cell_mark[nbt_cell(f, "t4.cases.r_upheld")].line,
			 line_at(a, (size_t)(p - a) + 1));
	nb_report_free(back);
	nb_report_free(r);
	free(a);
}
END_TEST

START_TEST(test_filled_2019_round_trip)
{
	static const char *amounts[] = {"73802895.90", "251000元", "73802895.90元", "12.5万元", ""};
	for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++) {
		nb_report *r = filled_2019(amounts[i]);
		round_trip(r);
		char *a;
		size_t al;
		save(r, &a, &al);
		char want[128];
		if (amounts[i][0])
			snprintf(want, sizeof want, "\n      amount: \"%s\"\n", amounts[i]);
		else
			snprintf(want, sizeof want, "\n      amount: ~\n");
		ck_assert_msg(strstr(a, want) != NULL, "no %s in\n%s", want, a);
		ck_assert_ptr_nonnull(strstr(a, "\n      prev_items: 120\n      change: -18\n"));
		ck_assert_ptr_nonnull(strstr(a, "\n      change: -15\n"));
		nb_report *back = load_ok(a, al);
		get_is(back, "t2_9.procurement.amount", amounts[i]);
		ck_assert_int_eq(back->cell[nbt_cell(back->form, "t2_5.licensing.change")].v, -18);
		nb_report_free(back);
		nb_report_free(r);
		free(a);
	}
}
END_TEST

START_TEST(test_texts_round_trip)
{
	/* Texts the emitter must choose a style for. */
	static const char *texts[] = {
		"", "无", "\n", "\n\n", "a\n", "a\n\n\n", "  前导空格", "末尾空格  ", "行尾空格  \n下一行\n",
		"\t制表符开头\n", "第一段\n\n\n第二段\n", "# 井号开头", "- 短横开头", "~", "null",
		"123", "2021", "true", "\"", "'", ": ", "key: value", "{a: 1}", "[1, 2]",
		"...", "---", "a\n...\nb\n", "\xe2\x80\xa8分隔符\xe2\x80\xa9", ("\xef\xbb\xbf" "BOM"),
		"全角空格　结尾　", "\r\n", "a\rb", "😀 表情",
	};
	const nb_form *f = nbt_form("gk2021");
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		nb_report *r = nb_report_new(f);
		nbt_set(r, "text.s5", texts[i]);
		nbt_set(r, "text.preamble", texts[i]);
		if (!strpbrk(texts[i], "\r\n"))
			nbt_set(r, "text.agency", texts[i]);
		round_trip(r);
		nb_report_free(r);
	}
}
END_TEST

START_TEST(test_load_file)
{
	nb_err err;
	nb_load_status st;
	memset(&err, 0, sizeof err);
	ck_assert_ptr_null(nb_report_load_file("/nonexistent/r.yaml", &err, &st));
	ck_assert_int_eq(st, NB_LOAD_IO);
	ck_assert_msg(strstr(err.msg, "/nonexistent/r.yaml") != NULL, "%s", err.msg);

	memset(&err, 0, sizeof err);
	nb_report *r = nb_report_load_file(NB_SRC("tests/data/gk2021-city.yaml"), &err, &st);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(st, NB_LOAD_OK);
	const nb_form *f = r->form;
	ck_assert_str_eq(f->id, "gk2021");
	ck_assert_int_eq(nb_report_year(r), 2021);
	get_is(r, "text.agency", "岚川市某某区人民政府");
	get_is(r, "t2_6.penalty.decisions", "3985758");
	get_is(r, "t2_5.licensing.decisions", "11203456");
	get_is(r, "t2_8.charges.fees", "96171.6");
	get_is(r, "t3.new.total", "307");
	get_is(r, "t3.result_total.total", "300");
	get_is(r, "t3.o_nofee.natural", "3");
	get_is(r, "t2_1.rules.repealed", "");
	ck_assert_str_eq(r->text[nb_form_field(f, "s6")], "无\n");
	ck_assert_str_eq(r->text[nb_form_field(f, "s2")], "");
	/* Round trip of a file written by hand: the second save is stable. */
	char *a, *b;
	size_t al, bl;
	save(r, &a, &al);
	nb_report *back = load_ok(a, al);
	same_reports(r, back);
	save(back, &b, &bl);
	ck_assert(al == bl && memcmp(a, b, al) == 0);
	free(a);
	free(b);
	nb_report_free(back);
	nb_report_free(r);

	memset(&err, 0, sizeof err);
	r = nb_report_load_file(NB_SRC("tests/data/gk2019-street.yaml"), &err, &st);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_str_eq(r->form->id, "gk2019");
	get_is(r, "t3.otherwise.total", "0");
	get_is(r, "t2_5.licensing.change", "-18");
	get_is(r, "t2_9.procurement.amount", "251000元");
	nb_report_free(r);

	/* The name in messages is the path. */
	memset(&err, 0, sizeof err);
	ck_assert_ptr_null(nb_report_load_file(NB_SRC("tests/data/bad-version.yaml"), &err, &st));
	ck_assert_int_eq(st, NB_LOAD_VERSION);
	ck_assert_int_eq(nbt_err_pos(err.msg, NB_SRC("tests/data/bad-version.yaml"), NULL), 2);
}
END_TEST

/* ---- load errors ---- */

static char *blank_2021(size_t *len)
{
	char *a;
	nb_report *r = nb_report_new(nbt_form("gk2021"));
	ck_assert_ptr_nonnull(r);
	save(r, &a, len);
	nb_report_free(r);
	return a;
}

START_TEST(test_load_null)
{
	int line = load_fails(NULL, 0, NB_LOAD_DAMAGED, "NULL", NULL);
	ck_assert_int_eq(line, 1);
}
END_TEST

START_TEST(test_load_degenerate)
{
	int line = load_fails("", 0, NB_LOAD_DAMAGED, "empty file", NULL);
	ck_assert_int_eq(line, 1);
	load_fails("\n\n", 2, NB_LOAD_DAMAGED, "blank lines", NULL);
	load_fails("# 只有注释\n", strlen("# 只有注释\n"), NB_LOAD_DAMAGED, "only a comment", NULL);
	load_fails("{{{{ ]]]\n", 9, NB_LOAD_INVALID, "not YAML (a map as a key, refused first)", NULL);
	load_fails("a: b: c\n", 8, NB_LOAD_DAMAGED, "not YAML (mapping values)", NULL);
	load_fails("\"unterminated\n", 14, NB_LOAD_DAMAGED, "unterminated string", NULL);
	/* YAML, but no report. */
	load_fails2("- 1\n- 2\n...\n", 12, NB_LOAD_INVALID, -1, "a sequence", NULL);
	load_fails2("42\n...\n", 7, NB_LOAD_INVALID, -1, "a number", NULL);
	load_fails2("form: gk2021\n...\n", 17, NB_LOAD_INVALID, NB_LOAD_VERSION, "no version", NULL);
	load_fails2("nianbao_report: 1\n...\n", 22, NB_LOAD_INVALID, NB_LOAD_FORM, "no form", NULL);
}
END_TEST

START_TEST(test_load_errors_keys)
{
	size_t len, el;
	char *a = blank_2021(&len);
	int line, col;
	char *e;

	e = edit(a, len, NULL, "\ncover:\n", "\ncolour: red\ncover:\n", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "unknown top key", &col), line + 1);
	ck_assert_int_eq(col, 1);
	free(e);

	e = edit(a, len, "\n  t3:\n", "      natural: ~", "      naturel: ~", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "unknown column", &col), line);
	ck_assert_int_eq(col, 7);
	free(e);

	e = edit(a, len, "\n  t3:\n", "    new:\n", "    neu:\n", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "unknown row", &col), line);
	ck_assert_int_eq(col, 5);
	free(e);

	e = edit(a, len, "\ntables:\n", "  t3:\n", "  t9:\n", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "unknown table", &col), line);
	ck_assert_int_eq(col, 3);
	free(e);

	e = edit(a, len, NULL, "  agency:", "  agenzy:", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "unknown cover field", &col), line);
	ck_assert_int_eq(col, 3);
	free(e);

	/* A group column is not a key of its own (a group row may be given
	 * as a whole: check_groups.c). */
	e = edit(a, len, "\n    granted:\n", "      natural:", "      org:", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "group column", NULL), line);
	free(e);

	/* t2_9 is a 2019 table. */
	e = edit(a, len, "\ntables:\n", "  t2_8:\n", "  t2_9:\n", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "table of the other layout", NULL),
			 line);
	free(e);

	e = edit(a, len, NULL, "form: gk2021\n", "form: gk2021\nform: gk2021\n", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "duplicate top key", &col), line + 1);
	ck_assert_int_eq(col, 1);
	free(e);

	e = edit(a, len, "\n  t3:\n", "    new:\n", "    new:\n      natural: 1\n", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "duplicate cell", &col), line + 2);
	ck_assert_int_eq(col, 7);
	free(e);

	e = edit(a, len, "\n  t3:\n", "    carried:\n", "    new:\n      natural: 1\n    carried:\n",
		 &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "duplicate row", &col), line);
	ck_assert_int_eq(col, 5);
	free(e);
	free(a);
}
END_TEST

START_TEST(test_load_errors_yaml_features)
{
	size_t len, el;
	char *a = blank_2021(&len);
	int line;
	char *e;

	e = edit(a, len, NULL, "  agency: \"\"", "  agency: &a \"x\"", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "anchor", NULL), line);
	free(e);

	char *e1 = edit(a, len, NULL, "  agency: \"\"", "  agency: &a \"x\"", &el, NULL);
	e = edit(e1, el, NULL, "  title: \"\"", "  title: *a", &el, &line);
	load_fails(e, el, NB_LOAD_INVALID, "anchor and alias", NULL);
	free(e);
	free(e1);

	e = edit(a, len, NULL, "  title: \"\"", "  title: *a", &el, &line);
	load_fails2(e, el, NB_LOAD_INVALID, NB_LOAD_DAMAGED, "alias without anchor", NULL);
	free(e);

	e = edit(a, len, NULL, "  agency: \"\"", "  agency: !!str \"x\"", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "tag", NULL), line);
	free(e);

	e = edit(a, len, "\n  t3:\n", "      natural: ~", "      natural: !!int 5", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "tag on a count", NULL), line);
	free(e);

	e = edit(a, len, NULL, "nianbao_report: 1\n", "%YAML 1.1\n---\nnianbao_report: 1\n", &el,
		 &line);
	nb_report *r = load_ok(e, el); /* a directive is harmless */
	nb_report_free(r);
	free(e);

	/* Two documents. */
	size_t dl = 2 * len;
	char *d = malloc(dl + 1);
	memcpy(d, a, len);
	memcpy(d + len, a, len);
	d[dl] = 0;
	load_fails2(d, dl, NB_LOAD_DAMAGED, NB_LOAD_INVALID, "two documents", NULL);
	free(d);
	free(a);
}
END_TEST

START_TEST(test_load_errors_types)
{
	size_t len, el;
	char *a = blank_2021(&len);
	int line, col;
	char *e;
	static const char *bad[] = {
		"      natural: abc", "      natural: \"12\"", "      natural: [1]",
		"      natural: {a: 1}", "      natural: 1.5", "      natural: 0x10",
		"      natural: 12abc", "      natural: true", "      natural: ''",
		"      natural: 9223372036854775808", "      natural: 99999999999999999999999",
		"      natural: -9223372036854775809",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		e = edit(a, len, "\n  t3:\n", "      natural: ~", bad[i], &el, &line);
		ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, bad[i], &col), line);
		free(e);
	}
	static const char *badm[] = {
		"      fees: \"abc\"", "      fees: \"5万元\"", "      fees: \"1.2.3\"",
		"      fees: [1]", "      fees: \"1234567890123456789\"",
	};
	for (size_t i = 0; i < sizeof badm / sizeof badm[0]; i++) {
		e = edit(a, len, NULL, "      fees: ~", badm[i], &el, &line);
		ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, badm[i], NULL), line);
		free(e);
	}
	static const char *badt[] = {
		"  agency: [x]", "  agency: {a: b}",
	};
	for (size_t i = 0; i < sizeof badt / sizeof badt[0]; i++) {
		e = edit(a, len, NULL, "  agency: \"\"", badt[i], &el, &line);
		ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, badt[i], NULL), line);
		free(e);
	}
	e = edit(a, len, NULL, "\ncover:\n", "\ncover: 5\nx:\n", &el, &line);
	load_fails(e, el, NB_LOAD_INVALID, "cover not a mapping", NULL);
	free(e);
	e = edit(a, len, NULL, "  year: ~", "  year: 二〇二一", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_INVALID, "year not a number", NULL), line);
	free(e);

	/* Good values at the edge. */
	e = edit(a, len, "\n  t3:\n", "      natural: ~", "      natural: 9223372036854775807", &el, &line);
	nb_report *r = load_ok(e, el);
	ck_assert(r->cell[nbt_cell(r->form, "t3.new.natural")].v == INT64_MAX);
	nb_report_free(r);
	free(e);
	/* A negative count loads: the engine reports it (rule 5). */
	e = edit(a, len, "\n  t3:\n", "      natural: ~", "      natural: -1", &el, &line);
	r = load_ok(e, el);
	ck_assert_int_eq(r->cell[nbt_cell(r->form, "t3.new.natural")].set, 1);
	ck_assert_int_eq(r->cell[nbt_cell(r->form, "t3.new.natural")].v, -1);
	ck_assert_int_eq(r->cell_mark[nbt_cell(r->form, "t3.new.natural")].line, line);
	nb_report_free(r);
	free(e);
	e = edit(a, len, "\n  t3:\n", "      natural: ~", "      natural: 0", &el, &line);
	r = load_ok(e, el);
	ck_assert_int_eq(r->cell[nbt_cell(r->form, "t3.new.natural")].set, 1);
	ck_assert_int_eq(r->cell[nbt_cell(r->form, "t3.new.natural")].v, 0);
	nb_report_free(r);
	free(e);
	e = edit(a, len, NULL, "      fees: ~", "      fees: \"0.50\"", &el, &line);
	r = load_ok(e, el);
	get_is(r, "t2_8.charges.fees", "0.50");
	nb_report_free(r);
	free(e);
	free(a);
}
END_TEST

START_TEST(test_load_version_and_form)
{
	size_t len, el;
	char *a = blank_2021(&len);
	int line, col;
	char *e;
	e = edit(a, len, NULL, "nianbao_report: 1", "nianbao_report: 2", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_VERSION, "version 2", NULL), 1);
	free(e);
	e = edit(a, len, NULL, "nianbao_report: 1", "nianbao_report: 0", &el, &line);
	load_fails(e, el, NB_LOAD_INVALID, "version 0", NULL);
	free(e);
	e = edit(a, len, NULL, "nianbao_report: 1", "nianbao_report: abc", &el, &line);
	load_fails(e, el, NB_LOAD_INVALID, "version abc", NULL);
	free(e);
	e = edit(a, len, NULL, "form: gk2021", "form: gk2030", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_FORM, "unknown form", &col), 2);
	ck_assert_int_eq(col, 7);
	free(e);
	/* The form decides which keys exist: a 2021 file claiming gk2019 has
	 * keys gk2019 does not know. */
	e = edit(a, len, NULL, "form: gk2021", "form: gk2019", &el, &line);
	load_fails(e, el, NB_LOAD_INVALID, "keys of the other layout", NULL);
	free(e);
	free(a);
}
END_TEST

START_TEST(test_load_damaged)
{
	size_t len, el;
	char *a = saved_2021(&len);
	int line;
	char *e;

	/* No explicit document end: truncated. */
	ck_assert(len > 4 && memcmp(a + len - 4, "...\n", 4) == 0);
	load_fails(a, len - 4, NB_LOAD_DAMAGED, "no ...", NULL);

	/* Bad UTF-8 and NUL, with the line where they are. */
	e = edit(a, len, NULL, "  agency: \"某某", "  agency: \"\xff某", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_DAMAGED, "bad UTF-8", NULL), line);
	free(e);
	e = edit(a, len, NULL, "    全年主动公开", "    全年\xe5\x85主动公开", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_DAMAGED, "cut UTF-8 in a block", NULL), line);
	free(e);
	e = edit(a, len, NULL, "    全年主动公开", "    全年\xc0\xaf主动公开", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_DAMAGED, "overlong UTF-8", NULL), line);
	free(e);
	e = edit(a, len, NULL, "  phone: \"0909", "  phone: \"0X09", &el, &line);
	strstr(e, "  phone: \"0X09")[11] = 0; /* a NUL in the phone */
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_DAMAGED, "NUL", NULL), line);
	free(e);
	e = edit(a, len, NULL, "form: gk2021\n", "form: gk2021\n# \xfe\n", &el, &line);
	ck_assert_int_eq(load_fails(e, el, NB_LOAD_DAMAGED, "bad UTF-8 in a comment", NULL),
			 line + 1);
	free(e);
	free(a);
}
END_TEST

START_TEST(test_load_limits)
{
	size_t len;
	char *a = blank_2021(&len);

	/* Deep nesting is refused (and quickly: no recursion per level). */
	const size_t depth = 200000;
	const char *pre = "nianbao_report: 1\nform: gk2021\ncover:\n  agency: ";
	size_t pl = strlen(pre), n = pl + 2 * depth + 6;
	char *d = malloc(n + 1);
	memcpy(d, pre, pl);
	memset(d + pl, '[', depth);
	memset(d + pl + depth, ']', depth);
	memcpy(d + pl + 2 * depth, "\n...\n", 6);
	load_fails2(d, n - 1, NB_LOAD_DAMAGED, NB_LOAD_INVALID, "deep flow nesting", NULL);
	free(d);

	/* Deep block mappings under a row. */
	size_t cap = 64 * 1024, m = 0;
	char *b = malloc(cap);
	m += (size_t)snprintf(b, cap, "nianbao_report: 1\nform: gk2021\ntables:\n  t3:\n    new:\n");
	for (int i = 0; i < 40; i++) {
		for (int k = 0; k < 6 + 2 * i; k++)
			b[m++] = ' ';
		m += (size_t)snprintf(b + m, cap - m, "natural:\n");
	}
	m += (size_t)snprintf(b + m, cap - m, "...\n");
	load_fails2(b, m, NB_LOAD_DAMAGED, NB_LOAD_INVALID, "deep block nesting", NULL);
	free(b);

	/* A file over 4 MiB. */
	size_t big = NB_LIMIT_FILE_BYTES + 100;
	char *g = malloc(big + len + 1);
	size_t gl = 0;
	while (gl + 80 < big) {
		memcpy(g + gl, "# ", 2);
		memset(g + gl + 2, 'x', 77);
		g[gl + 79] = '\n';
		gl += 80;
	}
	memcpy(g + gl, a, len);
	gl += len;
	ck_assert_uint_gt(gl, NB_LIMIT_FILE_BYTES);
	load_fails(g, gl, NB_LOAD_DAMAGED, "over 4 MiB", NULL);
	free(g);

	/* One string over 1 MiB in a file under 4 MiB. */
	size_t sl = NB_LIMIT_STRING_BYTES + 10;
	char *s = malloc(len + sl + 16);
	const char *at = strstr(a, "  s1: \"\"");
	ck_assert_ptr_nonnull(at);
	size_t off = (size_t)(at - a), o = 0;
	memcpy(s, a, off);
	o = off;
	memcpy(s + o, "  s1: \"", 7);
	o += 7;
	memset(s + o, 'a', sl);
	o += sl;
	s[o++] = '"';
	size_t rest = len - off - strlen("  s1: \"\"");
	memcpy(s + o, at + strlen("  s1: \"\""), rest);
	o += rest;
	load_fails(s, o, NB_LOAD_DAMAGED, "string over 1 MiB", NULL);
	free(s);
	free(a);
}
END_TEST

/* Every strict prefix of a saved report must fail: truncation is always
 * noticed. Prefixes ending at a line end are valid YAML but for the missing
 * "...": they must say damaged. */
START_TEST(test_every_prefix_fails)
{
	size_t len;
	char *a = saved_2021(&len);
	for (size_t k = 0; k + 1 < len; k++) {
		nb_err err;
		nb_load_status st = NB_LOAD_OK;
		err.msg[0] = 0;
		nb_report *p = nb_report_load_mem(a, k, "t.yaml", &err, &st);
		if (p) {
			nb_report_free(p);
			ck_abort_msg("prefix of %zu bytes (of %zu) loads; it ends:\n%.*s", k,
				     len, (int)(k > 60 ? 60 : k), a + (k > 60 ? k - 60 : 0));
		}
		ck_assert_msg(st != NB_LOAD_OK && err.msg[0], "prefix %zu: status %d", k,
			      (int)st);
		if (k > 0 && a[k - 1] == '\n')
			ck_assert_msg(st == NB_LOAD_DAMAGED,
				      "prefix of %zu bytes ending a line: status %d, want "
				      "damaged (%d): %s", k, (int)st, NB_LOAD_DAMAGED, err.msg);
	}
	free(a);
}
END_TEST

START_TEST(test_prefix_without_last_newline)
{
	size_t len;
	char *a = saved_2021(&len);
	/* "..." without its newline: one byte cut, still a cut file. */
	load_fails(a, len - 1, NB_LOAD_DAMAGED, "missing the last newline", NULL);
	free(a);
}
END_TEST

Suite *NB_SUITE(report)(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("model");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_add_test(tc, test_new_report);
	tcase_add_test(tc, test_set_text);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_parse_cell);
	tcase_add_test(tc, test_dup);
	tcase_add_test(tc, test_utf8_check);
	suite_add_tcase(s, tc);
	return s;
}

Suite *NB_SUITE(report_yaml)(void)
{
	Suite *s = suite_create("report_yaml");
	TCase *tc = tcase_create("round_trip");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_add_test(tc, test_blank_round_trip);
	tcase_add_test(tc, test_minimal_file);
	tcase_add_test(tc, test_filled_2021_round_trip);
	tcase_add_test(tc, test_filled_2019_round_trip);
	tcase_add_test(tc, test_texts_round_trip);
	tcase_add_test(tc, test_load_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_load_null);
	tcase_add_test(tc, test_load_degenerate);
	tcase_add_test(tc, test_load_errors_keys);
	tcase_add_test(tc, test_load_errors_yaml_features);
	tcase_add_test(tc, test_load_errors_types);
	tcase_add_test(tc, test_load_version_and_form);
	tcase_add_test(tc, test_load_damaged);
	tcase_add_test(tc, test_load_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("truncation");
	tcase_add_checked_fixture(tc, nbt_forms_up, nbt_forms_down);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_every_prefix_fails);
	tcase_add_test(tc, test_prefix_without_last_newline);
	suite_add_tcase(s, tc);
	return s;
}
