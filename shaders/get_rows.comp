#version 450
// get_rows: out[t][0..k) = W[ids[t]] as f32 (embedding lookup). W is a GGUF weight matrix of m
// rows of k elements in the format chosen by -DWEIGHTS_<TYPE> (formats/weights.glsl).
// Bindings: 0 = W (32-bit words), 1 = ids (uint), 2 = out (vec4).
// Push constants: k, m, weight_offset (bytes, a multiple of 4), ids_offset (uints),
// out_offset (vec4s).
// Workgroup (gx, t) decodes steps [gx * size, +size) of row ids[t]; each thread decodes STEP
// elements. An id past the last row (a corrupt token) yields a zero row, never a stray read.
#extension GL_GOOGLE_include_directive : require

layout(local_size_x_id = 0) in;

#define WEIGHTS_BINDING 0
#include "formats/weights.glsl"

layout(std430, binding = 1) readonly restrict buffer Ids { uint ids[]; };
layout(std430, binding = 2) writeonly restrict buffer Out { vec4 out_rows[]; };
layout(push_constant) uniform Params
{
    uint k;
    uint m;
    uint weight_offset;
    uint ids_offset;
    uint out_offset;
} p;

void main()
{
    const uint s = gl_GlobalInvocationID.x;
    const uint t = gl_WorkGroupID.y;
    if (s >= p.k / STEP)
        return;
    const uint id = ids[p.ids_offset + t];
    const uint e = s * STEP;
    vec4 w[STEP / 4u];
    if (id < p.m) {
        const uint row_bytes = p.k / BLOCK_ELEMENTS * BLOCK_BYTES;
        decode(p.weight_offset + id * row_bytes + (e / BLOCK_ELEMENTS) * BLOCK_BYTES,
               e % BLOCK_ELEMENTS, w);
    } else {
        for (uint j = 0; j < STEP / 4u; ++j)
            w[j] = vec4(0.0);
    }
    for (uint j = 0; j < STEP / 4u; ++j)
        out_rows[p.out_offset + t * (p.k / 4u) + e / 4u + j] = w[j];
}
