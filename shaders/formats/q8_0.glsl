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
