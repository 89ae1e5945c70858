#pragma once
// A GGUF weight matrix in GPU memory, as matvec, matmul and get_rows take it, and how such a
// matrix is bound: split into chunks of whole rows that each fit one storage-buffer binding
// (maxStorageBufferRange) with an aligned binding offset, the remainder passed to the shader as
// a byte offset.
#include "hearth/weight_format.h"
#include "ops/op_support.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hearth::ops {

struct WeightMatrix {
    WeightType type = WeightType::F32;
    uint32_t rows = 0; // GGUF ne[1]
    uint32_t k = 0;    // GGUF ne[0]: values per row
    // The rows exactly as stored in the file, row after row. Its offset must be a multiple of 4
    // and its size at least rows * row_bytes rounded up to a multiple of 4.
    BufferSlice data;
};

// "q4_k": the weight format's name as pipeline names and kernel-bench spell it.
std::string format_name(WeightType type);
// "matvec_q4_k": the pipeline name of `op` for the matrix's weight format.
std::string weight_pipeline_name(const char* op, WeightType type);

// Rows [first_row, first_row + row_count) bound as `slice`; row first_row starts at byte
// weight_offset of the slice.
struct WeightChunk {
    BufferSlice slice;
    uint32_t weight_offset = 0;
    uint32_t first_row = 0;
    uint32_t row_count = 0;
};

// Checks the matrix's shape against what the kernels support and splits it into chunks of at
// most max_rows rows that each fit one binding, a storage buffer or (texels) a uniform texel
// buffer of 32-bit words. Throws hearth::Error naming `op` and the shape.
std::vector<WeightChunk> weight_chunks(const vulkan::Device& device, const WeightMatrix& matrix, uint32_t max_rows,
                                       const char* op, bool texels = false);

// A slice rebound at an offset the device accepts for storage buffers (or texel buffers), and
// the distance (in units of `unit` bytes) from the new start to the original one, which the
// shader adds.
struct AlignedBinding {
    BufferSlice slice;
    uint32_t offset = 0;
};
AlignedBinding align_binding(const vulkan::Device& device, const BufferSlice& slice, uint32_t unit,
                             const char* op, const char* what, bool texels = false);

// "1 x 4096 q4_K": the shape in error messages.
std::string describe(const WeightMatrix& matrix);

} // namespace hearth::ops
