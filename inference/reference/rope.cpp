// Reference rotary position embedding. Each rotary pair i turns by position * frequency(i); the
// frequency follows the paper (base^(-2i/d)) and then each scaling scheme in turn.
#include "reference/ops.h"

#include <cmath>
#include <numbers>
#include <vector>

namespace hearth::reference {

double rope_frequency(const RopeParams& p, size_t i)
{
    double frequency = std::pow(double(p.freq_base), -2.0 * double(i) / double(p.rotary_dims));
    if (p.llama3_factor != 0.0f) {
        // Llama 3.1's scheme, in wavelengths: keep short ones, divide long ones by the factor,
        // interpolate smoothly in between.
        const double wavelength = 2.0 * std::numbers::pi / frequency;
        const double low_freq_wavelength = p.llama3_original_context / p.llama3_low_freq_factor;
        const double high_freq_wavelength = p.llama3_original_context / p.llama3_high_freq_factor;
        if (wavelength > low_freq_wavelength) {
            frequency /= p.llama3_factor;
        } else if (wavelength >= high_freq_wavelength) {
            const double smooth = (p.llama3_original_context / wavelength - p.llama3_low_freq_factor) /
                                  (p.llama3_high_freq_factor - p.llama3_low_freq_factor);
            frequency = (1.0 - smooth) * frequency / p.llama3_factor + smooth * frequency;
        }
    }
    if (p.freq_factors)
        frequency /= p.freq_factors[i];
    return frequency;
}

void rope(const float* x, float* y, size_t tokens, size_t heads, const int32_t* positions,
          const RopeParams& p)
{
    const size_t pairs = p.rotary_dims / 2;
    std::vector<double> frequency(pairs);
    for (size_t i = 0; i < pairs; ++i)
        frequency[i] = rope_frequency(p, i);

    for (size_t t = 0; t < tokens; ++t) {
        for (size_t h = 0; h < heads; ++h) {
            const float* in = x + (t * heads + h) * p.head_dim;
            float* out = y + (t * heads + h) * p.head_dim;
            for (size_t i = p.rotary_dims; i < p.head_dim; ++i)
                out[i] = in[i];
            for (size_t i = 0; i < pairs; ++i) {
                const double angle = double(positions[t]) * p.freq_scale * frequency[i];
                const size_t a = p.layout == RopeLayout::Normal ? 2 * i : i;
                const size_t b = p.layout == RopeLayout::Normal ? 2 * i + 1 : i + pairs;
                const double x0 = in[a], x1 = in[b];
                out[a] = float(x0 * std::cos(angle) - x1 * std::sin(angle));
                out[b] = float(x0 * std::sin(angle) + x1 * std::cos(angle));
            }
        }
    }
}

} // namespace hearth::reference
