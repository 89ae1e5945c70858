// Reference element-wise ops: activations, gates, softmax, soft-capping, argmax.
#include "reference/ops.h"

#include <cmath>
#include <cstring>

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

uint16_t f32_to_f16(float x)
{
    uint32_t bits;
    std::memcpy(&bits, &x, 4);
    const uint32_t sign = (bits >> 16) & 0x8000u;
    const uint32_t exponent = (bits >> 23) & 0xffu;
    uint32_t mantissa = bits & 0x7fffffu;
    if (exponent == 0xff) // inf or nan (keep nan quiet)
        return uint16_t(sign | 0x7c00u | (mantissa ? 0x200u : 0u));
    const int e = int(exponent) - 127 + 15;
    if (e >= 31)
        return uint16_t(sign | 0x7c00u);
    if (e <= 0) { // subnormal or zero in f16
        if (e < -10)
            return uint16_t(sign);
        mantissa |= 0x800000u;
        const uint32_t shift = uint32_t(14 - e);
        uint32_t half = mantissa >> shift;
        const uint32_t rest = mantissa & ((1u << shift) - 1);
        const uint32_t halfway = 1u << (shift - 1);
        if (rest > halfway || (rest == halfway && (half & 1u)))
            ++half;
        return uint16_t(sign | half);
    }
    uint32_t half = (uint32_t(e) << 10) | (mantissa >> 13);
    const uint32_t rest = mantissa & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (half & 1u)))
        ++half; // may carry into the exponent, which is the right rounding (up to inf)
    return uint16_t(sign | half);
}

float f16_to_f32(uint16_t h)
{
    const uint32_t sign = uint32_t(h & 0x8000u) << 16;
    const uint32_t exponent = (h >> 10) & 0x1fu;
    const uint32_t mantissa = h & 0x3ffu;
    uint32_t bits;
    if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else { // subnormal: value = mantissa * 2^-24
            const float value = float(mantissa) * 5.9604644775390625e-8f;
            std::memcpy(&bits, &value, 4);
            bits |= sign;
        }
    } else if (exponent == 31) {
        bits = sign | 0x7f800000u | (mantissa << 13);
    } else {
        bits = sign | ((exponent - 15 + 127) << 23) | (mantissa << 13);
    }
    float result;
    std::memcpy(&result, &bits, 4);
    return result;
}

} // namespace hearth::reference
