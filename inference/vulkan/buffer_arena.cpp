#include "vulkan/buffer_arena.h"

#include "hearth/error.h"
#include "vulkan/device.h"

#include <algorithm>

namespace hearth::vulkan {

BufferArena::BufferArena(Device& device, VkDeviceSize block_size, MemoryUsage usage)
    : m_device(device), m_usage(usage)
{
    const VkPhysicalDeviceLimits& limits = device.limits();
    m_alignment = std::max<VkDeviceSize>(
        {limits.minStorageBufferOffsetAlignment, limits.minUniformBufferOffsetAlignment, 16});
    m_block_size =
        std::max<VkDeviceSize>(std::min<VkDeviceSize>(block_size, limits.maxStorageBufferRange), 1);
}

BufferSlice BufferArena::allocate(VkDeviceSize bytes)
{
    if (bytes == 0)
        throw Error("cannot allocate an empty GPU buffer slice");
    if (bytes > m_block_size) { // a block of its own; the open block stays open
        m_dedicated.push_back(std::make_unique<Buffer>(m_device, bytes, m_usage));
        m_allocated += bytes;
        return m_dedicated.back()->slice();
    }
    VkDeviceSize start = (m_used_in_last + m_alignment - 1) / m_alignment * m_alignment;
    if (m_blocks.empty() || start + bytes > m_blocks.back()->size()) {
        m_blocks.push_back(std::make_unique<Buffer>(m_device, m_block_size, m_usage));
        m_used_in_last = start = 0;
    }
    m_allocated += start + bytes - m_used_in_last;
    m_used_in_last = start + bytes;
    return m_blocks.back()->slice(start, bytes);
}

} // namespace hearth::vulkan
