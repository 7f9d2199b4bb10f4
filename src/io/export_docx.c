/* Word (.docx): a WordprocessingML package written with libzip. This file
 * owns the package and its small fixed parts: content types, the
 * relationships, the styles that carry the look of an official document
 * (GB/T 9704-2012), settings, the font table with fall-backs, the two page
 * number footers and the document properties. The document itself is
 * export_docx_body.c.
 *
 * Each part is written to memory first (open_memstream) and handed to
 * libzip, which owns the buffer from then on; zip_close() writes the
 * archive. Minimal and valid OOXML is what Word, WPS and LibreOffice all
 * open without a repair prompt. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "io/export_docx.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKGREL "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_BASE "application/vnd.openxmlformats-officedocument.wordprocessingml."

static const char content_types[] = XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"" CT_BASE "document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_BASE "styles+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_BASE "settings+xml\"/>"
	"<Override PartName=\"/word/fontTable.xml\" ContentType=\"" CT_BASE "fontTable+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"" CT_BASE "footer+xml\"/>"
	"<Override PartName=\"/word/footer2.xml\" ContentType=\"" CT_BASE "footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
	"</Types>";

static const char package_rels[] = XML_DECL
	"<Relationships xmlns=\"" NS_PKGREL "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" NS_PKGREL "/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" NS_REL "/extended-properties\" Target=\"docProps/app.xml\"/>"
	"</Relationships>";

/* The ids rId4/rId5 are the footers the body's sectPr names. */
static const char document_rels[] = XML_DECL
	"<Relationships xmlns=\"" NS_PKGREL "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" NS_REL "/settings\" Target=\"settings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" NS_REL "/fontTable\" Target=\"fontTable.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" NS_REL "/footer\" Target=\"footer1.xml\"/>"
	"<Relationship Id=\"rId5\" Type=\"" NS_REL "/footer\" Target=\"footer2.xml\"/>"
	"</Relationships>";

/* Even and odd pages get their own footer: GB/T 9704 puts the page number
 * at the right of odd pages and the left of even ones. */
static const char settings[] = XML_DECL
	"<w:settings xmlns:w=\"" NS_W "\">"
	"<w:defaultTabStop w:val=\"420\"/>"
	"<w:evenAndOddHeaders/>"
	"<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
	"<w:compat><w:compatSetting w:name=\"compatibilityMode\""
	" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
	"</w:settings>";

/* Sizes in half points: 二号 22 pt = 44, 三号 16 pt = 32, 四号 14 pt = 28,
 * 小五 9 pt = 18. Chinese text takes the eastAsia font; digits and Latin
 * letters take Times New Roman as official documents print them. The
 * body's lines are exactly 28 pt, 22 to the page. */
#define LATIN "w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\""
static const char styles[] = XML_DECL
	"<w:styles xmlns:w=\"" NS_W "\">"
	"<w:docDefaults>"
	"<w:rPrDefault><w:rPr><w:rFonts " LATIN " w:eastAsia=\"仿宋_GB2312\"/>"
	"<w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
	"<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
	"<w:pPrDefault><w:pPr><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault>"
	"</w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	"<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Title\">"
	"<w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/>"
	"<w:pPr><w:keepNext/><w:spacing w:before=\"0\" w:after=\"560\" w:line=\"700\" w:lineRule=\"exact\"/>"
	"<w:jc w:val=\"center\"/></w:pPr>"
	"<w:rPr><w:rFonts " LATIN " w:eastAsia=\"方正小标宋简体\"/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\">"
	"<w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/>"
	"<w:pPr><w:keepNext/><w:spacing w:line=\"560\" w:lineRule=\"exact\"/>"
	"<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
	"<w:rPr><w:rFonts " LATIN " w:eastAsia=\"黑体\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"BodyText\">"
	"<w:name w:val=\"Body Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
	"<w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/>"
	"<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\">"
	"<w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
	"<w:jc w:val=\"center\"/></w:pPr>"
	"<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Footer\">"
	"<w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\" w:cs=\"Times New Roman\"/>"
	"<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
	"</w:styles>";

/* What a machine without the official fonts uses instead (altName);
 * charset 86 is GB2312. */
#define FONT(name, alt) "<w:font w:name=\"" name "\"><w:altName w:val=\"" alt "\"/>" \
	"<w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>"
static const char font_table[] = XML_DECL
	"<w:fonts xmlns:w=\"" NS_W "\">"
	FONT("方正小标宋简体", "黑体")
	FONT("黑体", "SimHei")
	FONT("仿宋_GB2312", "仿宋")
	FONT("仿宋", "FangSong")
	FONT("宋体", "SimSun")
	"<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
	"<w:pitch w:val=\"variable\"/></w:font>"
	"</w:fonts>";

/* "— 1 —", one character in from the outer edge. */
#define FOOTER(jc, ind) XML_DECL \
	"<w:ftr xmlns:w=\"" NS_W "\">" \
	"<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:ind " ind "/><w:jc w:val=\"" jc "\"/></w:pPr>" \
	"<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>" \
	"<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>" \
	"<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>"
static const char footer_odd[] = FOOTER("right", "w:right=\"280\"");
static const char footer_even[] = FOOTER("left", "w:left=\"280\"");

