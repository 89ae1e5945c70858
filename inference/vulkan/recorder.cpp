#include "vulkan/recorder.h"

#include "hearth/error.h"
#include "vulkan/fault_points.h"
#include "vulkan/device.h"

#include <algorithm>

namespace hearth::vulkan {

namespace {
constexpr uint32_t kSetsPerPool = 256;
constexpr uint32_t kMaxBindings = 16;
constexpr uint32_t kMaxTimestamps = 4096;

// Every dependency the recorder creates is between compute dispatches and buffer copies; one
// global memory barrier covering both is what a dependent step needs, and no more.
constexpr VkPipelineStageFlags kStages =
    VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
constexpr VkAccessFlags kWrites = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
constexpr VkAccessFlags kReadsAndWrites = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT |
                                          VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT |
                                          VK_ACCESS_UNIFORM_READ_BIT;
} // namespace

Recorder::Recorder(Device& device, bool profile) : m_device(device)
{
    const Functions& vk = device.vk();
    VkCommandBufferAllocateInfo allocate{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    allocate.commandPool = device.command_pool();
    allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    allocate.commandBufferCount = 1;
    check(vk.vkAllocateCommandBuffers(device.handle(), &allocate, &m_command_buffer),
          "allocating a command buffer");
    VkFenceCreateInfo fence_info{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    check(vk.vkCreateFence(device.handle(), &fence_info, nullptr, &m_fence), "creating a fence");
    m_profile = profile && device.timestamp_period_ns() > 0;
    if (m_profile) {
        VkQueryPoolCreateInfo query_info{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        query_info.queryType = VK_QUERY_TYPE_TIMESTAMP;
        query_info.queryCount = kMaxTimestamps;
        check(vk.vkCreateQueryPool(device.handle(), &query_info, nullptr, &m_queries),
              "creating timestamp queries");
        m_query_capacity = kMaxTimestamps;
    }
}

Recorder::~Recorder()
{
    const Functions& vk = m_device.vk();
    for (VkDescriptorPool pool : m_pools)
        vk.vkDestroyDescriptorPool(m_device.handle(), pool, nullptr);
    for (VkBufferView view : m_views)
        vk.vkDestroyBufferView(m_device.handle(), view, nullptr);
    if (m_queries)
        vk.vkDestroyQueryPool(m_device.handle(), m_queries, nullptr);
    vk.vkDestroyFence(m_device.handle(), m_fence, nullptr);
    vk.vkFreeCommandBuffers(m_device.handle(), m_device.command_pool(), 1, &m_command_buffer);
}

void Recorder::begin_if_needed()
{
    if (m_recording)
        return;
    if (m_ended)
        throw Error("internal: recording into a finished command list; call Recorder::reset() first");
    const Functions& vk = m_device.vk();
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    check(vk.vkBeginCommandBuffer(m_command_buffer, &begin), "starting a command buffer");
    // Uploads and earlier submissions must be visible to this list's first dispatches.
    VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    barrier.srcAccessMask = kWrites | VK_ACCESS_HOST_WRITE_BIT;
    barrier.dstAccessMask = kReadsAndWrites;
    vk.vkCmdPipelineBarrier(m_command_buffer, kStages | VK_PIPELINE_STAGE_HOST_BIT, kStages, 0, 1, &barrier,
                            0, nullptr, 0, nullptr);
    if (m_profile) {
        vk.vkCmdResetQueryPool(m_command_buffer, m_queries, 0, m_query_capacity);
        vk.vkCmdWriteTimestamp(m_command_buffer, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, m_queries, 0);
    }
    m_recording = true;
}

void Recorder::order_after_pending(const std::vector<Access>& accesses)
{
    bool hazard = false;
    for (const Access& a : accesses)
        for (const Access& p : m_pending)
            hazard = hazard || ((a.write || p.write) && a.slice.overlaps(p.slice));
    if (!hazard)
        return;
    VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    barrier.srcAccessMask = kWrites;
    barrier.dstAccessMask = kReadsAndWrites;
    m_device.vk().vkCmdPipelineBarrier(m_command_buffer, kStages, kStages, 0, 1, &barrier, 0, nullptr, 0,
                                       nullptr);
    m_pending.clear();
    ++m_barriers;
}

VkDescriptorSet Recorder::allocate_set(const Pipeline& pipeline)
{
    const Functions& vk = m_device.vk();
    if (m_pools.empty() || m_sets_in_last_pool == kSetsPerPool) {
        const VkDescriptorPoolSize sizes[] = {
            {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kSetsPerPool * kMaxBindings},
            {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, kSetsPerPool * 2},
            {VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, kSetsPerPool * 2},
        };
        VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
        info.maxSets = kSetsPerPool;
        info.poolSizeCount = 3;
        info.pPoolSizes = sizes;
        VkDescriptorPool pool = VK_NULL_HANDLE;
        check(vk.vkCreateDescriptorPool(m_device.handle(), &info, nullptr, &pool),
              "creating a descriptor pool");
        m_pools.push_back(pool);
        m_sets_in_last_pool = 0;
    }
    VkDescriptorSetLayout layout = pipeline.set_layout();
    VkDescriptorSetAllocateInfo allocate{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    allocate.descriptorPool = m_pools.back();
    allocate.descriptorSetCount = 1;
    allocate.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    check(vk.vkAllocateDescriptorSets(m_device.handle(), &allocate, &set), "allocating a descriptor set");
    ++m_sets_in_last_pool;
    return set;
}

void Recorder::dispatch(const Pipeline& pipeline, std::initializer_list<BufferSlice> buffers,
                        const void* push, size_t push_size, std::array<uint32_t, 3> groups)
{
    const std::string& name = pipeline.name();
    const std::vector<Binding>& bindings = pipeline.bindings();
    if (buffers.size() != bindings.size() || bindings.size() > kMaxBindings)
        throw Error(name + ": given " + std::to_string(buffers.size()) + " buffers, the shader has " +
                    std::to_string(bindings.size()) + " bindings");
    if (push_size != pipeline.push_constant_size())
        throw Error(name + ": push constants of " + std::to_string(push_size) +
                    " bytes, the pipeline expects " + std::to_string(pipeline.push_constant_size()));
    const VkPhysicalDeviceLimits& limits = m_device.limits();
    for (int axis = 0; axis < 3; ++axis)
        if (groups[size_t(axis)] == 0 || groups[size_t(axis)] > limits.maxComputeWorkGroupCount[axis])
            throw Error(name + ": " + std::to_string(groups[size_t(axis)]) + " workgroups along axis " +
                        std::to_string(axis) + " (device limit " +
                        std::to_string(limits.maxComputeWorkGroupCount[axis]) + ")");

    std::vector<Access> accesses;
    std::vector<VkDescriptorBufferInfo> infos;
    infos.reserve(buffers.size());
    size_t i = 0;
    for (const BufferSlice& slice : buffers) {
        const Binding& b = bindings[i++];
        const VkDeviceSize texel_bytes = b.float4_texels ? 16 : 4;
        const VkDeviceSize range_limit = b.texels    ? VkDeviceSize(limits.maxTexelBufferElements) * texel_bytes
                                         : b.uniform ? limits.maxUniformBufferRange
                                                     : limits.maxStorageBufferRange;
        const VkDeviceSize alignment = b.texels    ? limits.minTexelBufferOffsetAlignment
                                       : b.uniform ? limits.minUniformBufferOffsetAlignment
                                                   : limits.minStorageBufferOffsetAlignment;
        if (slice.buffer == VK_NULL_HANDLE || slice.size == 0)
            throw Error(name + ": binding " + std::to_string(b.binding) + " is empty");
        if (slice.size > range_limit)
            throw Error(name + ": binding " + std::to_string(b.binding) + " spans " +
                        std::to_string(slice.size) +
                        " bytes, more than this device lets one shader binding see (" +
                        std::to_string(range_limit) + " bytes)");
        if (b.texels && slice.size % texel_bytes != 0)
            throw Error(name + ": binding " + std::to_string(b.binding) + " spans " +
                        std::to_string(slice.size) + " bytes, not a whole number of " +
                        std::to_string(texel_bytes) + "-byte texels");
        if (slice.offset % alignment != 0)
            throw Error(name + ": binding " + std::to_string(b.binding) + " starts at offset " +
                        std::to_string(slice.offset) + ", not a multiple of the device's " +
                        std::to_string(alignment) + "-byte alignment");
        infos.push_back({slice.buffer, slice.offset, slice.size});
        accesses.push_back({slice, b.writes});
    }

    begin_if_needed();
    order_after_pending(accesses);
    const Functions& vk = m_device.vk();
    VkDescriptorSet set = allocate_set(pipeline);
    std::vector<VkWriteDescriptorSet> writes;
    std::vector<VkBufferView> views(infos.size(), VK_NULL_HANDLE);
    for (size_t b = 0; b < infos.size(); ++b) {
        VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        w.dstSet = set;
        w.dstBinding = uint32_t(b);
        w.descriptorCount = 1;
        w.descriptorType = descriptor_type(bindings[b]);
        if (bindings[b].texels) {
            VkBufferViewCreateInfo view{VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO};
            view.buffer = infos[b].buffer;
            view.format = bindings[b].float4_texels ? VK_FORMAT_R32G32B32A32_SFLOAT : VK_FORMAT_R32_UINT;
            view.offset = infos[b].offset;
            view.range = infos[b].range;
            check(vk.vkCreateBufferView(m_device.handle(), &view, nullptr, &views[b]), "creating a buffer view");
            m_views.push_back(views[b]);
            w.pTexelBufferView = &views[b];
        } else {
            w.pBufferInfo = &infos[b];
        }
        writes.push_back(w);
    }
    vk.vkUpdateDescriptorSets(m_device.handle(), uint32_t(writes.size()), writes.data(), 0, nullptr);
    vk.vkCmdBindPipeline(m_command_buffer, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.handle());
    vk.vkCmdBindDescriptorSets(m_command_buffer, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.layout(), 0, 1,
                               &set, 0, nullptr);
    if (push_size)
        vk.vkCmdPushConstants(m_command_buffer, pipeline.layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0,
                              uint32_t(push_size), push);
    vk.vkCmdDispatch(m_command_buffer, groups[0], groups[1], groups[2]);
    m_pending.insert(m_pending.end(), accesses.begin(), accesses.end());
    ++m_dispatches;
    if (m_profile && m_query_names.size() + 1 < m_query_capacity) {
        m_query_names.push_back(name);
        vk.vkCmdWriteTimestamp(m_command_buffer, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, m_queries,
                               uint32_t(m_query_names.size()));
    }
}

void Recorder::copy(const BufferSlice& source, const BufferSlice& destination)
{
    if (source.size != destination.size)
        throw Error("copy between buffer slices of different sizes (" + std::to_string(source.size) +
                    " and " + std::to_string(destination.size) + " bytes)");
    begin_if_needed();
    order_after_pending({{source, false}, {destination, true}});
    const VkBufferCopy region{source.offset, destination.offset, source.size};
    m_device.vk().vkCmdCopyBuffer(m_command_buffer, source.buffer, destination.buffer, 1, &region);
    m_pending.push_back({source, false});
    m_pending.push_back({destination, true});
}

void Recorder::fill(const BufferSlice& destination, uint32_t value)
{
    if (destination.offset % 4 || destination.size % 4)
        throw Error("fill of a buffer slice not aligned to 4 bytes");
    begin_if_needed();
    order_after_pending({{destination, true}});
    m_device.vk().vkCmdFillBuffer(m_command_buffer, destination.buffer, destination.offset, destination.size,
                                  value);
    m_pending.push_back({destination, true});
}

void Recorder::submit_and_wait()
{
    const Functions& vk = m_device.vk();
    if (!m_recording && !m_ended)
        return; // nothing recorded
    if (m_recording) {
        // Results must be visible to downloads and to the host.
        VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        barrier.srcAccessMask = kWrites;
        barrier.dstAccessMask = kReadsAndWrites | VK_ACCESS_HOST_READ_BIT;
        vk.vkCmdPipelineBarrier(m_command_buffer, kStages, kStages | VK_PIPELINE_STAGE_HOST_BIT, 0, 1,
                                &barrier, 0, nullptr, 0, nullptr);
        check(vk.vkEndCommandBuffer(m_command_buffer), "recording GPU commands");
        m_recording = false;
        m_ended = true;
    }
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &m_command_buffer;
    VkResult result = device_lost_now() ? VK_ERROR_DEVICE_LOST : vk.vkQueueSubmit(m_device.queue(), 1, &submit, m_fence);
    if (result == VK_SUCCESS)
        result = vk.vkWaitForFences(m_device.handle(), 1, &m_fence, VK_TRUE, UINT64_MAX);
    vk.vkResetFences(m_device.handle(), 1, &m_fence);
    check(result, "running GPU work");
}

void Recorder::reset()
{
    const Functions& vk = m_device.vk();
    vk.vkResetCommandBuffer(m_command_buffer, 0);
    for (VkDescriptorPool pool : m_pools)
        vk.vkDestroyDescriptorPool(m_device.handle(), pool, nullptr);
    m_pools.clear();
    for (VkBufferView view : m_views)
        vk.vkDestroyBufferView(m_device.handle(), view, nullptr);
    m_views.clear();
    m_pending.clear();
    m_query_names.clear();
    m_recording = m_ended = false;
    m_dispatches = m_barriers = 0;
}

std::vector<KernelTime> Recorder::kernel_times() const
{
    std::vector<KernelTime> times;
    if (!m_profile || m_query_names.empty() || !m_ended)
        return times;
    std::vector<uint64_t> ticks(m_query_names.size() + 1);
    check(m_device.vk().vkGetQueryPoolResults(m_device.handle(), m_queries, 0, uint32_t(ticks.size()),
                                              ticks.size() * sizeof(uint64_t), ticks.data(), sizeof(uint64_t),
                                              VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT),
          "reading GPU timestamps");
    for (size_t i = 0; i < m_query_names.size(); ++i)
        times.push_back(
            {m_query_names[i], double(ticks[i + 1] - ticks[i]) * m_device.timestamp_period_ns() / 1e6});
    return times;
}

} // namespace hearth::vulkan
