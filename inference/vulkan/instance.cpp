#include "vulkan/instance.h"

#include "hearth/error.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace hearth::vulkan {

namespace {

const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

bool has_extension(const std::vector<VkExtensionProperties>& extensions, const char* name)
{
    for (const VkExtensionProperties& e : extensions)
        if (std::strcmp(e.extensionName, name) == 0)
            return true;
    return false;
}

std::string version_string(uint32_t v)
{
    return std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v)) + "." +
           std::to_string(VK_API_VERSION_PATCH(v));
}

DeviceType device_type(VkPhysicalDeviceType type)
{
    switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
        return DeviceType::Discrete;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
        return DeviceType::Integrated;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
        return DeviceType::Virtual;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
        return DeviceType::Cpu;
    default:
        return DeviceType::Other;
    }
}

} // namespace

bool validation_requested()
{
    const char* env = std::getenv("HEARTH_VALIDATION");
    if (env && *env)
        return std::strcmp(env, "0") != 0;
#ifdef NDEBUG
    return false;
#else
    return true;
#endif
}

Instance::Instance()
{
    const Functions& global = m_library.functions();
    m_functions = global;

    uint32_t loader_version = VK_API_VERSION_1_0;
    if (global.vkEnumerateInstanceVersion)
        global.vkEnumerateInstanceVersion(&loader_version);
    if (loader_version < VK_API_VERSION_1_2)
        throw Error("the Vulkan loader offers only Vulkan " + version_string(loader_version) +
                    "; Hearth needs 1.2: update libvulkan1 and " + missing_vulkan_hint());

    uint32_t count = 0;
    global.vkEnumerateInstanceExtensionProperties(nullptr, &count, nullptr);
    std::vector<VkExtensionProperties> extensions(count);
    global.vkEnumerateInstanceExtensionProperties(nullptr, &count, extensions.data());

    std::vector<const char*> enabled_extensions;
    std::vector<const char*> layers;
    const bool want_validation = validation_requested();
    if (want_validation) {
        global.vkEnumerateInstanceLayerProperties(&count, nullptr);
        std::vector<VkLayerProperties> available(count);
        global.vkEnumerateInstanceLayerProperties(&count, available.data());
        bool found = false;
        for (const VkLayerProperties& l : available)
            found = found || std::strcmp(l.layerName, kValidationLayer) == 0;
        if (!found && std::getenv("HEARTH_VALIDATION"))
            throw Error("HEARTH_VALIDATION is set but the Vulkan validation layer is not installed "
                        "(Debian/Ubuntu package vulkan-validationlayers, or the Vulkan SDK)");
        if (found && has_extension(extensions, VK_EXT_DEBUG_UTILS_EXTENSION_NAME)) {
            layers.push_back(kValidationLayer);
            enabled_extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
        }
    }
    VkInstanceCreateFlags flags = 0;
    if (has_extension(extensions, VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME)) {
        enabled_extensions.push_back(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME);
        flags |= VK_INSTANCE_CREATE_ENUMERATE_PORTABILITY_BIT_KHR;
    }

    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "Hearth";
    app.pEngineName = "Hearth";
    app.apiVersion = loader_version >= VK_API_VERSION_1_3 ? VK_API_VERSION_1_3 : VK_API_VERSION_1_2;

    VkDebugUtilsMessengerCreateInfoEXT messenger_info{
        VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    messenger_info.messageSeverity =
        VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    messenger_info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                                 VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                                 VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    messenger_info.pfnUserCallback = &Instance::on_message;
    messenger_info.pUserData = this;

    VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    info.flags = flags;
    info.pApplicationInfo = &app;
    info.enabledLayerCount = uint32_t(layers.size());
    info.ppEnabledLayerNames = layers.data();
    info.enabledExtensionCount = uint32_t(enabled_extensions.size());
    info.ppEnabledExtensionNames = enabled_extensions.data();
    if (!layers.empty())
        info.pNext = &messenger_info; // also catches messages from vkCreate/DestroyInstance
    const VkResult result = global.vkCreateInstance(&info, nullptr, &m_instance);
    if (result == VK_ERROR_INCOMPATIBLE_DRIVER)
        throw Error(std::string("no Vulkan driver found: ") + missing_vulkan_hint());
    check(result, "creating the Vulkan instance");
    m_functions.load_instance_functions(m_instance);
    if (!layers.empty())
        check(m_functions.vkCreateDebugUtilsMessengerEXT(m_instance, &messenger_info, nullptr, &m_messenger),
              "creating the validation message handler");
}

Instance::~Instance()
{
    if (m_messenger)
        m_functions.vkDestroyDebugUtilsMessengerEXT(m_instance, m_messenger, nullptr);
    if (m_instance)
        m_functions.vkDestroyInstance(m_instance, nullptr);
}

VkBool32 Instance::on_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                              VkDebugUtilsMessageTypeFlagsEXT,
                              const VkDebugUtilsMessengerCallbackDataEXT* data, void* self)
{
    auto* instance = static_cast<Instance*>(self);
    const std::string message =
        std::string(severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT ? "validation error: "
                                                                              : "validation warning: ") +
        (data && data->pMessage ? data->pMessage : "");
    std::fprintf(stderr, "hearth: %s\n", message.c_str());
    std::lock_guard lock(instance->m_messages_mutex);
    instance->m_messages.push_back(message);
    return VK_FALSE;
}

std::vector<std::string> Instance::validation_messages() const
{
    std::lock_guard lock(m_messages_mutex);
    return m_messages;
}

