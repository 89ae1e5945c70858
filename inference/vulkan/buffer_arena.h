#pragma once
// Sub-allocates buffer slices from a few large device buffers, so a model's hundreds of tensors
// share a handful of VkDeviceMemory allocations (drivers cap the count, often at 4096, and each
// allocation costs time). A bump allocator: slices live as long as the arena; there is no free.
#include "vulkan/buffer.h"

#include <memory>
#include <vector>

namespace hearth::vulkan {

class BufferArena {
  public:
    // Blocks are block_size bytes (clamped to what one shader binding may see); a slice larger
    // than that gets a buffer of its own.
    explicit BufferArena(Device& device, VkDeviceSize block_size = 256ull << 20,
                         MemoryUsage usage = MemoryUsage::DeviceLocal);

    // A slice of `bytes`, its offset aligned for binding as a storage or uniform buffer.
    BufferSlice allocate(VkDeviceSize bytes);

    VkDeviceSize allocated_bytes() const { return m_allocated; } // including alignment padding
    size_t block_count() const { return m_blocks.size() + m_dedicated.size(); }

  private:
    Device& m_device;
    VkDeviceSize m_block_size;
    VkDeviceSize m_alignment;
    MemoryUsage m_usage;
    std::vector<std::unique_ptr<Buffer>> m_blocks;    // shared by small slices; the last one is open
    std::vector<std::unique_ptr<Buffer>> m_dedicated; // one slice larger than a block each
    VkDeviceSize m_used_in_last = 0;
    VkDeviceSize m_allocated = 0;
};

} // namespace hearth::vulkan
