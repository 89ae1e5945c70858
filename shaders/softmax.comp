#version 450
#extension GL_GOOGLE_include_directive : require
// softmax over each row: y[r][i] = exp(x[r][i] - max_r) / sum_i exp(x[r][i] - max_r)
// Bindings: 0 = x (f32, rows x n), 1 = y (f32, rows x n; may be x).
// Push constants: rows, n. Specialization: 0 = workgroup size (a power of two).
// One workgroup per row: a max reduction, a sum reduction, then the normalised write.
layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) writeonly buffer Y { float y[]; };
layout(push_constant) uniform Params { uint rows; uint n; } p;

#include "common/reduce.glsl"

void main()
{
    const uint row = workgroup_row();
    if (row >= p.rows)
        return;
    const uint base = row * p.n;
    float largest = -3.402823466e38;
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x)
        largest = max(largest, x[base + i]);
    largest = workgroup_max(largest);
    float sum = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x)
        sum += exp(x[base + i] - largest);
    const float inverse = 1.0 / workgroup_sum(sum);
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x)
        y[base + i] = exp(x[base + i] - largest) * inverse;
}
