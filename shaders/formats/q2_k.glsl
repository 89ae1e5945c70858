// Q2_K: 256 elements = 16 scale bytes, 64 bytes of 2-bit values, f16 d, f16 dmin.
// Element e = 128 n + 32 j + l (n < 2, j < 4, l < 32) is bits 2j..2j+1 of byte 32 n + l;
// its 16-element group g = 8 n + 2 j + l / 16 has scale byte s[g]:
// value = d * (s[g] & 15) * q - dmin * (s[g] >> 4).
#define BLOCK_ELEMENTS 256u
#define BLOCK_BYTES 84u
#define STEP 8u // every field below is read at a 4-aligned offset (block of 4k bytes)

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const uint n = i >> 7, j = (i >> 5) & 3u, l = i & 31u;
    const vec2 dm = unpackHalf2x16(load_u32_aligned(block + 80u));
    const uint s = load_u8(block + 8u * n + 2u * j + (l >> 4));
    const float scale = dm.x * float(s & 15u), minimum = dm.y * float(s >> 4);
    const uint q = block + 16u + 32u * n + l;
    const uvec4 shift = uvec4(0u, 8u, 16u, 24u) + 2u * j;
    v[0] = scale * vec4((uvec4(load_u32_aligned(q)) >> shift) & 3u) - minimum;
    v[1] = scale * vec4((uvec4(load_u32_aligned(q + 4u)) >> shift) & 3u) - minimum;
}
