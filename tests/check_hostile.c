/* Hostile and broken report files (issue 4 item 4): every input gets a
 * defined status and one message "NAME:LINE:COL: ..." in valid UTF-8, and
 * nothing crashes, hangs or eats memory. The worst inputs run in
 * test_worst_inputs without timing (timings are measured outside tests).
 * Fixtures: tests/data/hostile/ (crash reproducers from fuzzing go there). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/journal.h"
#include "nbtest.h"
#include "io/report_yaml.h"

#define NAME "h.yaml"
#define HEAD "nianbao_report: 1\nform: gk2021\n"

static void forms_up(void)
{
	nb_err err = {0};
	ck_assert_msg(nb_forms_init(NULL, &err) == 0, "nb_forms_init: %s", err.msg);
}

static void forms_down(void)
{
	nb_forms_shutdown();
}

/* "NAME:LINE:COL: text": returns 1 and the numbers when well formed. */
static int parse_msg(const char *msg, const char *name, long *line, long *col)
{
	size_t nl = strlen(name);
	if (strncmp(msg, name, nl) || msg[nl] != ':')
		return 0;
	const char *p = msg + nl + 1;
	long v[2];
	for (int k = 0; k < 2; k++) {
		if (*p < '0' || *p > '9')
			return 0;
		v[k] = 0;
		while (*p >= '0' && *p <= '9' && v[k] < 100000000)
			v[k] = v[k] * 10 + (*p++ - '0');
		if (v[k] < 1 || *p++ != ':')
			return 0;
	}
	if (*p != ' ' || !p[1])
		return 0;
	*line = v[0];
	*col = v[1];
	return 1;
}

/* Load buf and check the outcome. line/col 0: any position; substr NULL:
 * any text. A status other than OK must come with a well-formed message
 * in valid UTF-8 whose line is inside the file. */
static void expect_st(const char *buf, size_t len, nb_load_status want_st,
		      long want_line, long want_col, const char *substr)
{
	nb_err err;
	nb_load_status st = (nb_load_status)-1;
	long line = 0, col = 0, lines = 1;
	memset(&err, 0, sizeof err);
	nb_report *r = nb_report_load_mem(buf, len, NAME, &err, &st);
	if (want_st == NB_LOAD_OK) {
		ck_assert_msg(r != NULL && st == NB_LOAD_OK, "expected to load, got %d: %s",
			      (int)st, err.msg);
		nb_report_free(r);
		return;
	}
	ck_assert_msg(r == NULL, "loaded, expected status %d", (int)want_st);
	ck_assert_msg(st == want_st, "status %d, expected %d: %s", (int)st, (int)want_st,
		      err.msg);
	ck_assert_msg(parse_msg(err.msg, NAME, &line, &col),
		      "message not \"NAME:LINE:COL: ...\": %s", err.msg);
	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	/* libyaml puts the end of a file without a final newline on the line
	 * after the last: one more line is tolerated there. */
	if (len && buf[len - 1] != '\n')
		lines++;
	ck_assert_msg(line <= lines, "line %ld past the end (%ld lines): %s", line, lines,
		      err.msg);
	ck_assert_msg(nb_utf8_check(err.msg, strlen(err.msg)) == (size_t)-1,
		      "message is not valid UTF-8: %s", err.msg);
	if (want_line)
		ck_assert_msg(line == want_line && col == want_col,
			      "at %ld:%ld, expected %ld:%ld: %s", line, col, want_line,
			      want_col, err.msg);
	if (substr)
		ck_assert_msg(strstr(err.msg, substr) != NULL, "\"%s\" not in: %s", substr,
			      err.msg);
}

static void expect(const char *s, nb_load_status st, long line, long col,
		   const char *substr)
{
	expect_st(s, strlen(s), st, line, col, substr);
}

/* Any failure status, any position: for inputs with no one right answer. */
static void expect_fail(const char *buf, size_t len)
{
	nb_err err;
	nb_load_status st = NB_LOAD_OK;
	long line, col;
	memset(&err, 0, sizeof err);
	nb_report *r = nb_report_load_mem(buf, len, NAME, &err, &st);
	ck_assert_msg(r == NULL && st != NB_LOAD_OK, "hostile input loaded");
	ck_assert_msg(parse_msg(err.msg, NAME, &line, &col), "bad message: %s", err.msg);
	ck_assert_msg(nb_utf8_check(err.msg, strlen(err.msg)) == (size_t)-1,
		      "message is not valid UTF-8: %s", err.msg);
}

/* A filled report as nianbao saves it. */
static char *saved_sample(size_t *len)
{
	size_t n;
	char *src = nbt_slurp(NB_SRC("sample-data/city-2021.yaml"), &n);
	nb_err err;
	nb_load_status st;
	nb_report *r = nb_report_load_mem(src, n, "city-2021.yaml", &err, &st);
	ck_assert_msg(r != NULL, "sample does not load: %s", err.msg);
	free(src);
	char *out;
	ck_assert_int_eq(nb_report_save_mem(r, &out, len), 0);
	nb_report_free(r);
	return out;
}

