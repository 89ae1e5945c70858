#pragma once
// pool on the GPU (shaders/pool.comp): an encoder's token rows to one vector per sequence, as
// reference::pool defines it.
#include "ops/op_support.h"
#include "reference/ops.h"

namespace hearth::ops {

// x: the sequences' rows packed (tokens x n f32); sequences: u32 pairs (first row, row count),
// one per sequence, each count > 0 and inside x (not checked on the GPU: the caller builds them);
// y: sequences x n f32, not aliasing x.
void pool(Recorder& recorder, const BufferSlice& x, const BufferSlice& sequences, const BufferSlice& y,
          uint32_t sequence_count, uint32_t n, reference::Pooling pooling, bool normalize);

} // namespace hearth::ops
