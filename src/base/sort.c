/* sort.c - the stable merge sort of sort.h: bottom-up, one scratch copy. */
#include "base/sort.h"

#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/error.h"

int gpuadv__sort(void *base, size_t n, size_t size, gpuadv__cmp_fn cmp, void *ctx)
{
	unsigned char *a = base, *b, *from, *to, *t;
	size_t width, lo, mid, hi, i, j, k;

	if (n < 2 || size == 0)
		return 0;
	if (n > (size_t)-1 / size || !(b = malloc(n * size)))
		return GPUADV_ENOMEM;
	from = a;
	to = b;
	for (width = 1; width < n; width = width > n / 2 ? n : width * 2) {
		for (lo = 0; lo < n; lo += 2 * width) {
			mid = lo + width < n ? lo + width : n;
			hi = mid + width < n ? mid + width : n;
			for (i = lo, j = mid, k = lo; k < hi; k++) {
				/* Take from the right only when strictly smaller: stable. */
				if (i < mid && (j >= hi || cmp(from + j * size, from + i * size, ctx) >= 0))
					memcpy(to + k * size, from + i++ * size, size);
				else
					memcpy(to + k * size, from + j++ * size, size);
			}
		}
		t = from;
		from = to;
		to = t;
	}
	if (from != a)
		memcpy(a, from, n * size);
	free(b);
	return 0;
}
