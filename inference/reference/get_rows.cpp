// Reference get_rows (embedding lookup): dequantize the chosen rows.
#include "hearth/error.h"
#include "reference/weight_ops.h"

#include <string>

namespace hearth::reference {

void get_rows(WeightType type, const void* weights, int64_t rows, int64_t k, std::span<const int32_t> ids,
              float* out)
{
    const size_t stride = row_bytes(type, k);
    for (size_t t = 0; t < ids.size(); ++t) {
        if (ids[t] < 0 || ids[t] >= rows)
            throw Error("get_rows: row " + std::to_string(ids[t]) + " is outside the matrix of " +
                        std::to_string(rows) + " rows");
        dequantize_row(type, static_cast<const uint8_t*>(weights) + size_t(ids[t]) * stride, out + t * size_t(k), k);
    }
}

} // namespace hearth::reference
