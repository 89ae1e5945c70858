#pragma once
// Rows of 16-bit floats (F16, BF16) to and from float, given the scalar conversion.
#include <cstdint>
#include <cstring>

namespace hearth::formats {

template <float (*to_float)(uint16_t)> void decode_halves(const void* src, float* dst, int64_t n)
{
    const auto* bytes = static_cast<const uint8_t*>(src);
    for (int64_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, bytes + 2 * i, 2); // the rows of a mapped file need not be 2-byte aligned
        dst[i] = to_float(h);
    }
}

template <uint16_t (*from_float)(float)> void encode_halves(const float* src, void* dst, int64_t n)
{
    auto* bytes = static_cast<uint8_t*>(dst);
    for (int64_t i = 0; i < n; ++i) {
        const uint16_t h = from_float(src[i]);
        std::memcpy(bytes + 2 * i, &h, 2);
    }
}

} // namespace hearth::formats
