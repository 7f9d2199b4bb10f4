/* See err.h. */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>

#define NB_STATUS_TEXT(name, msg) msg,
static const char *const status_text[] = { NB_STATUS_TABLE(NB_STATUS_TEXT) };
#undef NB_STATUS_TEXT
#define NB_STATUS_NAME(name, msg) #name,
static const char *const status_name[] = { NB_STATUS_TABLE(NB_STATUS_NAME) };
#undef NB_STATUS_NAME

const char *nb_status_text(nb_status s)
{
	return (unsigned)s < NB_STATUS_COUNT ? status_text[s] : "未知错误";
}

const char *nb_status_name(nb_status s)
{
	return (unsigned)s < NB_STATUS_COUNT ? status_name[s] : "UNKNOWN";
}

nb_status nb_fail(nb_err *err, nb_status s, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return s;
	err->status = s;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return s;
}
