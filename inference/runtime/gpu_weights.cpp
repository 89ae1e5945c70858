#include "runtime/gpu_weights.h"

#include "arch/model_config.h"
#include "arch/model_weights.h"
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/weight_format.h"
#include "vulkan/device.h"

#include <algorithm>

namespace hearth {
namespace {

constexpr uint64_t kArenaBytes = uint64_t(256) << 20;
constexpr uint64_t kUploadChunk = uint64_t(16) << 20; // also the staging buffer's size

uint64_t round_up(uint64_t value, uint64_t multiple)
{
    return (value + multiple - 1) / multiple * multiple;
}

// Rows [first, first + count) of a fused matrix as a matrix of its own, in the same memory.
ops::WeightMatrix row_range(const ops::WeightMatrix& fused, uint32_t first, uint32_t count)
{
    ops::WeightMatrix part = fused;
    const uint64_t row_bytes = hearth::row_bytes(fused.type, fused.k);
    part.rows = count;
    part.data = fused.data.sub(first * row_bytes, round_up(count * row_bytes, 4));
    return part;
}

} // namespace

GpuWeights::GpuWeights(vulkan::Device& device, const ModelConfig& c, const ModelWeights& w, const MemoryPlan& plan,
                       const ProgressCallback& progress)
    : m_device(device), m_config(c), m_weights(w), m_progress(progress),
      m_device_local_budget(plan.device_local_weight_budget), m_total_bytes(std::max<uint64_t>(plan.needs.weights, 1))
{
    token_embd = matrix(w.token_embd);
    layers.resize(c.layer_count);
    const uint32_t q_dim = c.head_count * c.head_dim, kv_dim = c.kv_head_count * c.head_dim;
    const uint32_t ff = c.feed_forward_length;
    for (uint32_t i = 0; i < c.layer_count; ++i) {
        const LayerWeights& lw = w.layers[i];
        GpuLayer& g = layers[i];
        g.attn_norm = vector(lw.attn_norm);
        g.attn_qkv = lw.attn_qkv ? matrix(lw.attn_qkv) : fused({lw.attn_q, lw.attn_k, lw.attn_v});
        if (g.attn_qkv.rows) {
            g.attn_q = row_range(g.attn_qkv, 0, q_dim);
            g.attn_k = row_range(g.attn_qkv, q_dim, kv_dim);
            g.attn_v = row_range(g.attn_qkv, q_dim + kv_dim, kv_dim);
        } else {
            g.attn_q = matrix(lw.attn_q);
            g.attn_k = matrix(lw.attn_k);
            g.attn_v = matrix(lw.attn_v);
        }
        g.attn_q_bias = vector(lw.attn_q_bias);
        g.attn_k_bias = vector(lw.attn_k_bias);
        g.attn_v_bias = vector(lw.attn_v_bias);
        g.attn_q_norm = vector(lw.attn_q_norm);
        g.attn_k_norm = vector(lw.attn_k_norm);
        g.attn_output = matrix(lw.attn_output);
        g.attn_post_norm = vector(lw.attn_post_norm);
        g.ffn_norm = vector(lw.ffn_norm);
        if (!c.gated_ffn) {
            g.ffn_up = matrix(lw.ffn_up);
        } else {
            g.ffn_gate_up = lw.ffn_gate ? fused({lw.ffn_gate, lw.ffn_up}) : matrix(lw.ffn_up);
            if (g.ffn_gate_up.rows) {
                g.ffn_gate = row_range(g.ffn_gate_up, 0, ff);
                g.ffn_up = row_range(g.ffn_gate_up, ff, ff);
            } else {
                g.ffn_gate = matrix(lw.ffn_gate);
                g.ffn_up = matrix(lw.ffn_up);
            }
        }
        g.ffn_down = matrix(lw.ffn_down);
        g.ffn_post_norm = vector(lw.ffn_post_norm);
        g.attn_output_bias = vector(lw.attn_output_bias);
        g.ffn_up_bias = vector(lw.ffn_up_bias);
        g.ffn_down_bias = vector(lw.ffn_down_bias);
        g.attn_output_norm = vector(lw.attn_output_norm);
        g.attn_output_norm_bias = vector(lw.attn_output_norm_bias);
        g.layer_output_norm = vector(lw.layer_output_norm);
        g.layer_output_norm_bias = vector(lw.layer_output_norm_bias);
    }
    token_types = vector(w.token_types);
    position_embd = matrix(w.position_embd);
    token_embd_norm = vector(w.token_embd_norm);
    token_embd_norm_bias = vector(w.token_embd_norm_bias);
    output_norm = vector(w.output_norm);
    output = w.output == w.token_embd ? token_embd : matrix(w.output); // empty for encoders
    m_rope_factors_long = vector(w.rope_factors_long);
    m_rope_factors_short = vector(w.rope_factors_short ? w.rope_factors_short : w.rope_freqs);
    m_progress = nullptr;
}

GpuWeights::~GpuWeights() = default;

vulkan::BufferSlice GpuWeights::rope_factors(uint32_t context) const
{
    const GgufTensor* chosen = m_weights.rope_factors(m_config, context);
    if (!chosen)
        return {};
    return chosen == m_weights.rope_factors_long ? m_rope_factors_long : m_rope_factors_short;
}

vulkan::BufferSlice GpuWeights::allocate(uint64_t bytes)
{
    bytes = round_up(bytes, 4);
    // Once one tensor spilled, the rest follow, so whole layers stay together.
    const bool device_local = m_host_visible_bytes == 0 && m_device_local_bytes + bytes <= m_device_local_budget;
    const uint64_t alignment = std::max<uint64_t>(m_device.limits().minStorageBufferOffsetAlignment, 256);
    Arena* arena = nullptr;
    for (Arena& candidate : m_arenas)
        if (candidate.device_local == device_local && candidate.used + bytes <= candidate.buffer->size())
            arena = &candidate;
    if (!arena) {
        const auto usage = device_local ? vulkan::MemoryUsage::DeviceLocal : vulkan::MemoryUsage::SystemMemory;
        m_arenas.push_back({std::make_unique<vulkan::Buffer>(m_device, std::max(bytes, kArenaBytes), usage),
                            device_local, 0});
        arena = &m_arenas.back();
    }
    const vulkan::BufferSlice slice = arena->buffer->slice(arena->used, bytes);
    arena->used = round_up(arena->used + bytes, alignment);
    (device_local ? m_device_local_bytes : m_host_visible_bytes) += bytes;
    return slice;
}

vulkan::BufferSlice GpuWeights::put(const void* data, uint64_t bytes)
{
    const vulkan::BufferSlice slice = allocate(bytes);
    upload(slice, data, bytes);
    return slice;
}

void GpuWeights::upload(const vulkan::BufferSlice& slice, const void* data, uint64_t bytes)
{
    for (uint64_t at = 0; at < bytes; at += kUploadChunk) {
        const uint64_t chunk = std::min(kUploadChunk, bytes - at);
        m_device.upload(slice.sub(at, std::min(round_up(chunk, 4), slice.size - at)),
                        static_cast<const uint8_t*>(data) + at, chunk);
        m_uploaded_bytes += chunk;
        if (m_progress && !m_progress(std::min(1.0, double(m_uploaded_bytes) / double(m_total_bytes))))
            throw Error("loading cancelled");
    }
}

ops::WeightMatrix GpuWeights::matrix(const GgufTensor* tensor)
{
    ops::WeightMatrix m;
    if (!tensor)
        return m;
    m.type = tensor->type;
    m.k = uint32_t(tensor->dims[0]);
    m.rows = uint32_t(tensor->rows());
    m.data = put(tensor->data, tensor->bytes);
    return m;
}

ops::WeightMatrix GpuWeights::fused(std::initializer_list<const GgufTensor*> tensors)
{
    const GgufTensor& first = **tensors.begin();
    uint64_t bytes = 0, rows = 0;
    for (const GgufTensor* t : tensors) {
        if (t->type != first.type || t->dims[0] != first.dims[0])
            return {};
        bytes += t->bytes;
        rows += uint64_t(t->rows());
    }
    ops::WeightMatrix m;
    m.type = first.type;
    m.k = uint32_t(first.dims[0]);
    m.rows = uint32_t(rows);
    m.data = allocate(bytes);
    uint64_t at = 0;
    for (const GgufTensor* t : tensors) {
        upload(m.data.sub(at, std::min(round_up(t->bytes, 4), m.data.size - at)), t->data, t->bytes);
        at += t->bytes;
    }
    return m;
}

vulkan::BufferSlice GpuWeights::vector(const GgufTensor* tensor)
{
    if (!tensor)
        return {};
    std::vector<float> values(size_t(tensor->elements()));
    dequantize_row(tensor->type, tensor->data, values.data(), tensor->elements());
    return put(values.data(), values.size() * sizeof(float));
}

} // namespace hearth
