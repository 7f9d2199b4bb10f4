/* See termpick.h. */
#include "model/termpick.h"

#include <string.h>

/* A client often announces a terminal the server has no entry for:
 * PuTTY's putty-256color, kitty's xterm-kitty, alacritty; a minimal
 * Debian has only ncurses-base. Every such client understands xterm's
 * sequences well enough for our screens, so these are tried richest
 * first; vt100 is in every terminfo database. */
static const char *const fallback[] = {"xterm-256color", "xterm", "vt100"};

const char *nb_term_pick(const char *term, nb_term_known_fn known, void *ctx,
			 int *fell)
{
	*fell = 0;
	/* "dumb" cannot move the cursor: guessing xterm there would fill an
	 * Emacs buffer or a log with escape sequences. */
	if (!term || !*term || !strcmp(term, "dumb"))
		return NULL;
	if (known(term, ctx))
		return term;
	for (size_t i = 0; i < sizeof fallback / sizeof fallback[0]; i++)
		if (known(fallback[i], ctx)) {
			*fell = 1;
			return fallback[i];
		}
	return NULL;
}
