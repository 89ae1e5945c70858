#pragma once
// A model's weights in GPU memory: uploaded straight from the mapped GGUF file through the
// device's staging buffer in chunks (no second copy of the model in RAM), sub-allocated from a
// few large buffers, device-local up to the plan's budget and host-visible after it.
#include "hearth/engine.h"
#include "ops/weight_matrix.h"
#include "runtime/memory_plan.h"
#include "vulkan/buffer.h"

#include <memory>
#include <vector>

namespace hearth {

struct ModelConfig;
struct ModelWeights;
struct GgufTensor;

namespace vulkan {
class Device;
}

// One layer's tensors. Matrices are stored as in the file; vectors (norms, biases) as f32.
// Absent optional ones are empty. Q, K and V (and gate and up) sit next to each other in
// memory whenever they share a format, so a one-token pass multiplies them as one matrix
// (attn_qkv, ffn_gate_up: rows of q, k, v / gate, up, in that order); those are empty when the
// formats differ. The parts are row ranges of the fused matrix.
struct GpuLayer {
    vulkan::BufferSlice attn_norm, attn_q_bias, attn_k_bias, attn_v_bias, attn_q_norm, attn_k_norm;
    vulkan::BufferSlice attn_post_norm, ffn_norm, ffn_post_norm;
    ops::WeightMatrix attn_q, attn_k, attn_v, attn_output, ffn_gate, ffn_up, ffn_down;
    ops::WeightMatrix attn_qkv, ffn_gate_up;
    // Encoders (see LayerWeights).
    vulkan::BufferSlice attn_output_bias, ffn_up_bias, ffn_down_bias;
    vulkan::BufferSlice attn_output_norm, attn_output_norm_bias, layer_output_norm, layer_output_norm_bias;
};

class GpuWeights {
public:
    // Throws Error("loading cancelled") when `progress` returns false.
    GpuWeights(vulkan::Device& device, const ModelConfig& config, const ModelWeights& weights,
               const MemoryPlan& plan, const ProgressCallback& progress);
    ~GpuWeights();

    ops::WeightMatrix token_embd, output;
    vulkan::BufferSlice output_norm;
    // Encoders: token types (f32, row 0 first), learned positions, the embedding LayerNorm.
    vulkan::BufferSlice token_types, token_embd_norm, token_embd_norm_bias;
    ops::WeightMatrix position_embd;
    std::vector<GpuLayer> layers;

    // The RoPE frequency factors for a session of `context` tokens (ModelWeights::rope_factors),
    // or an empty slice.
    vulkan::BufferSlice rope_factors(uint32_t context) const;

    // Bytes placed in host-visible memory because device memory was short.
    uint64_t host_visible_bytes() const { return m_host_visible_bytes; }

private:
    struct Arena {
        std::unique_ptr<vulkan::Buffer> buffer;
        bool device_local;
        uint64_t used;
    };
    vulkan::BufferSlice allocate(uint64_t bytes);
    vulkan::BufferSlice put(const void* data, uint64_t bytes);
    void upload(const vulkan::BufferSlice& slice, const void* data, uint64_t bytes);
    ops::WeightMatrix matrix(const GgufTensor* tensor);
    // The tensors (same format and row length) uploaded back to back as one matrix; empty
    // when they differ.
    ops::WeightMatrix fused(std::initializer_list<const GgufTensor*> tensors);
    vulkan::BufferSlice vector(const GgufTensor* tensor);

    vulkan::Device& m_device;
    const ModelConfig& m_config;
    const ModelWeights& m_weights;
    ProgressCallback m_progress; // during the upload only
    uint64_t m_device_local_budget;
    uint64_t m_total_bytes;
    uint64_t m_uploaded_bytes = 0;
    uint64_t m_device_local_bytes = 0;
    uint64_t m_host_visible_bytes = 0;
    std::vector<Arena> m_arenas;
    vulkan::BufferSlice m_rope_factors_long, m_rope_factors_short;
};

} // namespace hearth
