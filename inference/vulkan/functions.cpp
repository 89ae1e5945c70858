#include "vulkan/functions.h"

#include "hearth/error.h"

#include <string>

#if defined(_WIN32)
#include <windows.h>
#else
#include <dlfcn.h>
#endif

namespace hearth::vulkan {

const char* missing_vulkan_hint()
{
    return "install your GPU vendor's Vulkan driver, or Mesa's software driver "
           "(Debian/Ubuntu package mesa-vulkan-drivers)";
}

Library::Library()
{
#if defined(_WIN32)
    m_handle = reinterpret_cast<void*>(LoadLibraryA("vulkan-1.dll"));
    auto symbol = [this](const char* name) {
        return reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(m_handle), name));
    };
#else
    for (const char* name : {"libvulkan.so.1", "libvulkan.so", "libvulkan.1.dylib", "libMoltenVK.dylib"}) {
        m_handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
        if (m_handle)
            break;
    }
    auto symbol = [this](const char* name) { return dlsym(m_handle, name); };
#endif
    if (!m_handle)
        throw Error(std::string("no Vulkan loader found (libvulkan): ") + missing_vulkan_hint() +
                    " and the Vulkan loader (libvulkan1)");
    m_functions.vkGetInstanceProcAddr =
        reinterpret_cast<PFN_vkGetInstanceProcAddr>(symbol("vkGetInstanceProcAddr"));
    if (!m_functions.vkGetInstanceProcAddr)
        throw Error("the Vulkan loader library has no vkGetInstanceProcAddr; reinstall libvulkan1");
#define HEARTH_VK_LOAD(name)                                                                                 \
    m_functions.name = reinterpret_cast<PFN_##name>(m_functions.vkGetInstanceProcAddr(nullptr, #name));
    HEARTH_VK_GLOBAL_FUNCTIONS(HEARTH_VK_LOAD)
#undef HEARTH_VK_LOAD
    if (!m_functions.vkCreateInstance)
        throw Error("the Vulkan loader library is unusable (no vkCreateInstance); reinstall libvulkan1");
}

Library::~Library()
{
#if defined(_WIN32)
    FreeLibrary(static_cast<HMODULE>(m_handle));
#else
    dlclose(m_handle);
#endif
}

void Functions::load_instance_functions(VkInstance instance)
{
#define HEARTH_VK_LOAD(name) name = reinterpret_cast<PFN_##name>(vkGetInstanceProcAddr(instance, #name));
    HEARTH_VK_INSTANCE_FUNCTIONS(HEARTH_VK_LOAD)
#undef HEARTH_VK_LOAD
}

void Functions::load_device_functions(VkDevice device)
{
#define HEARTH_VK_LOAD(name) name = reinterpret_cast<PFN_##name>(vkGetDeviceProcAddr(device, #name));
    HEARTH_VK_DEVICE_FUNCTIONS(HEARTH_VK_LOAD)
#undef HEARTH_VK_LOAD
}

const char* result_name(VkResult result)
{
    switch (result) {
    case VK_SUCCESS:
        return "VK_SUCCESS";
    case VK_NOT_READY:
        return "VK_NOT_READY";
    case VK_TIMEOUT:
        return "VK_TIMEOUT";
    case VK_INCOMPLETE:
        return "VK_INCOMPLETE";
    case VK_ERROR_OUT_OF_HOST_MEMORY:
        return "out of host memory";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY:
        return "out of GPU memory";
    case VK_ERROR_INITIALIZATION_FAILED:
        return "initialization failed";
    case VK_ERROR_DEVICE_LOST:
        return "GPU device lost (driver reset or hang)";
    case VK_ERROR_MEMORY_MAP_FAILED:
        return "memory map failed";
    case VK_ERROR_LAYER_NOT_PRESENT:
        return "layer not present";
    case VK_ERROR_EXTENSION_NOT_PRESENT:
        return "extension not present";
    case VK_ERROR_FEATURE_NOT_PRESENT:
        return "feature not present";
    case VK_ERROR_INCOMPATIBLE_DRIVER:
        return "incompatible driver";
    case VK_ERROR_TOO_MANY_OBJECTS:
        return "too many objects";
    case VK_ERROR_OUT_OF_POOL_MEMORY:
        return "out of descriptor pool memory";
    default:
        return "Vulkan error";
    }
}

void check(VkResult result, const char* what)
{
    if (result == VK_ERROR_DEVICE_LOST)
        throw DeviceLostError("the GPU stopped responding (device lost: a driver reset or a hang)");
    if (result < 0)
        throw Error(std::string(what) + " failed: " + result_name(result) + " (VkResult " +
                    std::to_string(int(result)) + ")");
}

} // namespace hearth::vulkan
