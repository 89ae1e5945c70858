#include "vulkan/device.h"

#include "hearth/error.h"
#include "vulkan/fault_points.h"

#include <cstring>

namespace hearth::vulkan {

Device::Device(std::string_view request) : m_instance(std::make_unique<Instance>())
{
    std::vector<PhysicalDevice> physical = m_instance->physical_devices();
    if (physical.empty())
        throw Error(std::string("no Vulkan device found: ") + missing_vulkan_hint());
    std::vector<DeviceInfo> infos;
    for (const PhysicalDevice& d : physical)
        infos.push_back(d.info);
    m_physical = physical[size_t(choose_device(infos, request).index)];
    m_functions = m_instance->functions();
    const Functions& ivk = m_instance->functions();

    VkPhysicalDeviceProperties properties{};
    ivk.vkGetPhysicalDeviceProperties(m_physical.handle, &properties);
    m_limits = properties.limits;
    ivk.vkGetPhysicalDeviceMemoryProperties(m_physical.handle, &m_memory);
    uint32_t family_count = 0;
    ivk.vkGetPhysicalDeviceQueueFamilyProperties(m_physical.handle, &family_count, nullptr);
    std::vector<VkQueueFamilyProperties> families(family_count);
    ivk.vkGetPhysicalDeviceQueueFamilyProperties(m_physical.handle, &family_count, families.data());
    if (families[m_physical.compute_queue_family].timestampValidBits != 0)
        m_timestamp_period_ns = properties.limits.timestampPeriod;

    // Enable every optional feature the device has that a kernel variant may use; the required
    // ones were checked by Instance::physical_devices().
    const DeviceInfo& info = m_physical.info;
    VkPhysicalDeviceShaderIntegerDotProductFeatures dot{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES};
    dot.shaderIntegerDotProduct = info.integer_dot_product;
    VkPhysicalDeviceVulkan12Features v12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
    v12.shaderFloat16 = info.fp16;
    v12.shaderInt8 = info.int8;
    v12.storageBuffer8BitAccess = info.storage8;
    v12.pNext = info.integer_dot_product ? &dot : nullptr;
    VkPhysicalDeviceVulkan11Features v11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
    v11.storageBuffer16BitAccess = VK_TRUE;
    v11.pNext = &v12;
    VkPhysicalDeviceFeatures2 supported{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    ivk.vkGetPhysicalDeviceFeatures2(m_physical.handle, &supported);
    VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    features.features.shaderInt16 = supported.features.shaderInt16;
    features.features.shaderInt64 = supported.features.shaderInt64;
    features.pNext = &v11;

    std::vector<const char*> extensions;
    if (m_physical.portability_subset)
        extensions.push_back("VK_KHR_portability_subset");
    if (m_physical.integer_dot_product_extension && info.integer_dot_product)
        extensions.push_back(VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME);

    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queue_info{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queue_info.queueFamilyIndex = m_physical.compute_queue_family;
    queue_info.queueCount = 1;
    queue_info.pQueuePriorities = &priority;
    VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    device_info.pNext = &features;
    device_info.queueCreateInfoCount = 1;
    device_info.pQueueCreateInfos = &queue_info;
    device_info.enabledExtensionCount = uint32_t(extensions.size());
    device_info.ppEnabledExtensionNames = extensions.data();
    check(ivk.vkCreateDevice(m_physical.handle, &device_info, nullptr, &m_device),
          ("opening the GPU " + info.name).c_str());
    m_functions.load_device_functions(m_device);
    m_functions.vkGetDeviceQueue(m_device, m_physical.compute_queue_family, 0, &m_queue);

    VkCommandPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pool_info.queueFamilyIndex = m_physical.compute_queue_family;
    check(m_functions.vkCreateCommandPool(m_device, &pool_info, nullptr, &m_command_pool),
          "creating a command pool");
    VkFenceCreateInfo fence_info{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    check(m_functions.vkCreateFence(m_device, &fence_info, nullptr, &m_fence), "creating a fence");
    load_pipeline_cache({});
}

Device::~Device()
{
    if (!m_device)
        return;
    m_functions.vkDeviceWaitIdle(m_device);
    m_pipelines.clear();
    m_staging.reset();
    m_functions.vkDestroyPipelineCache(m_device, m_pipeline_cache, nullptr);
    m_functions.vkDestroyFence(m_device, m_fence, nullptr);
    m_functions.vkDestroyCommandPool(m_device, m_command_pool, nullptr);
    m_functions.vkDestroyDevice(m_device, nullptr);
}

uint32_t Device::memory_type(uint32_t allowed_types, VkMemoryPropertyFlags required,
                             VkMemoryPropertyFlags preferred, VkMemoryPropertyFlags avoided) const
{
    int best = -1, best_score = -1;
    for (uint32_t i = 0; i < m_memory.memoryTypeCount; ++i) {
        const VkMemoryPropertyFlags flags = m_memory.memoryTypes[i].propertyFlags;
        if (!(allowed_types & (1u << i)) || (flags & required) != required)
            continue;
        // An avoided flag outweighs every preferred one.
        const int score = 64 + __builtin_popcount(flags & preferred) - 32 * __builtin_popcount(flags & avoided);
        if (score > best_score) {
            best = int(i);
            best_score = score;
        }
    }
    if (best < 0)
        throw Error("the GPU " + info().name + " offers no suitable memory type");
    return uint32_t(best);
}

const Pipeline& Device::pipeline(const PipelineDesc& desc)
{
    const std::string key = desc.key();
    auto found = m_pipelines.find(key);
    if (found == m_pipelines.end())
        found = m_pipelines.emplace(key, std::make_unique<Pipeline>(*this, desc)).first;
    return *found->second;
}

std::vector<uint8_t> Device::pipeline_cache_data() const
{
    size_t size = 0;
    check(m_functions.vkGetPipelineCacheData(m_device, m_pipeline_cache, &size, nullptr),
          "reading the pipeline cache");
    std::vector<uint8_t> data(size);
    check(m_functions.vkGetPipelineCacheData(m_device, m_pipeline_cache, &size, data.data()),
          "reading the pipeline cache");
    data.resize(size);
    return data;
}

void Device::load_pipeline_cache(const std::vector<uint8_t>& data)
{
    if (m_pipeline_cache)
        m_functions.vkDestroyPipelineCache(m_device, m_pipeline_cache, nullptr);
    m_pipeline_cache = VK_NULL_HANDLE;
    VkPipelineCacheCreateInfo info{VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
    info.initialDataSize = data.size();
    info.pInitialData = data.empty() ? nullptr : data.data();
    // A stale or foreign cache is ignored by the driver; a failure here only costs compile time.
    if (m_functions.vkCreatePipelineCache(m_device, &info, nullptr, &m_pipeline_cache) != VK_SUCCESS) {
        info.initialDataSize = 0;
        info.pInitialData = nullptr;
        check(m_functions.vkCreatePipelineCache(m_device, &info, nullptr, &m_pipeline_cache),
              "creating the pipeline cache");
    }
}

VkCommandBuffer Device::begin_one_time()
{
    VkCommandBufferAllocateInfo allocate{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    allocate.commandPool = m_command_pool;
    allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    allocate.commandBufferCount = 1;
    VkCommandBuffer command_buffer = VK_NULL_HANDLE;
    check(m_functions.vkAllocateCommandBuffers(m_device, &allocate, &command_buffer),
          "allocating a command buffer");
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    m_functions.vkBeginCommandBuffer(command_buffer, &begin);
    // Earlier submissions' shader and copy writes must be visible to this copy.
    VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    m_functions.vkCmdPipelineBarrier(command_buffer,
                                     VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                                     VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &barrier, 0, nullptr, 0, nullptr);
    return command_buffer;
}

void Device::submit_one_time(VkCommandBuffer command_buffer)
{
    m_functions.vkEndCommandBuffer(command_buffer);
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &command_buffer;
    VkResult result = device_lost_now() ? VK_ERROR_DEVICE_LOST : m_functions.vkQueueSubmit(m_queue, 1, &submit, m_fence);
    if (result == VK_SUCCESS)
        result = m_functions.vkWaitForFences(m_device, 1, &m_fence, VK_TRUE, UINT64_MAX);
    m_functions.vkResetFences(m_device, 1, &m_fence);
    m_functions.vkFreeCommandBuffers(m_device, m_command_pool, 1, &command_buffer);
    check(result, "running GPU work");
}

Buffer& Device::staging(VkDeviceSize bytes)
{
    if (!m_staging || m_staging->size() < bytes)
        m_staging = std::make_unique<Buffer>(*this, bytes, MemoryUsage::Readback);
    return *m_staging;
}

namespace {
constexpr VkDeviceSize kStagingChunk = 64ull << 20; // bounds staging memory for multi-GB uploads
}

void Device::upload(const BufferSlice& destination, const void* data, VkDeviceSize bytes)
{
    if (bytes > destination.size)
        throw Error("upload of " + std::to_string(bytes) + " bytes into a buffer slice of " +
                    std::to_string(destination.size));
    const auto* source = static_cast<const uint8_t*>(data);
    Buffer& stage = staging(std::min(bytes, kStagingChunk));
    for (VkDeviceSize done = 0; done < bytes;) {
        const VkDeviceSize chunk = std::min(bytes - done, stage.size());
        std::memcpy(stage.mapped(), source + done, chunk);
        stage.flush();
        run_now([&](VkCommandBuffer cb) {
            const VkBufferCopy region{0, destination.offset + done, chunk};
            m_functions.vkCmdCopyBuffer(cb, stage.handle(), destination.buffer, 1, &region);
        });
        done += chunk;
    }
}

void Device::download(const BufferSlice& source, void* data, VkDeviceSize bytes)
{
    if (bytes > source.size)
        throw Error("download of " + std::to_string(bytes) + " bytes from a buffer slice of " +
                    std::to_string(source.size));
    auto* target = static_cast<uint8_t*>(data);
    Buffer& stage = staging(std::min(bytes, kStagingChunk));
    for (VkDeviceSize done = 0; done < bytes;) {
        const VkDeviceSize chunk = std::min(bytes - done, stage.size());
        run_now([&](VkCommandBuffer cb) {
            const VkBufferCopy region{source.offset + done, 0, chunk};
            m_functions.vkCmdCopyBuffer(cb, source.buffer, stage.handle(), 1, &region);
            VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
            barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
            barrier.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
            m_functions.vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                                             0, 1, &barrier, 0, nullptr, 0, nullptr);
        });
        stage.invalidate();
        std::memcpy(target + done, stage.mapped(), chunk);
        done += chunk;
    }
}

} // namespace hearth::vulkan
