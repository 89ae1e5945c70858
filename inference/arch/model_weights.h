#pragma once
// The tensors of a model, found by their GGUF names and checked against the config's shapes.
// Pointers into the GgufFile (mapped, never copied); absent optional tensors are null.
#include "arch/model_config.h"

#include <vector>

namespace hearth {

class GgufFile;
struct GgufTensor;

struct LayerWeights {
    const GgufTensor* attn_norm = nullptr;
    const GgufTensor* attn_q = nullptr; // null when attn_qkv holds q, k and v (phi3)
    const GgufTensor* attn_k = nullptr;
    const GgufTensor* attn_v = nullptr;
    const GgufTensor* attn_qkv = nullptr;
    const GgufTensor* attn_q_bias = nullptr;
    const GgufTensor* attn_k_bias = nullptr;
    const GgufTensor* attn_v_bias = nullptr;
    const GgufTensor* attn_q_norm = nullptr;
    const GgufTensor* attn_k_norm = nullptr;
    const GgufTensor* attn_output = nullptr;
    const GgufTensor* attn_post_norm = nullptr;
    const GgufTensor* ffn_norm = nullptr;
    const GgufTensor* ffn_gate = nullptr; // null when ffn_up holds gate and up (phi3)
    const GgufTensor* ffn_up = nullptr;
    const GgufTensor* ffn_down = nullptr;
    const GgufTensor* ffn_post_norm = nullptr;

    // Encoders: biases of the output and FFN projections (bert), and the LayerNorms after the
    // attention and the FFN residual (weights and biases) that replace attn_norm and ffn_norm.
    const GgufTensor* attn_output_bias = nullptr;
    const GgufTensor* ffn_up_bias = nullptr;
    const GgufTensor* ffn_down_bias = nullptr;
    const GgufTensor* attn_output_norm = nullptr;
    const GgufTensor* attn_output_norm_bias = nullptr;
    const GgufTensor* layer_output_norm = nullptr;
    const GgufTensor* layer_output_norm_bias = nullptr;
};

struct ModelWeights {
    const GgufTensor* token_embd = nullptr;
    const GgufTensor* output_norm = nullptr; // decoders only, as is output
    const GgufTensor* output = nullptr;      // token_embd when the model ties them
    // Encoders: the token-type embeddings (row 0 is added: every token is of "sentence A"), the
    // learned positions (bert) and the LayerNorm of the embedded input.
    const GgufTensor* token_types = nullptr;
    const GgufTensor* position_embd = nullptr;
    const GgufTensor* token_embd_norm = nullptr;
    const GgufTensor* token_embd_norm_bias = nullptr;
    const GgufTensor* rope_freqs = nullptr;        // Llama-3 per-frequency divisors
    const GgufTensor* rope_factors_long = nullptr; // LongRoPE (phi3)
    const GgufTensor* rope_factors_short = nullptr;
    std::vector<LayerWeights> layers;

    // The RoPE frequency divisors for a session of `context` tokens, or null.
    const GgufTensor* rope_factors(const ModelConfig& config, uint32_t context) const;
};

// Throws Error naming the first missing or misshapen tensor.
ModelWeights bind_model_weights(const GgufFile& file, const ModelConfig& config);

} // namespace hearth
