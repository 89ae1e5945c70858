// Sub-block fitting for the K-quant quantizers: start from the min/max range, then alternate
// "round to levels" and "solve for the best scale and min given those levels" (ordinary least
// squares on two unknowns). A few rounds recover most of the error a range fit leaves.
#include "k_quant_fit.h"

#include "block_layouts.h"
#include "hearth/weight_format.h"
#include "rounding.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace hearth::formats {

int round_to_level(float value, int max)
{
    return std::clamp(nearest_int(value), 0, max);
}

void quantize_affine(const float* x, int count, float scale, float min, int levels, uint8_t* q)
{
    const float inverse = scale > 0.0f ? 1.0f / scale : 0.0f;
    for (int i = 0; i < count; ++i)
        q[i] = uint8_t(round_to_level((x[i] + min) * inverse, levels));
}

namespace {
float squared_error(const float* x, int count, float scale, float min, const uint8_t* q)
{
    float error = 0.0f;
    for (int i = 0; i < count; ++i) {
        const float e = scale * float(q[i]) - min - x[i];
        error += e * e;
    }
    return error;
}
} // namespace

AffineFit fit_affine(const float* x, int count, int levels)
{
    float lo = 0.0f, hi = x[0]; // min is >= 0, so the offset -min can only be <= 0
    for (int i = 0; i < count; ++i) {
        lo = std::min(lo, x[i]);
        hi = std::max(hi, x[i]);
    }
    AffineFit best{(hi - lo) / float(levels), -lo};
    if (best.scale <= 0.0f)
        return {0.0f, -lo};
    uint8_t q[256];
    quantize_affine(x, count, best.scale, best.min, levels, q);
    float best_error = squared_error(x, count, best.scale, best.min, q);
    for (int round = 0; round < 2; ++round) {
        // Sums of up to 256 small integers are exact in float; the solve is done in double.
        float sq_f = 0, sqq_f = 0, sx_f = 0, sxq_f = 0;
        for (int i = 0; i < count; ++i) {
            const float qi = float(q[i]);
            sq_f += qi;
            sqq_f += qi * qi;
            sx_f += x[i];
            sxq_f += x[i] * qi;
        }
        const double sq = sq_f, sqq = sqq_f, sx = sx_f, sxq = sxq_f;
        const double det = count * sqq - sq * sq;
        if (det <= 0)
            break;
        double scale = (count * sxq - sq * sx) / det;
        double offset = (sx - scale * sq) / count;
        if (offset > 0) { // not representable: pin the offset at zero, refit the scale alone
            offset = 0;
            scale = sqq > 0 ? sxq / sqq : 0;
        }
        if (scale <= 0)
            break;
        const AffineFit candidate{float(scale), float(-offset)};
        uint8_t q2[256];
        quantize_affine(x, count, candidate.scale, candidate.min, levels, q2);
        const float error = squared_error(x, count, candidate.scale, candidate.min, q2);
        if (error >= best_error)
            break;
        best = candidate;
        best_error = error;
        std::copy(q2, q2 + count, q);
    }
    return best;
}

// Q4_K and Q5_K: fit eight sub-blocks, quantize their scales and mins to 6 bits under
// one fp16 d and dmin, then quantize the values with the scales as stored.
void quantize_k_affine(const float* x, int levels, uint16_t& d_bits, uint16_t& dmin_bits, uint8_t* packed,
                       uint8_t* q)
{
    AffineFit fits[8];
    float max_scale = 0.0f, max_min = 0.0f;
    for (int j = 0; j < 8; ++j) {
        fits[j] = fit_affine(x + 32 * j, 32, levels);
        max_scale = std::max(max_scale, fits[j].scale);
        max_min = std::max(max_min, fits[j].min);
    }
    d_bits = fp32_to_fp16(max_scale / 63.0f);
    dmin_bits = fp32_to_fp16(max_min / 63.0f);
    const float d = fp16_to_fp32(d_bits), dmin = fp16_to_fp32(dmin_bits);
    uint8_t scales[8], mins[8];
    for (int j = 0; j < 8; ++j) {
        scales[j] = uint8_t(d > 0 ? round_to_level(fits[j].scale / d, 63) : 0);
        mins[j] = uint8_t(dmin > 0 ? round_to_level(fits[j].min / dmin, 63) : 0);
        quantize_affine(x + 32 * j, 32, d * float(scales[j]), dmin * float(mins[j]), levels, q + 32 * j);
    }
    std::memset(packed, 0, kKScaleBytes);
    k_pack_scale_min(scales, mins, packed);
}

} // namespace hearth::formats
