#pragma once
// GPU buffers. Ops and the recorder take BufferSlice (a buffer, an offset, a size), never a
// Buffer, so weights can later be sub-allocated from a few large allocations without changing
// any kernel call.
#include "vulkan/functions.h"

namespace hearth::vulkan {

class Device;

// A byte range of one VkBuffer, as a shader binding sees it.
struct BufferSlice {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceSize offset = 0;
    VkDeviceSize size = 0;

    // The sub-range [offset, offset + size) of this slice (bounds-checked).
    BufferSlice sub(VkDeviceSize offset, VkDeviceSize size) const;
    bool overlaps(const BufferSlice& other) const
    {
        return buffer == other.buffer && offset < other.offset + other.size && other.offset < offset + size;
    }
};

enum class MemoryUsage {
    DeviceLocal, // fastest for the GPU; filled by Device::upload
    Upload,      // host-visible, for staging data to the GPU
    Readback,    // host-visible and cached, for reading results back
    SystemMemory, // host-visible system RAM the GPU reads over the bus (weights that do not fit)
};

class Buffer {
  public:
    Buffer(Device& device, VkDeviceSize size, MemoryUsage usage);
    ~Buffer();
    Buffer(Buffer&& other) noexcept;
    Buffer& operator=(Buffer&&) = delete;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    VkBuffer handle() const { return m_buffer; }
    VkDeviceSize size() const { return m_size; }
    BufferSlice slice() const { return {m_buffer, 0, m_size}; }
    BufferSlice slice(VkDeviceSize offset, VkDeviceSize size) const
    {
        return this->slice().sub(offset, size);
    }
    // Host pointer to the contents, or null when the memory is not host-visible.
    void* mapped() const { return m_mapped; }
    // Makes host writes visible to the GPU / GPU writes visible to the host (non-coherent memory).
    void flush() const;
    void invalidate() const;

  private:
    const Device* m_device;
    VkBuffer m_buffer = VK_NULL_HANDLE;
    VkDeviceMemory m_memory = VK_NULL_HANDLE;
    VkDeviceSize m_size = 0;
    void* m_mapped = nullptr;
    bool m_coherent = true;
    VkDeviceSize m_allocated = 0; // bytes of device memory bound to m_buffer
};

} // namespace hearth::vulkan
