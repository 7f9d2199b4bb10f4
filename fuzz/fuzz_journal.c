/* libFuzzer harness for the recovery journal reader. Records are applied to
 * a report of each built-in form with nb_report_set_by_key, as recovery
 * does, and whatever was recovered must then save. Each input is read
 * twice: as given, and with the CRC of every well-framed record recomputed
 * so mutations of keys and values reach the callback instead of stopping
 * at the checksum. The file reader (a window over the file) must agree
 * with the memory reader record by record. */
#define _GNU_SOURCE /* mkstemp */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "io/journal.h"
#include "io/report_yaml.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NFORMS 2
static const nb_form *forms[NFORMS];
static int memfd = -1;
static char fdpath[4096];

static void cleanup(void)
{
	unlink(fdpath);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	nb_err err;
	unsetenv("NIANBAO_FORMS");
	if (nb_forms_init(NULL, &err)) {
		fprintf(stderr, "nb_forms_init: %s\n", err.msg);
		abort();
	}
	forms[0] = nb_forms_find("gk2021");
	forms[1] = nb_forms_find("gk2019");
	if (!forms[0] || !forms[1])
		abort();
	/* A real file, not /proc/self/fd/N of a memfd: the reader opens
	 * journals without following links, and that name is a link. */
	const char *t = getenv("TMPDIR");
	snprintf(fdpath, sizeof fdpath, "%s/fuzz_journal.XXXXXX", t && *t ? t : "/tmp");
	memfd = mkstemp(fdpath);
	if (memfd < 0)
		abort();
	atexit(cleanup);
	return 0;
}

typedef struct {
	nb_report *r[NFORMS];
	uint32_t h;      /* hash of every (key, value) seen, in order */
	int n;
	int changed[NFORMS]; /* a record was applied: worth saving */
} apply_ctx;

static uint32_t fnv(uint32_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

static int apply(const char *key, const char *val, size_t vlen, void *vctx)
{
	apply_ctx *c = vctx;
	nb_err err;
	size_t kl = strlen(key);
	if (kl == 0 || kl > NB_JOURNAL_MAX_KEY || vlen > NB_JOURNAL_MAX_VALUE ||
	    val[vlen] != 0)
		__builtin_trap();
	c->h = fnv(fnv(c->h, key, kl + 1), val, vlen);
	c->n++;
	for (int i = 0; i < NFORMS; i++)
		if (c->r[i] && nb_report_set_by_key(c->r[i], key, val, vlen, &err) == 0)
			c->changed[i] = 1;
	return 0;
}

static uint32_t crc32_ieee(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
	}
	return ~c;
}

static int hex8(const unsigned char *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		unsigned char ch = p[i];
		if (ch >= '0' && ch <= '9')
			v = v << 4 | (uint32_t)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			v = v << 4 | (uint32_t)(ch - 'a' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Recompute the CRC of each record whose frame gives its lengths. */
static void fix_crcs(unsigned char *p, size_t len)
{
	size_t pos = 5;
	while (pos + 38 <= len && p[pos] == '@') {
		uint32_t kl, vl;
		if (hex8(p + pos + 3, &kl) || hex8(p + pos + 12, &vl))
			return;
		if (kl > NB_JOURNAL_MAX_KEY || vl > NB_JOURNAL_MAX_VALUE)
			return;
		size_t body = 38 + (size_t)kl + 1 + vl + 1;
		if (pos + body + 9 > len)
			return;
		char tr[10];
		snprintf(tr, sizeof tr, "%08x", (unsigned)crc32_ieee(p + pos, body));
		memcpy(p + pos + body, tr, 8);
		pos += body + 9;
	}
}

static void one(const unsigned char *buf, size_t len)
{
	apply_ctx c = {{NULL, NULL}, 2166136261u, 0, {0, 0}};
	apply_ctx c2 = {{NULL, NULL}, 2166136261u, 0, {0, 0}};
	nb_journal_info info, info2;
	char eb[512], eb2[512];
	/* The file reader's records only need to match, not be applied. */
	for (int i = 0; i < NFORMS; i++)
		if (!(c.r[i] = nb_report_new(forms[i])))
			abort();
	eb[0] = eb2[0] = 0;
	int rc = nb_journal_read_mem((const char *)buf, len, &info, apply, &c, eb, sizeof eb);
	if (rc != 0 && rc != -1)
		__builtin_trap();
	if (rc == -1 && !eb[0])
		__builtin_trap();
	if (rc == 0 && (info.good_bytes > len || info.nrecords != c.n ||
			info.nrecords < 0 || (info.corrupt && !info.torn)))
		__builtin_trap();
	if (rc == 0 && !info.torn && info.good_bytes != len)
		__builtin_trap(); /* a clean end must account for every byte */

	/* The same bytes through the file reader. */
	if (ftruncate(memfd, 0) == 0 && pwrite(memfd, buf, len, 0) == (ssize_t)len) {
		int rc2 = nb_journal_read(fdpath, &info2, apply, &c2, eb2, sizeof eb2);
		if (rc2 != rc || c2.n != c.n || c2.h != c.h)
			__builtin_trap();
		if (rc == 0 && (info2.nrecords != info.nrecords || info2.torn != info.torn ||
				info2.corrupt != info.corrupt ||
				info2.good_bytes != info.good_bytes ||
				info2.pid != info.pid || info2.last != info.last ||
				strcmp(info2.host, info.host) || strcmp(info2.user, info.user) ||
				strcmp(info2.base_hash, info.base_hash)))
			__builtin_trap();
	}

	/* Whatever recovery put into a report must be savable. */
	for (int i = 0; i < NFORMS; i++) {
		char *out = NULL;
		size_t olen = 0;
		if (c.changed[i] && nb_report_save_mem(c.r[i], &out, &olen))
			__builtin_trap();
		free(out);
		nb_report_free(c.r[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(data, size);
	unsigned char *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	fix_crcs(copy, size);
	if (memcmp(copy, data, size))
		one(copy, size);
	free(copy);
	return 0;
}
