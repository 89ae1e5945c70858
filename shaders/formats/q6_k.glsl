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

// Run t (n = t / 2, h = t % 2): l in [16 h, 16 h + 16) for all four r of half n, so the 16
// low-nibble bytes of each r parity, the 16 high-part bytes and the scale bytes are read once.
// Blocks are only 2-aligned: each 16-byte field is 5 word loads (load_bytes16), whose last word
// still lies inside the block.
#define RUN 64u

// The 16 bytes at the 2-aligned `byte` as 4 words, from the 5 words they touch.
uvec4 load_bytes16(uint byte)
{
    const uint w = byte >> 2, shift = (byte & 2u) << 3;
    const uint a0 = weight_word(w), a1 = weight_word(w + 1u), a2 = weight_word(w + 2u), a3 = weight_word(w + 3u), a4 = weight_word(w + 4u);
    return uvec4(funnel(a0, a1, shift), funnel(a1, a2, shift), funnel(a2, a3, shift), funnel(a3, a4, shift));
}

void decode_run(uint block, uint t, out vec4 v[RUN / 4u])
{
    const uint n = t >> 1, h = t & 1u;
    const uvec4 low[2] = uvec4[2](load_bytes16(block + 64u * n + 16u * h), load_bytes16(block + 64u * n + 32u + 16u * h));
    const uvec4 high = load_bytes16(block + 128u + 32u * n + 16u * h);
    const uint sw = (block + 192u + 8u * n) >> 2, sshift = ((block + 192u + 8u * n) & 2u) << 3;
    const uint s0 = weight_word(sw), s1 = weight_word(sw + 1u), s2 = weight_word(sw + 2u);
    const uint scale_words[2] = uint[2](funnel(s0, s1, sshift), funnel(s1, s2, sshift));
    const float d = load_f16(block + 208u);
    const uvec4 bytes = uvec4(0u, 8u, 16u, 24u);
    for (uint r = 0; r < 4u; ++r) {
        const float scale = d * float(int(scale_words[r >> 1] << (24u - 8u * (2u * (r & 1u) + h))) >> 24);
        for (uint i = 0; i < 4u; ++i) {
            const uvec4 q = ((uvec4(low[r & 1u][i]) >> (bytes + 4u * (r >> 1))) & 15u) |
                            (((uvec4(high[i]) >> (bytes + 2u * r)) & 3u) << 4);
            v[4u * r + i] = scale * (vec4(q) - 32.0);
        }
    }
}

uint run_element(uint t, uint j) { return 128u * (t >> 1) + 32u * (j >> 2) + 16u * (t & 1u) + 4u * (j & 3u); }
