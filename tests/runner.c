/* One Check runner over every suite in tests/check_*.c (see build/suites.h). */
#include <stdlib.h>
#include "nbtest.h"

#define X(s) Suite *s(void);
#define NB_SUITE_DECL
#undef NB_SUITE
#define NB_SUITE(name) X(nb_suite_##name)
#include "suites.h"
#undef NB_SUITE
#undef X

int main(void)
{
	SRunner *sr = srunner_create(NULL);
#define NB_SUITE(name) srunner_add_suite(sr, nb_suite_##name());
#include "suites.h"
#undef NB_SUITE
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
