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

// A whole block per run: the 22 bytes from the 6 words they touch (blocks are only 2-aligned),
// read from the word holding d so that no word past the block's last byte is touched.
#define RUN 32u

void decode_run(uint block, uint run, out vec4 v[RUN / 4u])
{
    const uint w = ((block + 4u) >> 2) - 1u; // the word holding d
    const uint shift = 16u + ((block & 2u) << 3); // bit where the high bits start in that word
    uint a[6];
    for (uint i = 0; i < 6u; ++i)
        a[i] = weight_word(w + i);
    const float d = unpackHalf2x16(a[0] >> (shift - 16u)).x;
    const uint high = funnel(a[0], a[1], shift);
    for (uint j = 0; j < 4u; ++j) {
        const uint q = funnel(a[j + 1u], a[j + 2u], shift);
        v[j] = d * (vec4(nibbles_lo(q) | (bits4(high, 4u * j) << 4)) - 16.0);
        v[j + 4u] = d * (vec4(nibbles_hi(q) | (bits4(high, 16u + 4u * j) << 4)) - 16.0);
    }
}

uint run_element(uint run, uint j) { return 4u * j; }
