// IQ4_XS: super-blocks of 256 values in eight sub-blocks of 32. One fp16 scale d per super-block,
// a 6-bit scale per sub-block (stored minus 32), and 4-bit indices into the IQ4_NL level table;
// value = d * (scale - 32) * level[index].
#include "block_layouts.h"
#include "format_functions.h"
#include "hearth/weight_format.h"

namespace hearth::formats {

void dequantize_iq4_xs(const void* src, float* dst, int64_t n)
{
    const auto* blocks = static_cast<const BlockIQ4_XS*>(src);
    for (int64_t b = 0; b < n / kBlockK; ++b) {
        const BlockIQ4_XS& block = blocks[b];
        const float d = fp16_to_fp32(block.d);
        const uint8_t* qs = block.qs;
        for (int sub = 0; sub < 8; ++sub, qs += 16, dst += 32) {
            const int scale = ((block.scales_l[sub / 2] >> (4 * (sub % 2))) & 0xF) |
                              (((block.scales_h >> (2 * sub)) & 3) << 4);
            const float dl = d * float(scale - 32);
            for (int j = 0; j < 16; ++j) {
                dst[j] = dl * float(kIq4Levels[qs[j] & 0xF]);
                dst[j + 16] = dl * float(kIq4Levels[qs[j] >> 4]);
            }
        }
    }
}

} // namespace hearth::formats
