/*
 * test_scaling.c - the data-parallel scaling model: its laws, its input
 * checks, and its accuracy on Lambda's multi-GPU runs (fit and
 * leave-one-machine-out), beside the perfect-scaling baseline.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include "gpu_advisor/scaling.h"
#include "model/scaling_fit.h"

static double eff(unsigned n, double link, bool nvlink, double grad, double step)
{
	struct gpuadv_scaling_input in = { .gpus = n, .link_gbs = link, .nvlink = nvlink,
					   .grad_bytes = grad, .step_seconds = step };
	double e;
	assert_int_equal(gpuadv_scaling_efficiency(&e, &in, NULL, NULL), 0);
	assert_true(e > 0 && e <= 1);
	return e;
}

static void test_laws(void **state)
{
	/* BERT-large gradients (1.34 GB) at 0.5 s a step on PCIe 4.0. */
	static const unsigned counts[] = { 2, 4, 8, 16, 0 };
	double last = 1;
	(void)state;
	assert_true(eff(1, 0, false, 1.34e9, 0.5) == 1);
	for (size_t i = 0; counts[i]; i++) {
		double e = eff(counts[i], 32, false, 1.34e9, 0.5);
		assert_true(e < last);
		last = e;
	}
	assert_true(eff(4, 64, false, 1.34e9, 0.5) > eff(4, 32, false, 1.34e9, 0.5));
	assert_true(eff(4, 32, false, 0.1e9, 0.5) > eff(4, 32, false, 1.34e9, 0.5));
	assert_true(eff(4, 32, false, 1.34e9, 2.0) > eff(4, 32, false, 1.34e9, 0.5));
}

static void test_bad_input(void **state)
{
	static const struct gpuadv_scaling_input bad[] = {
		{ .gpus = 0, .link_gbs = 32, .grad_bytes = 1e9, .step_seconds = 1 },
		{ .gpus = 2, .link_gbs = 0, .grad_bytes = 1e9, .step_seconds = 1 },
		{ .gpus = 2, .link_gbs = 32, .grad_bytes = -1, .step_seconds = 1 },
		{ .gpus = 2, .link_gbs = 32, .grad_bytes = 1e9, .step_seconds = 0 },
		{ .gpus = 2, .link_gbs = 32, .grad_bytes = 1e9, .step_seconds = NAN },
		{ .gpus = 1, .step_seconds = -1 }, /* sentinel follows */
		{ .gpus = 99 },
	};
	(void)state;
	for (size_t i = 0; bad[i].gpus != 99; i++) {
		double e = 0;
		assert_int_equal(gpuadv_scaling_efficiency(&e, &bad[i], NULL, NULL), GPUADV_EUSAGE);
		assert_true(isnan(e));
	}
}

/* docs/performance-model.md, "Multi-GPU scaling": the same figures. */
static void test_accuracy(void **state)
{
	struct gpuadv__scaling_data d = { 0 };
	struct gpuadv_error err;
	struct gpuadv__scaling_score fit, base, cv;
	struct gpuadv_scaling_params p;

	(void)state;
	if (test_under_valgrind())
		skip(); /* a refit and cross-validation: minutes under valgrind */
	assert_int_equal(gpuadv__scaling_data_load(&d, GPUADV_FIXTURES "/measured_multigpu.csv",
						   &err), 0);
	assert_int_equal(d.n, 96);
	fit = gpuadv__scaling_evaluate(&d, &gpuadv_scaling_default, NULL, 0);
	base = gpuadv__scaling_evaluate(&d, NULL, NULL, 0);
	cv = gpuadv__scaling_crossval(&d);
	assert_true(fit.median <= 0.06);
	assert_true(fit.worst <= 0.60);
	assert_true(fit.worst < base.worst);
	assert_true(cv.median <= 0.06);
	assert_true(cv.worst <= 0.65);
	/* the shipped parameters are the fitter's */
	gpuadv__scaling_fit(&p, &d, NULL);
	assert_true(fabs(p.eta_nvlink - gpuadv_scaling_default.eta_nvlink) < 0.005);
	assert_true(fabs(p.eta_pcie - gpuadv_scaling_default.eta_pcie) < 0.005);
	gpuadv__scaling_data_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_laws),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_accuracy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
