/* Published pages come in UTF-8 and, from older portals, GBK or GB18030
 * (often declared as gb2312). Everything is converted to UTF-8 with iconv
 * before it is parsed, so the HTML parser and the matcher see one encoding. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/utf8.h"
#include "io/import_items.h"

/* The charset named in the first 4 KiB (a <meta charset=...> or
 * http-equiv content=...; charset=...): 'u' UTF-8, 'g' a GB encoding,
 * 'o' another one, 0 none. */
static int declared_charset(const char *buf, size_t len)
{
	size_t n = len < 4096 ? len : 4096;
	for (size_t i = 0; i + 8 <= n; i++) {
		if (strncasecmp(buf + i, "charset", 7))
			continue;
		size_t j = i + 7;
		while (j < n && (buf[j] == ' ' || buf[j] == '=' || buf[j] == '"' || buf[j] == '\''))
			j++;
		if (j + 3 <= n && !strncasecmp(buf + j, "utf", 3))
			return 'u';
		if (j + 2 <= n && !strncasecmp(buf + j, "gb", 2))
			return 'g';
		if (j + 4 <= n && (!strncasecmp(buf + j, "x-gb", 4) || !strncasecmp(buf + j, "cp936", 5)))
			return 'g';
		if (j < n && buf[j] != '>')
			return 'o';
	}
	return 0;
}

static nb_status gb_to_utf8(const char *buf, size_t len, const char *name,
			    char **out, size_t *outlen, nb_err *err)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return nb_fail(err, NB_SYSTEM, "%s: 无法转换 GB18030 编码（iconv）", name);
	size_t cap = len * 2 + 16; /* a GB character of 2 bytes is 3 in UTF-8 */
	char *o = malloc(cap);
	if (!o) {
		iconv_close(cd);
		return nb_fail(err, NB_NOMEM, "%s: 内存不足", name);
	}
	char *in = (char *)buf, *op = o;
	size_t il = len, ol = cap - 1;
	size_t r = iconv(cd, &in, &il, &op, &ol);
	iconv_close(cd);
	if (r == (size_t)-1) {
		size_t at = (size_t)(in - buf);
		free(o);
		/* Where in the file, as a line, for the clerk. */
		int line = 1;
		for (size_t i = 0; i < at; i++)
			line += buf[i] == '\n';
		return nb_fail(err, NB_DAMAGED,
			       "%s:%d: 编码无法识别：既不是 UTF-8，也不是 GBK/GB18030（第 %zu 字节）",
			       name, line, at + 1);
	}
	*op = 0;
	*out = o;
	*outlen = (size_t)(op - o);
	return NB_OK;
}

nb_status nb_import_decode(const char *buf, size_t len, int html,
			   const char *name, char **out, size_t *outlen,
			   char enc[16], nb_err *err)
{
	int cs = html ? declared_charset(buf, len) : 0;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3;
		len -= 3;
		cs = 'u';
	}
	if (memchr(buf, 0, len))
		return nb_fail(err, NB_DAMAGED, "%s: 含有 NUL 字节，不是文本或网页", name);
	/* Valid UTF-8 is UTF-8 whatever the page says: GB text is almost never
	 * valid UTF-8, while pages that say gb2312 and are UTF-8 exist. The
	 * rest is read as GB18030 (the superset of GB2312 and GBK) when the
	 * page says a GB charset or says nothing. */
	if (nb_utf8_check(buf, len) != (size_t)-1) {
		if (cs == 'o')
			return nb_fail(err, NB_DAMAGED,
				       "%s: 网页声明的编码不受支持（只读 UTF-8、GBK、GB18030）", name);
		strcpy(enc, "GB18030");
		return gb_to_utf8(buf, len, name, out, outlen, err);
	}
	strcpy(enc, "UTF-8");
	char *o = malloc(len + 1);
	if (!o)
		return nb_fail(err, NB_NOMEM, "%s: 内存不足", name);
	memcpy(o, buf, len);
	o[len] = 0;
	*out = o;
	*outlen = len;
	return NB_OK;
}
