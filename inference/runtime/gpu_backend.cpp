// The GPU forward pass: the steps of reference/forward.cpp, each an op recorded into one command
// buffer. A prefill batch is recorded for its shape and submitted once; the decode step is
// recorded once per session and submitted again for every token, its position and cache length
// read on the GPU from small host-written buffers. The KV cache is f16, [position][kv_head][head_dim]
// per layer.
#include "arch/layer_params.h"
#include "arch/model_config.h"
#include "arch/model_weights.h"
#include "hearth/error.h"
#include "ops/attention.h"
#include "ops/elementwise.h"
#include "ops/get_rows.h"
#include "ops/matmul.h"
#include "ops/matvec.h"
#include "ops/norm.h"
#include "ops/rope.h"
#include "runtime/backend.h"
#include "runtime/gpu_encoder.h"
#include "runtime/gpu_weights.h"
#include "vulkan/device.h"
#include "vulkan/recorder.h"

#include <cstring>

namespace hearth {
namespace {

using vulkan::Buffer;
using vulkan::BufferSlice;
using vulkan::MemoryUsage;

class VulkanModel : public ModelBackend {
public:
    VulkanModel(vulkan::Device& device, const ModelConfig& config, const ModelWeights& weights,
                const MemoryPlan& plan, const ProgressCallback& progress)
        : device(device), config(config), weights(device, config, weights, plan, progress)
    {
        device.release_staging();
    }

    std::unique_ptr<SessionBackend> create_session(uint32_t context, uint32_t batch) override;
    std::unique_ptr<EncoderBackend> create_encoder(uint32_t max_tokens) override
    {
        return make_vulkan_encoder(device, config, weights, max_tokens);
    }
    std::string device_name() const override { return device.info().name; }
    uint64_t system_memory_bytes() const override { return weights.host_visible_bytes(); }
    uint64_t free_session_memory() const override;
    std::string cache_format() const override { return "vulkan-f16"; }

    vulkan::Device& device;
    const ModelConfig& config;
    GpuWeights weights;
};

// The buffers of one session: its KV cache and the activations of a batch of tokens.
class VulkanSession : public SessionBackend {
public:
    VulkanSession(VulkanModel& model, uint32_t context, uint32_t batch);
    void forward(std::span<const int32_t> tokens, uint32_t start, std::span<float> logits) override;
    std::vector<uint8_t> save_cache(uint32_t count) const override;
    void restore_cache(std::span<const uint8_t> bytes, uint32_t count) override;

private:
    // Records the whole pass for n tokens at `start`; with `step`, the one-token pass that reads
    // its position from m_positions and its cache length from m_step (valid for any position).
    void record(vulkan::Recorder& r, uint32_t n, uint32_t start, bool step);
    void record_layer(vulkan::Recorder& r, uint32_t il, uint32_t n, uint32_t start, bool step);
    void project(vulkan::Recorder& r, const ops::WeightMatrix& w, const BufferSlice& in, const BufferSlice& out,
                 uint32_t n);
    uint64_t cache_bytes(uint32_t positions) const { return uint64_t(positions) * m_kv_dim * 2; }

    VulkanModel& m_model;
    const ModelConfig& m_config;
    uint32_t m_context;
    uint32_t m_batch;
    uint32_t m_q_dim, m_kv_dim;
    BufferSlice m_rope_factors;
    std::vector<std::unique_ptr<Buffer>> m_keys, m_values; // per layer
    // Where q, k, v (and gate, up) of n tokens lie in their shared buffer: one after the other,
    // at aligned offsets, so that for one token they are exactly a fused matrix's output.
    struct Packed {
        BufferSlice all;
        std::vector<BufferSlice> parts;
    };
    Packed pack(const Buffer& buffer, uint32_t n, std::initializer_list<uint32_t> widths) const;
    bool contiguous(uint32_t width) const { return uint64_t(width) * 4 % m_alignment == 0; }

