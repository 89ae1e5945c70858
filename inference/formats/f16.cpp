// F16: IEEE half precision, one value per "block".
#include "format_functions.h"
#include "hearth/weight_format.h"

#include <cstring>

namespace hearth::formats {

void dequantize_f16(const void* src, float* dst, int64_t n)
{
    const auto* bytes = static_cast<const uint8_t*>(src);
    for (int64_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, bytes + 2 * i, 2);
        dst[i] = fp16_to_fp32(h);
    }
}

void quantize_f16(const float* src, void* dst, int64_t n)
{
    auto* bytes = static_cast<uint8_t*>(dst);
    for (int64_t i = 0; i < n; ++i) {
        const uint16_t h = fp32_to_fp16(src[i]);
        std::memcpy(bytes + 2 * i, &h, 2);
    }
}

} // namespace hearth::formats
