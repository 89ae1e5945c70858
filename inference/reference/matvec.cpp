// Reference matvec: dequantize one row at a time, then a plain dot product.
#include "reference/weight_ops.h"

#include <vector>

namespace hearth::reference {

void matvec(WeightType type, const void* weights, int64_t rows, int64_t k, const float* x, float* y)
{
    const size_t stride = row_bytes(type, k);
    std::vector<float> row(static_cast<size_t>(k));
    for (int64_t r = 0; r < rows; ++r) {
        dequantize_row(type, static_cast<const uint8_t*>(weights) + size_t(r) * stride, row.data(), k);
        double sum = 0.0;
        for (int64_t i = 0; i < k; ++i)
            sum += double(row[size_t(i)]) * x[i];
        y[r] = float(sum);
    }
}

} // namespace hearth::reference
