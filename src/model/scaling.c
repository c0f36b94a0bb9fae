/*
 * scaling.c - data-parallel scaling: a ring all-reduce of the gradients
 * every step, partly hidden behind the backward pass. See
 * docs/performance-model.md, "Multi-GPU scaling".
 */
#include <math.h>

#include "gpu_advisor/scaling.h"

/* Fitted by `gpu-advisor-fit-speed tests/fixtures` on
 * tests/fixtures/measured_multigpu.csv. */
const struct gpuadv_scaling_params gpuadv_scaling_default = {
	.eta_nvlink = 0.116,
	.eta_pcie = 0.418,
	.latency_ms = 0,
	.overlap = 0,
};

int gpuadv_scaling_efficiency(double *out, const struct gpuadv_scaling_input *in,
			      const struct gpuadv_scaling_params *p,
			      struct gpuadv_error *err)
{
	double n, eta, t_comm, exposed;

	*out = NAN;
	if (!p)
		p = &gpuadv_scaling_default;
	if (in->gpus < 1 || !(in->step_seconds > 0) || !isfinite(in->step_seconds) ||
	    !(in->grad_bytes >= 0) || !isfinite(in->grad_bytes) ||
	    (in->gpus > 1 && (!(in->link_gbs > 0) || !isfinite(in->link_gbs))))
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"scaling estimate lacks a valid GPU count, link, "
					"gradient size or step time");
	if (in->gpus == 1) {
		*out = 1;
		return 0;
	}
	n = in->gpus;
	eta = in->nvlink ? p->eta_nvlink : p->eta_pcie;
	/* A ring all-reduce sends 2(n-1)/n of the gradients over each link, in
	 * 2(n-1) steps that each pay a latency. */
	t_comm = 2 * (n - 1) / n * in->grad_bytes / (eta * in->link_gbs * 1e9) +
		 2 * (n - 1) * p->latency_ms * 1e-3;
	exposed = (1 - p->overlap) * t_comm;
	*out = in->step_seconds / (in->step_seconds + exposed);
	return 0;
}
