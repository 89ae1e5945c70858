#pragma once
// The hyper-parameters of a transformer and the few switches that tell the supported families
// apart, read only from a GGUF file's metadata (and tensor shapes). The forward passes are
// written once against this struct, one for the decoders (reference/forward.cpp,
// runtime/gpu_backend.cpp) and one for the BERT-family encoders that embed text
// (reference/encoder.cpp, runtime/gpu_encoder.cpp): an architecture is a row of data here, never
// a copied forward pass.
#include "reference/ops.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hearth {

class GgufFile;

enum class RopeStyle {
    Adjacent, // pairs (x[2i], x[2i+1]) rotate: llama as stored in GGUF
    Halves,   // pairs (x[i], x[i + d/2]) rotate: GPT-NeoX style (qwen, gemma, phi3)
};

enum class Activation { Silu, Gelu };

// How one layer attends: full causal or a sliding window, and with which RoPE frequencies.
struct LayerAttention {
    uint32_t window = 0; // 0: full causal attention
    float rope_base = 10000.0f;
    float rope_scale = 1.0f; // linear position scaling (1 / rope.scaling.factor)
};

struct ModelConfig {
    std::string architecture; // general.architecture, e.g. "llama"
    std::string name;         // general.name, or the architecture
    uint32_t vocab_size = 0;
    uint32_t context_length = 0; // the context the model was trained for
    uint32_t embedding_length = 0;
    uint32_t layer_count = 0;
    uint32_t head_count = 0;
    uint32_t kv_head_count = 0;
    uint32_t head_dim = 0; // per head, keys, queries and values alike
    uint32_t feed_forward_length = 0;
    float norm_epsilon = 1e-5f;

    // Rotary position embedding.
    RopeStyle rope_style = RopeStyle::Adjacent;
    uint32_t rope_dims = 0; // leading dims of each head that rotate
    // LongRoPE (phi3): the long factors apply when the session's context exceeds this length.
    uint32_t rope_original_context = 0;
    float rope_attention_factor = 1.0f; // LongRoPE magnitude correction of the rotated q and k
    // Llama-3 frequency scaling given as metadata (most files carry it as the rope_freqs tensor).
    float llama3_factor = 0.0f;
    float llama3_low_freq_factor = 1.0f;
    float llama3_high_freq_factor = 4.0f;
    float llama3_original_context = 8192.0f;

    // Attention.
    float attention_scale = 0.0f;   // multiplies q·k
    float attention_softcap = 0.0f; // 0: off
    std::vector<LayerAttention> layers;

    // Feed-forward and the rest.
    Activation activation = Activation::Silu;
    float embedding_scale = 1.0f; // the token embedding is multiplied by this (gemma: sqrt(d))
    float final_softcap = 0.0f;   // 0: off

    // What the weights must contain (checked when they are bound).
    bool qkv_bias = false;   // attn_q/k/v.bias (qwen2)
    bool qk_norm = false;    // per-head RMS norm of q and k (qwen3, gemma3)
    bool post_norms = false; // post_attention_norm and post_ffw_norm (gemma2/3)
    bool gated_ffn = true;   // activation(gate) * up; false: activation(up + bias) (bert)

    // Encoders (bert, nomic-bert): bidirectional attention over each sequence, LayerNorm after
    // each residual, and one pooled, L2-normalised vector per sequence instead of logits.
    bool causal = true;              // false: an encoder (`*.attention.causal`)
    bool absolute_positions = false; // position_embd added to the input (bert) instead of RoPE
    reference::Pooling pooling = reference::Pooling::Mean; // `*.pooling_type`
};

// Reads the config; throws Error for an unsupported architecture (naming it and the supported
// ones) or missing or inconsistent hyper-parameters.
ModelConfig read_model_config(const GgufFile& file);

// "llama, qwen2, qwen3, gemma2, gemma3, phi3, bert, nomic-bert"
const std::vector<std::string>& supported_architectures();

} // namespace hearth
