// Q5_K: 256 elements = f16 d, f16 dmin, 12 bytes of 6-bit sub-block scales and minimums
// (k_scale_min.glsl), 32 bytes of high bits, 128 bytes of nibbles. Element e = 64 c + 32 h + l
// (c < 4, h < 2, l < 32) is nibble h of byte 32 c + l plus 16 times bit 2 c + h of high-bit
// byte l, in sub-block 2 c + h. value = d * scale * q - dmin * min.
#define BLOCK_ELEMENTS 256u
#define BLOCK_BYTES 176u
#define STEP 8u // every field below is read at a 4-aligned offset (block of 4k bytes)

#include "k_scale_min.glsl"

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const uint sub = i >> 5, l = i & 31u;
    const vec2 dm = unpackHalf2x16(load_u32_aligned(block));
    const vec2 sm = k_scale_min(block + 4u, sub);
    const float scale = dm.x * sm.x, minimum = dm.y * sm.y;
    const uint q = block + 48u + 32u * (sub >> 1) + l;
    const uvec4 shift = uvec4(0u, 8u, 16u, 24u) + 4u * (sub & 1u);
    const uvec4 hshift = uvec4(0u, 8u, 16u, 24u) + sub;
    const uvec4 q0 = ((uvec4(load_u32_aligned(q)) >> shift) & 15u) | (((uvec4(load_u32_aligned(block + 16u + l)) >> hshift) & 1u) << 4);
    const uvec4 q1 = ((uvec4(load_u32_aligned(q + 4u)) >> shift) & 15u) | (((uvec4(load_u32_aligned(block + 20u + l)) >> hshift) & 1u) << 4);
    v[0] = scale * vec4(q0) - minimum;
    v[1] = scale * vec4(q1) - minimum;
}

// Run c: elements [64 c, 64 c + 64), both nibbles of the 32 bytes at 32 c with bits 2c and
// 2c+1 of the high-bit bytes (sub-blocks 2c, 2c+1).
#define RUN 64u

void decode_run(uint block, uint c, out vec4 v[RUN / 4u])
{
    const uint w = block >> 2;
    vec2 sm0, sm1;
    k_run_scale_min(w, c, sm0, sm1);
    const uint q = w + 12u + 8u * c;
    for (uint j = 0; j < 8u; ++j) {
        const uvec4 bytes = uvec4(weight_word(q + j)) >> uvec4(0u, 8u, 16u, 24u);
        const uvec4 high = (uvec4(weight_word(w + 4u + j)) >> (uvec4(0u, 8u, 16u, 24u) + 2u * c)) << 4;
        v[j] = sm0.x * vec4((bytes & 15u) | (high & 16u)) - sm0.y;
        v[j + 8u] = sm1.x * vec4(((bytes >> 4) & 15u) | ((high >> 1) & 16u)) - sm1.y;
    }
}

uint run_element(uint c, uint j) { return 64u * c + 4u * j; }
