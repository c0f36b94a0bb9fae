#!/usr/bin/env python3
"""gen_catalog.py - write a synthetic catalogue with N GPUs (default 10,000)
for the speed benchmark: the shipped catalogue's architectures and workloads,
and N GPUs with plausible made-up figures. Not data: only for timing."""
import random
import re
import sys

src, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
text = open(src).read()
# Keep everything before the GPU list; drop the benchmarks.
head = text[:text.index("\ngpus:")]
head = re.sub(r"^reference_gpu: .*$", "reference_gpu: synthetic-0", head, flags=re.M)
rnd = random.Random(42)
arch_part = head[head.index("\narchitectures:"):head.index("\nworkloads:")]
archs = re.findall(r"^  - id: ([a-z-]+)$", arch_part, flags=re.M)
lines = [head, "\ngpus:"]
for i in range(n):
    bw = rnd.uniform(200, 8000)
    fp32 = rnd.uniform(5, 120)
    lines.append(
        f"  - {{id: synthetic-{i}, name: Synthetic GPU {i}, architecture: {rnd.choice(archs)}, "
        f"segment: {rnd.choice(['consumer', 'workstation', 'datacenter'])}, release_year: {rnd.randint(2016, 2026)}, "
        f"memory_gb: {rnd.choice([8, 12, 16, 24, 32, 48, 80, 141])}, bandwidth_gbs: {bw:.0f}, "
        f"l2_cache_mb: {rnd.choice([4, 6, 40, 50, 72, 96])}, fp32_tflops: {fp32:.1f}, "
        f"fp16_tensor_tflops: {fp32 * rnd.uniform(2, 12):.1f}, bf16_tensor_tflops: {fp32 * rnd.uniform(2, 12):.1f}, "
        f"tf32_tensor_tflops: {fp32 * rnd.uniform(1, 6):.1f}, int8_tensor_tops: {fp32 * rnd.uniform(4, 24):.1f}, "
        f"fp8_tensor_tflops: {fp32 * rnd.uniform(4, 24):.1f}, tdp_w: {rnd.randint(70, 1000)}, "
        f"launch_price_usd: {rnd.randint(200, 40000)}, sources: [synthetic]}}")
open(out, "w").write("\n".join(lines) + "\n")
