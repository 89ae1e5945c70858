#pragma once
// Records a list of dispatches into ONE command buffer and submits it as one unit. It tracks
// which buffer ranges each dispatch reads and writes (from the pipeline's reflected bindings)
// and inserts a barrier only before a dispatch that depends on earlier unbarriered work
// (read-after-write, write-after-read, write-after-write); independent dispatches run together.
// A recorded list can be submitted again and again (a decode step recorded once per shape).
#include "vulkan/buffer.h"
#include "vulkan/pipeline.h"

#include <array>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

namespace hearth::vulkan {

class Device;

struct KernelTime {
    std::string name; // pipeline name
    double milliseconds = 0;
};

class Recorder {
  public:
    // With profile set, a timestamp is written after every dispatch (see kernel_times()).
    explicit Recorder(Device& device, bool profile = false);
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    Device& device() const { return m_device; }

    // Binds `buffers` to the pipeline's bindings 0..n-1, pushes `push` (exactly the pipeline's
    // push-constant size) and dispatches `groups` workgroups. Throws hearth::Error on a binding
    // count mismatch, a slice larger than maxStorageBufferRange, a misaligned offset, or a group
    // count above the device limit.
    void dispatch(const Pipeline& pipeline, std::initializer_list<BufferSlice> buffers, const void* push,
                  size_t push_size, std::array<uint32_t, 3> groups);
    template <typename Push>
    void dispatch(const Pipeline& pipeline, std::initializer_list<BufferSlice> buffers, const Push& push,
                  std::array<uint32_t, 3> groups)
    {
        dispatch(pipeline, buffers, &push, sizeof(Push), groups);
    }

    // Buffer-to-buffer copy and fill, tracked like dispatches.
    void copy(const BufferSlice& source, const BufferSlice& destination);
    void fill(const BufferSlice& destination, uint32_t value);

    // Ends recording (if needed), submits, and waits. May be called again to re-run the list.
    void submit_and_wait();
    // Clears the list so the recorder can be filled again.
    void reset();

    size_t dispatch_count() const { return m_dispatches; }
    size_t barrier_count() const { return m_barriers; }
    // Per-dispatch GPU times of the last submission (profile mode), in recording order.
    std::vector<KernelTime> kernel_times() const;

  private:
    struct Access {
        BufferSlice slice;
        bool write;
    };
    void begin_if_needed();
    void order_after_pending(const std::vector<Access>& accesses);
    VkDescriptorSet allocate_set(const Pipeline& pipeline);

    Device& m_device;
    VkCommandBuffer m_command_buffer = VK_NULL_HANDLE;
    VkFence m_fence = VK_NULL_HANDLE;
    std::vector<VkDescriptorPool> m_pools;
    std::vector<VkBufferView> m_views; // of texel-buffer bindings, alive as long as the recording
    uint32_t m_sets_in_last_pool = 0;
    bool m_recording = false;
    bool m_ended = false;
    std::vector<Access> m_pending; // accesses since the last barrier
    bool m_pending_transfer = false;
    size_t m_dispatches = 0;
    size_t m_barriers = 0;

    bool m_profile = false;
    VkQueryPool m_queries = VK_NULL_HANDLE;
    uint32_t m_query_capacity = 0;
    std::vector<std::string> m_query_names; // the name of the dispatch that ends at query i+1
};

} // namespace hearth::vulkan
