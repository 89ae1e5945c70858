// Q2_K: super-blocks of 256 values in sixteen sub-blocks of 16. Each sub-block has a 4-bit scale
// and 4-bit min (multiplied by the fp16 d and dmin); quants are 2 bits, packed four to a byte so
// that byte l of each 32-byte group holds values l, l+32, l+64, l+96 of a 128-value half.
// value = d * scale * q - dmin * min.
#include "block_layouts.h"
#include "format_functions.h"
#include "hearth/weight_format.h"

namespace hearth::formats {

void dequantize_q2_k(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockQ2_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const BlockQ2_K& block = blocks[b];
        const float d = fp16_to_fp32(block.d);
        const float dmin = fp16_to_fp32(block.dmin);
        const uint8_t* q = block.qs;
        int sub = 0;
        for (int half = 0; half < 2; ++half, q += 32) {
            for (int shift = 0; shift < 8; shift += 2) {
                for (int part = 0; part < 2; ++part, ++sub) {
                    const float dl = d * float(block.scales[sub] & 0xF);
                    const float ml = dmin * float(block.scales[sub] >> 4);
                    for (int l = 0; l < 16; ++l)
                        *dst++ = dl * float((q[l + 16 * part] >> shift) & 3) - ml;
                }
            }
        }
    }
}

} // namespace hearth::formats
