// F32: plain little-endian IEEE single precision, one value per "block".
#include "format_functions.h"

#include <cstring>

namespace hearth::formats {

void dequantize_f32(const void* src, float* dst, int64_t n)
{
    std::memcpy(dst, src, size_t(n) * sizeof(float));
}

void quantize_f32(const float* src, void* dst, int64_t n)
{
    std::memcpy(dst, src, size_t(n) * sizeof(float));
}

} // namespace hearth::formats
