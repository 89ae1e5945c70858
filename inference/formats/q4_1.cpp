// Q4_1: blocks of 32 values, fp16 scale d and minimum m, 4-bit quants; value = q * d + m.
#include "block_layouts.h"
#include "block_scales.h"
#include "format_functions.h"
#include "hearth/weight_format.h"
#include "rounding.h"

#include <algorithm>
#include <cmath>

namespace hearth::formats {

void dequantize_q4_1(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockQ4_1*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, dst += kBlock32) {
        const float d = fp16_to_fp32(blocks[b].d);
        const float m = fp16_to_fp32(blocks[b].m);
        for (int j = 0; j < 16; ++j) {
            dst[j] = float(blocks[b].qs[j] & 0xF) * d + m;
            dst[j + 16] = float(blocks[b].qs[j] >> 4) * d + m;
        }
    }
}

void quantize_q4_1(const float* src, void* dst, int64_t n)
{
    auto* blocks = static_cast<BlockQ4_1*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b, src += kBlock32) {
        const AffineScale s = affine_scale(src, kBlock32, 15);
        blocks[b].d = s.d_bits;
        blocks[b].m = s.m_bits;
        for (int j = 0; j < 16; ++j) {
            const int lo = std::clamp(nearest_int((src[j] - s.m) * s.inverse), 0, 15);
            const int hi = std::clamp(nearest_int((src[j + 16] - s.m) * s.inverse), 0, 15);
            blocks[b].qs[j] = uint8_t(lo | (hi << 4));
        }
    }
}

} // namespace hearth::formats
