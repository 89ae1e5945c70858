// F16: IEEE half floats, 4 per block (8 bytes, so every block is 4-byte aligned).
#define BLOCK_ELEMENTS 4u
#define BLOCK_BYTES 8u
#define STEP 4u

void decode(uint block, uint i, out vec4 v[STEP / 4u])
{
    const uint w = block >> 2;
    v[0] = vec4(unpackHalf2x16(weights[w]), unpackHalf2x16(weights[w + 1u]));
}
