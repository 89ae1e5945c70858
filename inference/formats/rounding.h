#pragma once
// Round to the nearest integer (ties to even) without a library call: adding 1.5 * 2^23 leaves
// the rounded integer in the low mantissa bits. Valid for |x| < 2^22, which every quantizer's
// scaled values are (they are clamped to a few bits right after). Quantizing a large model calls
// this billions of times, and std::lround is several times slower.
#include <cstdint>
#include <cstring>

namespace hearth::formats {

inline int nearest_int(float x)
{
    const float shifted = x + 12582912.0f;
    int32_t bits;
    std::memcpy(&bits, &shifted, 4);
    return (bits & 0x007FFFFF) - 0x00400000;
}

} // namespace hearth::formats
