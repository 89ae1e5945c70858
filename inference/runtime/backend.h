#pragma once
// What a compute device offers the runtime: weights placed on it (ModelBackend) and, per session,
// a forward pass with its own KV cache (SessionBackend), or for an encoder (an embedding model)
// a pass over a batch of sequences (EncoderBackend). Session, Embedder, Model and the generation
// loop are written once against these; the CPU reference and the Vulkan path implement them.
#include "hearth/engine.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace hearth {

class SessionBackend {
public:
    virtual ~SessionBackend() = default;
    // Runs `tokens` at positions start.. (the cache holds positions < start) and writes the
    // logits after the last one into `logits` (vocab_size values).
    virtual void forward(std::span<const int32_t> tokens, uint32_t start, std::span<float> logits) = 0;
    // The cache's contents for positions [0, count), opaque bytes for save/restore.
    virtual std::vector<uint8_t> save_cache(uint32_t count) const = 0;
    virtual void restore_cache(std::span<const uint8_t> bytes, uint32_t count) = 0;
};

class EncoderBackend {
  public:
    virtual ~EncoderBackend() = default;
    // The most tokens one encode() takes, all its sequences together.
    virtual uint32_t max_tokens() const = 0;
    // tokens: sequences packed one after another, lengths: their token counts (as
    // ReferenceEncoder::encode); writes one pooled, L2-normalised embedding per sequence into out.
    virtual void encode(std::span<const int32_t> tokens, const std::vector<uint32_t>& lengths,
                        std::span<float> out) = 0;
};

class ModelBackend {
public:
    virtual ~ModelBackend() = default;
    // `batch`: the most tokens one forward() call gets. Decoders only.
    virtual std::unique_ptr<SessionBackend> create_session(uint32_t context, uint32_t batch) = 0;
    // Encoders only.
    virtual std::unique_ptr<EncoderBackend> create_encoder(uint32_t max_tokens) = 0;
    virtual std::string device_name() const = 0;
    // Weight bytes left in system memory because the device's own was short (0: none).
    virtual uint64_t system_memory_bytes() const { return 0; }
    // Device memory the plan leaves for more sessions (no limit on the CPU reference).
    virtual uint64_t free_session_memory() const { return UINT64_MAX; }
    // Names the cache layout, so a saved state is never restored into another kind of cache.
    virtual std::string cache_format() const = 0;
};

} // namespace hearth

#include "runtime/memory_plan.h"

namespace hearth {

struct ModelConfig;
struct ModelWeights;
namespace vulkan {
class Device;
}

// The CPU reference (reference/forward.h); config and weights must outlive it.
std::unique_ptr<ModelBackend> make_reference_backend(const ModelConfig& config, const ModelWeights& weights);

// The Vulkan forward pass (runtime/gpu_backend.cpp): uploads the weights as `plan` places them,
// reporting progress (which may cancel the load); config and weights must outlive it.
std::unique_ptr<ModelBackend> make_vulkan_backend(vulkan::Device& device, const ModelConfig& config,
                                                  const ModelWeights& weights, const MemoryPlan& plan,
                                                  const ProgressCallback& progress);
// The device's memory heaps as plan_memory counts them.
DeviceMemory device_memory(const vulkan::Device& device);

} // namespace hearth
