#include "arch/model_weights.h"

#include "hearth/error.h"
#include "hearth/gguf.h"

namespace hearth {
namespace {

class Binder {
public:
    explicit Binder(const GgufFile& file) : m_file(file) {}

    // A tensor that must exist, with the given shape (ggml order: row length first).
    const GgufTensor* need(const std::string& name, std::vector<int64_t> dims) const
    {
        const GgufTensor* tensor = m_file.find_tensor(name);
        if (!tensor)
            throw Error(m_file.path() + ": the model has no tensor " + name + "; the file is incomplete or not a " +
                        "model of its stated architecture");
        check(*tensor, dims);
        return tensor;
    }

    const GgufTensor* optional(const std::string& name, std::vector<int64_t> dims) const
    {
        const GgufTensor* tensor = m_file.find_tensor(name);
        if (tensor)
            check(*tensor, dims);
        return tensor;
    }

private:
    void check(const GgufTensor& tensor, const std::vector<int64_t>& dims) const
    {
        std::vector<int64_t> actual = tensor.dims;
        while (actual.size() > dims.size() && actual.back() == 1)
            actual.pop_back();
        if (actual != dims) {
            const auto text = [](const std::vector<int64_t>& d) {
                std::string s;
                for (int64_t v : d)
                    s += (s.empty() ? "" : " x ") + std::to_string(v);
                return s;
            };
            throw Error(m_file.path() + ": tensor " + tensor.name + " has shape " + text(tensor.dims) +
                        ", the model's hyper-parameters need " + text(dims));
        }
    }

