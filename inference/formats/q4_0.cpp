// Q4_0: blocks of 32 values, one fp16 scale, 4-bit quants q in 0..15; value = (q - 8) * d.
#include "block_layouts.h"
#include "block_scales.h"
#include "format_functions.h"
#include "hearth/weight_format.h"
#include "rounding.h"

#include <algorithm>
#include <cmath>

namespace hearth::formats {

void dequantize_q4_0(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockQ4_0*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, dst += kBlock32) {
        const float d = fp16_to_fp32(blocks[b].d);
        for (int j = 0; j < 16; ++j) {
            dst[j] = float((blocks[b].qs[j] & 0xF) - 8) * d;
            dst[j + 16] = float((blocks[b].qs[j] >> 4) - 8) * d;
        }
    }
}

void quantize_q4_0(const float* src, void* dst, int64_t n)
{
    auto* blocks = static_cast<BlockQ4_0*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b, src += kBlock32) {
        // The largest magnitude maps to -8, the one level without a positive twin.
        const SymmetricScale s = symmetric_scale(src, kBlock32, -8.0f);
        blocks[b].d = s.d_bits;
        for (int j = 0; j < 16; ++j) {
            const int lo = std::clamp(nearest_int(src[j] * s.inverse) + 8, 0, 15);
            const int hi = std::clamp(nearest_int(src[j + 16] * s.inverse) + 8, 0, 15);
            blocks[b].qs[j] = uint8_t(lo | (hi << 4));
        }
    }
}

} // namespace hearth::formats
