#pragma once
// The CPU oracle for the ops that read a weight matrix stored as in a GGUF file (any
// WeightType): each row is dequantized with the formats' reference dequantize_row and used in
// plain f32 arithmetic with f64 sums, so the oracle's own rounding stays far below the GPU's.
// A weight matrix has `rows` rows of `k` values (GGUF's ne[1] x ne[0]), row-major.
#include "hearth/weight_format.h"

#include <cstdint>
#include <span>
#include <vector>

namespace hearth {
struct GgufTensor;
}

namespace hearth::reference {

// y[r] = sum_i W[r][i] * x[i]   for r < rows (one token).
void matvec(WeightType type, const void* weights, int64_t rows, int64_t k, const float* x, float* y);

// y[t][r] = sum_i W[r][i] * x[t][i]   for t < tokens; x: tokens x k, y: tokens x rows.
void matmul(WeightType type, const void* weights, int64_t rows, int64_t k, const float* x, int64_t tokens,
            float* y);

// out[t] = W[ids[t]] as f32; out: ids.size() x k. Every id must be < rows.
void get_rows(WeightType type, const void* weights, int64_t rows, int64_t k, std::span<const int32_t> ids,
              float* out);

// All of a GGUF tensor's values as f32 (empty for a null tensor).
std::vector<float> dequantize(const GgufTensor* tensor);
// y (tokens x row_count) = x times rows [first_row, first_row + row_count) of w: one part of a
// fused projection (or all of it).
void project(const GgufTensor& w, const float* x, float* y, size_t tokens, int64_t first_row,
             int64_t row_count);

} // namespace hearth::reference
