// Reference element-wise ops: activations, gates, softmax, soft-capping, argmax.
#include "reference/ops.h"

#include <cmath>

namespace hearth::reference {

float silu(float x)
{
    return float(double(x) / (1.0 + std::exp(-double(x))));
}

float gelu(float x)
{
    // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
    const double sqrt_2_over_pi = 0.7978845608028654;
    const double xd = x;
    return float(0.5 * xd * (1.0 + std::tanh(sqrt_2_over_pi * (xd + 0.044715 * xd * xd * xd))));
}

void gelu(const float* x, float* y, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        y[i] = gelu(x[i]);
}

void silu_gate(const float* gate, const float* up, float* y, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        y[i] = silu(gate[i]) * up[i];
}

void gelu_gate(const float* gate, const float* up, float* y, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        y[i] = gelu(gate[i]) * up[i];
}

void add(const float* a, const float* b, float* y, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        y[i] = a[i] + b[i];
}

void scale(const float* x, float factor, float* y, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        y[i] = x[i] * factor;
}

void softmax(const float* x, float* y, size_t rows, size_t n)
{
    for (size_t r = 0; r < rows; ++r) {
        const float* in = x + r * n;
        float* out = y + r * n;
        float max_value = in[0];
        for (size_t i = 1; i < n; ++i)
            max_value = std::max(max_value, in[i]);
        double sum = 0.0;
        for (size_t i = 0; i < n; ++i)
            sum += std::exp(double(in[i]) - max_value);
        for (size_t i = 0; i < n; ++i)
            out[i] = float(std::exp(double(in[i]) - max_value) / sum);
    }
}

void softcap(const float* x, float cap, float* y, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        y[i] = float(cap * std::tanh(double(x[i]) / cap));
}

size_t argmax(const float* x, size_t n)
{
    size_t best = 0;
    for (size_t i = 1; i < n; ++i)
        if (x[i] > x[best])
            best = i;
    return best;
}

} // namespace hearth::reference
