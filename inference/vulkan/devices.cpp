// The public, Vulkan-free device listing (hearth/devices.h).
#include "hearth/devices.h"

#include "hearth/error.h"
#include "vulkan/instance.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

namespace hearth {

const char* device_type_name(DeviceType type)
{
    switch (type) {
    case DeviceType::Discrete:
        return "discrete";
    case DeviceType::Integrated:
        return "integrated";
    case DeviceType::Virtual:
        return "virtual";
    case DeviceType::Cpu:
        return "cpu";
    case DeviceType::Other:
        break;
    }
    return "other";
}

std::vector<DeviceInfo> list_devices()
{
    vulkan::Instance instance;
    std::vector<DeviceInfo> devices;
    for (vulkan::PhysicalDevice& d : instance.physical_devices())
        devices.push_back(std::move(d.info));
    if (devices.empty())
        throw Error(std::string("no Vulkan device found: ") + vulkan::missing_vulkan_hint());
    return devices;
}

const DeviceInfo& choose_device(const std::vector<DeviceInfo>& devices, std::string_view request)
{
    std::string wanted(request);
    if (wanted.empty()) {
        const char* env = std::getenv("HEARTH_DEVICE");
        wanted = env ? env : "";
    }
    if (wanted.empty()) {
        auto rank = [](DeviceType type) {
            switch (type) {
            case DeviceType::Discrete:
                return 0;
            case DeviceType::Integrated:
                return 1;
            case DeviceType::Virtual:
                return 2;
            case DeviceType::Cpu:
                return 3;
            case DeviceType::Other:
                break;
            }
            return 4;
        };
        const DeviceInfo* best = nullptr;
        for (const DeviceInfo& d : devices)
            if (d.usable && (!best || rank(d.type) < rank(best->type)))
                best = &d;
        if (!best) {
            std::string reasons;
            for (const DeviceInfo& d : devices)
                reasons += (reasons.empty() ? "" : "; ") + d.name + " " + d.reason;
            throw Error("no usable Vulkan device (" + reasons + ")");
        }
        return *best;
    }

    auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        return s;
    };
    int index = -1;
    const auto [end, error] = std::from_chars(wanted.data(), wanted.data() + wanted.size(), index);
    const bool numeric = error == std::errc() && end == wanted.data() + wanted.size();
    for (const DeviceInfo& d : devices) {
        const bool match =
            numeric ? d.index == index : lower(d.name).find(lower(wanted)) != std::string::npos;
        if (!match)
            continue;
        if (!d.usable)
            throw Error("device " + std::to_string(d.index) + " (" + d.name + ") cannot run Hearth: it " +
                        d.reason);
        return d;
    }
    std::string names;
    for (const DeviceInfo& d : devices)
        names += (names.empty() ? "" : ", ") + std::to_string(d.index) + " = " + d.name;
    throw Error("no Vulkan device matches '" + wanted + "' (devices: " + names + ")");
}

std::string vulkan_unavailable_reason()
{
    try {
        const std::vector<DeviceInfo> devices = list_devices();
        if (std::none_of(devices.begin(), devices.end(), [](const DeviceInfo& d) { return d.usable; }))
            choose_device(devices, "");
        return {};
    } catch (const Error& e) {
        return e.what();
    }
}

} // namespace hearth
