/* Moving the selection of a list screen (contents, findings). */
#include "ui/app.h"

int nb_list_key(int *selp, nb_action act, int n, int page)
{
	int sel = *selp;

	switch (act) {
	case NB_A_UP: case NB_A_PREV_FIELD: sel--; break;
	case NB_A_DOWN: case NB_A_NEXT_FIELD: sel++; break;
	case NB_A_PAGE_UP: sel -= page; break;
	case NB_A_PAGE_DOWN: sel += page; break;
	default: return 0;
	}
	if (sel > n - 1)
		sel = n - 1;
	if (sel < 0)
		sel = 0;
	*selp = sel;
	return 1;
}
