// Q4_0: 32 elements = f16 scale d, then 16 bytes; element j < 16 is the low nibble of byte j,
// element j + 16 its high nibble. value = d * (q - 8).
#define BLOCK_ELEMENTS 32u
#define BLOCK_BYTES 18u
#define STEP 8u

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const float d = load_f16(block);
    const uint q = block + 2u + (i & 15u);
    const uint shift = (i & 16u) >> 2;
    v[0] = d * (vec4((uvec4(load_u32(q)) >> (uvec4(0u, 8u, 16u, 24u) + shift)) & 0xFu) - 8.0);
    v[1] = d * (vec4((uvec4(load_u32(q + 4u)) >> (uvec4(0u, 8u, 16u, 24u) + shift)) & 0xFu) - 8.0);
}
