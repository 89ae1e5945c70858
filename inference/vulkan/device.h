#pragma once
// One opened Vulkan device: its single compute queue, command pool, pipeline cache, and the
// synchronous transfers (staging upload, readback) used outside the token loop.
#include "vulkan/buffer.h"
#include "vulkan/instance.h"
#include "vulkan/pipeline.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace hearth::vulkan {

class Device {
  public:
    // Opens the device `request` names (see hearth::choose_device: "" = best, or $HEARTH_DEVICE).
    explicit Device(std::string_view request = {});
    ~Device();
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;

    const Functions& vk() const { return m_functions; }
    VkDevice handle() const { return m_device; }
    VkPhysicalDevice physical_handle() const { return m_physical.handle; }
    VkQueue queue() const { return m_queue; }
    VkCommandPool command_pool() const { return m_command_pool; }
    VkPipelineCache pipeline_cache() const { return m_pipeline_cache; }
    const DeviceInfo& info() const { return m_physical.info; }
    const VkPhysicalDeviceLimits& limits() const { return m_limits; }
    Instance& instance() { return *m_instance; }
    const Instance& instance() const { return *m_instance; }

    uint32_t subgroup_size() const { return m_physical.info.subgroup_size; }
    bool subgroup_arithmetic() const { return m_physical.info.subgroup_arithmetic; }
    // Makes ops pick their shared-memory fallbacks, as on a device without subgroup arithmetic
    // (so tests cover both paths on one device).
    void disable_subgroup_arithmetic() { m_physical.info.subgroup_arithmetic = false; }
    // Lowers maxStorageBufferRange, as on a device with a smaller limit (tests of buffer splitting).
    void limit_storage_buffer_range(uint32_t bytes) { m_limits.maxStorageBufferRange = bytes; }
    // Nanoseconds per timestamp tick; 0 when the compute queue cannot write timestamps.
    double timestamp_period_ns() const { return m_timestamp_period_ns; }
    // Bytes of device memory this device's buffers hold now (what a model load/unload must give
    // back); Buffer keeps it current.
    uint64_t allocated_bytes() const { return m_allocated_bytes; }
    void track_allocation(int64_t bytes) const { m_allocated_bytes += uint64_t(bytes); }
    // The allowed memory type with the `required` flags and, among those, the most `preferred`
    // and fewest `avoided` ones (the first on ties).
    uint32_t memory_type(uint32_t allowed_types, VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred,
                         VkMemoryPropertyFlags avoided = 0) const;

    // The pipeline for (shader, specialization constants, push-constant size), created on first
    // use through the pipeline cache and kept for the device's lifetime.
    const Pipeline& pipeline(const PipelineDesc& desc);
    // Pipeline-cache contents, for saving to disk between runs; load them back with
    // load_pipeline_cache before the first pipeline is created.
    std::vector<uint8_t> pipeline_cache_data() const;
    void load_pipeline_cache(const std::vector<uint8_t>& data);

    // Synchronous copies between host memory and a buffer slice, through a staging buffer when
    // the buffer is not host-visible. Not for the token loop: each waits for the GPU.
    void upload(const BufferSlice& destination, const void* data, VkDeviceSize bytes);
    void download(const BufferSlice& source, void* data, VkDeviceSize bytes);
    // Frees the staging buffer those keep between calls (after a model's upload).
    void release_staging() { m_staging.reset(); }

    // Runs `record` on a fresh command buffer, submits it and waits.
    template <typename Record> void run_now(Record record);

  private:
    VkCommandBuffer begin_one_time();
    void submit_one_time(VkCommandBuffer command_buffer);
    Buffer& staging(VkDeviceSize bytes);

    std::unique_ptr<Instance> m_instance;
    PhysicalDevice m_physical;
    Functions m_functions;
    VkPhysicalDeviceLimits m_limits{};
    double m_timestamp_period_ns = 0;
    VkPhysicalDeviceMemoryProperties m_memory{};
    VkDevice m_device = VK_NULL_HANDLE;
    VkQueue m_queue = VK_NULL_HANDLE;
    VkCommandPool m_command_pool = VK_NULL_HANDLE;
    VkPipelineCache m_pipeline_cache = VK_NULL_HANDLE;
    VkFence m_fence = VK_NULL_HANDLE;
    std::map<std::string, std::unique_ptr<Pipeline>> m_pipelines;
    std::unique_ptr<Buffer> m_staging;
    mutable uint64_t m_allocated_bytes = 0;
};

template <typename Record> void Device::run_now(Record record)
{
    VkCommandBuffer command_buffer = begin_one_time();
    record(command_buffer);
    submit_one_time(command_buffer);
}

} // namespace hearth::vulkan
