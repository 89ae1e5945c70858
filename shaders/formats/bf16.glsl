// BF16: the top 16 bits of an f32, 4 per block (8 bytes, so every block is 4-byte aligned).
#define BLOCK_ELEMENTS 4u
#define BLOCK_BYTES 8u
#define STEP 4u

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const uint w = block >> 2;
    const uvec4 h = uvec4(weight_word(w), weight_word(w), weight_word(w + 1u), weight_word(w + 1u));
    v[0] = uintBitsToFloat((h << uvec4(16u, 0u, 16u, 0u)) & 0xFFFF0000u);
}
