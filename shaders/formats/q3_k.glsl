// Q3_K: 256 elements = 32 bytes of high bits, 64 bytes of 2-bit values, 12 bytes holding 16
// 6-bit scales, f16 d. Element e = 128 n + 32 j + l (n < 2, j < 4, l < 32): its low bits are
// bits 2j..2j+1 of byte 32 n + l, its high bit is bit 4 n + j of high-bit byte l; a clear high
// bit means q - 4. Scale k = 8 n + 2 j + l / 16 has its low 4 bits in nibble k / 8 of byte
// k % 8 and its top 2 bits at bit 2 (k / 4) of byte 8 + k % 4; it is stored plus 32.
// value = d * (scale - 32) * (q - (high ? 0 : 4)).
#define BLOCK_ELEMENTS 256u
#define BLOCK_BYTES 110u
#define STEP 8u

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const uint n = i >> 7, j = (i >> 5) & 3u, l = i & 31u;
    const uint k = 8u * n + 2u * j + (l >> 4);
    const uint low = (load_u8(block + 96u + (k & 7u)) >> (4u * (k >> 3))) & 15u;
    const uint top = (load_u8(block + 104u + (k & 3u)) >> (2u * (k >> 2))) & 3u;
    const float scale = load_f16(block + 108u) * (float(low | (top << 4)) - 32.0);
    const uint q = block + 32u + 32u * n + l;
    const uvec4 shift = uvec4(0u, 8u, 16u, 24u) + 2u * j;
    const uvec4 hshift = uvec4(0u, 8u, 16u, 24u) + 4u * n + j;
    const uvec4 q0 = (uvec4(load_u32(q)) >> shift) & 3u;
    const uvec4 q1 = (uvec4(load_u32(q + 4u)) >> shift) & 3u;
    const uvec4 h0 = (uvec4(load_u32(block + l)) >> hshift) & 1u;
    const uvec4 h1 = (uvec4(load_u32(block + l + 4u)) >> hshift) & 1u;
    v[0] = scale * (vec4(q0) - 4.0 * vec4(1u - h0));
    v[1] = scale * (vec4(q1) - 4.0 * vec4(1u - h1));
}
