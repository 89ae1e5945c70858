// Q5_K: like Q4_K (eight sub-blocks of 32 with 6-bit scales and mins) but 5-bit quants: the low
// 4 bits as in Q4_K, the fifth bit of value l of chunk c in bit 2c (low half) or 2c+1 (high half)
// of qh[l]. value = d * scale * q - dmin * min.
#include "block_layouts.h"
#include "format_functions.h"
#include "hearth/weight_format.h"
#include "k_quant_fit.h"

namespace hearth::formats {

void dequantize_q5_k(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockQ5_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const BlockQ5_K& block = blocks[b];
        const float d = fp16_to_fp32(block.d);
        const float dmin = fp16_to_fp32(block.dmin);
        const uint8_t* ql = block.qs;
        for (int chunk = 0; chunk < 4; ++chunk, ql += 32) {
            const KChunkScales s = k_chunk_scales(block.scales, chunk, d, dmin);
            const uint8_t low_bit = uint8_t(1 << (2 * chunk)), high_bit = uint8_t(2 << (2 * chunk));
            for (int l = 0; l < 32; ++l)
                *dst++ = s.d1 * float((ql[l] & 0xF) + ((block.qh[l] & low_bit) ? 16 : 0)) - s.m1;
            for (int l = 0; l < 32; ++l)
                *dst++ = s.d2 * float((ql[l] >> 4) + ((block.qh[l] & high_bit) ? 16 : 0)) - s.m2;
        }
    }
}

void quantize_q5_k(const float* src, void* dst, int64_t n)
{
    auto* blocks = static_cast<BlockQ5_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b, src += kBlockK) {
        BlockQ5_K& block = blocks[b];
        uint8_t q[kBlockK];
        quantize_k_affine(src, 31, block.d, block.dmin, block.scales, q);
        for (int l = 0; l < 32; ++l)
            block.qh[l] = 0;
        for (int chunk = 0; chunk < 4; ++chunk) {
            for (int l = 0; l < 32; ++l) {
                const uint8_t lo = q[64 * chunk + l], hi = q[64 * chunk + 32 + l];
                block.qs[32 * chunk + l] = uint8_t((lo & 0xF) | ((hi & 0xF) << 4));
                block.qh[l] |= uint8_t(((lo >> 4) << (2 * chunk)) | ((hi >> 4) << (2 * chunk + 1)));
            }
        }
    }
}

} // namespace hearth::formats
