#pragma once
// Scales of the simple block quantizers. Symmetric: the value of largest magnitude (with its sign) maps to
// the most negative level, so the full range of levels is used (Q4_0, Q5_0, IQ4_NL).
#include "hearth/weight_format.h"

#include <cmath>

namespace hearth::formats {

struct SymmetricScale {
    uint16_t d_bits; // the fp16 scale as stored
    float inverse;   // 1 / stored scale, 0 for an all-zero block
};

inline SymmetricScale symmetric_scale(const float* x, int count, float most_negative_level)
{
    float extreme = 0.0f;
    for (int i = 0; i < count; ++i)
        if (std::fabs(x[i]) > std::fabs(extreme))
            extreme = x[i];
    const uint16_t bits = fp32_to_fp16(extreme / most_negative_level);
    const float d = fp16_to_fp32(bits);
    return {bits, d != 0.0f ? 1.0f / d : 0.0f};
}

// Asymmetric (scale and minimum) for Q4_1/Q5_1: value = q * d + m with q in 0..levels.
struct AffineScale {
    uint16_t d_bits, m_bits;
    float m, inverse;
};

inline AffineScale affine_scale(const float* x, int count, int levels)
{
    float lo = x[0], hi = x[0];
    for (int i = 1; i < count; ++i) {
        lo = std::min(lo, x[i]);
        hi = std::max(hi, x[i]);
    }
    const uint16_t d_bits = fp32_to_fp16((hi - lo) / float(levels));
    const uint16_t m_bits = fp32_to_fp16(lo);
    const float d = fp16_to_fp32(d_bits);
    return {d_bits, m_bits, fp16_to_fp32(m_bits), d != 0.0f ? 1.0f / d : 0.0f};
}

} // namespace hearth::formats