    const GgufFile& m_file;
};

} // namespace

const GgufTensor* ModelWeights::rope_factors(const ModelConfig& config, uint32_t context) const
{
    if (rope_factors_long && context > config.rope_original_context)
        return rope_factors_long;
    return rope_factors_short ? rope_factors_short : rope_freqs;
}

namespace {

// The BERT-family layout (llama.cpp's names): the embedding LayerNorm, then per layer attention
// (separate q/k/v with biases, or fused attn_qkv), its output, the LayerNorm after the residual,
// the FFN (gated or with biases) and the LayerNorm after its residual.
ModelWeights bind_encoder_weights(const Binder& bind, const ModelConfig& c)
{
    const int64_t d = c.embedding_length;
    const int64_t q_dim = int64_t(c.head_count) * c.head_dim;
    const int64_t kv_dim = int64_t(c.kv_head_count) * c.head_dim;
    const int64_t ff = c.feed_forward_length;
    ModelWeights w;
    w.token_embd = bind.need("token_embd.weight", {d, c.vocab_size});
    w.token_types = bind.optional("token_types.weight", {d, 2});
    if (!w.token_types)
        w.token_types = bind.optional("token_types.weight", {d});
    if (c.absolute_positions)
        w.position_embd = bind.need("position_embd.weight", {d, c.context_length});
    w.token_embd_norm = bind.need("token_embd_norm.weight", {d});
    w.token_embd_norm_bias = bind.optional("token_embd_norm.bias", {d});
    w.layers.resize(c.layer_count);
    for (uint32_t i = 0; i < c.layer_count; ++i) {
        LayerWeights& l = w.layers[i];
        const std::string p = "blk." + std::to_string(i) + ".";
        l.attn_qkv = bind.optional(p + "attn_qkv.weight", {d, q_dim + 2 * kv_dim});
        if (!l.attn_qkv) {
            l.attn_q = bind.need(p + "attn_q.weight", {d, q_dim});
            l.attn_k = bind.need(p + "attn_k.weight", {d, kv_dim});
            l.attn_v = bind.need(p + "attn_v.weight", {d, kv_dim});
        }
        if (c.qkv_bias) {
            l.attn_q_bias = bind.need(p + "attn_q.bias", {q_dim});
            l.attn_k_bias = bind.need(p + "attn_k.bias", {kv_dim});
            l.attn_v_bias = bind.need(p + "attn_v.bias", {kv_dim});
        }
        l.attn_output = bind.need(p + "attn_output.weight", {q_dim, d});
        l.attn_output_bias = bind.optional(p + "attn_output.bias", {d});
        l.attn_output_norm = bind.need(p + "attn_output_norm.weight", {d});
        l.attn_output_norm_bias = bind.optional(p + "attn_output_norm.bias", {d});
        if (c.gated_ffn)
            l.ffn_gate = bind.need(p + "ffn_gate.weight", {d, ff});
        l.ffn_up = bind.need(p + "ffn_up.weight", {d, ff});
        l.ffn_up_bias = bind.optional(p + "ffn_up.bias", {ff});
        l.ffn_down = bind.need(p + "ffn_down.weight", {ff, d});
        l.ffn_down_bias = bind.optional(p + "ffn_down.bias", {d});
        l.layer_output_norm = bind.need(p + "layer_output_norm.weight", {d});
        l.layer_output_norm_bias = bind.optional(p + "layer_output_norm.bias", {d});
    }
    return w;
}

} // namespace

ModelWeights bind_model_weights(const GgufFile& file, const ModelConfig& c)
{
    const Binder bind(file);
    if (!c.causal)
        return bind_encoder_weights(bind, c);
    const int64_t d = c.embedding_length;
    const int64_t q_dim = int64_t(c.head_count) * c.head_dim;
    const int64_t kv_dim = int64_t(c.kv_head_count) * c.head_dim;
    const int64_t ff = c.feed_forward_length;

    ModelWeights w;
    w.token_embd = bind.need("token_embd.weight", {d, c.vocab_size});
    w.output_norm = bind.need("output_norm.weight", {d});
    w.output = bind.optional("output.weight", {d, c.vocab_size});
    if (!w.output)
        w.output = w.token_embd;
    w.rope_freqs = bind.optional("rope_freqs.weight", {c.rope_dims / 2});
    w.rope_factors_long = bind.optional("rope_factors_long.weight", {c.rope_dims / 2});
    w.rope_factors_short = bind.optional("rope_factors_short.weight", {c.rope_dims / 2});

    w.layers.resize(c.layer_count);
    for (uint32_t i = 0; i < c.layer_count; ++i) {
        LayerWeights& l = w.layers[i];
        const std::string p = "blk." + std::to_string(i) + ".";
        l.attn_norm = bind.need(p + "attn_norm.weight", {d});
        l.attn_qkv = bind.optional(p + "attn_qkv.weight", {d, q_dim + 2 * kv_dim});
        if (!l.attn_qkv) {
            l.attn_q = bind.need(p + "attn_q.weight", {d, q_dim});
            l.attn_k = bind.need(p + "attn_k.weight", {d, kv_dim});
            l.attn_v = bind.need(p + "attn_v.weight", {d, kv_dim});
        }
        if (c.qkv_bias) {
            l.attn_q_bias = bind.need(p + "attn_q.bias", {q_dim});
            l.attn_k_bias = bind.need(p + "attn_k.bias", {kv_dim});
            l.attn_v_bias = bind.need(p + "attn_v.bias", {kv_dim});
        }
        if (c.qk_norm) {
            l.attn_q_norm = bind.need(p + "attn_q_norm.weight", {c.head_dim});
            l.attn_k_norm = bind.need(p + "attn_k_norm.weight", {c.head_dim});
        }
        l.attn_output = bind.need(p + "attn_output.weight", {q_dim, d});
        l.ffn_norm = bind.need(p + "ffn_norm.weight", {d});
        l.ffn_gate = bind.optional(p + "ffn_gate.weight", {d, ff});
        l.ffn_up = bind.need(p + "ffn_up.weight", {d, l.ffn_gate ? ff : 2 * ff});
        l.ffn_down = bind.need(p + "ffn_down.weight", {ff, d});
        if (c.post_norms) {
            l.attn_post_norm = bind.need(p + "post_attention_norm.weight", {d});
            l.ffn_post_norm = bind.need(p + "post_ffw_norm.weight", {d});
        }
    }
    return w;
}

} // namespace hearth
