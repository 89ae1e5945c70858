#pragma once
// The CPU oracle: plain, single-threaded f32 versions of every transformer op the GPU runs.
// They are written to be obviously right, never fast; GPU kernels and the reference forward pass
// are checked against them. Layouts are row-major and contiguous; `y` may alias `x` (in place)
// unless a comment says otherwise. Names follow the GGUF / shader names (one op, one name).
#include "hearth/weight_format.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hearth::reference {

// ---- normalisation -------------------------------------------------------------------------

// y[r][i] = x[r][i] / sqrt(mean_i(x[r]^2) + eps) * weight[i]   (weight may be null: no multiply)
void rms_norm(const float* x, const float* weight, float* y, size_t rows, size_t n, float eps);

// y[r][i] = (x[r][i] - mean) / sqrt(var + eps) * weight[i] + bias[i]   (weight, bias may be null)
void layer_norm(const float* x, const float* weight, const float* bias, float* y, size_t rows, size_t n,
                float eps);

// ---- rotary position embedding -------------------------------------------------------------

enum class RopeLayout {
    Normal, // rotates adjacent pairs (x[2i], x[2i+1])  (LLaMA as stored in GGUF)
    NeoX,   // rotates halves (x[i], x[i + rotary_dims/2])  (GPT-NeoX, Qwen, Phi, Gemma)
};

struct RopeParams {
    size_t head_dim = 0;    // elements per head
    size_t rotary_dims = 0; // the first rotary_dims (even, <= head_dim) rotate; the rest pass through
    RopeLayout layout = RopeLayout::Normal;
    float freq_base = 10000.0f;
    float freq_scale = 1.0f; // linear scaling: angle = position * freq_scale * frequency (1/factor)
    // Llama-3 frequency scaling (rope.scaling.type = llama3): long wavelengths are divided by
    // llama3_factor, short ones kept, the band between blended. Off when llama3_factor == 0.
    float llama3_factor = 0.0f;
    float llama3_low_freq_factor = 1.0f;
    float llama3_high_freq_factor = 4.0f;
    float llama3_original_context = 8192.0f;
    // Per-dimension frequency divisors (LongRoPE `rope_freqs` tensor), rotary_dims/2 values, or null.
    const float* freq_factors = nullptr;
};

// The angle frequency of rotary pair i (0 <= i < rotary_dims/2) after every scaling above except
// freq_scale: base^(-2i/rotary_dims), Llama-3 adjusted, divided by freq_factors[i].
double rope_frequency(const RopeParams& p, size_t i);

// x, y: tokens x heads x head_dim. positions: one per token.
void rope(const float* x, float* y, size_t tokens, size_t heads, const int32_t* positions,
          const RopeParams& p);

// ---- attention -----------------------------------------------------------------------------

struct AttentionParams {
    size_t head_dim = 0;
    size_t heads = 0;     // query heads
    size_t kv_heads = 0;  // key/value heads; heads % kv_heads == 0 (grouped-query attention)
    float scale = 0.0f;   // logit scale, usually 1/sqrt(head_dim)
    float softcap = 0.0f; // logit soft-capping: logit = softcap * tanh(logit / softcap); 0 = off
    size_t window = 0;    // sliding window: a query at position p sees keys j with p - j < window; 0 = off
};

// Causal attention of q_tokens queries at positions q_offset .. q_offset + q_tokens - 1 against
// the first kv_len cached keys/values (positions 0 .. kv_len-1; kv_len >= q_offset + q_tokens).
// q, out: q_tokens x heads x head_dim; k, v: kv_len x kv_heads x head_dim. out must not alias q.
void attention(const float* q, const float* k, const float* v, float* out, size_t q_tokens, size_t kv_len,
               size_t q_offset, const AttentionParams& p);

// Bidirectional attention of an encoder over a batch of sequences packed one after another:
// each token attends to every token of its own sequence (and no other: the mask between
// sequences). lengths: each sequence's token count; q, k, v, out: sum(lengths) x heads x
// head_dim (k, v with kv_heads). window and softcap are not used. out must not alias q.
void attention_bidirectional(const float* q, const float* k, const float* v, float* out,
                             const std::vector<uint32_t>& lengths, const AttentionParams& p);

// ---- pooling -------------------------------------------------------------------------------

// How an encoder turns a sequence's token vectors into one (GGUF `*.pooling_type`).
enum class Pooling {
    Mean, // the mean of all its tokens (nomic-embed, all-MiniLM)
    Cls,  // its first token, [CLS] (bge)
    Last, // its last token
};

// out[s] = the pooled rows of sequence s, divided by their L2 norm when `normalize`. x: the
// sequences' rows packed one after another (sum(lengths) x n); out: lengths.size() x n.
void pool(const float* x, const std::vector<uint32_t>& lengths, size_t n, Pooling pooling, bool normalize,
          float* out);

// ---- element-wise and fused ----------------------------------------------------------------

// y = silu(gate) * up, silu(g) = g / (1 + exp(-g))
void silu_gate(const float* gate, const float* up, float* y, size_t n);
// y = gelu(gate) * up, with GELU's tanh approximation
void gelu_gate(const float* gate, const float* up, float* y, size_t n);
float gelu(float x);
void gelu(const float* x, float* y, size_t n);
float silu(float x);

void add(const float* a, const float* b, float* y, size_t n);
void scale(const float* x, float factor, float* y, size_t n);
// Per row of n values: y = exp(x - max) / sum(exp(x - max)).
void softmax(const float* x, float* y, size_t rows, size_t n);
// y = cap * tanh(x / cap)   (final-logit soft-capping, Gemma 2)
void softcap(const float* x, float cap, float* y, size_t n);
// Index of the largest value; the first one on ties. n > 0.
size_t argmax(const float* x, size_t n);

// ---- half precision ------------------------------------------------------------------------

// x rounded to IEEE binary16 and back (the KV cache is stored in f16); the conversions are
// hearth::fp32_to_fp16 / fp16_to_fp32 from hearth/weight_format.h.
inline float round_to_f16(float x)
{
    return fp16_to_fp32(fp32_to_fp16(x));
}

} // namespace hearth::reference
