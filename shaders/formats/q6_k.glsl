// Q6_K: 256 elements = 128 bytes of low nibbles, 64 bytes of 2-bit high parts, 16 signed scale
// bytes, f16 d. Element e = 128 n + 32 r + l (n < 2, r < 4, l < 32): low nibble r / 2 of byte
// 64 n + 32 (r % 2) + l, high part bits 2r..2r+1 of byte 128 + 32 n + l, scale byte
// 192 + 8 n + 2 r + l / 16. value = d * scale * (q - 32).
#define BLOCK_ELEMENTS 256u
#define BLOCK_BYTES 210u
#define STEP 8u

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const uint n = i >> 7, r = (i >> 5) & 3u, l = i & 31u;
    const uint sbyte = load_u8(block + 192u + 8u * n + 2u * r + (l >> 4));
    const float scale = load_f16(block + 208u) * float(int(sbyte << 24) >> 24);
    const uint lo = block + 64u * n + 32u * (r & 1u) + l;
    const uint hi = block + 128u + 32u * n + l;
    const uvec4 shift = uvec4(0u, 8u, 16u, 24u) + 4u * (r >> 1);
    const uvec4 hshift = uvec4(0u, 8u, 16u, 24u) + 2u * r;
    const uvec4 q0 = ((uvec4(load_u32(lo)) >> shift) & 15u) | (((uvec4(load_u32(hi)) >> hshift) & 3u) << 4);
    const uvec4 q1 = ((uvec4(load_u32(lo + 4u)) >> shift) & 15u) | (((uvec4(load_u32(hi + 4u)) >> hshift) & 3u) << 4);
    v[0] = scale * (vec4(q0) - 32.0);
    v[1] = scale * (vec4(q1) - 32.0);
}
