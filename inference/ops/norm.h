#pragma once
// Normalisation ops on the GPU (shaders/rms_norm.comp, shaders/layer_norm.comp).
#include "ops/op_support.h"

namespace hearth::ops {

// y = x / rms(x) * weight, per row of n floats; y may be x.
void rms_norm(Recorder& recorder, const BufferSlice& x, const BufferSlice& weight, const BufferSlice& y,
              uint32_t rows, uint32_t n, float eps);

// y = (x - mean) / std * weight + bias; weight and bias may be empty slices (not applied).
void layer_norm(Recorder& recorder, const BufferSlice& x, const BufferSlice& weight, const BufferSlice& bias,
                const BufferSlice& y, uint32_t rows, uint32_t n, float eps);

} // namespace hearth::ops
