// Reference pooling: an encoder's token vectors to one vector per sequence, in f64.
#include "reference/ops.h"

#include <cmath>

namespace hearth::reference {

void pool(const float* x, const std::vector<uint32_t>& lengths, size_t n, Pooling pooling, bool normalize,
          float* out)
{
    size_t first = 0;
    std::vector<double> sum(n);
    for (size_t s = 0; s < lengths.size(); ++s) {
        const size_t length = lengths[s];
        std::fill(sum.begin(), sum.end(), 0.0);
        if (pooling == Pooling::Mean) {
            for (size_t t = first; t < first + length; ++t)
                for (size_t i = 0; i < n; ++i)
                    sum[i] += x[t * n + i];
            for (double& value : sum)
                value /= double(length);
        } else {
            const size_t t = pooling == Pooling::Cls ? first : first + length - 1;
            for (size_t i = 0; i < n; ++i)
                sum[i] = x[t * n + i];
        }
        double norm = 1.0;
        if (normalize) {
            double squares = 0.0;
            for (double value : sum)
                squares += value * value;
            norm = squares > 0.0 ? std::sqrt(squares) : 1.0;
        }
        for (size_t i = 0; i < n; ++i)
            out[s * n + i] = float(sum[i] / norm);
        first += length;
    }
}

} // namespace hearth::reference
