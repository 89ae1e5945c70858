// The GPU encoder: the steps of reference/encoder.cpp, each an op recorded into one command
// buffer for the batch's shape and submitted once. Sequences are packed one after another; each
// token's key span (its own sequence) is the attention mask, each sequence's (first row, length)
// the pooling's. Keys and values go through f16, as in the decoder's cache.
#include "runtime/gpu_encoder.h"

#include "arch/layer_params.h"
#include "arch/model_config.h"
#include "hearth/error.h"
#include "ops/attention.h"
#include "ops/elementwise.h"
#include "ops/get_rows.h"
#include "ops/matmul.h"
#include "ops/matvec.h"
#include "ops/norm.h"
#include "ops/pool.h"
#include "ops/rope.h"
#include "reference/encoder.h"
#include "runtime/gpu_weights.h"
#include "vulkan/device.h"
#include "vulkan/recorder.h"

#include <cstring>

namespace hearth {
namespace {

using vulkan::Buffer;
using vulkan::BufferSlice;
using vulkan::MemoryUsage;

class VulkanEncoder : public EncoderBackend {
  public:
    VulkanEncoder(vulkan::Device& device, const ModelConfig& config, const GpuWeights& weights,
                  uint32_t max_tokens);

    uint32_t max_tokens() const override { return m_max_tokens; }
    void encode(std::span<const int32_t> tokens, const std::vector<uint32_t>& lengths,
                std::span<float> out) override;

  private:
    void record(uint32_t n, uint32_t sequences);
    void record_layer(uint32_t il, uint32_t n);
    // y = x W^T (+ bias) for n tokens.
    void linear(const ops::WeightMatrix& w, const BufferSlice& bias, const BufferSlice& x,
                const BufferSlice& y, uint32_t n);
    BufferSlice rows(const Buffer& buffer, uint32_t n, uint32_t width, uint32_t element = 4) const
    {
        return buffer.slice(0, (uint64_t(n) * width * element + 3) / 4 * 4);
    }

