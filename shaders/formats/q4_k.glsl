// Q4_K: 256 elements = f16 d, f16 dmin, 12 bytes of 6-bit sub-block scales and minimums
// (k_scale_min.glsl), 128 bytes of nibbles. Element e = 64 c + 32 h + l (c < 4, h < 2, l < 32)
// is nibble h of byte 32 c + l, in sub-block 2 c + h. value = d * scale * q - dmin * min.
#define BLOCK_ELEMENTS 256u
#define BLOCK_BYTES 144u
#define STEP 8u // every field below is read at a 4-aligned offset (block of 4k bytes)

#include "k_scale_min.glsl"

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const uint sub = i >> 5, l = i & 31u;
    const vec2 dm = unpackHalf2x16(load_u32_aligned(block));
    const vec2 sm = k_scale_min(block + 4u, sub);
    const float scale = dm.x * sm.x, minimum = dm.y * sm.y;
    const uint q = block + 16u + 32u * (sub >> 1) + l;
    const uvec4 shift = uvec4(0u, 8u, 16u, 24u) + 4u * (sub & 1u);
    v[0] = scale * vec4((uvec4(load_u32_aligned(q)) >> shift) & 15u) - minimum;
    v[1] = scale * vec4((uvec4(load_u32_aligned(q + 4u)) >> shift) & 15u) - minimum;
}

// Run c: elements [64 c, 64 c + 64), both nibbles of the 32 bytes at 32 c (sub-blocks 2c, 2c+1).
#define RUN 64u

void decode_run(uint block, uint c, out vec4 v[RUN / 4u])
{
    const uint w = block >> 2;
    vec2 sm0, sm1;
    k_run_scale_min(w, c, sm0, sm1);
    const uint q = w + 4u + 8u * c;
    for (uint j = 0; j < 8u; ++j) {
        const uvec4 bytes = uvec4(weight_word(q + j)) >> uvec4(0u, 8u, 16u, 24u);
        v[j] = sm0.x * vec4(bytes & 15u) - sm0.y;
        v[j + 8u] = sm1.x * vec4((bytes >> 4) & 15u) - sm1.y;
    }
}

uint run_element(uint c, uint j) { return 64u * c + 4u * j; }
