#pragma once
// What Hearth holds on the GPU right now, for the soak tests and diagnostics: the bytes of every
// live buffer on every device (weights, KV caches, scratch), as allocated from Vulkan.
#include <cstdint>

namespace hearth {

uint64_t device_memory_in_use();

} // namespace hearth