/* Deterministic bytes (xorshift32). */
static uint32_t rnd_state;
static uint32_t rnd(void)
{
	uint32_t x = rnd_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rnd_state = x;
}

static char *repeat(const char *head, const char *unit, size_t times, const char *tail,
		    size_t *len)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
	char *b = malloc(hl + ul * times + tl + 1);
	ck_assert_ptr_nonnull(b);
	memcpy(b, head, hl);
	for (size_t i = 0; i < times; i++)
		memcpy(b + hl + i * ul, unit, ul);
	memcpy(b + hl + ul * times, tail, tl + 1);
	*len = hl + ul * times + tl;
	return b;
}

/* ---------------- not YAML, empty, not a report ---------------- */

START_TEST(test_not_yaml)
{
	expect("key: value: other\n", NB_LOAD_DAMAGED, 1, 11, "YAML");
	expect(HEAD "cover: {agency: \"x\"\n...\n", NB_LOAD_DAMAGED, 0, 0, "YAML");
	expect(HEAD "tables:\n  t3:\n    new:\n   natural: 1\n...\n", NB_LOAD_DAMAGED, 0, 0,
	       NULL);
	expect("\"unterminated\n", NB_LOAD_DAMAGED, 0, 0, NULL);
	expect("a:\tb\n\t- c\n", NB_LOAD_DAMAGED, 0, 0, NULL);
	/* YAML, but no report. */
	expect("这不是年报\n", NB_LOAD_INVALID, 1, 1, "顶层应为映射");
	expect("- 1\n- 2\n", NB_LOAD_INVALID, 1, 1, "顶层应为映射");
	expect("{\"json\": true}\n", NB_LOAD_INVALID, 1, 1, "nianbao_report");
	expect("<html><body>not found</body></html>\n", NB_LOAD_INVALID, 1, 1, NULL);
	expect("form: gk2021\n...\n", NB_LOAD_INVALID, 1, 1, "nianbao_report");
	expect("nianbao_report: one\n...\n", NB_LOAD_INVALID, 1, 17, "版本");
	expect("nianbao_report: 1\n...\n", NB_LOAD_INVALID, 1, 1, "form");
	expect("nianbao_report: 1\nform: [gk2021]\n...\n", NB_LOAD_INVALID, 2, 7, "form");
	expect(HEAD "---\nx: 1\n", NB_LOAD_INVALID, 3, 1, "多个 YAML 文档");
	/* A PNG, a gzip, an ELF header. */
	expect_fail("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
	expect_fail("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10);
	expect_fail("\x7f" "ELF\x02\x01\x01", 7);
}
END_TEST

START_TEST(test_empty)
{
	expect("", NB_LOAD_DAMAGED, 1, 1, "文件为空");
	expect("\n\n\n", NB_LOAD_DAMAGED, 1, 1, "文件为空");
	expect("# only a comment\n", NB_LOAD_DAMAGED, 1, 1, "文件为空");
	expect("   \n\t\n", NB_LOAD_DAMAGED, 0, 0, NULL);
	expect("...\n", NB_LOAD_DAMAGED, 0, 0, NULL);
	expect_fail("---\n", 4);
	expect_fail("~\n", 2);
	/* No "..." at the end: the last line is named. */
	expect(HEAD, NB_LOAD_DAMAGED, 3, 1, "文件不完整");
	expect(HEAD "...", NB_LOAD_DAMAGED, 3, 1, "文件不完整");
}
END_TEST

/* ---------------- truncation ---------------- */

START_TEST(test_every_prefix_rejected)
{
	size_t len, damaged = 0, invalid = 0;
	char *full = saved_sample(&len);
	ck_assert_uint_gt(len, 4000);
	expect_st(full, len, NB_LOAD_OK, 0, 0, NULL);
	/* Copy each prefix to its own block so ASan and valgrind see any read
	 * past the end. */
	char *p = malloc(len);
	ck_assert_ptr_nonnull(p);
	for (size_t n = 0; n < len; n++) {
		nb_err err;
		nb_load_status st = NB_LOAD_OK;
		long line, col;
		memcpy(p, full, n);
		nb_report *r = nb_report_load_mem(n ? p : "", n, NAME, &err, &st);
		ck_assert_msg(r == NULL, "prefix of %zu of %zu bytes loaded", n, len);
		ck_assert_msg(st == NB_LOAD_DAMAGED || st == NB_LOAD_INVALID,
			      "prefix %zu: status %d: %s", n, (int)st, err.msg);
		ck_assert_msg(parse_msg(err.msg, NAME, &line, &col),
			      "prefix %zu: bad message: %s", n, err.msg);
		damaged += st == NB_LOAD_DAMAGED;
		invalid += st == NB_LOAD_INVALID;
	}
	ck_assert_uint_eq(damaged + invalid, len);
	ck_assert_uint_gt(damaged, invalid); /* a cut file reads as damaged */
	free(p);
	free(full);
}
END_TEST

START_TEST(test_cut_after_end_marker)
{
	/* The end marker without its newline, and junk after it. */
	expect(HEAD "...", NB_LOAD_DAMAGED, 0, 0, "文件不完整");
	expect(HEAD "..", NB_LOAD_DAMAGED, 0, 0, NULL);
	expect_fail(HEAD "...\njunk: 1\n", strlen(HEAD "...\njunk: 1\n"));
	expect(HEAD "...\n", NB_LOAD_OK, 0, 0, NULL);
}
END_TEST

/* ---------------- encoding ---------------- */

START_TEST(test_not_utf8)
{
	/* GBK "广东" where UTF-8 is expected: byte 49 is line 4, column 12. */
	expect(HEAD "cover:\n  agency: \"\xb9\xe3\xb6\xab\"\n...\n", NB_LOAD_DAMAGED, 4,
	       12, "第 49 字节");
	/* Column counts characters, not bytes: "某某" is 2 columns. */
	expect(HEAD "cover:\n  agency: \"某某\xff\"\n...\n", NB_LOAD_DAMAGED, 4, 14,
	       "编码错误");
	/* UTF-16 with its byte order mark. */
	expect_st("\xff\xfen\0i\0a\0", 8, NB_LOAD_DAMAGED, 1, 1, "第 0 字节");
	/* Overlong "/" and an encoded surrogate. */
	expect(HEAD "cover:\n  agency: \"\xc0\xaf\"\n...\n", NB_LOAD_DAMAGED, 4, 12, NULL);
	expect(HEAD "cover:\n  agency: \"\xed\xa0\x80\"\n...\n", NB_LOAD_DAMAGED, 4, 12,
	       NULL);
	/* A sequence cut by the end of the file. */
	expect_st(HEAD "x: \xe4\xb8", strlen(HEAD) + 5, NB_LOAD_DAMAGED, 3, 4, NULL);
	/* Control characters are not allowed raw in YAML. */
	expect(HEAD "cover:\n  agency: \"a\x01" "b\"\n...\n", NB_LOAD_DAMAGED, 4, 13, NULL);
}
END_TEST

START_TEST(test_nul_bytes)
{
	static const char a[] = "nianbao_report: 1\nform: gk\0" "2021\n...\n";
	expect_st(a, sizeof a - 1, NB_LOAD_DAMAGED, 2, 9, "空字符");
	static const char b[] = "\0";
	expect_st(b, 1, NB_LOAD_DAMAGED, 1, 1, "空字符");
	/* NUL through an escape of a double-quoted string. */
	expect(HEAD "cover:\n  agency: \"a\\0b\"\n...\n", NB_LOAD_INVALID, 4, 11, "空字符");
	expect(HEAD "text:\n  s1: \"\\x00\"\n...\n", NB_LOAD_INVALID, 4, 7, "空字符");
	expect(HEAD "tables:\n  t3:\n    new:\n      natural: \"1\\02\"\n...\n",
	       NB_LOAD_INVALID, 6, 16, NULL);
	expect(HEAD "cover:\n  \"age\\0ncy\": x\n...\n", NB_LOAD_INVALID, 4, 3, "空字符");
}
END_TEST

START_TEST(test_utf8_bom)
{
	/* Windows Notepad writes a byte order mark before UTF-8: libyaml skips
	 * it but counts it as a column when the encoding is forced, and the
	 * next line then reads as wrongly indented. Such a file must load. */
	size_t len;
	char *full = saved_sample(&len);
	char *b = malloc(len + 3);
	ck_assert_ptr_nonnull(b);
	memcpy(b, "\xef\xbb\xbf", 3);
	memcpy(b + 3, full, len);
	expect_st(b, len + 3, NB_LOAD_OK, 0, 0, NULL);
	free(b);
	free(full);
}
END_TEST

START_TEST(test_random_bytes)
{
	/* Random bytes, then random bytes after a valid start, with a fixed seed. */
	size_t hl = strlen(HEAD);
	char *b = malloc(4096 + hl);
	ck_assert_ptr_nonnull(b);
	rnd_state = 20240601u;
	for (int i = 0; i < 400; i++) {
		size_t n = 1 + rnd() % 4096, off = i % 2 ? hl : 0;
		if (off)
			memcpy(b, HEAD, hl);
		for (size_t k = 0; k < n; k++)
			b[off + k] = (char)(rnd() & 0xff);
		expect_fail(b, off + n);
	}
	/* Printable ASCII noise: it gets further into the parser. */
	for (int i = 0; i < 400; i++) {
		size_t n = 1 + rnd() % 2048;
		for (size_t k = 0; k < n; k++)
			b[k] = "ab:- \n[]{},&*!|>'\"#%@`?~.0123456789"[rnd() % 36];
		expect_fail(b, n);
	}
	free(b);
}
END_TEST

/* ---------------- limits ---------------- */

START_TEST(test_huge)
{
	size_t len;
	/* One byte over the limit: refused before parsing, at 1:1. */
	char *b = repeat(HEAD, "#2345678\n", (NB_LIMIT_FILE_BYTES - strlen(HEAD)) / 9 + 1,
			 "...\n", &len);
	ck_assert_uint_gt(len, NB_LIMIT_FILE_BYTES);
	expect_st(b, len, NB_LOAD_DAMAGED, 1, 1, "文件过大");
	free(b);
	/* The same through a file. */
	char path[] = "/tmp/nb-hostile-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	char zero[65536] = {0};
	for (int i = 0; i < 80; i++) /* 5 MiB */
		ck_assert_int_eq(write(fd, zero, sizeof zero), (int)sizeof zero);
	close(fd);
	nb_err err;
	nb_load_status st = NB_LOAD_OK;
	ck_assert_ptr_null(nb_report_load_file(path, &err, &st));
	unlink(path);
	ck_assert_int_eq(st, NB_LOAD_DAMAGED);
	ck_assert_msg(strstr(err.msg, ":1:1: ") && strstr(err.msg, "文件过大"), "%s", err.msg);
	/* One string over its limit. */
	b = repeat(HEAD "text:\n  s1: \"", "x", NB_LIMIT_STRING_BYTES + 1, "\"\n...\n", &len);
	expect_st(b, len, NB_LOAD_DAMAGED, 4, 7, "文字过长");
	free(b);
	/* A missing file is an I/O error, not damage. */
	ck_assert_ptr_null(nb_report_load_file("/nonexistent/x.yaml", &err, &st));
	ck_assert_int_eq(st, NB_LOAD_IO);
}
END_TEST

START_TEST(test_deep_nesting)
{
	size_t len;
	/* 100,000 "[": refused at the 17th, where nesting passes the limit. */
	char *b = repeat("", "[", 100000, "", &len);
	expect_st(b, len, NB_LOAD_DAMAGED, 1, NB_LIMIT_DEPTH + 1, "嵌套过深");
	free(b);
	b = repeat("", "{a: ", 100000, "", &len);
	expect_st(b, len, NB_LOAD_DAMAGED, 1, 4 * NB_LIMIT_DEPTH + 1, "嵌套过深");
	free(b);
	/* A map as a key is refused before its depth matters. */
	b = repeat("", "{", 100000, "", &len);
	expect_st(b, len, NB_LOAD_INVALID, 1, 2, "键");
	free(b);
	b = repeat("", "- ", 100000, "x\n", &len);
	expect_st(b, len, NB_LOAD_DAMAGED, 1, 2 * NB_LIMIT_DEPTH + 1, "嵌套过深");
	free(b);
	b = repeat("", "[{a: ", 50000, "", &len);
	expect_fail(b, len);
	free(b);
	/* Inside a real report, at a cell. */
	b = repeat(HEAD "tables:\n  t3:\n    new:\n      natural: ", "[", 100000, "\n...\n",
		   &len);
	expect_st(b, len, NB_LOAD_DAMAGED, 6, 16 + NB_LIMIT_DEPTH - 4, "嵌套过深");
	free(b);
	/* Block mappings, one indentation step per level. */
	char *blk = malloc(200 * 210);
	ck_assert_ptr_nonnull(blk);
	size_t n = 0;
	for (int d = 0; d < 200; d++) {
		memset(blk + n, ' ', (size_t)d);
		n += (size_t)d;
		memcpy(blk + n, "k:\n", 3);
		n += 3;
	}
	expect_st(blk, n, NB_LOAD_DAMAGED, NB_LIMIT_DEPTH + 1, NB_LIMIT_DEPTH + 1,
		  "嵌套过深");
	free(blk);
}
END_TEST

START_TEST(test_too_many)
{
	size_t len;
	/* More keys in one map than the loader accepts. */
	char *b = malloc(1200 * 16 + 100);
	ck_assert_ptr_nonnull(b);
	len = (size_t)sprintf(b, "%s", HEAD);
	for (int i = 0; i < 1200; i++)
		len += (size_t)sprintf(b + len, "k%d: 1\n", i);
	strcpy(b + len, "...\n");
	expect_st(b, len + 4, NB_LOAD_DAMAGED, 0, 0, "键过多");
	free(b);
	/* A long sequence, and more nodes than the limit. */
	b = repeat(HEAD "x: [", "1,", 300000, "1]\n...\n", &len);
	expect_fail(b, len);
	free(b);
	b = repeat(HEAD "x:\n", "- [1,1,1,1,1,1,1,1,1]\n", 30000, "...\n", &len);
	expect_st(b, len, NB_LOAD_DAMAGED, 0, 0, "列表过长");
	free(b);
	/* 120 keys of 100 lists of 20: 252,000 nodes, every map and list
	 * within its own limit, so only the node count refuses it. */
	b = malloc(120 * 100 * 44 + 1000);
	ck_assert_ptr_nonnull(b);
	len = (size_t)sprintf(b, "%s", HEAD);
	for (int i = 0; i < 120; i++) {
		len += (size_t)sprintf(b + len, "k%d: [", i);
		for (int k = 0; k < 100; k++) {
			len += (size_t)sprintf(b + len, "[");
			for (int j = 0; j < 19; j++)
				len += (size_t)sprintf(b + len, "1,");
			len += (size_t)sprintf(b + len, "1]%s", k < 99 ? "," : "");
		}
		len += (size_t)sprintf(b + len, "]\n");
	}
	len += (size_t)sprintf(b + len, "...\n");
	expect_st(b, len, NB_LOAD_DAMAGED, 0, 0, "节点过多");
	free(b);
}
END_TEST

/* ---------------- YAML features a report never uses ---------------- */

START_TEST(test_anchors_aliases)
{
	expect("nianbao_report: &v 1\nform: gk2021\n...\n", NB_LOAD_INVALID, 1, 17, "锚点");
	expect("nianbao_report: 1\nform: *f\n...\n", NB_LOAD_INVALID, 2, 7, "别名");
	expect(HEAD "cover: &c\n  agency: x\ntext: *c\n...\n", NB_LOAD_INVALID, 3, 8, "锚点");
	/* A self-referencing alias. */
	expect("&a [*a]\n", NB_LOAD_INVALID, 1, 1, "锚点");
	expect("a: &a\n  b: *a\n", NB_LOAD_INVALID, 1, 4, "锚点");
	/* Merge keys. */
	expect(HEAD "cover:\n  <<: *base\n...\n", NB_LOAD_INVALID, 4, 7, "别名");
}
END_TEST

static char *billion_laughs(size_t *len)
{
	char *b = malloc(8192);
	ck_assert_ptr_nonnull(b);
	size_t n = (size_t)sprintf(b, "%sa: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n", HEAD);
	for (char c = 'b'; c <= 'i'; c++) {
		n += (size_t)sprintf(b + n, "%c: &%c [", c, c);
		for (int k = 0; k < 9; k++)
			n += (size_t)sprintf(b + n, "*%c%s", c - 1, k < 8 ? "," : "]\n");
	}
	n += (size_t)sprintf(b + n, "...\n");
	*len = n;
	return b;
}

START_TEST(test_billion_laughs)
{
	size_t len;
	char *b = billion_laughs(&len);
	expect_st(b, len, NB_LOAD_INVALID, 3, 4, "锚点");
	free(b);
}
END_TEST

START_TEST(test_tags)
{
	expect("nianbao_report: !!int 1\nform: gk2021\n...\n", NB_LOAD_INVALID, 1, 17, "标签");
	expect(HEAD "cover: !!map\n  agency: x\n...\n", NB_LOAD_INVALID, 3, 8, "标签");
	expect(HEAD "cover:\n  agency: !!binary aGVsbG8=\n...\n", NB_LOAD_INVALID, 4, 11,
	       "标签");
	expect("%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\nnianbao_report: !e!v 1\n",
	       NB_LOAD_INVALID, 4, 17, "标签");
	expect(HEAD "tables: !!python/object/apply:os.system [\"true\"]\n...\n",
	       NB_LOAD_INVALID, 3, 9, "标签");
}
END_TEST

/* ---------------- keys ---------------- */

START_TEST(test_duplicate_keys)
{
	expect(HEAD "form: gk2021\n...\n", NB_LOAD_INVALID, 3, 1, "重复的键“form”");
	expect(HEAD "form: gk2021\n...\n", NB_LOAD_INVALID, 3, 1, "第 2 行");
	expect(HEAD "tables:\n  t3:\n    new:\n      natural: 1\n      natural: 2\n...\n",
	       NB_LOAD_INVALID, 7, 7, "重复的键“natural”");
	expect(HEAD "cover:\n  agency: a\n  \"agency\": b\n...\n", NB_LOAD_INVALID, 5, 3,
	       "重复");
	expect(HEAD "text: {s1: a, s1: b}\n...\n", NB_LOAD_INVALID, 3, 15, "重复");
	expect(HEAD "tables:\n  t3: {}\n  t3: {}\n...\n", NB_LOAD_INVALID, 5, 3, "重复");
	/* Complex keys. */
	expect(HEAD "? [a]\n: 1\n...\n", NB_LOAD_INVALID, 3, 3, "键");
}
END_TEST

START_TEST(test_unknown_keys)
{
	expect(HEAD "extra: 1\n...\n", NB_LOAD_INVALID, 3, 1, "未知的键“extra”");
	expect(HEAD "tables:\n  t9:\n    x: {}\n...\n", NB_LOAD_INVALID, 4, 3, "未知的表“t9”");
	expect(HEAD "tables:\n  t3:\n    nope: {}\n...\n", NB_LOAD_INVALID, 5, 5,
	       "未知的行“nope”");
	expect(HEAD "tables:\n  t3:\n    new:\n      nope: 1\n...\n", NB_LOAD_INVALID, 6, 7,
	       "未知的列“nope”");
	/* A group column is not a leaf: it has no cells. */
	expect(HEAD "tables:\n  t3:\n    new:\n      org: 1\n...\n", NB_LOAD_INVALID, 6,
	       7, "未知的列");
	/* A group row given as a whole (model/groups.h) loads. */
	expect(HEAD "tables:\n  t3:\n    results:\n      natural: 1\n...\n", NB_LOAD_OK, 0,
	       0, "");
	expect(HEAD "cover:\n  s1: x\n...\n", NB_LOAD_INVALID, 4, 3, "未知的键“s1”");
	expect(HEAD "text:\n  agency: x\n...\n", NB_LOAD_INVALID, 4, 3, "未知的键“agency”");
	/* A key of the other form. */
	expect("nianbao_report: 1\nform: gk2019\ntables:\n  t2_8:\n    charges:\n      fees: \"1\"\n...\n",
	       NB_LOAD_INVALID, 6, 7, "未知的列“fees”");
}
END_TEST

/* ---------------- types and numbers ---------------- */

#define CELL(v) HEAD "tables:\n  t3:\n    new:\n      natural: " v "\n...\n"
#define FEES(v) HEAD "tables:\n  t2_8:\n    charges:\n      fees: " v "\n...\n"

START_TEST(test_wrong_types)
{
	expect(HEAD "cover: [1, 2]\n...\n", NB_LOAD_INVALID, 3, 8, "“cover”应为映射");
	expect(HEAD "text: x\n...\n", NB_LOAD_INVALID, 3, 7, "“text”应为映射");
	expect(HEAD "tables: 1\n...\n", NB_LOAD_INVALID, 3, 9, "应为映射");
	expect(HEAD "tables:\n  t3: [1]\n...\n", NB_LOAD_INVALID, 4, 7, "应为映射");
	expect(HEAD "tables:\n  t3:\n    new: 5\n...\n", NB_LOAD_INVALID, 5, 10, "应为映射");
	expect(CELL("{a: 1}"), NB_LOAD_INVALID, 6, 16, "应为数字");
	expect(CELL("[1]"), NB_LOAD_INVALID, 6, 16, "应为数字");
	expect(CELL("abc"), NB_LOAD_INVALID, 6, 16, "不是有效的数字");
	expect(CELL("1.5"), NB_LOAD_INVALID, 6, 16, "只能填整数");
	expect(CELL("0x10"), NB_LOAD_INVALID, 6, 16, NULL);
	expect(CELL("1e3"), NB_LOAD_INVALID, 6, 16, NULL);
	expect(CELL(".inf"), NB_LOAD_INVALID, 6, 16, NULL);
	expect(CELL("true"), NB_LOAD_INVALID, 6, 16, NULL);
	expect(FEES("\"-5\""), NB_LOAD_INVALID, 6, 13, "不能为负数");
	expect(FEES("\"5美元\""), NB_LOAD_INVALID, 6, 13, "单位");
	expect(HEAD "cover:\n  agency: {a: 1}\n...\n", NB_LOAD_INVALID, 4, 11, "应为文字");
	expect(HEAD "cover:\n  year: 二〇二一\n...\n", NB_LOAD_INVALID, 4, 9, "四位年份");
	expect(HEAD "cover:\n  year: 20210\n...\n", NB_LOAD_INVALID, 4, 9, "四位年份");
	expect(HEAD "text:\n  s1: [a, b]\n...\n", NB_LOAD_INVALID, 4, 7, "应为文字");
	/* What is fine: blank in every spelling, full-width digits, a
	 * negative count (loaded, then reported by the engine). */
	expect(CELL("~"), NB_LOAD_OK, 0, 0, NULL);
	expect(CELL("null"), NB_LOAD_OK, 0, 0, NULL);
	expect(CELL(""), NB_LOAD_OK, 0, 0, NULL);
	expect(CELL("１２"), NB_LOAD_OK, 0, 0, NULL);
	expect(CELL("-3"), NB_LOAD_OK, 0, 0, NULL);
}
END_TEST

static int64_t cell_value(const char *doc, const char *key)
{
	nb_err err;
	nb_load_status st;
	nb_report *r = nb_report_load_mem(doc, strlen(doc), NAME, &err, &st);
	ck_assert_msg(r != NULL, "%s", err.msg);
	int c = nb_form_cell_by_id(r->form, key);
	ck_assert_int_ge(c, 0);
	ck_assert(r->cell[c].set);
	int64_t v = r->cell[c].v;
	nb_report_free(r);
	return v;
}

START_TEST(test_numbers_past_64_bits)
{
	ck_assert(cell_value(CELL("9223372036854775807"), "t3.new.natural") == INT64_MAX);
	expect(CELL("9223372036854775808"), NB_LOAD_INVALID, 6, 16, "数字过大");
	expect(CELL("18446744073709551615"), NB_LOAD_INVALID, 6, 16, "数字过大");
	expect(CELL("18446744073709551616"), NB_LOAD_INVALID, 6, 16, "数字过大");
	expect(CELL("99999999999999999999999999999999999999999999"), NB_LOAD_INVALID, 6, 16,
	       "数字过大");
	expect(CELL("-9223372036854775809"), NB_LOAD_INVALID, 6, 16, NULL);
	ck_assert(cell_value(FEES("\"999999999999999999\""), "t2_8.charges.fees") ==
		  999999999999999999LL);
	expect(FEES("\"9999999999999999999\""), NB_LOAD_INVALID, 6, 13, "数字过大");
	expect(FEES("\"0.0000000000000000001\""), NB_LOAD_INVALID, 6, 13, "数字过大");
	/* The format version too. */
	expect("nianbao_report: 99999999999999999999\nform: gk2021\n...\n", NB_LOAD_INVALID,
	       1, 17, "版本");
}
END_TEST

START_TEST(test_future_version)
{
	expect("nianbao_report: 2\nform: gk2021\n...\n", NB_LOAD_VERSION, 1, 17, "升级");
	expect("nianbao_report: 999999\nform: gk2099\nnew_key: 1\n...\n", NB_LOAD_VERSION, 1,
	       17, NULL);
	/* Refused before anything else in the file is judged, cut or not. */
	expect("nianbao_report: 2\nform: gk2021\n", NB_LOAD_VERSION, 1, 17, NULL);
}
END_TEST

START_TEST(test_unknown_form)
{
	expect("nianbao_report: 1\nform: gk2099\n...\n", NB_LOAD_FORM, 2, 7, "未知的表单“gk2099”");
	expect("nianbao_report: 1\nform: \"\"\n...\n", NB_LOAD_FORM, 2, 7, NULL);
	expect("nianbao_report: 1\nform: GK2021\n...\n", NB_LOAD_FORM, 2, 7, NULL);
}
END_TEST

/* ---------------- messages ---------------- */

START_TEST(test_message_utf8_long_value)
{
	/* The bad value is quoted in the message, cut to a length: the cut
	 * must not split a character (the message goes to a UTF-8 terminal). */
	expect(FEES("\"一二一二一二一二一二一二一二一二一二一二一二一二一二一二一二\""),
	       NB_LOAD_INVALID, 6, 13, NULL);
	/* Full-width digits past 64 bits: 3 bytes each. */
	expect(CELL("１８４４６７４４０７３７０９５５１６１６"), NB_LOAD_INVALID, 6, 16,
	       "数字过大");
}
END_TEST

START_TEST(test_message_utf8_long_key)
{
	size_t len;
	char *b = repeat(HEAD "cover:\n  ", "键", 300, ": x\n...\n", &len);
	expect_st(b, len, NB_LOAD_INVALID, 4, 3, "未知的键");
	free(b);
}
END_TEST

/* ---------------- what recovery and scripts may set ---------------- */

/* Anything nb_report_set_by_key accepts (the journal replays through it)
 * must be savable: a refused save would leave the clerk's work unsavable. */
static void set_then_save(const char *form, const char *key, const char *val)
{
	nb_err err;
	nb_report *r = nb_report_new(nb_forms_find(form));
	ck_assert_ptr_nonnull(r);
	if (nb_report_set_by_key(r, key, val, strlen(val), &err) == 0) {
		char *out = NULL;
		size_t len = 0;
		int rc = nb_report_save_mem(r, &out, &len);
		ck_assert_msg(rc == 0, "%s = \"%s\" accepted by nb_report_set_by_key, "
			      "but the report can no longer be saved", key, val);
		free(out);
	}
	nb_report_free(r);
}

START_TEST(test_set_by_key_then_save)
{
	static const char *const texts[] = {
		"", "no", "012", "~", "null", "- x", "a: b", "# c", "  lead", "trail  ",
		"multi\nline\n", "\r\nwin", "\xc2\x85nel", "\xe2\x80\xa8ls", "\xef\xbb\xbf" "bom",
		"tab\t", "\x01\x7f", "...", "---", "\"'\\", "中文（全角）", "\n\n",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		set_then_save("gk2021", "text.agency", texts[i]);
		set_then_save("gk2021", "text.preamble", texts[i]);
		set_then_save("gk2021", "text.s1", texts[i]);
		set_then_save("gk2019", "text.s6", texts[i]);
	}
	static const char *const cells[] = {
		"0", "-0", "+5", "１２", "1,000", "９２２３３７２０３６８５４７７５８０７", "-3",
		" 7 ", "\xe3\x80\x80" "8",
	};
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
		set_then_save("gk2021", "t3.new.natural", cells[i]);
		set_then_save("gk2019", "t2_8.charges.change", cells[i]);
		set_then_save("gk2021", "t2_8.charges.fees", cells[i]);
		set_then_save("gk2019", "t2_9.procurement.amount", cells[i]);
	}
	set_then_save("gk2019", "t2_9.procurement.amount", "12.5万元");
	set_then_save("gk2021", "text.year", "2021");
}
END_TEST

START_TEST(test_set_year_then_save)
{
	/* Found by fuzz/fuzz_journal.c: a journal record "text.year" = "71.6"
	 * is accepted by nb_report_set_by_key, the writer then emits
	 * `year: 71.6` and its own read-back refuses it (not four digits), so
	 * nb_report_save_mem fails for good. */
	set_then_save("gk2021", "text.year", "71.6");
	set_then_save("gk2021", "text.year", "２０２１");
	set_then_save("gk2021", "text.year", "20210");
	set_then_save("gk2019", "text.year", "二〇一九");
	set_then_save("gk2019", "text.year", "2019\n");
}
END_TEST

static int apply_rec(const char *key, const char *val, size_t vlen, void *ctx)
{
	nb_err err;
	(void)nb_report_set_by_key(ctx, key, val, vlen, &err);
	return 0;
}

START_TEST(test_journal_fixture_then_save)
{
	/* The same bug through the journal reader, as recovery meets it. */
	nb_journal_info info;
	char eb[256];
	nb_report *r = nb_report_new(nb_forms_find("gk2021"));
	ck_assert_ptr_nonnull(r);
	int rc = nb_journal_read(NB_SRC("tests/data/hostile/journal-year-not-a-year.nbjournal"),
				 &info, apply_rec, r, eb, sizeof eb);
	ck_assert_msg(rc == 0, "%s", eb);
	ck_assert_int_eq(info.nrecords, 1);
	char *out = NULL;
	size_t len = 0;
	ck_assert_msg(nb_report_save_mem(r, &out, &len) == 0,
		      "a report recovered from the journal cannot be saved");
	free(out);
	nb_report_free(r);
}
END_TEST

/* ---------------- fixtures and the worst ---------------- */

START_TEST(test_fixtures)
{
	/* Each tests/data/hostile/NAME.yaml: none may load; a name ending in
	 * "-ok.yaml" is a regression input that must load. */
	DIR *d = opendir(NB_SRC("tests/data/hostile"));
	ck_assert_ptr_nonnull(d);
	struct dirent *de;
	int n = 0;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name), len;
		if (de->d_name[0] == '.' || l < 6 || strcmp(de->d_name + l - 5, ".yaml"))
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", NB_SRC("tests/data/hostile"), de->d_name);
		char *b = nbt_slurp(path, &len);
		if (l > 8 && !strcmp(de->d_name + l - 8, "-ok.yaml"))
			expect_st(b, len, NB_LOAD_OK, 0, 0, NULL);
		else
			expect_fail(b, len);
		free(b);
		n++;
	}
	closedir(d);
	ck_assert_int_gt(n, 0);
}
END_TEST

