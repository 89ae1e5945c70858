// Q8_0: 32 elements = f16 scale d, then 32 signed bytes. value = d * q.
#define BLOCK_ELEMENTS 32u
#define BLOCK_BYTES 34u
#define STEP 8u

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const float d = load_f16(block);
    const uint q = block + 2u + i;
    v[0] = d * bytes_s(load_u32(q));
    v[1] = d * bytes_s(load_u32(q + 4u));
}

// A whole block per run: the 34 bytes from the 9 words they touch (blocks are only 2-aligned),
// read from the word holding d so that no word past the block's last byte is touched.
#define RUN 32u

void decode_run(uint block, uint run, out vec4 v[RUN / 4u])
{
    const uint w = ((block + 4u) >> 2) - 1u; // the word holding d
    const uint shift = 16u + ((block & 2u) << 3); // bit where the quants start in that word
    uint a[9];
    for (uint i = 0; i < 9u; ++i)
        a[i] = weight_word(w + i);
    const float d = unpackHalf2x16(a[0] >> (shift - 16u)).x;
    for (uint j = 0; j < 8u; ++j)
        v[j] = d * bytes_s(funnel(a[j], a[j + 1u], shift));
}

uint run_element(uint run, uint j) { return 4u * j; }
