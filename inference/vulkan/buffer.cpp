#include "vulkan/buffer.h"

#include "hearth/error.h"
#include "hearth/memory_usage.h"
#include "vulkan/device.h"
#include "vulkan/fault_points.h"

#include <atomic>
#include <string>

namespace {

// Every device's buffers together; Device::allocated_bytes is one device's share.
std::atomic<uint64_t> g_bytes_in_use{0};

} // namespace

namespace hearth {

uint64_t device_memory_in_use()
{
    return g_bytes_in_use.load(std::memory_order_relaxed);
}

} // namespace hearth

namespace hearth::vulkan {

BufferSlice BufferSlice::sub(VkDeviceSize sub_offset, VkDeviceSize sub_size) const
{
    if (sub_offset > size || sub_size > size - sub_offset)
        throw Error("buffer slice [" + std::to_string(sub_offset) + ", +" + std::to_string(sub_size) +
                    ") lies outside a buffer of " + std::to_string(size) + " bytes");
    return {buffer, offset + sub_offset, sub_size};
}

Buffer::Buffer(Device& device, VkDeviceSize size, MemoryUsage usage) : m_device(&device), m_size(size)
{
    if (size == 0)
        throw Error("cannot create an empty GPU buffer");
    const Functions& vk = device.vk();
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = size;
    info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
                 VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT |
                 VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    check(vk.vkCreateBuffer(device.handle(), &info, nullptr, &m_buffer), "creating a GPU buffer");

    VkMemoryRequirements requirements{};
    vk.vkGetBufferMemoryRequirements(device.handle(), m_buffer, &requirements);
    VkMemoryPropertyFlags required = 0, preferred = 0, avoided = 0;
    switch (usage) {
    case MemoryUsage::DeviceLocal:
        preferred = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
        break;
    case MemoryUsage::Upload:
        required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
        preferred = VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
        break;
    case MemoryUsage::Readback:
        required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
        preferred = VK_MEMORY_PROPERTY_HOST_CACHED_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
        break;
    case MemoryUsage::SystemMemory:
        // Not the small device-local window a discrete GPU maps for the host (its BAR heap).
        required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
        preferred = VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
        avoided = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
        break;
    }
    const uint32_t type = device.memory_type(requirements.memoryTypeBits, required, preferred, avoided);
    VkMemoryAllocateInfo allocate{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    allocate.allocationSize = requirements.size;
    allocate.memoryTypeIndex = type;
    const VkResult result = allocation_fails_now()
                                ? VK_ERROR_OUT_OF_DEVICE_MEMORY
                                : vk.vkAllocateMemory(device.handle(), &allocate, nullptr, &m_memory);
    if (result == VK_ERROR_OUT_OF_DEVICE_MEMORY || result == VK_ERROR_OUT_OF_HOST_MEMORY) {
        vk.vkDestroyBuffer(device.handle(), m_buffer, nullptr);
        throw Error("the GPU (" + device.info().name + ") is out of memory allocating " +
                    std::to_string(size >> 20) + " MiB");
    }
    check(result, "allocating GPU memory");
    check(vk.vkBindBufferMemory(device.handle(), m_buffer, m_memory, 0), "binding GPU memory");
    m_allocated = requirements.size;
    device.track_allocation(int64_t(m_allocated));
    g_bytes_in_use.fetch_add(m_allocated, std::memory_order_relaxed);

    VkPhysicalDeviceMemoryProperties memory{};
    device.instance().functions().vkGetPhysicalDeviceMemoryProperties(device.physical_handle(), &memory);
    const VkMemoryPropertyFlags flags = memory.memoryTypes[type].propertyFlags;
    m_coherent = flags & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    if (usage != MemoryUsage::DeviceLocal)
        check(vk.vkMapMemory(device.handle(), m_memory, 0, VK_WHOLE_SIZE, 0, &m_mapped),
              "mapping GPU memory");
}

Buffer::Buffer(Buffer&& other) noexcept
    : m_device(other.m_device), m_buffer(other.m_buffer), m_memory(other.m_memory), m_size(other.m_size),
      m_mapped(other.m_mapped), m_coherent(other.m_coherent), m_allocated(other.m_allocated)
{
    other.m_buffer = VK_NULL_HANDLE;
    other.m_memory = VK_NULL_HANDLE;
    other.m_mapped = nullptr;
}

Buffer::~Buffer()
{
    const Functions& vk = m_device->vk();
    if (m_mapped)
        vk.vkUnmapMemory(m_device->handle(), m_memory);
    if (m_buffer)
        vk.vkDestroyBuffer(m_device->handle(), m_buffer, nullptr);
    if (m_memory) {
        vk.vkFreeMemory(m_device->handle(), m_memory, nullptr);
        m_device->track_allocation(-int64_t(m_allocated));
        g_bytes_in_use.fetch_sub(m_allocated, std::memory_order_relaxed);
    }
}

void Buffer::flush() const
{
    if (m_coherent || !m_mapped)
        return;
    VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
    range.memory = m_memory;
    range.size = VK_WHOLE_SIZE; // whole mapping: avoids nonCoherentAtomSize rounding
    check(m_device->vk().vkFlushMappedMemoryRanges(m_device->handle(), 1, &range), "flushing GPU memory");
}

void Buffer::invalidate() const
{
    if (m_coherent || !m_mapped)
        return;
    VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE};
    range.memory = m_memory;
    range.size = VK_WHOLE_SIZE;
    check(m_device->vk().vkInvalidateMappedMemoryRanges(m_device->handle(), 1, &range),
          "invalidating GPU memory");
}

} // namespace hearth::vulkan
