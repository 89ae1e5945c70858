// F16: IEEE half precision, one value per "block".
#include "format_functions.h"
#include "half_rows.h"
#include "hearth/weight_format.h"

namespace hearth::formats {

void dequantize_f16(const void* src, float* dst, int64_t n)
{
    decode_halves<fp16_to_fp32>(src, dst, n);
}

void quantize_f16(const float* src, void* dst, int64_t n)
{
    encode_halves<fp32_to_fp16>(src, dst, n);
}

} // namespace hearth::formats
