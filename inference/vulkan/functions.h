#pragma once
// The Vulkan entry points Hearth uses, loaded at run time from the Vulkan loader library
// (dlopen), so a machine without Vulkan gets a one-line message naming the package to install
// instead of a dynamic-linker error before main(). VK_NO_PROTOTYPES is set for the whole engine:
// every call goes through a Functions table, never through a global prototype.
#include <memory>
#include <vulkan/vulkan.h>

namespace hearth::vulkan {

// clang-format off
#define HEARTH_VK_GLOBAL_FUNCTIONS(X) \
    X(vkCreateInstance) X(vkEnumerateInstanceExtensionProperties) X(vkEnumerateInstanceLayerProperties) \
    X(vkEnumerateInstanceVersion)

#define HEARTH_VK_INSTANCE_FUNCTIONS(X) \
    X(vkDestroyInstance) X(vkEnumeratePhysicalDevices) X(vkGetPhysicalDeviceProperties) \
    X(vkGetPhysicalDeviceProperties2) X(vkGetPhysicalDeviceFeatures2) \
    X(vkGetPhysicalDeviceMemoryProperties) X(vkGetPhysicalDeviceQueueFamilyProperties) \
    X(vkEnumerateDeviceExtensionProperties) X(vkCreateDevice) X(vkGetDeviceProcAddr) \
    X(vkCreateDebugUtilsMessengerEXT) X(vkDestroyDebugUtilsMessengerEXT)

#define HEARTH_VK_DEVICE_FUNCTIONS(X) \
    X(vkDestroyDevice) X(vkGetDeviceQueue) X(vkDeviceWaitIdle) X(vkQueueSubmit) X(vkQueueWaitIdle) \
    X(vkCreateBuffer) X(vkDestroyBuffer) X(vkCreateBufferView) X(vkDestroyBufferView) X(vkGetBufferMemoryRequirements) X(vkAllocateMemory) \
    X(vkFreeMemory) X(vkBindBufferMemory) X(vkMapMemory) X(vkUnmapMemory) \
    X(vkFlushMappedMemoryRanges) X(vkInvalidateMappedMemoryRanges) \
    X(vkCreateShaderModule) X(vkDestroyShaderModule) X(vkCreatePipelineCache) X(vkDestroyPipelineCache) \
    X(vkGetPipelineCacheData) X(vkCreateComputePipelines) X(vkDestroyPipeline) \
    X(vkCreatePipelineLayout) X(vkDestroyPipelineLayout) X(vkCreateDescriptorSetLayout) \
    X(vkDestroyDescriptorSetLayout) X(vkCreateDescriptorPool) X(vkDestroyDescriptorPool) \
    X(vkResetDescriptorPool) X(vkAllocateDescriptorSets) X(vkUpdateDescriptorSets) \
    X(vkCreateCommandPool) X(vkDestroyCommandPool) X(vkAllocateCommandBuffers) X(vkFreeCommandBuffers) \
    X(vkBeginCommandBuffer) X(vkEndCommandBuffer) X(vkResetCommandBuffer) X(vkCmdBindPipeline) \
    X(vkCmdBindDescriptorSets) X(vkCmdPushConstants) X(vkCmdDispatch) X(vkCmdPipelineBarrier) \
    X(vkCmdCopyBuffer) X(vkCmdFillBuffer) X(vkCmdWriteTimestamp) X(vkCmdResetQueryPool) \
    X(vkCreateQueryPool) X(vkDestroyQueryPool) X(vkGetQueryPoolResults) \
    X(vkCreateFence) X(vkDestroyFence) X(vkWaitForFences) X(vkResetFences)
// clang-format on

struct Functions {
#define HEARTH_VK_DECLARE(name) PFN_##name name = nullptr;
    HEARTH_VK_GLOBAL_FUNCTIONS(HEARTH_VK_DECLARE)
    HEARTH_VK_INSTANCE_FUNCTIONS(HEARTH_VK_DECLARE)
    HEARTH_VK_DEVICE_FUNCTIONS(HEARTH_VK_DECLARE)
#undef HEARTH_VK_DECLARE
    PFN_vkGetInstanceProcAddr vkGetInstanceProcAddr = nullptr;

    void load_instance_functions(VkInstance instance);
    void load_device_functions(VkDevice device);
};

// The loaded Vulkan library. Throws hearth::Error naming the package to install when there is none.
class Library {
  public:
    Library();
    ~Library();
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;

    // Global-level functions filled in; instance and device levels follow as objects are created.
    const Functions& functions() const { return m_functions; }

  private:
    void* m_handle = nullptr;
    Functions m_functions;
};

// The message for "this machine cannot run Vulkan", naming what to install.
const char* missing_vulkan_hint();

// Throws hearth::Error("<what> failed: <VkResult name>") when result is an error.
void check(VkResult result, const char* what);
const char* result_name(VkResult result);

} // namespace hearth::vulkan
