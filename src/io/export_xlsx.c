#include "io/export.h"
static nb_status write_xlsx(const nb_export_in *in, const char *path, nb_err *err)
{
	(void)in;
	return nb_fail(err, NB_UNWRITABLE, "%s: not yet", path);
}
const nb_export_format nb_export_xlsx = {
	"xlsx", ".xlsx", "Excel 工作簿（数字、合计公式、检查结果）", write_xlsx
};
