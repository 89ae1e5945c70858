#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
// Element-wise ops over n floats, one variant per op:
//   OP_ADD        y = a + b
//   OP_ADD_ROW    y = a + b[i % row]                      (a bias added to every token's row)
//   OP_SCALE      y = a * factor
//   OP_SOFTCAP    y = factor * tanh(a / factor)          (final-logit soft-capping)
//   OP_GELU       y = gelu(a), tanh-approximate            (BERT's feed-forward)
//   OP_SILU_GATE  y = silu(a) * b,  silu(g) = g / (1 + e^-g)   (a = gate, b = up)
//   OP_GELU_GATE  y = gelu(a) * b,  tanh-approximate GELU
//   OP_COPY_F16   y[y_offset + i] = f16(a[i])               (the V write into the f16 KV cache)
//   OP_COPY_ROWS_F16  y[y_offset + positions[i / row] * stride + i % row] = f16(a[i])
//                 (the same, each token's row at its position; binding 1 = positions, i32)
// Bindings: 0 = a (f32, n), [1 = b (f32, n), binary ops only], last = y (f32, n; may be a or b;
// f16 for the copies).
// Push constants: n, factor (scale or cap; unused otherwise), y_offset, row, stride (copies;
// row also for OP_ADD_ROW).
// Specialization: 0 = workgroup size. One invocation per element, 2D grid past 65535 groups.
layout(local_size_x_id = 0) in;

#if defined(OP_ADD) || defined(OP_ADD_ROW) || defined(OP_SILU_GATE) || defined(OP_GELU_GATE)
#define BINARY 1
#endif

layout(std430, binding = 0) readonly buffer A { float a[]; };
#ifdef BINARY
layout(std430, binding = 1) readonly buffer B { float b[]; };
layout(std430, binding = 2) writeonly buffer Y { float y[]; };
#elif defined(OP_COPY_F16)
layout(std430, binding = 1) writeonly buffer Y { float16_t y[]; };
#elif defined(OP_COPY_ROWS_F16)
layout(std430, binding = 1) readonly buffer Positions { int positions[]; };
layout(std430, binding = 2) writeonly buffer Y { float16_t y[]; };
#else
layout(std430, binding = 1) writeonly buffer Y { float y[]; };
#endif
layout(push_constant) uniform Params { uint n; float factor; uint y_offset; uint row; uint stride; } p;

#include "common/math.glsl"

void main()
{
    const uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * gl_WorkGroupSize.x +
                   gl_LocalInvocationID.x;
    if (i >= p.n)
        return;
#if defined(OP_ADD)
    y[i] = a[i] + b[i];
#elif defined(OP_ADD_ROW)
    y[i] = a[i] + b[i % p.row];
#elif defined(OP_SCALE)
    y[i] = a[i] * p.factor;
#elif defined(OP_SOFTCAP)
    y[i] = soft_cap(a[i], p.factor);
#elif defined(OP_GELU)
    y[i] = gelu(a[i]);
#elif defined(OP_SILU_GATE)
    y[i] = silu(a[i]) * b[i];
#elif defined(OP_GELU_GATE)
    y[i] = gelu(a[i]) * b[i];
#elif defined(OP_COPY_F16)
    y[p.y_offset + i] = float16_t(a[i]);
#elif defined(OP_COPY_ROWS_F16)
    y[p.y_offset + uint(positions[i / p.row]) * p.stride + i % p.row] = float16_t(a[i]);
#else
#error "elementwise.comp: define one OP_*"
#endif
}
