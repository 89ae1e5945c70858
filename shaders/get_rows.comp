#version 450
// get_rows: out[t][0..k) = W[ids[t]] as f32 (embedding lookup). W is a GGUF weight matrix of m
// rows of k elements in the format chosen by -DWEIGHTS_<TYPE> (formats/weights.glsl).
// Bindings: 0 = W (32-bit words), 1 = ids (uint), 2 = out (vec4).
// Push constants: k, first_row, row_count (the bound W holds rows [first_row, +row_count)),
// weight_offset (bytes, a multiple of 4), ids_offset (uints), out_offset (vec4s).
// Workgroup (gx, t) decodes steps [gx * size, +size) of row ids[t]; each thread decodes STEP
// elements. Only ids inside the bound rows are written, so a matrix larger than one binding can
// be looked up in several dispatches, and a corrupt id never causes a stray read.
#extension GL_GOOGLE_include_directive : require

layout(local_size_x_id = 0) in;

#define WEIGHTS_BINDING 0
#include "formats/weights.glsl"

layout(std430, binding = 1) readonly restrict buffer Ids { uint ids[]; };
layout(std430, binding = 2) writeonly restrict buffer Out { vec4 out_rows[]; };
layout(push_constant) uniform Params
{
    uint k;
    uint first_row;
    uint row_count;
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
    const uint row = ids[p.ids_offset + t] - p.first_row; // wraps past row_count when below
    if (row >= p.row_count)
        return;
    const uint e = s * STEP;
    const uint row_bytes = p.k / BLOCK_ELEMENTS * BLOCK_BYTES;
    vec4 w[STEP / 4u];
    decode(p.weight_offset + row * row_bytes + (e / BLOCK_ELEMENTS) * BLOCK_BYTES, e % BLOCK_ELEMENTS, w);
    for (uint j = 0; j < STEP / 4u; ++j)
        out_rows[p.out_offset + t * (p.k / 4u) + e / 4u + j] = w[j];
}
