// Q5_0: 32 elements = f16 scale d, 32 high bits (bit j belongs to element j), 16 bytes of low
// nibbles laid out as in Q4_0. value = d * (q - 16).
#define BLOCK_ELEMENTS 32u
#define BLOCK_BYTES 22u
#define STEP 8u

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const float d = load_f16(block);
    const uint high = load_u32(block + 2u);
    const uint q = block + 6u + (i & 15u);
    const uint shift = (i & 16u) >> 2;
    const uvec4 lo0 = (uvec4(load_u32(q)) >> (uvec4(0u, 8u, 16u, 24u) + shift)) & 0xFu;
    const uvec4 lo1 = (uvec4(load_u32(q + 4u)) >> (uvec4(0u, 8u, 16u, 24u) + shift)) & 0xFu;
    v[0] = d * (vec4(lo0 | (bits4(high, i) << 4)) - 16.0);
    v[1] = d * (vec4(lo1 | (bits4(high, i + 4u) << 4)) - 16.0);
}
