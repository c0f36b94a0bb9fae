/* words.h - wording of the engine's codes (words.c), for the renderers. */
#ifndef GPUADV_RENDER_WORDS_H
#define GPUADV_RENDER_WORDS_H

#include <stddef.h>

#include "gpu_advisor/detect.h"
#include "gpu_advisor/engine.h"
#include "gpu_advisor/render.h"

/* Who reads: a terminal user (flags) or a JSON reader (request keys). */
enum gpuadv__audience { GPUADV__FOR_TEXT, GPUADV__FOR_JSON };

/* Room for any one line these write. */
#define GPUADV__WORDS_MAX 512

/* One of result r's reasons, e.g. "16 GB of memory, well over the 8 GB
 * the workload suggests". */
void gpuadv__words_reason(char *buf, size_t size, const struct gpuadv_catalog *cat,
			  const struct gpuadv_recommendation *rec,
			  const struct gpuadv_result *r, const struct gpuadv_reason *why);

/* Why x is out: every failed constraint, "; "-separated. */
void gpuadv__words_excluded(char *buf, size_t size, const struct gpuadv_recommendation *rec,
			    const struct gpuadv_excluded *x, enum gpuadv__audience audience);


/* What a cost of ownership lacks, "; "-separated; "" when nothing. */
void gpuadv__words_tco_gaps(char *buf, size_t size, const struct gpuadv_tco *t);

/* A comparison row's one-line verdict. */
void gpuadv__words_verdict(char *buf, size_t size, const struct gpuadv_catalog *cat,
			   const struct gpuadv_comparison *c, const struct gpuadv_compare_row *row);

/* compare --model's verdict: the fastest configuration that fits, and
 * the most tokens per second per dollar. */
void gpuadv__words_model_verdict(char *buf, size_t size, const struct gpuadv_comparison *c);

/* --task's value as a word: "train", "infer" or "finetune". */
const char *gpuadv__task_word(int task);

/* How a configuration's decode speed was reached, in figures a user can
 * check: "decode ~115 tok/s (bandwidth 936 GB/s x 0.98 efficiency, plus
 * 0.10 ms per layer, calibrated on llama.cpp; layer split: ...)". */
void gpuadv__words_decode(char *buf, size_t size, const struct gpuadv_model_fit *f);

/* "43.5 GiB needed, 48 GiB in 2 x 24 GB: fits" and the like. */
void gpuadv__words_fit(char *buf, size_t size, const struct gpuadv_model_fit *f,
		       const struct gpuadv_gpu *g);
/* A result's speed-up over the query's upgrade_from card: "1.85x your
 * GeForce RTX 3080 (faster)"; "" without upgrade_from. */
void gpuadv__words_speedup(char *buf, size_t size, const struct gpuadv_recommendation *rec,
			   const struct gpuadv_result *r);

/* The line that introduces speed-ups: which card, and how fast it is. */
void gpuadv__words_upgrade(char *buf, size_t size, const struct gpuadv_recommendation *rec);

/* A detected GPU's catalogue match: "rtx-3090 (GeForce RTX 3090), matched
 * by PCI device id", or why there is none. */
void gpuadv__words_match(char *buf, size_t size, const struct gpuadv_detected_gpu *d);

#endif
