// IQ4_NL: laid out as Q4_0 (f16 scale d, 16 bytes of nibbles), but a nibble indexes a fixed
// non-linear table of 16 levels. value = d * levels[q].
#define BLOCK_ELEMENTS 32u
#define BLOCK_BYTES 18u
#define STEP 8u

#include "iq4_levels.glsl"

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const float d = load_f16(block);
    const uint q = block + 2u + (i & 15u);
    const uint shift = (i & 16u) >> 2;
    v[0] = d * iq4_levels((uvec4(load_u32(q)) >> (uvec4(0u, 8u, 16u, 24u) + shift)) & 0xFu);
    v[1] = d * iq4_levels((uvec4(load_u32(q + 4u)) >> (uvec4(0u, 8u, 16u, 24u) + shift)) & 0xFu);
}
