/* The one error convention. A function that can be refused returns an
 * nb_status; the table below gives every status its name and the words a
 * front end shows the clerk. Details (the file, line and column, the
 * holder of a lock, the system's reason) go in an nb_err beside it.
 * As in tig's STATUS_CODE_INFO: a new refusal is one new line here. */
#ifndef NB_ERR_H
#define NB_ERR_H

#include <stddef.h>

/* X(NAME, message in Simplified Chinese) */
#define NB_STATUS_TABLE(X) \
	X(OK,              "完成") \
	X(NOMEM,           "内存不足") \
	X(SYSTEM,          "系统调用失败") \
	X(NOT_FOUND,       "文件不存在") \
	X(EXISTS,          "文件已存在") \
	X(UNREADABLE,      "文件无法读取") \
	X(TOO_BIG,         "文件太大，不是年报文件") \
	X(DAMAGED,         "文件已损坏") \
	X(INVALID,         "文件内容不符合格式") \
	X(NOT_REGULAR,     "不是普通文件（可能是他人放置的链接或管道）") \
	X(FOREIGN_OWNER,   "文件属于其他用户") \
	X(LOCKED,          "报告正被他人编辑") \
	X(LOCK_FAILED,     "无法加锁") \
	X(LOCK_LOST,       "报告的锁已被他人接管") \
	X(CHANGED_ON_DISK, "文件在打开后被其他程序或其他人修改过") \
	X(READONLY_FILE,   "报告文件是只读的") \
	X(READONLY_DOC,    "以只读方式打开，不能修改或保存") \
	X(JOURNAL_FOUND,   "发现上次未保存的修改") \
	X(JOURNAL_FOREIGN, "恢复记录属于其他用户") \
	X(JOURNAL_DAMAGED, "恢复记录无法读取") \
	X(JOURNAL_FAILED,  "无法写恢复记录") \
	X(SAVE_FAILED,     "保存失败") \
	X(NOT_DURABLE,     "已写入，但未能确认写到磁盘") \
	X(BAD_VALUE,       "不是有效的值") \
	X(COMPUTED,        "这是合计格，由程序自动计算") \
	X(NO_SUCH_CELL,    "没有这个格") \
	X(NOTHING_TO_UNDO, "没有可撤销的修改") \
	X(BAD_YEAR,        "年度应为四位数字") \
	X(NO_FORM,         "没有这种报告格式") \
	X(LAYOUT_MISMATCH, "两份报告的格式不同") \
	X(UNWRITABLE,      "无法写入输出文件") \
	X(HAS_ERRORS,      "报告有错误")

typedef enum {
#define NB_STATUS_ENUM(name, msg) NB_##name,
	NB_STATUS_TABLE(NB_STATUS_ENUM)
#undef NB_STATUS_ENUM
	NB_STATUS_COUNT
} nb_status;

/* Why: "FILE:LINE:COL: what is wrong", or the detail of a refusal. */
typedef struct {
	nb_status status;
	char msg[512];
} nb_err;

/* The clerk's words for a status, and its name ("LOCK_LOST") for logs,
 * JSON and tests. */
const char *nb_status_text(nb_status s);
const char *nb_status_name(nb_status s);

/* Set err (if not NULL) to status s with a printf-style detail; returns s,
 * so a caller can `return nb_fail(err, NB_LOCKED, "...", ...)`. */
nb_status nb_fail(nb_err *err, nb_status s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
