// IQ4_XS: 256 elements = f16 d, 16 bits of scale tops, 4 bytes of scale nibbles, 128 bytes of
// nibbles. Sub-block b (32 elements) has the 6-bit scale (nibble b % 2 of byte b / 2) |
// (bits 2b..2b+1 of the tops) << 4, stored plus 32; its element j < 16 is the low nibble of byte
// 16 b + j and element j + 16 the high nibble, each indexing the IQ4 level table.
// value = d * (scale - 32) * levels[q].
#define BLOCK_ELEMENTS 256u
#define BLOCK_BYTES 136u
#define STEP 8u // every field below is read at a 4-aligned offset (block of 4k bytes)

#include "iq4_levels.glsl"

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const uint b = i >> 5, j = i & 15u;
    const uint low = (load_u8(block + 4u + (b >> 1)) >> (4u * (b & 1u))) & 15u;
    const uint top = (load_u16(block + 2u) >> (2u * b)) & 3u;
    const float scale = load_f16(block) * (float(low | (top << 4)) - 32.0);
    const uint q = block + 8u + 16u * b + j;
    const uvec4 shift = uvec4(0u, 8u, 16u, 24u) + ((i & 16u) >> 2);
    v[0] = scale * iq4_levels((uvec4(load_u32_aligned(q)) >> shift) & 15u);
    v[1] = scale * iq4_levels((uvec4(load_u32_aligned(q + 4u)) >> shift) & 15u);
}
