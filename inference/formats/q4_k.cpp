// Q4_K: super-blocks of 256 values in eight sub-blocks of 32. Each sub-block has a 6-bit scale and
// a 6-bit min (times the fp16 d and dmin); quants are 4 bits. Byte l of each 32-byte group holds
// value l of a 64-value chunk in its low nibble and value l+32 in its high nibble.
// value = d * scale * q - dmin * min.
#include "block_layouts.h"
#include "format_functions.h"
#include "hearth/weight_format.h"
#include "k_quant_fit.h"

namespace hearth::formats {

void dequantize_q4_k(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockQ4_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const BlockQ4_K& block = blocks[b];
        const float d = fp16_to_fp32(block.d);
        const float dmin = fp16_to_fp32(block.dmin);
        const uint8_t* q = block.qs;
        for (int chunk = 0; chunk < 4; ++chunk, q += 32) {
            const KChunkScales s = k_chunk_scales(block.scales, chunk, d, dmin);
            for (int l = 0; l < 32; ++l)
                *dst++ = s.d1 * float(q[l] & 0xF) - s.m1;
            for (int l = 0; l < 32; ++l)
                *dst++ = s.d2 * float(q[l] >> 4) - s.m2;
        }
    }
}

void quantize_q4_k(const float* src, void* dst, int64_t n)
{
    auto* blocks = static_cast<BlockQ4_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b, src += kBlockK) {
        BlockQ4_K& block = blocks[b];
        uint8_t q[kBlockK];
        quantize_k_affine(src, 15, block.d, block.dmin, block.scales, q);
        for (int chunk = 0; chunk < 4; ++chunk)
            for (int l = 0; l < 32; ++l)
                block.qs[32 * chunk + l] = uint8_t(q[64 * chunk + l] | (q[64 * chunk + 32 + l] << 4));
    }
}

} // namespace hearth::formats
