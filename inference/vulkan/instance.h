#pragma once
// The Vulkan instance: loads the library, turns on the Khronos validation layer when asked
// (HEARTH_VALIDATION=1, or a Debug build) and records every warning and error it reports, so
// tests can require that there were none.
#include "hearth/devices.h"
#include "vulkan/functions.h"

#include <mutex>
#include <string>
#include <vector>

namespace hearth::vulkan {

// What Hearth knows about one physical device, with the handle to open it.
struct PhysicalDevice {
    VkPhysicalDevice handle = VK_NULL_HANDLE;
    DeviceInfo info;
    uint32_t api_version = 0;
    uint32_t compute_queue_family = ~0u;
    bool subgroup_size_control = false;
    bool portability_subset = false;            // MoltenVK: the extension must be enabled when present
    bool integer_dot_product_extension = false; // needs enabling on Vulkan 1.2
};

class Instance {
  public:
    Instance();
    ~Instance();
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;

    VkInstance handle() const { return m_instance; }
    const Functions& functions() const { return m_functions; }
    bool validation_enabled() const { return m_messenger != VK_NULL_HANDLE; }

    // Every device, with the features Hearth needs checked (info.usable, info.reason).
    std::vector<PhysicalDevice> physical_devices() const;

    // Warnings and errors the validation layer reported so far, oldest first.
    std::vector<std::string> validation_messages() const;
    void clear_validation_messages();

  private:
    static VKAPI_ATTR VkBool32 VKAPI_CALL on_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                     VkDebugUtilsMessageTypeFlagsEXT type,
                                                     const VkDebugUtilsMessengerCallbackDataEXT* data,
                                                     void* self);
    Library m_library;
    Functions m_functions;
    VkInstance m_instance = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT m_messenger = VK_NULL_HANDLE;
    mutable std::mutex m_messages_mutex;
    std::vector<std::string> m_messages;
};

// True when the environment or the build asks for the validation layer.
bool validation_requested();

} // namespace hearth::vulkan
