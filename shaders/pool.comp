#version 450
#extension GL_GOOGLE_include_directive : require
// pool: one vector per sequence from an encoder's token rows: the mean of its rows, its first
// row ([CLS]) or its last; then divided by its L2 norm when normalize != 0.
// Bindings: 0 = x (f32, tokens x n), 1 = sequences (u32 pairs: first row, row count),
//           2 = y (f32, sequences x n).
// Push constants: sequences, n, pooling (0 mean, 1 first, 2 last), normalize.
// Specialization: 0 = workgroup size (a power of two). One workgroup per sequence; invocation i
// owns columns i, i + WG, ...: it writes them pooled, then (once the workgroup has summed the
// squares) scales its own writes, so no other invocation's values are read back.
layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) readonly buffer Sequences { uint sequences[]; };
layout(std430, binding = 2) buffer Y { float y[]; };
layout(push_constant) uniform Params { uint sequences; uint n; uint pooling; uint normalize; } p;

#include "common/reduce.glsl"

void main()
{
    const uint s = workgroup_row();
    if (s >= p.sequences)
        return;
    const uint first = sequences[2 * s], count = sequences[2 * s + 1];
    float squares = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x) {
        float value;
        if (p.pooling == 0) {
            float sum = 0.0;
            for (uint t = 0; t < count; ++t)
                sum += x[(first + t) * p.n + i];
            value = sum / float(count);
        } else {
            value = x[(p.pooling == 1 ? first : first + count - 1) * p.n + i];
        }
        y[s * p.n + i] = value;
        squares += value * value;
    }
    if (p.normalize == 0)
        return; // the same for the whole dispatch: no barrier is skipped unevenly
    const float total = workgroup_sum(squares);
    const float scale = total > 0.0 ? inversesqrt(total) : 1.0;
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x)
        y[s * p.n + i] *= scale;
}
