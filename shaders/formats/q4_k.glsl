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
