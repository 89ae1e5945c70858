// The reference forward pass, written once for every supported family: the differences are
// the config's flags and dimensions (see arch/model_config.cpp).
#include "reference/forward.h"

#include "arch/layer_params.h"
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "reference/ops.h"
#include "reference/weight_ops.h"

#include <cstring>

namespace hearth {
namespace {

using reference::dequantize;
using reference::project;

void project(const GgufTensor& w, const float* x, float* y, size_t tokens)
{
    project(w, x, y, tokens, 0, w.rows());
}

void add_bias(const GgufTensor* bias, float* y, size_t tokens)
{
    if (!bias)
        return;
    const std::vector<float> b = dequantize(bias);
    for (size_t t = 0; t < tokens; ++t)
        reference::add(y + t * b.size(), b.data(), y + t * b.size(), b.size());
}

void norm(const GgufTensor* weight, float* x, size_t rows, size_t n, float eps)
{
    const std::vector<float> w = dequantize(weight);
    reference::rms_norm(x, w.data(), x, rows, n, eps);
}

} // namespace

ReferenceForward::ReferenceForward(const ModelConfig& config, const ModelWeights& weights, uint32_t context)
    : m_config(config), m_weights(weights), m_context(context)
{
    m_rope_factors = dequantize(weights.rope_factors(config, context));
    const size_t cache = size_t(context) * config.kv_head_count * config.head_dim;
    m_keys.assign(config.layer_count, std::vector<float>(cache));
    m_values.assign(config.layer_count, std::vector<float>(cache));
}

void ReferenceForward::forward(std::span<const int32_t> tokens, uint32_t start, std::span<float> logits,
                               uint32_t logit_rows)
{
    const ModelConfig& c = m_config;
    const size_t n = tokens.size();
    if (n == 0 || start + n > m_context)
        throw Error("the tokens do not fit in the context of " + std::to_string(m_context));
    if (logit_rows == 0 || logit_rows > n || logits.size() < size_t(logit_rows) * c.vocab_size)
        throw Error("reference forward: wrong logits buffer");
    const size_t d = c.embedding_length;
    const size_t hd = c.head_dim;
    const size_t q_dim = size_t(c.head_count) * hd;
    const size_t kv_dim = size_t(c.kv_head_count) * hd;
    const size_t ff = c.feed_forward_length;

    std::vector<int32_t> positions(n);
    for (size_t t = 0; t < n; ++t)
        positions[t] = int32_t(start + t);

    // Token embedding, scaled (gemma).
    std::vector<float> x(n * d);
    for (int32_t token : tokens)
        if (token < 0 || uint32_t(token) >= c.vocab_size)
            throw Error("token id " + std::to_string(token) + " is outside the vocabulary");
    reference::get_rows(m_weights.token_embd->type, m_weights.token_embd->data, c.vocab_size, int64_t(d), tokens,
                        x.data());
    if (c.embedding_scale != 1.0f)
        reference::scale(x.data(), c.embedding_scale, x.data(), x.size());

    std::vector<float> h(n * d), q(n * q_dim), k(n * kv_dim), v(n * kv_dim), attn(n * q_dim);
    std::vector<float> gate(n * ff), up(n * ff);
    for (uint32_t il = 0; il < c.layer_count; ++il) {
        const LayerWeights& w = m_weights.layers[il];
        const LayerAttention& layer = c.layers[il];

        // Attention block: norm, projections, RoPE, attention over the cache, output, residual.
        std::memcpy(h.data(), x.data(), x.size() * sizeof(float));
        norm(w.attn_norm, h.data(), n, d, c.norm_epsilon);
        if (w.attn_qkv) {
            project(*w.attn_qkv, h.data(), q.data(), n, 0, int64_t(q_dim));
            project(*w.attn_qkv, h.data(), k.data(), n, int64_t(q_dim), int64_t(kv_dim));
            project(*w.attn_qkv, h.data(), v.data(), n, int64_t(q_dim + kv_dim), int64_t(kv_dim));
        } else {
            project(*w.attn_q, h.data(), q.data(), n);
            project(*w.attn_k, h.data(), k.data(), n);
            project(*w.attn_v, h.data(), v.data(), n);
        }
        add_bias(w.attn_q_bias, q.data(), n);
        add_bias(w.attn_k_bias, k.data(), n);
        add_bias(w.attn_v_bias, v.data(), n);
        if (c.qk_norm) {
            norm(w.attn_q_norm, q.data(), n * c.head_count, hd, c.norm_epsilon);
            norm(w.attn_k_norm, k.data(), n * c.kv_head_count, hd, c.norm_epsilon);
        }
        reference::RopeParams rope = rope_params(c, layer);
        rope.freq_factors = m_rope_factors.empty() ? nullptr : m_rope_factors.data();
        reference::rope(q.data(), q.data(), n, c.head_count, positions.data(), rope);
        reference::rope(k.data(), k.data(), n, c.kv_head_count, positions.data(), rope);

        float* cache_k = m_keys[il].data() + size_t(start) * kv_dim;
        float* cache_v = m_values[il].data() + size_t(start) * kv_dim;
        for (size_t i = 0; i < n * kv_dim; ++i) {
            cache_k[i] = reference::round_to_f16(k[i]);
            cache_v[i] = reference::round_to_f16(v[i]);
        }
        const reference::AttentionParams params = attention_params(c, layer);
        reference::attention(q.data(), m_keys[il].data(), m_values[il].data(), attn.data(), n, start + n, start,
                             params);
        project(*w.attn_output, attn.data(), h.data(), n);
        if (w.attn_post_norm)
            norm(w.attn_post_norm, h.data(), n, d, c.norm_epsilon);
        reference::add(x.data(), h.data(), x.data(), x.size());

        // Feed-forward block: norm, gated activation, down projection, residual.
        std::memcpy(h.data(), x.data(), x.size() * sizeof(float));
        norm(w.ffn_norm, h.data(), n, d, c.norm_epsilon);
        if (w.ffn_gate) {
            project(*w.ffn_gate, h.data(), gate.data(), n);
            project(*w.ffn_up, h.data(), up.data(), n);
        } else {
            project(*w.ffn_up, h.data(), gate.data(), n, 0, int64_t(ff));
            project(*w.ffn_up, h.data(), up.data(), n, int64_t(ff), int64_t(ff));
        }
        if (c.activation == Activation::Gelu)
            reference::gelu_gate(gate.data(), up.data(), gate.data(), gate.size());
        else
            reference::silu_gate(gate.data(), up.data(), gate.data(), gate.size());
        project(*w.ffn_down, gate.data(), h.data(), n);
        if (w.ffn_post_norm)
            norm(w.ffn_post_norm, h.data(), n, d, c.norm_epsilon);
        reference::add(x.data(), h.data(), x.data(), x.size());
    }

    // Final norm and the output projection, only for the rows asked for.
    float* last = x.data() + (n - logit_rows) * d;
    norm(m_weights.output_norm, last, logit_rows, d, c.norm_epsilon);
    project(*m_weights.output, last, logits.data(), logit_rows);
    if (c.final_softcap != 0.0f)
        reference::softcap(logits.data(), c.final_softcap, logits.data(), size_t(logit_rows) * c.vocab_size);
}

std::vector<float> ReferenceForward::cache_state(uint32_t count) const
{
    const size_t per_layer = size_t(count) * m_config.kv_head_count * m_config.head_dim;
    std::vector<float> state;
    state.reserve(2 * per_layer * m_config.layer_count);
    for (uint32_t il = 0; il < m_config.layer_count; ++il) {
        state.insert(state.end(), m_keys[il].begin(), m_keys[il].begin() + ptrdiff_t(per_layer));
        state.insert(state.end(), m_values[il].begin(), m_values[il].begin() + ptrdiff_t(per_layer));
    }
    return state;
}

void ReferenceForward::restore_cache_state(std::span<const float> state, uint32_t count)
{
    const size_t per_layer = size_t(count) * m_config.kv_head_count * m_config.head_dim;
    if (count > m_context || state.size() != 2 * per_layer * m_config.layer_count)
        throw Error("the saved session state does not match this model and context");
    for (uint32_t il = 0; il < m_config.layer_count; ++il) {
        const float* src = state.data() + 2 * per_layer * il;
        std::copy(src, src + per_layer, m_keys[il].begin());
        std::copy(src + per_layer, src + 2 * per_layer, m_values[il].begin());
    }
}

} // namespace hearth
