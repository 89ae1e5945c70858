#pragma once
// Random weight matrices in any weight format, for kernel tests and benchmarks. Quantized blocks
// are random bytes (every bit pattern of packed values and sub-block scales occurs) with small
// finite f16 scale fields; float formats hold uniform values in [-1, 1].
#include "hearth/weight_format.h"

#include <cstdint>
#include <vector>

namespace hearth::bench {

// Every weight format the GPU kernels read, in GGUF id order.
const std::vector<WeightType>& gpu_weight_types();

// rows x k values of `type`, stored as GGUF stores them (row after row).
std::vector<uint8_t> random_weights(WeightType type, uint32_t rows, uint32_t k, uint32_t seed);

} // namespace hearth::bench
