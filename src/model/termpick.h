/* Which terminfo entry the editor starts with. The policy is plain C so a
 * test can drive it with any set of "known" entries; src/ui/term.c asks
 * the real terminfo database. */
#ifndef NB_TERMPICK_H
#define NB_TERMPICK_H

/* known(name, ctx): nonzero when the terminfo database has a usable entry. */
typedef int (*nb_term_known_fn)(const char *name, void *ctx);

/* The entry for $TERM = term: term itself when known, else the closest
 * known fallback (xterm-256color, xterm, vt100), with *fell set. NULL when
 * nothing should drive the screen: term NULL, empty or "dumb", or no entry
 * at all. */
const char *nb_term_pick(const char *term, nb_term_known_fn known, void *ctx,
			 int *fell);

#endif
