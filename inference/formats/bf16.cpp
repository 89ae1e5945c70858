// BF16: bfloat16 (the upper half of an IEEE single), one value per "block".
#include "format_functions.h"
#include "half_rows.h"
#include "hearth/weight_format.h"

namespace hearth::formats {

void dequantize_bf16(const void* src, float* dst, int64_t n)
{
    decode_halves<bf16_to_fp32>(src, dst, n);
}

void quantize_bf16(const float* src, void* dst, int64_t n)
{
    encode_halves<fp32_to_bf16>(src, dst, n);
}

} // namespace hearth::formats