START_TEST(test_worst_inputs)
{
	/* No timing here (see the report of issue 4): this runs the slowest
	 * inputs known so that sanitizers and valgrind see them. */
	size_t len;
	char *b = repeat("", "[", 100000, "", &len);
	expect_fail(b, len);
	free(b);
	b = billion_laughs(&len);
	expect_fail(b, len);
	free(b);
	/* Maps full of long keys sharing a prefix: the duplicate-key check. */
	b = malloc(NB_LIMIT_FILE_BYTES);
	ck_assert_ptr_nonnull(b);
	len = 0;
	for (int m = 0; len + 50 * 1100 < NB_LIMIT_FILE_BYTES; m++) {
		len += (size_t)sprintf(b + len, "m%d:\n", m);
		for (int k = 0; k < 1023; k++)
			len += (size_t)sprintf(b + len, "  kkkkkkkkkkkkkkkkkkkkkkkkkkkkkk%04d: 0\n", k);
	}
	expect_fail(b, len);
	/* A valid report padded with a comment to just under the limit. */
	size_t sl;
	char *s = saved_sample(&sl);
	memcpy(b, s, sl);
	len = sl;
	static const char pad[] = "# ......................................................\n";
	while (len + sizeof pad < NB_LIMIT_FILE_BYTES) {
		memcpy(b + len, pad, sizeof pad - 1);
		len += sizeof pad - 1;
	}
	expect_st(b, len, NB_LOAD_OK, 0, 0, NULL);
	free(s);
	free(b);
	b = repeat(HEAD "text:\n  s1: \"", "\\u4e00", (NB_LIMIT_FILE_BYTES - 100) / 6,
		   "\"\n...\n", &len);
	expect_fail(b, len);
	free(b);
}
END_TEST

