#pragma once
// The GPUs Hearth can run on, described without any Vulkan type so the app layer can list them
// (`hearth-cli devices`, the GUI's settings) and explain why one cannot be used.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

enum class DeviceType { Discrete, Integrated, Virtual, Cpu, Other };

struct MemoryHeap {
    uint64_t size = 0;         // bytes
    bool device_local = false; // GPU memory (VRAM) rather than system memory seen by the GPU
};

struct DeviceInfo {
    int index = 0; // position in Vulkan's enumeration; what `--device N` means
    std::string name;
    DeviceType type = DeviceType::Other;
    std::string driver;      // driver name and version, e.g. "llvmpipe (Mesa 22.3.6 (LLVM 15.0.6))"
    std::string api_version; // Vulkan version the device offers, e.g. "1.3.230"
    std::vector<MemoryHeap> heaps;
    uint32_t subgroup_size = 0;
    bool subgroup_arithmetic = false;      // subgroupAdd & co. in compute shaders
    bool fp16 = false;                     // 16-bit float arithmetic (shaderFloat16)
    bool int8 = false;                     // 8-bit integer arithmetic (shaderInt8)
    bool storage16 = false;                // 16-bit values in storage buffers
    bool storage8 = false;                 // 8-bit values in storage buffers
    bool integer_dot_product = false;      // VK_KHR_shader_integer_dot_product
    bool cooperative_matrix = false;       // VK_KHR_cooperative_matrix or VK_NV_cooperative_matrix
    uint64_t max_storage_buffer_range = 0; // largest buffer one shader binding may see, bytes
    bool usable = false;
    std::string reason; // why the device is not usable (empty when it is)
};

// Every Vulkan device on this machine, usable or not. Throws hearth::Error, in one line naming
// the package to install, when there is no Vulkan loader or no device at all.
std::vector<DeviceInfo> list_devices();

// The device a request names: "" = the best usable one (discrete > integrated > virtual > CPU),
// a number = that index, otherwise a case-insensitive part of the name. Throws hearth::Error when
// the request matches nothing usable. An empty request falls back to $HEARTH_DEVICE.
const DeviceInfo& choose_device(const std::vector<DeviceInfo>& devices, std::string_view request = {});

// Empty when Hearth can run on some device here; otherwise the one-line reason (no loader, no
// device, no usable device) naming what to install. For the GUI to show instead of a chat.
std::string vulkan_unavailable_reason();

const char* device_type_name(DeviceType type); // "discrete", "integrated", "virtual", "cpu", "other"

} // namespace hearth
