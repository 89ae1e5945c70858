// IEEE half precision and bfloat16 <-> float, by bit manipulation so results are identical on
// every compiler and CPU. Rounding is to nearest, ties to even, as hardware converters do.
#include "hearth/weight_format.h"

#include <bit>
#include <cmath>

namespace hearth {

float fp16_to_fp32(uint16_t h)
{
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    const uint32_t exponent = (h >> 10) & 0x1F;
    const uint32_t mantissa = h & 0x3FF;
    if (exponent == 0) {
        // Zero or subnormal: mantissa * 2^-24, exact in float.
        const float magnitude = std::ldexp(float(mantissa), -24);
        return sign ? -magnitude : magnitude;
    }
    if (exponent == 31) // infinity or NaN (payload kept)
        return std::bit_cast<float>(sign | 0x7F800000u | (mantissa << 13));
    return std::bit_cast<float>(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

uint16_t fp32_to_fp16(float f)
{
    const uint32_t bits = std::bit_cast<uint32_t>(f);
    const uint16_t sign = uint16_t((bits >> 16) & 0x8000);
    uint32_t magnitude = bits & 0x7FFFFFFF;
    if (magnitude > 0x7F800000) // NaN: keep it a quiet NaN
        return sign | 0x7E00;
    if (magnitude >= 0x477FF000) // 65520 and above round to infinity
        return sign | 0x7C00;
    if (magnitude < 0x38800000) { // below 2^-14: subnormal half, steps of 2^-24
        const float scaled = std::bit_cast<float>(magnitude) * 16777216.0f; // exact
        return sign | uint16_t(std::nearbyint(scaled)); // default rounding mode: ties to even
    }
    // Normal: rebias the exponent (127 -> 15) and round the 13 dropped mantissa bits.
    const uint32_t odd = (magnitude >> 13) & 1;
    magnitude += 0xC8000FFFu + odd; // -(112 << 23) + rounding bias
    return sign | uint16_t(magnitude >> 13);
}

float bf16_to_fp32(uint16_t h)
{
    return std::bit_cast<float>(uint32_t(h) << 16);
}

uint16_t fp32_to_bf16(float f)
{
    const uint32_t bits = std::bit_cast<uint32_t>(f);
    if ((bits & 0x7FFFFFFF) > 0x7F800000) // NaN: truncate, but force a quiet bit so it stays NaN
        return uint16_t((bits >> 16) | 0x40);
    return uint16_t((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
}

} // namespace hearth