    vulkan::Device& m_device;
    const ModelConfig& m_config;
    const GpuWeights& m_weights;
    uint32_t m_max_tokens;
    uint32_t m_q_dim, m_kv_dim;
    std::unique_ptr<Buffer> m_x, m_h, m_q, m_k, m_v, m_k16, m_v16, m_attn, m_gate, m_up;
    std::unique_ptr<Buffer> m_ids, m_positions, m_spans, m_sequences, m_out;
    vulkan::Recorder m_recorder;
};

std::unique_ptr<Buffer> make_buffer(vulkan::Device& device, uint64_t bytes,
                                    MemoryUsage usage = MemoryUsage::DeviceLocal)
{
    return std::make_unique<Buffer>(device, std::max<uint64_t>((bytes + 3) / 4 * 4, 16), usage);
}

VulkanEncoder::VulkanEncoder(vulkan::Device& device, const ModelConfig& config, const GpuWeights& weights,
                             uint32_t max_tokens)
    : m_device(device), m_config(config), m_weights(weights), m_max_tokens(max_tokens),
      m_q_dim(config.head_count * config.head_dim), m_kv_dim(config.kv_head_count * config.head_dim),
      m_recorder(device)
{
    if (max_tokens == 0)
        throw Error("an encoder batch needs room for at least one token");
    const uint64_t n = max_tokens, d = config.embedding_length, ff = config.feed_forward_length;
    m_x = make_buffer(device, n * d * 4);
    m_h = make_buffer(device, n * d * 4);
    m_q = make_buffer(device, n * m_q_dim * 4);
    m_k = make_buffer(device, n * m_kv_dim * 4);
    m_v = make_buffer(device, n * m_kv_dim * 4);
    m_k16 = make_buffer(device, n * m_kv_dim * 2);
    m_v16 = make_buffer(device, n * m_kv_dim * 2);
    m_attn = make_buffer(device, n * m_q_dim * 4);
    m_up = make_buffer(device, n * ff * 4);
    if (config.gated_ffn)
        m_gate = make_buffer(device, n * ff * 4);
    m_ids = make_buffer(device, n * 4, MemoryUsage::Upload);
    m_positions = make_buffer(device, n * 4, MemoryUsage::Upload);
    m_spans = make_buffer(device, n * 8, MemoryUsage::Upload);
    m_sequences = make_buffer(device, n * 8, MemoryUsage::Upload); // at most one sequence per token
    m_out = make_buffer(device, n * d * 4, MemoryUsage::Readback);
}

void VulkanEncoder::encode(std::span<const int32_t> tokens, const std::vector<uint32_t>& lengths,
                           std::span<float> out)
{
    check_encoder_batch(m_config, tokens, lengths, out.size());
    const uint32_t n = uint32_t(tokens.size()), count = uint32_t(lengths.size());
    if (n > m_max_tokens)
        throw Error("the batch holds " + std::to_string(n) + " tokens, the encoder takes " +
                    std::to_string(m_max_tokens));
    auto* ids = static_cast<int32_t*>(m_ids->mapped());
    auto* positions = static_cast<int32_t*>(m_positions->mapped());
    auto* spans = static_cast<uint32_t*>(m_spans->mapped());
    auto* sequences = static_cast<uint32_t*>(m_sequences->mapped());
    uint32_t first = 0;
    for (uint32_t s = 0; s < count; ++s) {
        sequences[2 * s] = first;
        sequences[2 * s + 1] = lengths[s];
        for (uint32_t i = 0; i < lengths[s]; ++i) {
            ids[first + i] = tokens[first + i];
            positions[first + i] = int32_t(i);
            spans[2 * (first + i)] = first;
            spans[2 * (first + i) + 1] = first + lengths[s];
        }
        first += lengths[s];
    }
    for (const auto& buffer : {&m_ids, &m_positions, &m_spans, &m_sequences})
        (*buffer)->flush();
    m_recorder.reset();
    record(n, count);
    m_recorder.submit_and_wait();
    m_out->invalidate();
    std::memcpy(out.data(), m_out->mapped(), size_t(count) * m_config.embedding_length * 4);
}

void VulkanEncoder::linear(const ops::WeightMatrix& w, const BufferSlice& bias, const BufferSlice& x,
                           const BufferSlice& y, uint32_t n)
{
    if (n == 1)
        ops::matvec(m_recorder, w, x, y);
    else
        ops::matmul(m_recorder, w, x, y, n);
    if (bias.buffer)
        ops::add_row(m_recorder, y, bias, y, n, w.rows);
}

void VulkanEncoder::record(uint32_t n, uint32_t sequences)
{
    const ModelConfig& c = m_config;
    const uint32_t d = c.embedding_length;
    vulkan::Recorder& r = m_recorder;
    const BufferSlice x = rows(*m_x, n, d), h = rows(*m_h, n, d);

    // Embedding: token + token type 0 + learned position (bert), then LayerNorm.
    ops::get_rows(r, m_weights.token_embd, rows(*m_ids, n, 1), x, n);
    if (m_weights.token_types.buffer)
        ops::add_row(r, x, m_weights.token_types.sub(0, uint64_t(d) * 4), x, n, d);
    if (m_weights.position_embd.rows) {
        ops::get_rows(r, m_weights.position_embd, rows(*m_positions, n, 1), h, n);
        ops::add(r, x, h, x, uint64_t(n) * d);
    }
    ops::layer_norm(r, x, m_weights.token_embd_norm, m_weights.token_embd_norm_bias, x, n, d, c.norm_epsilon);
    for (uint32_t il = 0; il < c.layer_count; ++il)
        record_layer(il, n);
    ops::pool(r, x, rows(*m_sequences, sequences, 2), rows(*m_out, sequences, d), sequences, d, c.pooling,
              true);
}

void VulkanEncoder::record_layer(uint32_t il, uint32_t n)
{
    const ModelConfig& c = m_config;
    const GpuLayer& w = m_weights.layers[il];
    vulkan::Recorder& r = m_recorder;
    const uint32_t d = c.embedding_length, ff = c.feed_forward_length;
    const BufferSlice x = rows(*m_x, n, d), h = rows(*m_h, n, d), attn = rows(*m_attn, n, m_q_dim);
    const BufferSlice q = rows(*m_q, n, m_q_dim), k = rows(*m_k, n, m_kv_dim), v = rows(*m_v, n, m_kv_dim);
    const BufferSlice k16 = rows(*m_k16, n, m_kv_dim, 2), v16 = rows(*m_v16, n, m_kv_dim, 2);
    const BufferSlice positions = rows(*m_positions, n, 1);

    // Attention within each sequence, both directions; output projection; residual; LayerNorm.
    linear(w.attn_q, w.attn_q_bias, x, q, n);
    linear(w.attn_k, w.attn_k_bias, x, k, n);
    linear(w.attn_v, w.attn_v_bias, x, v, n);
    if (!c.absolute_positions) {
        const reference::RopeParams rope = rope_params(c, c.layers[il]);
        ops::rope(r, q, positions, {}, q, n, c.head_count, rope);
        ops::rope(r, k, positions, {}, k16, n, c.kv_head_count, rope, 0, true);
    } else {
        ops::copy_to_f16(r, k, k16, uint64_t(n) * m_kv_dim);
    }
    ops::copy_to_f16(r, v, v16, uint64_t(n) * m_kv_dim);
    ops::attention_bidirectional(r, q, k16, v16, attn, rows(*m_spans, n, 2), n,
                                 attention_params(c, c.layers[il]));
    linear(w.attn_output, w.attn_output_bias, attn, h, n);
    ops::add(r, x, h, x, uint64_t(n) * d);
    ops::layer_norm(r, x, w.attn_output_norm, w.attn_output_norm_bias, x, n, d, c.norm_epsilon);

    // Feed-forward: GELU(up + bias) or SiLU(gate) * up; down; residual; LayerNorm.
    const BufferSlice up = rows(*m_up, n, ff);
    linear(w.ffn_up, w.ffn_up_bias, x, up, n);
    if (w.ffn_gate.rows) {
        const BufferSlice gate = rows(*m_gate, n, ff);
        linear(w.ffn_gate, {}, x, gate, n);
        if (c.activation == Activation::Gelu)
            ops::gelu_gate(r, gate, up, up, uint64_t(n) * ff);
        else
            ops::silu_gate(r, gate, up, up, uint64_t(n) * ff);
    } else {
        ops::gelu(r, up, up, uint64_t(n) * ff);
    }
    linear(w.ffn_down, w.ffn_down_bias, up, h, n);
    ops::add(r, x, h, x, uint64_t(n) * d);
    ops::layer_norm(r, x, w.layer_output_norm, w.layer_output_norm_bias, x, n, d, c.norm_epsilon);
}

} // namespace

std::unique_ptr<EncoderBackend> make_vulkan_encoder(vulkan::Device& device, const ModelConfig& config,
                                                    const GpuWeights& weights, uint32_t max_tokens)
{
    return std::make_unique<VulkanEncoder>(device, config, weights, max_tokens);
}

} // namespace hearth
