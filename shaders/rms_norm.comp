#version 450
#extension GL_GOOGLE_include_directive : require
// rms_norm: y[r][i] = x[r][i] / sqrt(mean(x[r]^2) + eps) * w[i]
// Bindings: 0 = x (f32, rows x n), 1 = w (f32, n), 2 = y (f32, rows x n; may be x).
// Push constants: rows, n (row length), eps.
// Specialization: 0 = workgroup size (a power of two).
// One workgroup per row (2D grid past 65535 rows); invocations stride over the row, then reduce
// their sums of squares (subgroups with -DSUBGROUPS, else shared memory).
layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) readonly buffer W { float w[]; };
layout(std430, binding = 2) writeonly buffer Y { float y[]; };
layout(push_constant) uniform Params { uint rows; uint n; float eps; } p;

#include "common/reduce.glsl"

void main()
{
    const uint row = workgroup_row();
    if (row >= p.rows)
        return;
    const uint base = row * p.n;
    float sum = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x)
        sum += x[base + i] * x[base + i];
    const float scale = inversesqrt(workgroup_sum(sum) / float(p.n) + p.eps);
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x)
        y[base + i] = x[base + i] * scale * w[i];
}
