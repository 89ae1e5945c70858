// The weight ops of reference/weight_ops.h on GGUF tensors, for the reference forward passes.
#include "hearth/gguf.h"
#include "reference/weight_ops.h"

namespace hearth::reference {

std::vector<float> dequantize(const GgufTensor* tensor)
{
    if (!tensor)
        return {};
    std::vector<float> values(size_t(tensor->elements()));
    const size_t row_bytes = tensor->bytes / size_t(tensor->rows());
    for (int64_t r = 0; r < tensor->rows(); ++r)
        dequantize_row(tensor->type, tensor->data + size_t(r) * row_bytes,
                       values.data() + r * tensor->dims[0], tensor->dims[0]);
    return values;
}

void project(const GgufTensor& w, const float* x, float* y, size_t tokens, int64_t first_row,
             int64_t row_count)
{
    const size_t row_bytes = w.bytes / size_t(w.rows());
    matmul(w.type, w.data + size_t(first_row) * row_bytes, row_count, w.dims[0], x, int64_t(tokens), y);
}

} // namespace hearth::reference
