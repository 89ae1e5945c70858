// F16: IEEE half floats, 4 per block (8 bytes, so every block is 4-byte aligned).
#define BLOCK_ELEMENTS 4u
#define BLOCK_BYTES 8u
#define STEP 4u

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const uint w = block >> 2;
    v[0] = vec4(unpackHalf2x16(weight_word(w)), unpackHalf2x16(weight_word(w + 1u)));
}

// matvec reads 16 values per run; the rest of a row (a multiple of 4) goes through decode().
#define RUN 16u

void decode_run(uint block, uint run, out vec4 v[RUN / 4u])
{
    const uint w = block >> 2;
    for (uint j = 0; j < 4u; ++j)
        v[j] = vec4(unpackHalf2x16(weight_word(w + 2u * j)), unpackHalf2x16(weight_word(w + 2u * j + 1u)));
}

uint run_element(uint run, uint j) { return 4u * j; }
