#pragma once
// The GPU encoder: reference/encoder.cpp's steps, each an op recorded into one command buffer per
// batch shape (runtime/gpu_encoder.cpp).
#include "runtime/backend.h"

namespace hearth {

struct ModelConfig;
class GpuWeights;
namespace vulkan {
class Device;
}

// config and weights must outlive it.
std::unique_ptr<EncoderBackend> make_vulkan_encoder(vulkan::Device& device, const ModelConfig& config,
                                                    const GpuWeights& weights, uint32_t max_tokens);

} // namespace hearth
