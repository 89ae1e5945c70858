// Q5_1: blocks of 32 values, fp16 scale d and minimum m, 5-bit quants (fifth bits in qh as in
// Q5_0); value = q * d + m.
#include "block_layouts.h"
#include "block_scales.h"
#include "format_functions.h"
#include "hearth/weight_format.h"
#include "rounding.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace hearth::formats {

void dequantize_q5_1(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockQ5_1*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, dst += kBlock32) {
        const float d = fp16_to_fp32(blocks[b].d);
        const float m = fp16_to_fp32(blocks[b].m);
        uint32_t qh;
        std::memcpy(&qh, blocks[b].qh, 4);
        for (int j = 0; j < 16; ++j) {
            const int lo = (blocks[b].qs[j] & 0xF) | (((qh >> j) & 1) << 4);
            const int hi = (blocks[b].qs[j] >> 4) | (((qh >> (j + 16)) & 1) << 4);
            dst[j] = float(lo) * d + m;
            dst[j + 16] = float(hi) * d + m;
        }
    }
}

void quantize_q5_1(const float* src, void* dst, int64_t n)
{
    auto* blocks = static_cast<BlockQ5_1*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b, src += kBlock32) {
        const AffineScale s = affine_scale(src, kBlock32, 31);
        blocks[b].d = s.d_bits;
        blocks[b].m = s.m_bits;
        uint32_t qh = 0;
        for (int j = 0; j < 16; ++j) {
            const int lo = std::clamp(nearest_int((src[j] - s.m) * s.inverse), 0, 31);
            const int hi = std::clamp(nearest_int((src[j + 16] - s.m) * s.inverse), 0, 31);
            blocks[b].qs[j] = uint8_t((lo & 0xF) | ((hi & 0xF) << 4));
            qh |= uint32_t(lo >> 4) << j;
            qh |= uint32_t(hi >> 4) << (j + 16);
        }
        std::memcpy(blocks[b].qh, &qh, 4);
    }
}

} // namespace hearth::formats
