#pragma once
// Rotary position embedding on the GPU (shaders/rope.comp). The parameters mean exactly what
// reference::RopeParams documents; its freq_factors host pointer is not used here: pass the
// factors as a buffer slice (or an empty slice for none).
#include "ops/op_support.h"
#include "reference/ops.h"

namespace hearth::ops {

// x: tokens x heads x head_dim f32; positions: tokens i32. The result goes to y at element
// y_offset (f32, may be x when y_offset is 0), or, with f16_output, is written as f16: that is
// the KV-cache write (y = the cache, y_offset = position * kv_stride).
void rope(Recorder& recorder, const BufferSlice& x, const BufferSlice& positions,
          const BufferSlice& freq_factors, const BufferSlice& y, uint32_t tokens, uint32_t heads,
          const reference::RopeParams& params, uint64_t y_offset = 0, bool f16_output = false);

// The K write: rotates x like rope() and stores head h of token t, as f16, at element
// cache_offset + positions[t] * cache_stride + h * head_dim of `cache` (cache_stride = kv_heads *
// head_dim for a [positions][kv_heads][head_dim] cache). Positions are read on the GPU, so a
// recorded decode step stays valid for the next token; they must index rows inside the cache.
void rope_into_cache(Recorder& recorder, const BufferSlice& x, const BufferSlice& positions,
                     const BufferSlice& freq_factors, const BufferSlice& cache, uint32_t tokens,
                     uint32_t heads, const reference::RopeParams& params, uint32_t cache_stride,
                     uint64_t cache_offset = 0);

} // namespace hearth::ops
