// IQ4_NL: blocks of 32 values, fp16 scale, 4-bit indices into a fixed table of 16 non-linear
// levels (denser near zero, where weights cluster); value = d * level[index].
#include "block_layouts.h"
#include "block_scales.h"
#include "format_functions.h"
#include "hearth/weight_format.h"

#include <cmath>

namespace hearth::formats {

void dequantize_iq4_nl(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockIQ4_NL*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, dst += kBlock32) {
        const float d = fp16_to_fp32(blocks[b].d);
        for (int j = 0; j < 16; ++j) {
            dst[j] = d * float(kIq4Levels[blocks[b].qs[j] & 0xF]);
            dst[j + 16] = d * float(kIq4Levels[blocks[b].qs[j] >> 4]);
        }
    }
}

namespace {
int nearest_level(float x)
{
    int best = 0;
    for (int i = 1; i < 16; ++i)
        if (std::fabs(x - float(kIq4Levels[i])) < std::fabs(x - float(kIq4Levels[best])))
            best = i;
    return best;
}
} // namespace

void quantize_iq4_nl(const float* src, void* dst, int64_t n)
{
    auto* blocks = static_cast<BlockIQ4_NL*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b, src += kBlock32) {
        const SymmetricScale s = symmetric_scale(src, kBlock32, float(kIq4Levels[0]));
        blocks[b].d = s.d_bits;
        for (int j = 0; j < 16; ++j)
            blocks[b].qs[j] =
                uint8_t(nearest_level(src[j] * s.inverse) | (nearest_level(src[j + 16] * s.inverse) << 4));
    }
}

} // namespace hearth::formats