    uint64_t m_alignment;
    std::unique_ptr<Buffer> m_x, m_h, m_qkv, m_attn, m_gate_up, m_scratch;
    std::unique_ptr<Buffer> m_ids, m_positions, m_step, m_logits;
    vulkan::Recorder m_prefill, m_decode;
    bool m_decode_recorded = false;
};

std::unique_ptr<Buffer> make_buffer(vulkan::Device& device, uint64_t bytes, MemoryUsage usage = MemoryUsage::DeviceLocal)
{
    return std::make_unique<Buffer>(device, std::max<uint64_t>(bytes, 16), usage);
}

std::unique_ptr<SessionBackend> VulkanModel::create_session(uint32_t context, uint32_t batch)
{
    try {
        return std::make_unique<VulkanSession>(*this, context, batch);
    } catch (const DeviceLostError&) {
        throw; // not a matter of size: the engine must be made anew
    } catch (const Error& e) {
        throw Error("a context of " + std::to_string(context) + " tokens needs " +
                    format_gigabytes(kv_cache_bytes(config, context)) +
                    " for its cache next to the model on " + device.info().name + " (" + e.what() +
                    "); choose a shorter context length");
    }
}

VulkanSession::VulkanSession(VulkanModel& model, uint32_t context, uint32_t batch)
    : m_model(model), m_config(model.config), m_context(context), m_batch(std::min(batch, context)),
      m_q_dim(model.config.head_count * model.config.head_dim),
      m_kv_dim(model.config.kv_head_count * model.config.head_dim),
      m_rope_factors(model.weights.rope_factors(context)),
      m_alignment(std::max<uint64_t>(model.device.limits().minStorageBufferOffsetAlignment, 4)),
      m_prefill(model.device), m_decode(model.device)
{
    const ModelConfig& c = m_config;
    vulkan::Device& device = model.device;
    for (uint32_t i = 0; i < c.layer_count; ++i) {
        m_keys.push_back(make_buffer(device, cache_bytes(context)));
        m_values.push_back(make_buffer(device, cache_bytes(context)));
    }
    const uint64_t b = m_batch;
    m_x = make_buffer(device, b * c.embedding_length * 4);
    m_h = make_buffer(device, b * std::max(c.embedding_length, m_q_dim) * 4);
    m_qkv = make_buffer(device, b * (m_q_dim + 2 * m_kv_dim) * 4 + 2 * m_alignment);
    m_attn = make_buffer(device, b * m_q_dim * 4);
    m_gate_up = make_buffer(device, b * 2 * c.feed_forward_length * 4 + m_alignment);
    m_scratch = make_buffer(device, ops::attention_scratch_bytes(device, attention_params(c, c.layers[0]), context));
    m_ids = make_buffer(device, b * 4, MemoryUsage::Upload);
    m_positions = make_buffer(device, b * 4, MemoryUsage::Upload);
    m_step = make_buffer(device, 8, MemoryUsage::Upload);
    m_logits = make_buffer(device, uint64_t(c.vocab_size) * 4, MemoryUsage::Readback);
}

VulkanSession::Packed VulkanSession::pack(const Buffer& buffer, uint32_t n, std::initializer_list<uint32_t> widths) const
{
    Packed packed;
    uint64_t at = 0;
    for (uint32_t width : widths) {
        at = (at + m_alignment - 1) / m_alignment * m_alignment;
        packed.parts.push_back(buffer.slice(at, uint64_t(n) * width * 4));
        at += uint64_t(n) * width * 4;
    }
    packed.all = buffer.slice(0, at);
    return packed;
}

void VulkanSession::project(vulkan::Recorder& r, const ops::WeightMatrix& w, const BufferSlice& in,
                            const BufferSlice& out, uint32_t n)
{
    if (n == 1)
        ops::matvec(r, w, in, out);
    else
        ops::matmul(r, w, in, out, n);
}

void VulkanSession::forward(std::span<const int32_t> tokens, uint32_t start, std::span<float> logits)
{
    const ModelConfig& c = m_config;
    const uint32_t n = uint32_t(tokens.size());
    if (n == 0 || n > m_batch || start + n > m_context || logits.size() < c.vocab_size)
        throw Error("the tokens do not fit in the session's batch or context");
    auto* ids = static_cast<int32_t*>(m_ids->mapped());
    auto* positions = static_cast<int32_t*>(m_positions->mapped());
    for (uint32_t t = 0; t < n; ++t) {
        if (tokens[t] < 0 || uint32_t(tokens[t]) >= c.vocab_size)
            throw Error("token id " + std::to_string(tokens[t]) + " is outside the vocabulary");
        ids[t] = tokens[t];
        positions[t] = int32_t(start + t);
    }
    m_ids->flush();
    m_positions->flush();

    if (n == 1) {
        auto* step = static_cast<uint32_t*>(m_step->mapped());
        step[0] = start + 1; // cache length after this token
        step[1] = start;     // its position
        m_step->flush();
        if (!m_decode_recorded) {
            record(m_decode, 1, start, true);
            m_decode_recorded = true;
        }
        m_decode.submit_and_wait();
    } else {
        m_prefill.reset();
        record(m_prefill, n, start, false);
        m_prefill.submit_and_wait();
    }
    m_logits->invalidate();
    std::memcpy(logits.data(), m_logits->mapped(), size_t(c.vocab_size) * 4);
}

void VulkanSession::record(vulkan::Recorder& r, uint32_t n, uint32_t start, bool step)
{
    const ModelConfig& c = m_config;
    const uint32_t d = c.embedding_length;
    const BufferSlice x = m_x->slice(0, uint64_t(n) * d * 4);
    ops::get_rows(r, m_model.weights.token_embd, m_ids->slice(0, uint64_t(n) * 4), x, n);
    if (c.embedding_scale != 1.0f)
        ops::scale(r, x, c.embedding_scale, x, uint64_t(n) * d);
    for (uint32_t il = 0; il < c.layer_count; ++il)
        record_layer(r, il, n, start, step);

    // Final norm and the output projection, of the last token only.
    const BufferSlice last = m_h->slice(0, uint64_t(d) * 4);
    r.copy(x.sub(uint64_t(n - 1) * d * 4, uint64_t(d) * 4), last);
    ops::rms_norm(r, last, m_model.weights.output_norm, last, 1, d, c.norm_epsilon);
    const BufferSlice out = m_logits->slice(0, uint64_t(c.vocab_size) * 4);
    ops::matvec(r, m_model.weights.output, last, out);
    if (c.final_softcap != 0.0f)
        ops::softcap(r, out, c.final_softcap, out, c.vocab_size);
}

void VulkanSession::record_layer(vulkan::Recorder& r, uint32_t il, uint32_t n, uint32_t start, bool step)
{
    const ModelConfig& c = m_config;
    const GpuLayer& w = m_model.weights.layers[il];
    const LayerAttention& layer = c.layers[il];
    const uint32_t d = c.embedding_length, hd = c.head_dim, ff = c.feed_forward_length;
    const BufferSlice x = m_x->slice(0, uint64_t(n) * d * 4), h = m_h->slice(0, uint64_t(n) * d * 4);
    const BufferSlice attn = m_attn->slice(0, uint64_t(n) * m_q_dim * 4);
    const Packed qkv = pack(*m_qkv, n, {m_q_dim, m_kv_dim, m_kv_dim});
    const BufferSlice q = qkv.parts[0], k = qkv.parts[1], v = qkv.parts[2];
    const Packed gate_up = pack(*m_gate_up, n, {ff, ff});
    const BufferSlice gate = gate_up.parts[0], up = gate_up.parts[1];
    const BufferSlice positions = m_positions->slice(0, uint64_t(n) * 4);
    const BufferSlice k_cache = m_keys[il]->slice(), v_cache = m_values[il]->slice();

    // Attention block: norm, projections (+ bias, + per-head norm), RoPE with the keys written
    // straight into the f16 cache, values into the cache, attention, output, residual.
    ops::rms_norm(r, x, w.attn_norm, h, n, d, c.norm_epsilon);
    if (n == 1 && w.attn_qkv.rows && contiguous(m_q_dim) && contiguous(m_kv_dim)) {
        ops::matvec(r, w.attn_qkv, h, qkv.all);
    } else {
        project(r, w.attn_q, h, q, n);
        project(r, w.attn_k, h, k, n);
        project(r, w.attn_v, h, v, n);
    }
    if (w.attn_q_bias.buffer) {
        ops::add_row(r, q, w.attn_q_bias, q, n, m_q_dim);
        ops::add_row(r, k, w.attn_k_bias, k, n, m_kv_dim);
        ops::add_row(r, v, w.attn_v_bias, v, n, m_kv_dim);
    }
    if (w.attn_q_norm.buffer) {
        ops::rms_norm(r, q, w.attn_q_norm, q, n * c.head_count, hd, c.norm_epsilon);
        ops::rms_norm(r, k, w.attn_k_norm, k, n * c.kv_head_count, hd, c.norm_epsilon);
    }
    const reference::RopeParams rope = rope_params(c, layer);
    const reference::AttentionParams params = attention_params(c, layer);
    ops::rope(r, q, positions, m_rope_factors, q, n, c.head_count, rope);
    if (step) {
        ops::rope_into_cache(r, k, positions, m_rope_factors, k_cache, 1, c.kv_head_count, rope, m_kv_dim);
        ops::copy_rows_to_f16(r, v, positions, v_cache, 1, m_kv_dim, m_kv_dim);
        ops::attention_decode_step(r, q, k_cache, v_cache, attn, m_scratch->slice(), m_step->slice(), m_context,
                                   m_kv_dim, params);
    } else {
        ops::rope(r, k, positions, m_rope_factors, k_cache, n, c.kv_head_count, rope, uint64_t(start) * m_kv_dim,
                  true);
        ops::copy_to_f16(r, v, v_cache, uint64_t(n) * m_kv_dim, uint64_t(start) * m_kv_dim);
        ops::AttentionShape shape;
        shape.q_tokens = n;
        shape.kv_len = start + n;
        shape.q_offset = start;
        ops::attention(r, q, k_cache, v_cache, attn, m_scratch->slice(), shape, params);
    }
    project(r, w.attn_output, attn, h, n);
    if (w.attn_post_norm.buffer)
        ops::rms_norm(r, h, w.attn_post_norm, h, n, d, c.norm_epsilon);
    ops::add(r, x, h, x, uint64_t(n) * d);

    // Feed-forward block: norm, gated activation, down projection (+ post-norm), residual.
    ops::rms_norm(r, x, w.ffn_norm, h, n, d, c.norm_epsilon);
    if (n == 1 && w.ffn_gate_up.rows && contiguous(ff)) {
        ops::matvec(r, w.ffn_gate_up, h, gate_up.all);
    } else {
        project(r, w.ffn_gate, h, gate, n);
        project(r, w.ffn_up, h, up, n);
    }
    if (c.activation == Activation::Gelu)
        ops::gelu_gate(r, gate, up, gate, uint64_t(n) * ff);
    else
        ops::silu_gate(r, gate, up, gate, uint64_t(n) * ff);
    project(r, w.ffn_down, gate, h, n);
    if (w.ffn_post_norm.buffer)
        ops::rms_norm(r, h, w.ffn_post_norm, h, n, d, c.norm_epsilon);
    ops::add(r, x, h, x, uint64_t(n) * d);
}

std::vector<uint8_t> VulkanSession::save_cache(uint32_t count) const
{
    const uint64_t bytes = cache_bytes(count);
    std::vector<uint8_t> state(2 * bytes * m_keys.size());
    for (size_t il = 0; bytes > 0 && il < m_keys.size(); ++il) {
        m_model.device.download(m_keys[il]->slice(), state.data() + 2 * bytes * il, bytes);
        m_model.device.download(m_values[il]->slice(), state.data() + 2 * bytes * il + bytes, bytes);
    }
    m_model.device.release_staging();
    return state;
}

void VulkanSession::restore_cache(std::span<const uint8_t> state, uint32_t count)
{
    const uint64_t bytes = cache_bytes(count);
    if (count > m_context || state.size() != 2 * bytes * m_keys.size())
        throw Error("the saved session state does not match this model and context");
    for (size_t il = 0; bytes > 0 && il < m_keys.size(); ++il) {
        m_model.device.upload(m_keys[il]->slice(), state.data() + 2 * bytes * il, bytes);
        m_model.device.upload(m_values[il]->slice(), state.data() + 2 * bytes * il + bytes, bytes);
    }
    m_model.device.release_staging();
}

uint64_t VulkanModel::free_session_memory() const
{
    // The plan's share of the device's own memory (see plan_memory), less all Hearth holds.
    const uint64_t usable = device_memory(device).device_local / 10 * 9;
    const uint64_t allocated = device.allocated_bytes();
    return usable > allocated ? usable - allocated : 0;
}

} // namespace

std::unique_ptr<ModelBackend> make_vulkan_backend(vulkan::Device& device, const ModelConfig& config,
                                                  const ModelWeights& weights, const MemoryPlan& plan,
                                                  const ProgressCallback& progress)
{
    return std::make_unique<VulkanModel>(device, config, weights, plan, progress);
}

DeviceMemory device_memory(const vulkan::Device& device)
{
    DeviceMemory memory;
    for (const MemoryHeap& heap : device.info().heaps)
        (heap.device_local ? memory.device_local : memory.host_visible) += heap.size;
    return memory;
}

} // namespace hearth
