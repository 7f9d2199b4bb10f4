/* Cell values: blank, signed counts and exact decimal money.
 * Plain data, no allocation, no floating point anywhere. */
#ifndef NB_VALUE_H
#define NB_VALUE_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
	NB_T_COUNT = 0, /* non-negative 64-bit integer */
	NB_T_SIGNED,    /* signed 64-bit integer (2019 本年增/减) */
	NB_T_MONEY      /* non-negative exact decimal, optional unit */
} nb_type;

#define NB_MAX_UNITS 4
#define NB_MONEY_MAX_DIGITS 18 /* all digits, before and after the point */

/* A money value 5949.088667 is v=5949088667, scale=6; trailing zeros are
 * kept ("73802895.90" has scale 2) so the digits are written back as typed. */
typedef struct {
	uint8_t set;   /* 0 = blank (distinct from 0) */
	uint8_t scale; /* digits after the decimal point, money only */
	uint8_t unit;  /* money: 0 = none, k = units[k-1] of the column */
	int64_t v;
} nb_value;

/* The column type a value is parsed against. */
typedef struct {
	nb_type type;
	int nunits;
	const char *units[NB_MAX_UNITS]; /* UTF-8, e.g. "元", "万元" */
} nb_valtype;

typedef enum {
	NB_VOK = 0,
	NB_VEMPTY,     /* only blanks: caller decides (blank value) */
	NB_VSYNTAX,    /* not a number */
	NB_VNEGATIVE,  /* minus sign where the type forbids it */
	NB_VDECIMAL,   /* decimal point in a count */
	NB_VOVERFLOW,  /* beyond 64 bits / 18 digits */
	NB_VUNIT       /* unit not allowed for this column */
} nb_verr;

/* Parse text typed or read from a file. Accepts ASCII and full-width digits
 * (０-９), a leading + or - (also full-width ＋ － and U+2212 for signed),
 * thousands separators ',' and '，' between digit groups, surrounding
 * spaces, one '.' (or '．') for money, and a unit suffix for money.
 * Never rounds; overflow is an error, not a clamp. */
nb_verr nb_value_parse(const char *s, size_t len, const nb_valtype *t,
		       nb_value *out);

/* Human message (Simplified Chinese) for a parse error. */
const char *nb_verr_str(nb_verr e);

/* Canonical text: "" for blank, "-18", "73802895.90", "251000元".
 * Returns the length written (buffer of NB_VALUE_BUFSZ is always enough). */
#define NB_VALUE_BUFSZ 48
size_t nb_value_format(const nb_value *v, const nb_valtype *t, char *buf,
		       size_t bufsz);

int nb_value_eq(const nb_value *a, const nb_value *b);

#endif
