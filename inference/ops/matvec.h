#pragma once
// matvec: y = W x for one token (decode), W a GGUF weight matrix in any supported format
// (shaders/matvec.comp).
#include "ops/weight_matrix.h"

namespace hearth::ops {

// How matvec reduces each row's partial sums, how it reads its inputs and how wide its
// workgroups are. The defaults (Auto, 0) choose from the device: subgroup arithmetic where it
// exists, texel-buffer reads and one-subgroup workgroups of 8 rows on CPU devices. Tests and kernel-bench set them to exercise or compare each path.
struct MatvecOptions {
    enum class Reduction { Auto, Subgroup, SharedMemory };
    Reduction reduction = Reduction::Auto;
    // How the shader reads W and x: storage buffers, or (with the subgroup reduction) uniform
    // texel buffers of 32-bit words, which lavapipe fetches with one SIMD gather where a
    // storage-buffer load is a loop over the lanes. Auto: texel buffers on CPU devices.
    enum class Reads { Auto, StorageBuffers, TexelBuffers };
    Reads reads = Reads::Auto;
    uint32_t workgroup_size = 0;     // a power of two; 0 = automatic
    uint32_t rows_per_workgroup = 0; // 0 = automatic
    // At most this many rows per dispatch; 0 = as many as one binding can see. A matrix past
    // maxStorageBufferRange is split anyway; tests set it to exercise that split on small data.
    uint32_t rows_per_dispatch = 0;
};

// y[r] = sum_i W[r][i] * x[i]. x: k floats (offset a multiple of 16 bytes), y: rows floats.
// Throws hearth::Error naming the op and shape for shapes the kernel does not support.
void matvec(Recorder& recorder, const WeightMatrix& weights, const BufferSlice& x, const BufferSlice& y,
            const MatvecOptions& options = {});

// The same for a few tokens at once: y[t][r] = sum_i W[r][i] * x[t][i], x: tokens x k floats,
// y: tokens x rows. Each weight is decoded once per group of up to 16 tokens (4 on a GPU) and
// used for all of them, which is what short prompts, and any prompt on a CPU device, need
// (ops::matmul chooses it for those).
void matvec_batch(Recorder& recorder, const WeightMatrix& weights, const BufferSlice& x, const BufferSlice& y,
                  uint32_t tokens, const MatvecOptions& options = {});

} // namespace hearth::ops