Suite *NB_SUITE(hostile)(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("formats");
	tcase_add_checked_fixture(tc, forms_up, forms_down);
	tcase_add_test(tc, test_not_yaml);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_cut_after_end_marker);
	tcase_add_test(tc, test_not_utf8);
	tcase_add_test(tc, test_nul_bytes);
	tcase_add_test(tc, test_utf8_bom);
	tcase_add_test(tc, test_anchors_aliases);
	tcase_add_test(tc, test_billion_laughs);
	tcase_add_test(tc, test_tags);
	tcase_add_test(tc, test_duplicate_keys);
	tcase_add_test(tc, test_unknown_keys);
	tcase_add_test(tc, test_wrong_types);
	tcase_add_test(tc, test_numbers_past_64_bits);
	tcase_add_test(tc, test_future_version);
	tcase_add_test(tc, test_unknown_form);
	tcase_add_test(tc, test_message_utf8_long_value);
	tcase_add_test(tc, test_message_utf8_long_key);
	tcase_add_test(tc, test_fixtures);
	suite_add_tcase(s, tc);

	tc = tcase_create("setters");
	tcase_add_checked_fixture(tc, forms_up, forms_down);
	tcase_add_test(tc, test_set_by_key_then_save);
	tcase_add_test(tc, test_set_year_then_save);
	tcase_add_test(tc, test_journal_fixture_then_save);
	suite_add_tcase(s, tc);

	/* The big ones: generous time-outs for valgrind and sanitizers (these
	 * bound a hang, they measure nothing). */
	tc = tcase_create("big");
	tcase_add_checked_fixture(tc, forms_up, forms_down);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_every_prefix_rejected);
	tcase_add_test(tc, test_random_bytes);
	tcase_add_test(tc, test_huge);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_too_many);
	tcase_add_test(tc, test_worst_inputs);
	suite_add_tcase(s, tc);
	return s;
}
