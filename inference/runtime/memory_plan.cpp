#include "runtime/memory_plan.h"

#include "arch/model_config.h"
#include "arch/model_weights.h"
#include "hearth/error.h"
#include "hearth/gguf.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace hearth {

MemoryNeeds estimate_memory(const ModelConfig& c, const ModelWeights& w)
{
    std::set<const GgufTensor*> tensors = {w.token_embd, w.output_norm,       w.output,
                                           w.rope_freqs, w.rope_factors_long, w.rope_factors_short};
    for (const LayerWeights& l : w.layers)
        tensors.insert({l.attn_norm, l.attn_q, l.attn_k, l.attn_v, l.attn_qkv, l.attn_q_bias, l.attn_k_bias,
                        l.attn_v_bias, l.attn_q_norm, l.attn_k_norm, l.attn_output, l.attn_post_norm, l.ffn_norm,
                        l.ffn_gate, l.ffn_up, l.ffn_down, l.ffn_post_norm, l.attn_output_bias, l.ffn_up_bias,
                        l.ffn_down_bias, l.attn_output_norm, l.attn_output_norm_bias, l.layer_output_norm,
                        l.layer_output_norm_bias});
    tensors.insert({w.token_types, w.position_embd, w.token_embd_norm, w.token_embd_norm_bias});
    tensors.erase(nullptr);

    MemoryNeeds needs;
    for (const GgufTensor* t : tensors) // vectors are widened to f32 on upload; matrices stay as stored
        needs.weights += t->dims.size() == 1 || t == w.token_types ? uint64_t(t->elements()) * 4 : t->bytes;
    const uint32_t context = std::min(c.context_length, kPlannedContext);
    needs.kv_cache = c.causal ? kv_cache_bytes(c, context) : 0; // an encoder keeps no cache
    needs.activations = activation_bytes(c, std::min(kPlannedBatch, context));
    return needs;
}

uint64_t activation_bytes(const ModelConfig& c, uint32_t batch)
{
    const uint64_t q_dim = uint64_t(c.head_count) * c.head_dim, kv_dim = uint64_t(c.kv_head_count) * c.head_dim;
    const uint64_t per_token = 2 * uint64_t(c.embedding_length) + std::max<uint64_t>(c.embedding_length, q_dim) +
                               2 * q_dim + 2 * kv_dim + 2 * uint64_t(c.feed_forward_length);
    return batch * per_token * 4 + uint64_t(c.vocab_size) * 4;
}

uint64_t kv_cache_bytes(const ModelConfig& c, uint32_t context)
{
    return 2 * uint64_t(c.layer_count) * context * c.kv_head_count * c.head_dim * 2; // keys and values, f16
}

MemoryPlan plan_memory(const MemoryNeeds& needs, const DeviceMemory& memory, const std::string& device_name)
{
    const uint64_t session = needs.kv_cache + needs.activations;
    const uint64_t needed = needs.weights + session;
    if (needed > memory.device_local + memory.host_visible)
        throw Error("the model needs " + format_gigabytes(needed) + " of GPU memory (weights " +
                    format_gigabytes(needs.weights) + ", a 4096-token context and its buffers " +
                    format_gigabytes(session) + ") but " + device_name + " has " +
                    format_gigabytes(memory.device_local) + " of its own and " +
                    format_gigabytes(memory.host_visible) +
                    " of shared memory; choose a smaller model or a smaller quantization");
    // The display and other programs use part of a GPU's memory too: plan with 90% of it.
    const uint64_t usable = memory.device_local - memory.device_local / 10;
    if (session > usable)
        throw Error("the context of this model needs " + format_gigabytes(session) + " but " + device_name +
                    " has only " + format_gigabytes(memory.device_local) + " of its own memory");
    MemoryPlan plan;
    plan.needs = needs;
    plan.device_local_weight_budget = std::min(needs.weights, usable - session);
    return plan;
}

std::string format_gigabytes(uint64_t bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f GB", double(bytes) / 1e9);
    return text;
}

} // namespace hearth
