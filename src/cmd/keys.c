/* nianbao keys: the editor's keys, from the one actions table. */
#include <string.h>

#include "cmd/cmd.h"
#include "model/actions.h"

int nb_cmd_keys(int argc, char **argv)
{
	int man = argc >= 1 && !strcmp(argv[0], "--man") ? NB_KEYS_MAN : NB_KEYS_TEXT;

	/* `--man zh_CN`: the KEYS section of the Chinese manual. */
	if (man && argc == 2 && !strcmp(argv[1], "zh_CN"))
		man = NB_KEYS_MAN_ZH;
	else if (argc > 1 || (argc == 1 && !man))
		return nb_cmd_bad_usage("keys: 只接受 --man 或 --man zh_CN%s", "");
	nb_actions_print(stdout, man);
	return 0;
}
