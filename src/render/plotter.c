/*
 * plotter.c - opens the charts module (plot_cairo.c, gpu-advisor-charts.so)
 * with dlopen and hands it figures. The module, not gpu-advisor, links
 * cairo: cairo's libraries cost every command half its start-up time when
 * linked (README, "Pictures"), and only --format svg and png need them.
 */
#include <dlfcn.h>
#include <stdlib.h>

#include "figure.h"
#include "formats.h"

int gpuadv_plotter_load(struct gpuadv_plotter **out, const char *path,
			struct gpuadv_error *err)
{
	struct gpuadv_plotter *p;
	const struct gpuadv__plot_api *api;
	void *h;

	*out = NULL;
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return gpuadv_error_set(err, GPUADV_EUNAVAIL, "cannot load the charts module: %s",
					dlerror());
	api = (const struct gpuadv__plot_api *)dlsym(h, GPUADV__PLOT_SYMBOL);
	if (!api || api->abi != GPUADV__PLOT_ABI ||
	    api->figure_size != sizeof(struct gpuadv__figure) || !api->draw ||
	    !api->close) {
		dlclose(h);
		return gpuadv_error_set(err, GPUADV_EUNAVAIL,
					"'%s' is not this gpu-advisor's charts module", path);
	}
	p = malloc(sizeof(*p));
	if (!p) {
		dlclose(h);
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	p->handle = h;
	p->api = api;
	*out = p;
	return 0;
}

void gpuadv_plotter_close(struct gpuadv_plotter *p)
{
	if (!p)
		return;
	p->api->close();
	/* Not dlclose: unloading cairo's libraries would drop the only
	 * pointers to their one-time allocations (pixman's tables), which a
	 * leak checker then reports; the process ends soon after anyway. */
	free(p);
}

int gpuadv__plot_recommendation(FILE *out, const struct gpuadv_catalog *cat,
				const struct gpuadv_recommendation *r,
				const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	struct gpuadv__figure f;
	int rc;

	if (!o->plotter)
		return gpuadv_error_set(err, GPUADV_EUNAVAIL, "no charts module to draw with");
	if (gpuadv__figure_recommendation(&f, cat, r))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	rc = o->plotter->api->draw(out, &f, o->format == GPUADV_FORMAT_PNG, err);
	gpuadv__figure_release(&f);
	return rc;
}

int gpuadv__plot_comparison(FILE *out, const struct gpuadv_catalog *cat,
			    const struct gpuadv_comparison *c,
			    const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	struct gpuadv__figure f;
	int rc;

	if (!o->plotter)
		return gpuadv_error_set(err, GPUADV_EUNAVAIL, "no charts module to draw with");
	if (gpuadv__figure_comparison(&f, cat, c))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	rc = o->plotter->api->draw(out, &f, o->format == GPUADV_FORMAT_PNG, err);
	gpuadv__figure_release(&f);
	return rc;
}

int gpuadv__plot_memory(FILE *out, const struct gpuadv_memory_answer *a,
			const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	struct gpuadv__figure f;
	int rc;

	if (!o->plotter)
		return gpuadv_error_set(err, GPUADV_EUNAVAIL, "no charts module to draw with");
	if (gpuadv__figure_memory(&f, a))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	rc = o->plotter->api->draw(out, &f, o->format == GPUADV_FORMAT_PNG, err);
	gpuadv__figure_release(&f);
	return rc;
}
