#version 450
#extension GL_GOOGLE_include_directive : require
// layer_norm: y[r][i] = (x[r][i] - mean) / sqrt(var + eps) * w[i] + b[i]
// Bindings: 0 = x (f32, rows x n), 1 = w (f32, n), 2 = b (f32, n), 3 = y (f32, rows x n; may be x).
// Push constants: rows, n, eps, has_weight, has_bias (0: w or b is a placeholder, not read).
// Specialization: 0 = workgroup size (a power of two).
// One workgroup per row; two reductions (mean, then variance around it, which is more exact
// than E[x^2] - E[x]^2 for rows with a large mean).
layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) readonly buffer W { float w[]; };
layout(std430, binding = 2) readonly buffer B { float b[]; };
layout(std430, binding = 3) writeonly buffer Y { float y[]; };
layout(push_constant) uniform Params { uint rows; uint n; float eps; uint has_weight; uint has_bias; } p;

#include "common/reduce.glsl"

void main()
{
    const uint row = workgroup_row();
    if (row >= p.rows)
        return;
    const uint base = row * p.n;
    float sum = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x)
        sum += x[base + i];
    const float mean = workgroup_sum(sum) / float(p.n);
    float squares = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x)
        squares += (x[base + i] - mean) * (x[base + i] - mean);
    const float scale = inversesqrt(workgroup_sum(squares) / float(p.n) + p.eps);
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x) {
        float value = (x[base + i] - mean) * scale;
        if (p.has_weight != 0)
            value *= w[i];
        if (p.has_bias != 0)
            value += b[i];
        y[base + i] = value;
    }
}
