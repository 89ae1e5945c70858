#pragma once
// The reference forward pass: one model, on the CPU, with the plain ops of reference/ops.h and
// an f32 KV cache whose values are rounded to f16 like the GPU's. It is the oracle the GPU
// forward pass is tested against, and what `--device reference` runs.
#include "arch/model_config.h"
#include "arch/model_weights.h"

#include <cstdint>
#include <span>
#include <vector>

namespace hearth {

class ReferenceForward {
public:
    // `context`: the KV cache's length in tokens.
    ReferenceForward(const ModelConfig& config, const ModelWeights& weights, uint32_t context);

    // Runs `tokens` at positions start, start+1, ... (the cache must hold positions < start; what
    // it holds at >= start is overwritten) and writes the logits of the last `logit_rows` tokens
    // into `logits` (logit_rows x vocab_size).
    void forward(std::span<const int32_t> tokens, uint32_t start, std::span<float> logits, uint32_t logit_rows = 1);

    uint32_t context() const { return m_context; }

    // The cached keys and values of positions [0, count), for saving a session's state.
    std::vector<float> cache_state(uint32_t count) const;
    void restore_cache_state(std::span<const float> state, uint32_t count);

private:
    const ModelConfig& m_config;
    const ModelWeights& m_weights;
    uint32_t m_context;
    std::vector<float> m_rope_factors;        // empty: none
    std::vector<std::vector<float>> m_keys;   // per layer: context x kv_heads x head_dim
    std::vector<std::vector<float>> m_values; // likewise
};

} // namespace hearth
