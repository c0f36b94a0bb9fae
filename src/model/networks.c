/*
 * networks.c - the networks the performance model knows, with the
 * per-sample figures it needs (from data/models.yaml, or computed from the
 * configuration there; tests/test_model.c checks them against the model
 * catalogue), and each workload as a weighted mix of them.
 * docs/performance-model.md gives the formulas and the reasons.
 */
#include "gpu_advisor/model.h"

#include <ctype.h>
#include <string.h>

/*
 * gflop: forward GFLOP per sample (training is three times that).
 * act_m: activation values kept for the backward pass, millions per
 * sample: timm's counts for convolutional nets (the output elements of
 * every conv and linear layer; computed the same way where timm has no
 * card: SSD300, Tacotron 2); for transformers
 * L * s * (34 h + 5 a s') / 2 (Korthikanti et al. 2022, eq. 2, bytes at
 * 16 bits over 2), so every transformer is counted one way.
 * Per-token networks (Transformer-XL, GNMT) count one token as a sample,
 * Tacotron 2 one mel frame, as their benchmarks do.
 * item_samples: samples in one item of a benchmark's batch (an image, a
 * 384-token BERT sequence); 0 for the per-token and per-frame networks,
 * whose items (sequences, sentences, utterances) hold a varying number of
 * samples. The fit reads
 * the memory one activation value takes from the batches of the others.
 */
const struct gpuadv_network_profile gpuadv_model_networks[] = {
	/* models.yaml resnet-50: 8.2 GFLOP, 11.1 M activations, 25.6 M params, 50 layers */
	{ "resnet-50", "resnet50", 8.2, 11.1, 25.6, 50, 1 },
	/* models.yaml resnet-152: 23.2 GFLOP, 22.6 M, 60.2 M, 152 layers */
	{ "resnet-152", NULL, 23.2, 22.6, 60.2, 152, 1 },
	/* models.yaml ssd300 (NVIDIA DeepLearningExamples SSD300 v1.1, 300x300
	 * image), computed from PyTorch/Detection/SSD/ssd/model.py: ResNet-50
	 * to conv4_x (layer3, stride 1, so 38x38x1024), five extra blocks
	 * (1x1 then 3x3 convs: 19, 10, 5, 3, 1) and 3x3 loc and conf heads on
	 * the six maps (4, 6, 6, 6, 4, 4 boxes; 81 classes): 20.15 GMACs =
	 * 40.3 GFLOP (backbone 13.52, extras 0.99, heads 5.65 GMACs). act: the
	 * output elements of every conv, as timm counts (fvcore; the same sum
	 * gives timm's 4.09 GMACs, 11.1 M and 25.6 M for ResNet-50 at 224):
	 * 29.86 M backbone + 0.72 extras + 0.74 heads = 31.3 M; params 22.9 M
	 * (weights, BN, head biases). Layers: 51 convs on the longest path
	 * (40 backbone, 10 extras, 1 head; 65 in all), as ResNet-50's 50. */
	{ "ssd300", "ssd", 40.3, 31.3, 22.9, 51, 1 },
	/* models.yaml bert-large at 384 tokens: 239.4 GFLOP, 335.1 M params,
	 * 24 layers; act = 24 * 384 * (34*1024 + 5*16*384) / 2 */
	{ "bert-large", "bert_large_squad", 239.4, 301.99, 335.14, 24, 1 },
	/* models.yaml bert-base at 384 tokens: 68.0 GFLOP, 109.5 M params,
	 * 12 layers; act = 12 * 384 * (34*768 + 5*12*384) / 2 */
	{ "bert-base", "bert_base_squad", 68.0, 113.246, 109.48, 12, 1 },
	/* models.yaml transformer-xl-base, per token: 2 * 12 L d^2 + 2 L n_ctx d
	 * = 2*50.33M + 2*16*384*512 (Kaplan et al. 2020, Table 1; adaptive
	 * softmax not counted); act = 16 * (34*512 + 5*8*384) / 2 */
	{ "transformer-xl-base", "transformerxlbase", 0.10696, 0.262144, 151, 16, 0 },
	/* models.yaml transformer-xl-large, per token, the same way: 2 *
	 * 12*18*1024^2 + 2*18*512*1024 (tgt_len 256 + mem_len 256);
	 * act = 18 * (34*1024 + 5*16*512) / 2; 257 M params (Dai et al. 2019) */
	{ "transformer-xl-large", "transformerxllarge", 0.47185, 0.681984, 257, 18, 0 },
	/* models.yaml vit-b-16: 33.8 GFLOP, 86.6 M params, 12 layers;
	 * act = 12 * 197 * (34*768 + 5*12*197) / 2 */
	{ "vit-b-16", NULL, 33.8, 44.836, 86.6, 12, 1 },
	/* models.yaml gnmt (4+4 LSTM layers, width 1024, vocabulary 32000), per
	 * target token, computed: 2 * 4h * 2h per layer-pass over 5 encoder
	 * passes (the first bidirectional) and 4 decoder layers (input 3h),
	 * plus the 2 h V classifier = 0.25 GFLOP; parameters: LSTMs 92 M,
	 * embeddings and classifier 98 M (approximate: the README gives no
	 * count); act = 10 layer-passes * 6h + 2V; steps: 8 layers * 50 time
	 * steps (sentences of up to 50 tokens) */
	{ "gnmt", "gnmt", 0.25, 0.125, 160, 400, 0 },
	/* models.yaml tacotron-2 (DeepLearningExamples' defaults,
	 * tacotron2/arg_parser.py), per mel frame: DLE's train loop counts
	 * items as the sum of output (mel) lengths (tacotron2/data_function.py
	 * batch_to_gpu; the same in Lambda's fork, branch lambda/benchmark).
	 * Forward MACs per frame: prenet 80-256-256 0.09 M, attention LSTM
	 * (768 in, 1024) 7.34 M, location-sensitive attention over the
	 * utterance's characters (query 1024x128; per character: location
	 * conv 2x32x31, dense 32x128, energy 128, context 512) 0.80 M, decoder
	 * LSTM (1536 in, 1024) 10.49 M, mel and gate projections 0.12 M,
	 * postnet (5 convs of kernel 5: 80-512-512-512-512-80) 4.34 M, and
	 * the encoder (3 convs 512 kernel 5, BiLSTM 2x256, memory layer
	 * 512x128: 5.57 M per character) at LJSpeech's 0.176 characters per
	 * frame (1,308,674 characters over 23:55:17 at 22050/256 frames/s,
	 * i.e. 99.9 characters and 566 frames per clip): 24.16 M = 0.0483
	 * GFLOP. act: every linear and conv output, as the CNN rows count
	 * (an LSTM cell's 4h gate pre-activations as its linear output):
	 * 11.6 k per frame + 161 per character attended (99.9) + the encoder's
	 * 3.7 k per character spread over frames = 0.0283 M. Params 28.19 M,
	 * computed (148 symbols). Approximate: the figures are per counted
	 * frame; the decoder and postnet run every item to the batch's longest
	 * utterance and attend over its longest text (about 1.5x the counted
	 * work), which scales f and a alike, and a set's scale is profiled out.
	 * Steps: the decoder loop runs in Python, one decode() per frame to
	 * the batch's longest utterance (about 850 frames: LJSpeech's clips
	 * reach 10.1 s = 870), each launching 9 layers in sequence (attention
	 * LSTM, query, location conv, location dense, energies, softmax and
	 * context, decoder LSTM, mel and gate projections), plus the prenet
	 * (2), encoder convs (3), BiLSTM time steps (175, the longest text of
	 * the 625-clip list Lambda trains on) and postnet (5): 850 * 9 + 185
	 * = 7835 (approximate). */
	{ "tacotron-2", "tacotron2", 0.0483, 0.0283, 28.19, 7835, 0 },
	/* Token generation (llm-inference): every token reads all the weights,
	 * nothing else: one "value" per token, no maths counted. */
	{ "llm-decode", NULL, 0, 1, 0, 0, 0 },
	{ NULL, NULL, 0, 0, 0, 0, 0 }
};

