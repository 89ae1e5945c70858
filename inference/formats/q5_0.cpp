// Q5_0: blocks of 32 values, fp16 scale, 5-bit quants q in 0..31 (low 4 bits in nibbles, the
// fifth bit of value j in bit j of qh); value = (q - 16) * d.
#include "block_layouts.h"
#include "block_scales.h"
#include "format_functions.h"
#include "hearth/weight_format.h"
#include "rounding.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace hearth::formats {

void dequantize_q5_0(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockQ5_0*>(src);
    for (int64_t b = 0; b < n / kBlock32; ++b, dst += kBlock32) {
        const float d = fp16_to_fp32(blocks[b].d);
        uint32_t qh;
        std::memcpy(&qh, blocks[b].qh, 4);
        for (int j = 0; j < 16; ++j) {
            const int lo = (blocks[b].qs[j] & 0xF) | (((qh >> j) & 1) << 4);
            const int hi = (blocks[b].qs[j] >> 4) | (((qh >> (j + 16)) & 1) << 4);
            dst[j] = float(lo - 16) * d;
            dst[j + 16] = float(hi - 16) * d;
        }
    }
}

void quantize_q5_0(const float* src, void* dst, int64_t n)
{
    auto* blocks = static_cast<BlockQ5_0*>(dst);
    for (int64_t b = 0; b < n / kBlock32; ++b, src += kBlock32) {
        const SymmetricScale s = symmetric_scale(src, kBlock32, -16.0f);
        blocks[b].d = s.d_bits;
        uint32_t qh = 0;
        for (int j = 0; j < 16; ++j) {
            const int lo = std::clamp(nearest_int(src[j] * s.inverse) + 16, 0, 31);
            const int hi = std::clamp(nearest_int(src[j + 16] * s.inverse) + 16, 0, 31);
            blocks[b].qs[j] = uint8_t((lo & 0xF) | ((hi & 0xF) << 4));
            qh |= uint32_t(lo >> 4) << j;
            qh |= uint32_t(hi >> 4) << (j + 16);
        }
        std::memcpy(blocks[b].qh, &qh, 4);
    }
}

} // namespace hearth::formats
