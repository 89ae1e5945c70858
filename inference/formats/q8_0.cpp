// Q8_0: blocks of 32 values, fp16 scale, signed 8-bit quants; value = q * d.
#include "block_layouts.h"
#include "format_functions.h"
#include "hearth/weight_format.h"
#include "rounding.h"

#include <algorithm>
#include <cmath>

namespace hearth::formats {

void dequantize_q8_0(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockQ8_0*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, dst += kBlock32) {
        const float d = fp16_to_fp32(blocks[b].d);
        for (int j = 0; j < kBlock32; ++j)
            dst[j] = float(blocks[b].qs[j]) * d;
    }
}

void quantize_q8_0(const float* src, void* dst, int64_t n)
{
    auto* blocks = static_cast<BlockQ8_0*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b, src += kBlock32) {
        float amax = 0.0f;
        for (int j = 0; j < kBlock32; ++j)
            amax = std::max(amax, std::fabs(src[j]));
        blocks[b].d = fp32_to_fp16(amax / 127.0f);
        const float d = fp16_to_fp32(blocks[b].d);
        const float inverse = d != 0.0f ? 1.0f / d : 0.0f;
        for (int j = 0; j < kBlock32; ++j)
            blocks[b].qs[j] = int8_t(std::clamp(nearest_int(src[j] * inverse), -127, 127));
    }
}

} // namespace hearth::formats