static void core_props(FILE *o, const nb_export_in *in)
{
	char title[1024];
	int agency = nb_form_field_role(in->form, NB_ROLE_AGENCY);

	nb_report_title(in->rep, title, sizeof title);
	fputs(XML_DECL "<cp:coreProperties"
	      " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
	      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
	      "<dc:title>", o);
	nb_docx_esc(o, title, strlen(title));
	fputs("</dc:title>", o);
	if (agency >= 0 && *in->rep->text[agency]) {
		const char *a = in->rep->text[agency];
		fputs("<dc:creator>", o);
		nb_docx_esc(o, a, strlen(a));
		fputs("</dc:creator>", o);
	}
	fputs("<dc:language>zh-CN</dc:language></cp:coreProperties>", o);
}

static const char app_props[] = XML_DECL
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	"<Application>nianbao " NB_VERSION "</Application></Properties>";

/* Add one part from memory; libzip frees buf once the archive is written
 * (or discarded). */
static int add_part(zip_t *z, const char *name, char *buf, size_t len, int owned)
{
	zip_source_t *src = zip_source_buffer(z, buf, len, owned);

	if (!src) {
		if (owned)
			free(buf);
		return -1;
	}
	if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(src);
		return -1;
	}
	return 0;
}

enum { P_CORE, P_DOC };

static int add_built(zip_t *z, const char *name, const nb_export_in *in, int which)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&buf, &len);
	int rc = 0;

	if (!o)
		return -1;
	if (which == P_CORE)
		core_props(o, in);
	else
		rc = nb_docx_document(o, in);
	if (ferror(o))
		rc = -1;
	if (fclose(o) != 0 || rc < 0) {
		free(buf);
		return -1;
	}
	return add_part(z, name, buf, len, 1);
}

/* The finished package, from libzip's memory source to the file. */
static nb_status write_source(zip_source_t *mem, const char *path, nb_err *err)
{
	zip_stat_t zs;
	char buf[16384];
	zip_int64_t n;
	FILE *o;
	int bad = 0;

	if (zip_source_stat(mem, &zs) < 0 || zip_source_open(mem) < 0)
		return nb_fail(err, NB_NOMEM, "%s: %s", path, nb_status_text(NB_NOMEM));
	if (!(o = nb_export_fopen(path, err))) {
		zip_source_close(mem);
		return NB_UNWRITABLE;
	}
	while ((n = zip_source_read(mem, buf, sizeof buf)) > 0)
		if (fwrite(buf, 1, (size_t)n, o) != (size_t)n)
			break;
	if (n < 0)
		bad = 1;
	zip_source_close(mem);
	return nb_export_fclose(o, path, bad, err);
}

static nb_status write_docx(const nb_export_in *in, const char *path, nb_err *err)
{
	static const struct { const char *name; const char *xml; } fixed[] = {
		{"[Content_Types].xml", content_types},
		{"_rels/.rels", package_rels},
		{"word/_rels/document.xml.rels", document_rels},
		{"word/styles.xml", styles},
		{"word/settings.xml", settings},
		{"word/fontTable.xml", font_table},
		{"word/footer1.xml", footer_odd},
		{"word/footer2.xml", footer_even},
		{"docProps/app.xml", app_props},
	};
	zip_error_t ze;
	zip_source_t *mem;
	zip_t *z;
	nb_status st;

	/* The package is built in memory and written once: libzip's file
	 * output would make its own temporary file with a random name (a
	 * cryptographic RNG started for every document), and the framework
	 * already writes through a temporary file of its own. */
	zip_error_init(&ze);
	if (!(mem = zip_source_buffer_create(NULL, 0, 0, &ze))) {
		st = nb_fail(err, NB_NOMEM, "%s: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return st;
	}
	if (!(z = zip_open_from_source(mem, ZIP_TRUNCATE, &ze))) {
		st = nb_fail(err, NB_NOMEM, "%s: %s", path, zip_error_strerror(&ze));
		zip_source_free(mem);
		zip_error_fini(&ze);
		return st;
	}
	zip_error_fini(&ze);
	zip_source_keep(mem); /* it outlives the archive: we read it after */
	/* [Content_Types].xml first, as Word itself writes it. */
	for (size_t i = 0; i < 3; i++)
		if (add_part(z, fixed[i].name, (char *)fixed[i].xml, strlen(fixed[i].xml), 0) < 0)
			goto fail;
	if (add_built(z, "word/document.xml", in, P_DOC) < 0)
		goto fail;
	for (size_t i = 3; i < sizeof fixed / sizeof fixed[0]; i++)
		if (add_part(z, fixed[i].name, (char *)fixed[i].xml, strlen(fixed[i].xml), 0) < 0)
			goto fail;
	if (add_built(z, "docProps/core.xml", in, P_CORE) < 0)
		goto fail;
	if (zip_close(z) < 0) {
		st = nb_fail(err, NB_NOMEM, "%s: %s", path, zip_strerror(z));
		zip_discard(z);
		zip_source_free(mem);
		return st;
	}
	st = write_source(mem, path, err);
	zip_source_free(mem);
	return st;
fail:
	st = nb_fail(err, zip_error_code_zip(zip_get_error(z)) ? NB_UNWRITABLE : NB_NOMEM, "%s: %s",
		     path, zip_error_code_zip(zip_get_error(z)) ? zip_strerror(z) : nb_status_text(NB_NOMEM));
	zip_discard(z);
	zip_source_free(mem);
	return st;
}

const nb_export_format nb_export_docx = {
	"docx", ".docx", "Word 文档（公文格式，可在 Word、WPS 中打开）", write_docx
};
