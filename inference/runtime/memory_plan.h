#pragma once
// Before a model is uploaded: how much memory it and a session need, and where its weights go.
// Kept apart from the upload so the arithmetic can be tested with any device's numbers.
#include <cstdint>
#include <string>

namespace hearth {

struct ModelConfig;
struct ModelWeights;

struct MemoryNeeds {
    uint64_t weights = 0;     // as the GPU holds them (vectors widened to f32)
    uint64_t kv_cache = 0;    // one session of the default context
    uint64_t activations = 0; // one session's batch buffers and logits
};

// What the device offers: memory the GPU reads fastest, and system memory it reads over the bus
// (a heap that is both, as on integrated GPUs, counts as device-local).
struct DeviceMemory {
    uint64_t device_local = 0;
    uint64_t host_visible = 0;
};

struct MemoryPlan {
    MemoryNeeds needs;
    // Weights beyond this many bytes (in upload order: embedding, then layer by layer) are
    // placed in host-visible memory; everything else stays device-local.
    uint64_t device_local_weight_budget = 0;
    bool spills() const { return needs.weights > device_local_weight_budget; }
};

// The default session the estimate assumes (SessionOptions' defaults).
constexpr uint32_t kPlannedContext = 4096;
constexpr uint32_t kPlannedBatch = 256;

MemoryNeeds estimate_memory(const ModelConfig& config, const ModelWeights& weights);

// Bytes of the f16 KV cache of a session of `context` tokens.
uint64_t kv_cache_bytes(const ModelConfig& config, uint32_t context);

// Bytes of a session's batch buffers and logits.
uint64_t activation_bytes(const ModelConfig& config, uint32_t batch);

// Keeps the cache and activations device-local and as many weights as fit after them in 90% of
// the device's own memory (the display and other programs need some); throws
// Error giving needed vs available bytes when even both kinds of memory together are too small.
MemoryPlan plan_memory(const MemoryNeeds& needs, const DeviceMemory& memory, const std::string& device_name);

// "1.25 GB"
std::string format_gigabytes(uint64_t bytes);

} // namespace hearth
