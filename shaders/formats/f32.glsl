// F32: plain floats. A "block" of 4 lets the row loops share one shape with the quantized
// formats; rows must hold a multiple of 4 elements, so every block is 16-byte aligned.
#define BLOCK_ELEMENTS 4u
#define BLOCK_BYTES 16u
#define STEP 4u

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const uint w = block >> 2;
    v[0] = uintBitsToFloat(uvec4(weight_word(w), weight_word(w + 1u), weight_word(w + 2u), weight_word(w + 3u)));
}

// matvec reads 16 values per run; the rest of a row (a multiple of 4) goes through decode().
#define RUN 16u

void decode_run(uint block, uint run, out vec4 v[RUN / 4u])
{
    const uint w = block >> 2;
    for (uint j = 0; j < 4u; ++j)
        v[j] = uintBitsToFloat(uvec4(weight_word(w + 4u * j), weight_word(w + 4u * j + 1u), weight_word(w + 4u * j + 2u), weight_word(w + 4u * j + 3u)));
}

uint run_element(uint run, uint j) { return 4u * j; }
