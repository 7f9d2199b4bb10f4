#ifndef NB_UTF8_H
#define NB_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The one UTF-8 decoder of the program: one code point from s (n bytes
 * available). Returns its length, 1 to 4, or -1 when s does not start with
 * a valid character: n == 0, a stray continuation byte, a sequence cut
 * short, an overlong form, a surrogate, or past U+10FFFF. */
int nb_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* The same for display and editing, where bad bytes are shown: a bad byte
 * is one U+FFFD of length 1 (so the result is always at least 1). */
size_t nb_utf8_next(const char *s, size_t n, uint32_t *cp);
/* cp as UTF-8 into out; surrogates and values past U+10FFFF as U+FFFD. */
size_t nb_utf8_encode(uint32_t cp, char out[4]);

/* Byte offset of the first invalid byte (NUL counts as invalid), or
 * (size_t)-1 when the whole of s is valid UTF-8. */
size_t nb_utf8_check(const char *s, size_t len);
/* The longest prefix of s, at most max bytes, that ends on a character
 * boundary (s is valid UTF-8). */
size_t nb_utf8_fit(const char *s, size_t len, size_t max);
/* snprintf that cuts the result between characters, never inside one, and
 * shows control characters (C0, DEL, C1) as '?': messages may quote files. */
void nb_msgf(char *dst, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A file name as it may be shown on a terminal or in a message: control
 * characters (C0, DEL, C1) and bytes that are not UTF-8 become '?', as
 * nb_msgf does for file contents; cut between characters to fit n.
 * Returns dst. A name can hold any byte but '/' and NUL, so every name
 * printed goes through this. */
const char *nb_clean_name(char *dst, size_t n, const char *name);

#endif
