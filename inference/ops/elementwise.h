#pragma once
// Element-wise and row-wise ops on the GPU (shaders/elementwise.comp, softmax.comp, argmax.comp).
// Element-wise ops split buffers larger than the device's maxStorageBufferRange into several
// dispatches; outputs may alias inputs.
#include "ops/op_support.h"

namespace hearth::ops {

void add(Recorder& recorder, const BufferSlice& a, const BufferSlice& b, const BufferSlice& y, uint64_t n);
// y[t][i] = x[t][i] + row[i] for t < rows, i < n: a bias added to every token of a batch.
void add_row(Recorder& recorder, const BufferSlice& x, const BufferSlice& row, const BufferSlice& y, uint32_t rows,
             uint32_t n);
void scale(Recorder& recorder, const BufferSlice& x, float factor, const BufferSlice& y, uint64_t n);
void softcap(Recorder& recorder, const BufferSlice& x, float cap, const BufferSlice& y, uint64_t n);
// y = gelu(x) (tanh approximation)
void gelu(Recorder& recorder, const BufferSlice& x, const BufferSlice& y, uint64_t n);
// y = silu(gate) * up
void silu_gate(Recorder& recorder, const BufferSlice& gate, const BufferSlice& up, const BufferSlice& y,
               uint64_t n);
// y = gelu(gate) * up (tanh approximation)
void gelu_gate(Recorder& recorder, const BufferSlice& gate, const BufferSlice& up, const BufferSlice& y,
               uint64_t n);

// y[y_offset + i] = f16(x[i]): stores f32 values (a V projection) into an f16 buffer (the KV
// cache). Refused when the f16 destination exceeds maxStorageBufferRange; bind a sub-slice.
void copy_to_f16(Recorder& recorder, const BufferSlice& x, const BufferSlice& y, uint64_t n,
                 uint64_t y_offset = 0);
// Row r of x (rows x row f32) goes to y (f16) at element y_offset + positions[r] * stride: each
// token's V row into the KV cache at the token's position, read from the GPU buffer `positions`
// (i32) so a recorded decode step can be submitted again for the next token unchanged.
// Positions must index rows inside y; the shader does not check them.
void copy_rows_to_f16(Recorder& recorder, const BufferSlice& x, const BufferSlice& positions,
                      const BufferSlice& y, uint32_t rows, uint32_t row, uint32_t stride,
                      uint64_t y_offset = 0);

// Per row of n floats.
void softmax(Recorder& recorder, const BufferSlice& x, const BufferSlice& y, uint32_t rows, uint32_t n);
// index[r] (u32) = position of the largest value of row r; the first on ties.
void argmax(Recorder& recorder, const BufferSlice& x, const BufferSlice& index, uint32_t rows, uint32_t n);

} // namespace hearth::ops
