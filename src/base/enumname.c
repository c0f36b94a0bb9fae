/* enumname.c - the one lookup of a name in a table of enum names (enumname.h). */
#include <string.h>

#include "enumname.h"

int gpuadv__name_index(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}
