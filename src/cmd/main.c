#include <locale.h>

#include "cmd/cmd.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return nb_cli_main(argc, argv);
}
