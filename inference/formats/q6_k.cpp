// Q6_K: super-blocks of 256 values in sixteen sub-blocks of 16, each with a signed 8-bit scale
// (times one fp16 d); quants are 6 bits stored as q+32: low 4 bits in ql, high 2 bits in qh.
// Within each 128-value half, ql[l] holds values l (low nibble) and l+64 (high nibble),
// ql[l+32] values l+32 and l+96, and qh[l] the high bits of l, l+32, l+64, l+96 (2 bits each).
// value = d * scale * (q - 32).
#include "block_layouts.h"
#include "format_functions.h"
#include "hearth/weight_format.h"
#include "rounding.h"

#include <algorithm>
#include <cmath>

namespace hearth::formats {

void dequantize_q6_k(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockQ6_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const BlockQ6_K& block = blocks[b];
        const float d = fp16_to_fp32(block.d);
        for (int half = 0; half < 2; ++half, dst += 128) {
            const uint8_t* ql = block.ql + 64 * half;
            const uint8_t* qh = block.qh + 32 * half;
            const int8_t* sc = block.scales + 8 * half;
            for (int l = 0; l < 32; ++l) {
                const int s = l / 16;
                const int q1 = ((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
                const int q2 = ((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
                const int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                const int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                dst[l] = d * float(sc[s]) * float(q1);
                dst[l + 32] = d * float(sc[s + 2]) * float(q2);
                dst[l + 64] = d * float(sc[s + 4]) * float(q3);
                dst[l + 96] = d * float(sc[s + 6]) * float(q4);
            }
        }
    }
}

void quantize_q6_k(const float* src, void* dst, int64_t n)
{
    auto* blocks = static_cast<BlockQ6_K*>(dst);
    for (int64_t b = 0; b < n / kBlockK; ++b, src += kBlockK) {
        BlockQ6_K& block = blocks[b];
        // Sub-block scale: its largest-magnitude value (with sign) maps to level -32.
        float scales[16];
        float max_scale = 0.0f;
        for (int s = 0; s < 16; ++s) {
            float extreme = 0.0f;
            for (int i = 0; i < 16; ++i)
                if (std::fabs(src[16 * s + i]) > std::fabs(extreme))
                    extreme = src[16 * s + i];
            scales[s] = extreme / -32.0f;
            max_scale = std::max(max_scale, std::fabs(scales[s]));
        }
        block.d = fp32_to_fp16(max_scale / 127.0f);
        const float d = fp16_to_fp32(block.d);
        uint8_t q[kBlockK];
        for (int s = 0; s < 16; ++s) {
            block.scales[s] = int8_t(d > 0 ? std::clamp(nearest_int(scales[s] / d), -127, 127) : 0);
            const float step = d * float(block.scales[s]);
            const float inverse = step != 0.0f ? 1.0f / step : 0.0f;
            for (int i = 0; i < 16; ++i)
                q[16 * s + i] = uint8_t(std::clamp(nearest_int(src[16 * s + i] * inverse), -32, 31) + 32);
        }
        for (int half = 0; half < 2; ++half) {
            uint8_t* ql = block.ql + 64 * half;
            uint8_t* qh = block.qh + 32 * half;
            const uint8_t* h = q + 128 * half;
            for (int l = 0; l < 32; ++l) {
                ql[l] = uint8_t((h[l] & 0xF) | ((h[l + 64] & 0xF) << 4));
                ql[l + 32] = uint8_t((h[l + 32] & 0xF) | ((h[l + 96] & 0xF) << 4));
                qh[l] = uint8_t((h[l] >> 4) | ((h[l + 32] >> 4) << 2) | ((h[l + 64] >> 4) << 4) |
                                ((h[l + 96] >> 4) << 6));
            }
        }
    }
}

} // namespace hearth::formats
