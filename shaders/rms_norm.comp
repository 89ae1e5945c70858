#version 450
// rms_norm: y[r][i] = x[r][i] / sqrt(mean(x[r]^2) + eps) * w[i]
// Bindings: 0 = x (f32, rows x n), 1 = w (f32, n), 2 = y (f32, rows x n).
// Push constants: n (row length), eps. One workgroup per row; threads stride over the row and
// reduce their partial sums of squares through shared memory.
layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) readonly buffer W { float w[]; };
layout(std430, binding = 2) writeonly buffer Y { float y[]; };
layout(push_constant) uniform Params { uint n; float eps; } p;

shared float partial[gl_WorkGroupSize.x];

void main()
{
    const uint row = gl_WorkGroupID.x;
    const uint base = row * p.n;
    float sum = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x)
        sum += x[base + i] * x[base + i];
    partial[gl_LocalInvocationID.x] = sum;
    barrier();
    for (uint s = gl_WorkGroupSize.x / 2; s > 0; s >>= 1) {
        if (gl_LocalInvocationID.x < s)
            partial[gl_LocalInvocationID.x] += partial[gl_LocalInvocationID.x + s];
        barrier();
    }
    const float scale = inversesqrt(partial[0] / float(p.n) + p.eps);
    for (uint i = gl_LocalInvocationID.x; i < p.n; i += gl_WorkGroupSize.x)
        y[base + i] = x[base + i] * scale * w[i];
}
