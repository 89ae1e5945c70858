// Reference rms_norm and layer_norm: f64 sums so the oracle's own rounding stays far below any
// GPU tolerance.
#include "reference/ops.h"

#include <cmath>

namespace hearth::reference {

void rms_norm(const float* x, const float* weight, float* y, size_t rows, size_t n, float eps)
{
    for (size_t r = 0; r < rows; ++r) {
        const float* in = x + r * n;
        float* out = y + r * n;
        double sum_squares = 0.0;
        for (size_t i = 0; i < n; ++i)
            sum_squares += double(in[i]) * in[i];
        const double inv_rms = 1.0 / std::sqrt(sum_squares / double(n) + eps);
        for (size_t i = 0; i < n; ++i)
            out[i] = float(in[i] * inv_rms * (weight ? weight[i] : 1.0f));
    }
}

void layer_norm(const float* x, const float* weight, const float* bias, float* y, size_t rows, size_t n,
                float eps)
{
    for (size_t r = 0; r < rows; ++r) {
        const float* in = x + r * n;
        float* out = y + r * n;
        double sum = 0.0;
        for (size_t i = 0; i < n; ++i)
            sum += in[i];
        const double mean = sum / double(n);
        double variance = 0.0;
        for (size_t i = 0; i < n; ++i)
            variance += (in[i] - mean) * (in[i] - mean);
        variance /= double(n);
        const double inv_std = 1.0 / std::sqrt(variance + eps);
        for (size_t i = 0; i < n; ++i)
            out[i] = float((in[i] - mean) * inv_std * (weight ? weight[i] : 1.0f) + (bias ? bias[i] : 0.0f));
    }
}

} // namespace hearth::reference
