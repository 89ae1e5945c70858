// Q3_K: super-blocks of 256 values in sixteen sub-blocks of 16, each with a signed 6-bit scale
// (stored plus 32, packed into 12 bytes), one fp16 d. Quants are 3 bits: the low 2 bits packed as
// in Q2_K, the high bit in hmask (bit set means +0, clear means -4); value = d * (scale-32) * q.
#include "block_layouts.h"
#include "format_functions.h"
#include "hearth/weight_format.h"

namespace hearth::formats {

namespace {
// Unpacks the sixteen 6-bit scales: low 4 bits in bytes 0..7 (two per byte), high 2 bits in
// bytes 8..11 (four per byte).
void q3_k_scales(const uint8_t* packed, int* scales)
{
    for (int i = 0; i < 16; ++i) {
        const int low = (packed[i % 8] >> (4 * (i / 8))) & 0xF;
        const int high = (packed[8 + i % 4] >> (2 * (i / 4))) & 3;
        scales[i] = (low | (high << 4)) - 32;
    }
}
} // namespace

void dequantize_q3_k(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockQ3_K*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const BlockQ3_K& block = blocks[b];
        const float d = fp16_to_fp32(block.d);
        int scales[16];
        q3_k_scales(block.scales, scales);
        const uint8_t* q = block.qs;
        uint8_t mask = 1;
        int sub = 0;
        for (int half = 0; half < 2; ++half, q += 32) {
            for (int shift = 0; shift < 8; shift += 2, mask <<= 1) {
                for (int part = 0; part < 2; ++part, ++sub) {
                    const float dl = d * float(scales[sub]);
                    for (int l = 0; l < 16; ++l) {
                        const int low = (q[l + 16 * part] >> shift) & 3;
                        const int high = (block.hmask[l + 16 * part] & mask) ? 0 : 4;
                        *dst++ = dl * float(low - high);
                    }
                }
            }
        }
    }
}

} // namespace hearth::formats