void Instance::clear_validation_messages()
{
    std::lock_guard lock(m_messages_mutex);
    m_messages.clear();
}

std::vector<PhysicalDevice> Instance::physical_devices() const
{
    uint32_t count = 0;
    check(m_functions.vkEnumeratePhysicalDevices(m_instance, &count, nullptr), "listing Vulkan devices");
    std::vector<VkPhysicalDevice> handles(count);
    check(m_functions.vkEnumeratePhysicalDevices(m_instance, &count, handles.data()),
          "listing Vulkan devices");

    std::vector<PhysicalDevice> devices;
    for (uint32_t index = 0; index < count; ++index) {
        PhysicalDevice d;
        d.handle = handles[index];
        DeviceInfo& info = d.info;
        info.index = int(index);

        uint32_t extension_count = 0;
        m_functions.vkEnumerateDeviceExtensionProperties(d.handle, nullptr, &extension_count, nullptr);
        std::vector<VkExtensionProperties> extensions(extension_count);
        m_functions.vkEnumerateDeviceExtensionProperties(d.handle, nullptr, &extension_count,
                                                         extensions.data());

        VkPhysicalDeviceProperties basic{};
        m_functions.vkGetPhysicalDeviceProperties(d.handle, &basic);
        d.api_version = basic.apiVersion;
        info.name = basic.deviceName;
        info.type = device_type(basic.deviceType);
        info.api_version = version_string(basic.apiVersion);
        info.max_storage_buffer_range = basic.limits.maxStorageBufferRange;
        const bool vulkan_1_2 = basic.apiVersion >= VK_API_VERSION_1_2;
        const bool vulkan_1_3 = basic.apiVersion >= VK_API_VERSION_1_3;

        VkPhysicalDeviceMemoryProperties memory{};
        m_functions.vkGetPhysicalDeviceMemoryProperties(d.handle, &memory);
        for (uint32_t h = 0; h < memory.memoryHeapCount; ++h)
            info.heaps.push_back({memory.memoryHeaps[h].size,
                                  (memory.memoryHeaps[h].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) != 0});

        uint32_t family_count = 0;
        m_functions.vkGetPhysicalDeviceQueueFamilyProperties(d.handle, &family_count, nullptr);
        std::vector<VkQueueFamilyProperties> families(family_count);
        m_functions.vkGetPhysicalDeviceQueueFamilyProperties(d.handle, &family_count, families.data());
        // Prefer a compute-only family (async compute on discrete GPUs), else any with compute.
        for (uint32_t f = 0; f < family_count; ++f) {
            if (!(families[f].queueFlags & VK_QUEUE_COMPUTE_BIT))
                continue;
            const bool compute_only = !(families[f].queueFlags & VK_QUEUE_GRAPHICS_BIT);
            if (d.compute_queue_family == ~0u || compute_only)
                d.compute_queue_family = f;
            if (compute_only)
                break;
        }

        d.portability_subset = has_extension(extensions, "VK_KHR_portability_subset");
        d.subgroup_size_control = vulkan_1_3 || has_extension(extensions, "VK_EXT_subgroup_size_control");
        d.integer_dot_product_extension =
            !vulkan_1_3 && has_extension(extensions, VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME);
        info.cooperative_matrix = has_extension(extensions, "VK_KHR_cooperative_matrix") ||
                                  has_extension(extensions, "VK_NV_cooperative_matrix");

        if (vulkan_1_2) {
            VkPhysicalDeviceDriverProperties driver{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
            VkPhysicalDeviceSubgroupProperties subgroup{
                VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES};
            subgroup.pNext = &driver;
            VkPhysicalDeviceProperties2 properties{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
            properties.pNext = &subgroup;
            m_functions.vkGetPhysicalDeviceProperties2(d.handle, &properties);
            info.driver = std::string(driver.driverName) + " (" + driver.driverInfo + ")";
            info.subgroup_size = subgroup.subgroupSize;
            info.subgroup_arithmetic = (subgroup.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) &&
                                       (subgroup.supportedOperations & VK_SUBGROUP_FEATURE_ARITHMETIC_BIT);

            VkPhysicalDeviceShaderIntegerDotProductFeatures dot{
                VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES};
            VkPhysicalDeviceVulkan12Features v12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
            VkPhysicalDeviceVulkan11Features v11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
            v11.pNext = &v12;
            if (vulkan_1_3 || d.integer_dot_product_extension)
                v12.pNext = &dot;
            VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
            features.pNext = &v11;
            m_functions.vkGetPhysicalDeviceFeatures2(d.handle, &features);
            info.fp16 = v12.shaderFloat16;
            info.int8 = v12.shaderInt8;
            info.storage16 = v11.storageBuffer16BitAccess;
            info.storage8 = v12.storageBuffer8BitAccess;
            info.integer_dot_product = dot.shaderIntegerDotProduct;
        } else {
            info.driver = "driver version " + std::to_string(basic.driverVersion);
        }

        // The features every Hearth kernel relies on; a device without them is listed, not used.
        if (!vulkan_1_2)
            info.reason =
                "needs Vulkan 1.2, the driver offers " + info.api_version + "; update the GPU driver";
        else if (d.compute_queue_family == ~0u)
            info.reason = "has no compute queue";
        else if (!info.storage16)
            info.reason = "lacks 16-bit storage buffer access (storageBuffer16BitAccess), needed for the f16 "
                          "KV cache";
        else if (info.subgroup_size == 0)
            info.reason = "reports no subgroup size";
        info.usable = info.reason.empty();
        devices.push_back(std::move(d));
    }
    return devices;
}

} // namespace hearth::vulkan
