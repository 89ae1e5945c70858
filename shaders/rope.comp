#version 450
// rope: rotary position embedding of tokens x heads x head_dim values.
// Pair i (i < rotary_dims/2) turns by angle = position * freq_scale * frequency(i), with
// frequency(i) = freq_base^(-2i/rotary_dims), Llama-3 adjusted when llama3_factor != 0, and
// divided by freq_factors[i] when has_freq_factors. Normal layout pairs (2i, 2i+1), NeoX layout
// (i, i + rotary_dims/2). Dimensions past rotary_dims are copied.
// Bindings: 0 = x (f32), 1 = positions (i32, tokens), 2 = freq_factors (f32, rotary_dims/2, or a
// placeholder), 3 = y (f32, or f16 with -DOUTPUT_F16: the KV-cache write; may be x when f32).
// Push constants: see Params. The output of (token, head) starts at element y_offset + its index
// in x; or, when cache_stride != 0, at y_offset + positions[token] * cache_stride + head *
// head_dim: the KV-cache row of the token's position.
// Specialization: 0 = workgroup size. One invocation per (token, head, pair).
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) readonly buffer Positions { int positions[]; };
layout(std430, binding = 2) readonly buffer FreqFactors { float freq_factors[]; };
#ifdef OUTPUT_F16
layout(std430, binding = 3) writeonly buffer Y { float16_t y[]; };
#define STORE(i, v) y[i] = float16_t(v)
#else
layout(std430, binding = 3) writeonly buffer Y { float y[]; };
#define STORE(i, v) y[i] = (v)
#endif

layout(push_constant) uniform Params {
    uint tokens;
    uint heads;
    uint head_dim;
    uint rotary_dims;
    uint neox;
    uint has_freq_factors;
    uint y_offset;
    float freq_base;
    float freq_scale;
    float llama3_factor; // 0 = off
    float llama3_low_freq_factor;
    float llama3_high_freq_factor;
    float llama3_original_context;
    uint cache_stride; // 0: the output is laid out like x
} p;

const float TWO_PI = 6.283185307179586;

float frequency(uint i)
{
    float f = exp2(-2.0 * float(i) / float(p.rotary_dims) * log2(p.freq_base));
    if (p.llama3_factor != 0.0) {
        const float wavelength = TWO_PI / f;
        const float low_freq_wavelength = p.llama3_original_context / p.llama3_low_freq_factor;
        const float high_freq_wavelength = p.llama3_original_context / p.llama3_high_freq_factor;
        if (wavelength > low_freq_wavelength) {
            f /= p.llama3_factor;
        } else if (wavelength >= high_freq_wavelength) {
            const float smooth_ = (p.llama3_original_context / wavelength - p.llama3_low_freq_factor) /
                                  (p.llama3_high_freq_factor - p.llama3_low_freq_factor);
            f = (1.0 - smooth_) * f / p.llama3_factor + smooth_ * f;
        }
    }
    if (p.has_freq_factors != 0)
        f /= freq_factors[i];
    return f;
}

void main()
{
    const uint half_dim = p.head_dim / 2;
    const uint item = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * gl_WorkGroupSize.x +
                      gl_LocalInvocationID.x;
    if (item >= p.tokens * p.heads * half_dim)
        return;
    const uint pair = item % half_dim;
    const uint head_row = item / half_dim; // token * heads + head
    const uint token = head_row / p.heads;
    const uint base = head_row * p.head_dim;
    const uint out_base = p.y_offset + (p.cache_stride != 0 ? uint(positions[token]) * p.cache_stride +
                                                                  (head_row % p.heads) * p.head_dim
                                                            : base);
    const uint rotary_pairs = p.rotary_dims / 2;

    if (pair >= rotary_pairs) { // pass-through dimensions, two per invocation
        const uint at = p.rotary_dims + 2 * (pair - rotary_pairs);
        STORE(out_base + at, x[base + at]);
        STORE(out_base + at + 1, x[base + at + 1]);
        return;
    }
    // Reduce the angle to [0, 2pi) before sin/cos: their precision is only specified there.
    float angle = float(positions[token]) * p.freq_scale * frequency(pair);
    angle -= TWO_PI * floor(angle / TWO_PI);
    const float c = cos(angle), s = sin(angle);
    const uint a = p.neox != 0 ? pair : 2 * pair;
    const uint b = p.neox != 0 ? pair + rotary_pairs : 2 * pair + 1;
    const float x0 = x[base + a], x1 = x[base + b];
    STORE(out_base + a, x0 * c - x1 * s);
    STORE(out_base + b, x0 * s + x1 * c);
}
