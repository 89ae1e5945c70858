// Q5_1: 32 elements = f16 scale d, f16 minimum m, 32 high bits, 16 bytes of low nibbles laid
// out as in Q4_0. value = d * q + m.
#define BLOCK_ELEMENTS 32u
#define BLOCK_BYTES 24u
#define STEP 8u // every field below is read at a 4-aligned offset (block of 4k bytes)

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const vec2 dm = unpackHalf2x16(load_u32_aligned(block));
    const uint high = load_u32_aligned(block + 4u);
    const uint q = block + 8u + (i & 15u);
    const uint shift = (i & 16u) >> 2;
    const uvec4 lo0 = (uvec4(load_u32_aligned(q)) >> (uvec4(0u, 8u, 16u, 24u) + shift)) & 0xFu;
    const uvec4 lo1 = (uvec4(load_u32_aligned(q + 4u)) >> (uvec4(0u, 8u, 16u, 24u) + shift)) & 0xFu;
    v[0] = dm.x * vec4(lo0 | (bits4(high, i) << 4)) + dm.y;
    v[1] = dm.x * vec4(lo1 | (bits4(high, i + 4u) << 4)) + dm.y;
}

// A whole block per run: its 6 words, each read once.
#define RUN 32u

void decode_run(uint block, uint run, out vec4 v[RUN / 4u])
{
    const uint w = block >> 2;
    const vec2 dm = unpackHalf2x16(weight_word(w));
    const uint high = weight_word(w + 1u);
    for (uint j = 0; j < 4u; ++j) {
        const uint q = weight_word(w + 2u + j);
        v[j] = dm.x * vec4(nibbles_lo(q) | (bits4(high, 4u * j) << 4)) + dm.y;
        v[j + 4u] = dm.x * vec4(nibbles_hi(q) | (bits4(high, 16u + 4u * j) << 4)) + dm.y;
    }
}

uint run_element(uint run, uint j) { return 4u * j; }
