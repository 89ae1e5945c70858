// Q4_1: 32 elements = f16 scale d, f16 minimum m, 16 bytes of nibbles laid out as in Q4_0.
// value = d * q + m.
#define BLOCK_ELEMENTS 32u
#define BLOCK_BYTES 20u
#define STEP 8u // every field below is read at a 4-aligned offset (block of 4k bytes)

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const vec2 dm = unpackHalf2x16(load_u32_aligned(block));
    const uint q = block + 4u + (i & 15u);
    const uint shift = (i & 16u) >> 2;
    v[0] = dm.x * vec4((uvec4(load_u32_aligned(q)) >> (uvec4(0u, 8u, 16u, 24u) + shift)) & 0xFu) + dm.y;
    v[1] = dm.x * vec4((uvec4(load_u32_aligned(q + 4u)) >> (uvec4(0u, 8u, 16u, 24u) + shift)) & 0xFu) + dm.y;
}

// A whole block per run: its 5 words, each read once.
#define RUN 32u

void decode_run(uint block, uint run, out vec4 v[RUN / 4u])
{
    const uint w = block >> 2;
    const vec2 dm = unpackHalf2x16(weight_word(w));
    for (uint j = 0; j < 4u; ++j) {
        const uint q = weight_word(w + 1u + j);
        v[j] = dm.x * vec4(nibbles_lo(q)) + dm.y;
        v[j + 4u] = dm.x * vec4(nibbles_hi(q)) + dm.y;
    }
}

uint run_element(uint run, uint j) { return 4u * j; }
