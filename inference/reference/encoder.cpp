// The reference encoder, as BERT's paper reads: embed (token + token type + position), LayerNorm;
// per layer attention, output projection, residual, LayerNorm, feed-forward, residual,
// LayerNorm; then pooling. nomic-bert differs as data: RoPE instead of learned positions, fused
// QKV, SwiGLU, no biases.
#include "reference/encoder.h"

#include "arch/layer_params.h"
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "reference/ops.h"
#include "reference/weight_ops.h"

namespace hearth {
namespace {

using reference::dequantize;
using reference::project;

// y = x W^T (+ bias)
void linear(const GgufTensor& w, const GgufTensor* bias, const float* x, float* y, size_t tokens)
{
    project(w, x, y, tokens, 0, w.rows());
    if (!bias)
        return;
    const std::vector<float> b = dequantize(bias);
    for (size_t t = 0; t < tokens; ++t)
        reference::add(y + t * b.size(), b.data(), y + t * b.size(), b.size());
}

void layer_norm(const GgufTensor* weight, const GgufTensor* bias, float* x, size_t rows, size_t n, float eps)
{
    const std::vector<float> w = dequantize(weight), b = dequantize(bias);
    reference::layer_norm(x, w.empty() ? nullptr : w.data(), b.empty() ? nullptr : b.data(), x, rows, n, eps);
}

} // namespace

void check_encoder_batch(const ModelConfig& c, std::span<const int32_t> tokens,
                         const std::vector<uint32_t>& lengths, size_t out_size)
{
    size_t total = 0;
    for (uint32_t length : lengths) {
        if (length == 0 || length > c.context_length)
            throw Error("a sequence of " + std::to_string(length) +
                        " tokens does not fit the encoder's context of " + std::to_string(c.context_length));
        total += length;
    }
    if (lengths.empty() || total != tokens.size())
        throw Error("the sequence lengths do not add up to the batch's " + std::to_string(tokens.size()) +
                    " tokens");
    if (out_size < lengths.size() * c.embedding_length)
        throw Error("the output holds fewer values than one embedding per sequence");
    for (int32_t token : tokens)
        if (token < 0 || uint32_t(token) >= c.vocab_size)
            throw Error("token id " + std::to_string(token) + " is outside the vocabulary");
}

ReferenceEncoder::ReferenceEncoder(const ModelConfig& config, const ModelWeights& weights)
    : m_config(config), m_weights(weights)
{
}

void ReferenceEncoder::encode(std::span<const int32_t> tokens, const std::vector<uint32_t>& lengths,
                              std::span<float> out) const
{
    const ModelConfig& c = m_config;
    check_encoder_batch(c, tokens, lengths, out.size());
    const size_t n = tokens.size();
    const size_t d = c.embedding_length;
    const size_t q_dim = size_t(c.head_count) * c.head_dim;
    const size_t kv_dim = size_t(c.kv_head_count) * c.head_dim;
    const size_t ff = c.feed_forward_length;

    std::vector<int32_t> positions; // within each sequence
    for (uint32_t length : lengths)
        for (uint32_t i = 0; i < length; ++i)
            positions.push_back(int32_t(i));

    // Embedding: token, plus token type 0, plus the learned position (bert); then LayerNorm.
    std::vector<float> x(n * d), h(n * d);
    reference::get_rows(m_weights.token_embd->type, m_weights.token_embd->data, c.vocab_size, int64_t(d),
                        tokens, x.data());
    if (m_weights.token_types) {
        const std::vector<float> types = dequantize(m_weights.token_types);
        for (size_t t = 0; t < n; ++t)
            reference::add(x.data() + t * d, types.data(), x.data() + t * d, d);
    }
    if (m_weights.position_embd) {
        const GgufTensor& p = *m_weights.position_embd;
        reference::get_rows(p.type, p.data, p.rows(), int64_t(d), positions, h.data());
        reference::add(x.data(), h.data(), x.data(), x.size());
    }
    layer_norm(m_weights.token_embd_norm, m_weights.token_embd_norm_bias, x.data(), n, d, c.norm_epsilon);

    std::vector<float> q(n * q_dim), k(n * kv_dim), v(n * kv_dim), attn(n * q_dim), gate(n * ff), up(n * ff);
    for (uint32_t il = 0; il < c.layer_count; ++il) {
        const LayerWeights& w = m_weights.layers[il];

        // Attention over the sequence, both directions; output projection; residual; LayerNorm.
        if (w.attn_qkv) {
            project(*w.attn_qkv, x.data(), q.data(), n, 0, int64_t(q_dim));
            project(*w.attn_qkv, x.data(), k.data(), n, int64_t(q_dim), int64_t(kv_dim));
            project(*w.attn_qkv, x.data(), v.data(), n, int64_t(q_dim + kv_dim), int64_t(kv_dim));
        } else {
            linear(*w.attn_q, w.attn_q_bias, x.data(), q.data(), n);
            linear(*w.attn_k, w.attn_k_bias, x.data(), k.data(), n);
            linear(*w.attn_v, w.attn_v_bias, x.data(), v.data(), n);
        }
        if (!c.absolute_positions) {
            const reference::RopeParams rope = rope_params(c, c.layers[il]);
            reference::rope(q.data(), q.data(), n, c.head_count, positions.data(), rope);
            reference::rope(k.data(), k.data(), n, c.kv_head_count, positions.data(), rope);
        }
        for (size_t i = 0; i < k.size(); ++i) { // the GPU keeps keys and values in f16
            k[i] = reference::round_to_f16(k[i]);
            v[i] = reference::round_to_f16(v[i]);
        }
        reference::attention_bidirectional(q.data(), k.data(), v.data(), attn.data(), lengths,
                                           attention_params(c, c.layers[il]));
        linear(*w.attn_output, w.attn_output_bias, attn.data(), h.data(), n);
        reference::add(x.data(), h.data(), x.data(), x.size());
        layer_norm(w.attn_output_norm, w.attn_output_norm_bias, x.data(), n, d, c.norm_epsilon);

        // Feed-forward: GELU(up + bias) (bert) or SiLU(gate) * up (nomic); down; residual; LayerNorm.
        linear(*w.ffn_up, w.ffn_up_bias, x.data(), up.data(), n);
        if (w.ffn_gate) {
            linear(*w.ffn_gate, nullptr, x.data(), gate.data(), n);
            if (c.activation == Activation::Gelu)
                reference::gelu_gate(gate.data(), up.data(), up.data(), up.size());
            else
                reference::silu_gate(gate.data(), up.data(), up.data(), up.size());
        } else {
            reference::gelu(up.data(), up.data(), up.size());
        }
        linear(*w.ffn_down, w.ffn_down_bias, up.data(), h.data(), n);
        reference::add(x.data(), h.data(), x.data(), x.size());
        layer_norm(w.layer_output_norm, w.layer_output_norm_bias, x.data(), n, d, c.norm_epsilon);
    }
    reference::pool(x.data(), lengths, d, c.pooling, true, out.data());
}

} // namespace hearth
