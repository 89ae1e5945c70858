// Reference matmul: every token is a matvec against the same weights.
#include "reference/weight_ops.h"

namespace hearth::reference {

void matmul(WeightType type, const void* weights, int64_t rows, int64_t k, const float* x, int64_t tokens,
            float* y)
{
    for (int64_t t = 0; t < tokens; ++t)
        matvec(type, weights, rows, k, x + t * k, y + t * rows);
}

} // namespace hearth::reference
