#pragma once
// get_rows: the embedding lookup, rows of a GGUF weight matrix in any supported format as f32
// (shaders/get_rows.comp).
#include "ops/weight_matrix.h"

namespace hearth::ops {

// out[t] = W[ids[t]] for t < count. ids: count int32 row indices, out: count x k floats (offset
// a multiple of 16 bytes). An id outside the matrix leaves its output row unwritten (never a
// stray read); the caller checks token ids before they reach the GPU. Throws hearth::Error
// naming the op and shape for shapes the kernel does not support.
void get_rows(Recorder& recorder, const WeightMatrix& weights, const BufferSlice& ids, const BufferSlice& out,
              uint32_t count);

} // namespace hearth::ops
