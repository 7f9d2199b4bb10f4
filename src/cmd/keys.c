/* nianbao keys: the editor's keys, from the one actions table. */
#include <string.h>

#include "cmd/cmd.h"
#include "model/actions.h"

int nb_cmd_keys(int argc, char **argv)
{
	int man = argc == 1 && !strcmp(argv[0], "--man");

	if (argc > 1 || (argc == 1 && !man))
		return nb_cmd_bad_usage("keys: 只接受 --man%s", "");
	nb_actions_print(stdout, man);
	return 0;
}
