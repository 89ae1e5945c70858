#pragma once
// matmul: Y = X W^T for many tokens (prefill), W a GGUF weight matrix in any supported format
// (shaders/matmul.comp).
#include "ops/weight_matrix.h"

namespace hearth::ops {

// y[t][r] = sum_i W[r][i] * x[t][i] for t < tokens. x: tokens x k floats (offset a multiple of
// 16 bytes), y: tokens x rows floats. Throws hearth::Error naming the op and shape for shapes
// the kernel does not support.
// Which kernel: Auto takes matvec_batch (weights decoded once per few tokens, no shared-memory
// tiles) on CPU devices, where decoding dominates, and for up to 4 tokens; the tiled kernel
// otherwise. Tests and kernel-bench pick one to cover and compare both.
struct MatmulOptions {
    enum class Kernel { Auto, Tiled, Batched };
    Kernel kernel = Kernel::Auto;
};

void matmul(Recorder& recorder, const WeightMatrix& weights, const BufferSlice& x, const BufferSlice& y,
            uint32_t tokens, const MatmulOptions& options = {});

} // namespace hearth::ops
