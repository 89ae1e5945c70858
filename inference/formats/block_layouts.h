#pragma once
// The byte layouts of the block-quantized formats, as the GGUF ecosystem (ggml) defines them.
// All multi-byte fields are little-endian; half-precision scales are IEEE fp16 bit patterns.
// Sizes are asserted so a layout can never drift from the on-disk format.
#include <cstdint>

namespace hearth::formats {

constexpr int kBlock32 = 32; // values per block of the classic formats
constexpr int kBlockK = 256; // values per super-block of the K-quants and IQ4_XS
constexpr int kKScaleBytes = 12;

struct BlockQ4_0 {
    uint16_t d;     // scale
    uint8_t qs[16]; // value j in the low nibble of qs[j], value j+16 in the high nibble
};
struct BlockQ4_1 {
    uint16_t d, m; // value = q * d + m
    uint8_t qs[16];
};
struct BlockQ5_0 {
    uint16_t d;
    uint8_t qh[4]; // fifth bit of value j is bit j of this little-endian uint32
    uint8_t qs[16];
};
struct BlockQ5_1 {
    uint16_t d, m;
    uint8_t qh[4];
    uint8_t qs[16];
};
struct BlockQ8_0 {
    uint16_t d;
    int8_t qs[32];
};
struct BlockQ2_K {
    uint8_t scales[16]; // per 16 values: low nibble scale, high nibble min
    uint8_t qs[64];     // 2-bit quants
    uint16_t d, dmin;
};
struct BlockQ3_K {
    uint8_t hmask[32];  // high bit of each 3-bit quant
    uint8_t qs[64];     // low 2 bits
    uint8_t scales[12]; // sixteen 6-bit scales
    uint16_t d;
};
struct BlockQ4_K {
    uint16_t d, dmin;
    uint8_t scales[kKScaleBytes]; // eight 6-bit scales and eight 6-bit mins
    uint8_t qs[128];
};
struct BlockQ5_K {
    uint16_t d, dmin;
    uint8_t scales[kKScaleBytes];
    uint8_t qh[32];
    uint8_t qs[128];
};
struct BlockQ6_K {
    uint8_t ql[128]; // low 4 bits
    uint8_t qh[64];  // high 2 bits
    int8_t scales[16];
    uint16_t d;
};
struct BlockIQ4_NL {
    uint16_t d;
    uint8_t qs[16]; // indices into the non-linear table
};
struct BlockIQ4_XS {
    uint16_t d;
    uint16_t scales_h;   // high 2 bits of the eight 6-bit sub-block scales
    uint8_t scales_l[4]; // low 4 bits
    uint8_t qs[128];
};

static_assert(sizeof(BlockQ4_0) == 18);
static_assert(sizeof(BlockQ4_1) == 20);
static_assert(sizeof(BlockQ5_0) == 22);
static_assert(sizeof(BlockQ5_1) == 24);
static_assert(sizeof(BlockQ8_0) == 34);
static_assert(sizeof(BlockQ2_K) == 84);
static_assert(sizeof(BlockQ3_K) == 110);
static_assert(sizeof(BlockQ4_K) == 144);
static_assert(sizeof(BlockQ5_K) == 176);
static_assert(sizeof(BlockQ6_K) == 210);
static_assert(sizeof(BlockIQ4_NL) == 18);
static_assert(sizeof(BlockIQ4_XS) == 136);

// The 16 non-linear levels of IQ4_NL and IQ4_XS.
constexpr int8_t kIq4Levels[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

// Scale j and min j (0..7) of a Q4_K/Q5_K block: 6 bits each, packed into 12 bytes.
inline void k_scale_min(int j, const uint8_t* q, uint8_t& scale, uint8_t& min)
{
    if (j < 4) {
        scale = q[j] & 63;
        min = q[j + 4] & 63;
    } else {
        scale = (q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4);
        min = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
    }
}

// The scales and mins of the two 32-value sub-blocks of 64-value chunk c (0..3) of a Q4_K/Q5_K
// block, multiplied out: value = d1 * q - m1 in the first half, d2 * q - m2 in the second.
struct KChunkScales {
    float d1, m1, d2, m2;
};

inline KChunkScales k_chunk_scales(const uint8_t* packed, int chunk, float d, float dmin)
{
    uint8_t scale, min;
    k_scale_min(2 * chunk, packed, scale, min);
    const float d1 = d * float(scale), m1 = dmin * float(min);
    k_scale_min(2 * chunk + 1, packed, scale, min);
    return {d1, m1, d * float(scale), dmin * float(min)};
}

// The inverse of k_scale_min: packs eight scales and eight mins (each < 64) into 12 bytes.
inline void k_pack_scale_min(const uint8_t* scales, const uint8_t* mins, uint8_t* q)
{
    for (int j = 0; j < 8; ++j) {
        if (j < 4) {
            q[j] = scales[j];
            q[j + 4] = mins[j];
        } else {
            q[j + 4] = (scales[j] & 0xF) | ((mins[j] & 0xF) << 4);
            q[j - 4] |= (scales[j] >> 4) << 6;
            q[j] |= (mins[j] >> 4) << 6;
        }
    }
}

} // namespace hearth::formats
