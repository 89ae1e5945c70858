#pragma once
// matmul: Y = X W^T for many tokens (prefill), W a GGUF weight matrix in any supported format
// (shaders/matmul.comp).
#include "ops/weight_matrix.h"

namespace hearth::ops {

// y[t][r] = sum_i W[r][i] * x[t][i] for t < tokens. x: tokens x k floats (offset a multiple of
// 16 bytes), y: tokens x rows floats. Throws hearth::Error naming the op and shape for shapes
// the kernel does not support.
void matmul(Recorder& recorder, const WeightMatrix& weights, const BufferSlice& x, const BufferSlice& y,
            uint32_t tokens);

} // namespace hearth::ops