/* Workloads as representative networks with weights (documented in
 * docs/performance-model.md). */
static const struct {
	const char *workload;
	const char *net[GPUADV_MIX_MAX];
	double weight[GPUADV_MIX_MAX];
} mixes[] = {
	{ "cnn", { "resnet-50", "resnet-152" }, { 0.5, 0.5 } },
	{ "gan", { "resnet-50", "resnet-152" }, { 0.5, 0.5 } },
	{ "transformer", { "bert-large", "transformer-xl-base", "vit-b-16" }, { 0.4, 0.3, 0.3 } },
	{ "lstm", { "gnmt" }, { 1 } },
	{ "rnn", { "gnmt" }, { 1 } },
	{ "llm-inference", { "llm-decode" }, { 1 } },
	{ NULL, { NULL }, { 0 } }
};

/* a and b equal ignoring case, '-', '_' and '.' */
static int same_name(const char *a, const char *b)
{
	for (;;) {
		while (*a == '-' || *a == '_' || *a == '.')
			a++;
		while (*b == '-' || *b == '_' || *b == '.')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
}

const struct gpuadv_network_profile *gpuadv_model_network(const char *name)
{
	const struct gpuadv_network_profile *n;

	for (n = gpuadv_model_networks; name && n->id; n++)
		if (same_name(n->id, name) || (n->bench && same_name(n->bench, name)))
			return n;
	return NULL;
}

size_t gpuadv_model_workload_mix(struct gpuadv_workload_mix *out,
				 const struct gpuadv_workload *w)
{
	size_t i, k;

	memset(out, 0, sizeof(*out));
	if (!w || !w->id)
		return 0;
	for (i = 0; mixes[i].workload; i++) {
		if (strcmp(mixes[i].workload, w->id))
			continue;
		for (k = 0; k < GPUADV_MIX_MAX && mixes[i].net[k]; k++) {
			out->net[out->count] = gpuadv_model_network(mixes[i].net[k]);
			out->weight[out->count++] = mixes[i].weight[k];
		}
		return out->count;
	}
	/* Another catalogue's workload: the networks it lists that the model
	 * knows, equally weighted. */
	for (i = 0; i < w->networks.count && out->count < GPUADV_MIX_MAX; i++) {
		const struct gpuadv_network_profile *n = gpuadv_model_network(w->networks.items[i]);

		if (n)
			out->net[out->count++] = n;
	}
	for (k = 0; k < out->count; k++)
		out->weight[k] = 1.0 / (double)out->count;
	return out->count;
}
