// Reference attention: for each query head, scores against every visible key, softmax, weighted
// sum of values. It materialises the whole score row on purpose: this is the definition the
// tiled GPU kernels must agree with.
#include "reference/ops.h"

#include <cmath>
#include <limits>
#include <vector>

namespace hearth::reference {

void attention(const float* q, const float* k, const float* v, float* out, size_t q_tokens, size_t kv_len,
               size_t q_offset, const AttentionParams& p)
{
    const size_t group = p.heads / p.kv_heads; // query heads sharing one key/value head
    std::vector<double> scores(kv_len);
    for (size_t t = 0; t < q_tokens; ++t) {
        const size_t position = q_offset + t;
        for (size_t h = 0; h < p.heads; ++h) {
            const float* query = q + (t * p.heads + h) * p.head_dim;
            const size_t kv_head = h / group;
            double max_score = -std::numeric_limits<double>::infinity();
            for (size_t j = 0; j < kv_len; ++j) {
                const bool visible = j <= position && (p.window == 0 || position - j < p.window);
                if (!visible) {
                    scores[j] = -std::numeric_limits<double>::infinity();
                    continue;
                }
                const float* key = k + (j * p.kv_heads + kv_head) * p.head_dim;
                double dot = 0.0;
                for (size_t d = 0; d < p.head_dim; ++d)
                    dot += double(query[d]) * key[d];
                double score = dot * p.scale;
                if (p.softcap != 0.0f)
                    score = p.softcap * std::tanh(score / p.softcap);
                scores[j] = score;
                max_score = std::max(max_score, score);
            }
            double sum = 0.0;
            for (size_t j = 0; j < kv_len; ++j) {
                scores[j] = std::isinf(scores[j]) ? 0.0 : std::exp(scores[j] - max_score);
                sum += scores[j];
            }
            float* result = out + (t * p.heads + h) * p.head_dim;
            for (size_t d = 0; d < p.head_dim; ++d) {
                double acc = 0.0;
                for (size_t j = 0; j < kv_len; ++j)
                    if (scores[j] != 0.0)
                        acc += scores[j] * v[(j * p.kv_heads + kv_head) * p.head_dim + d];
                result[d] = float(acc / sum);
            }
        }
    }
}

void attention_bidirectional(const float* q, const float* k, const float* v, float* out,
                             const std::vector<uint32_t>& lengths, const AttentionParams& p)
{
    const size_t group = p.heads / p.kv_heads;
    size_t first = 0; // the current sequence's first token
    for (const uint32_t length : lengths) {
        std::vector<double> scores(length);
        for (size_t t = first; t < first + length; ++t) {
            for (size_t h = 0; h < p.heads; ++h) {
                const float* query = q + (t * p.heads + h) * p.head_dim;
                const size_t kv_head = h / group;
                double max_score = -std::numeric_limits<double>::infinity();
                for (size_t j = 0; j < length; ++j) {
                    const float* key = k + ((first + j) * p.kv_heads + kv_head) * p.head_dim;
                    double dot = 0.0;
                    for (size_t d = 0; d < p.head_dim; ++d)
                        dot += double(query[d]) * key[d];
                    scores[j] = dot * p.scale;
                    max_score = std::max(max_score, scores[j]);
                }
                double sum = 0.0;
                for (double& score : scores) {
                    score = std::exp(score - max_score);
                    sum += score;
                }
                float* result = out + (t * p.heads + h) * p.head_dim;
                for (size_t d = 0; d < p.head_dim; ++d) {
                    double acc = 0.0;
                    for (size_t j = 0; j < length; ++j)
                        acc += scores[j] * v[((first + j) * p.kv_heads + kv_head) * p.head_dim + d];
                    result[d] = float(acc / sum);
                }
            }
        }
        first += length;
    }
}

} // namespace hearth::reference
