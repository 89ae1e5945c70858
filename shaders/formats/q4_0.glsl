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

// A whole block per run: the 18 bytes from the 5 words they touch (blocks are only 2-aligned),
// read from the word holding d so that no word past the block's last byte is touched.
#define RUN 32u

void decode_run(uint block, uint run, out vec4 v[RUN / 4u])
{
    const uint w = ((block + 4u) >> 2) - 1u; // the word holding d
    const uint shift = 16u + ((block & 2u) << 3); // bit where the quants start in that word
    uint a[5];
    for (uint i = 0; i < 5u; ++i)
        a[i] = weight_word(w + i);
    const float d = unpackHalf2x16(a[0] >> (shift - 16u)).x;
    for (uint j = 0; j < 4u; ++j) {
        const uint q = funnel(a[j], a[j + 1u], shift);
        v[j] = d * (vec4(nibbles_lo(q)) - 8.0);
        v[j + 4u] = d * (vec4(nibbles_hi(q)) - 8.0);
    }
}

uint run_element(uint run, uint j) { return 4u * j; }
