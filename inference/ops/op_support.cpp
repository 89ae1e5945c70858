#include "ops/op_support.h"

#include "hearth/error.h"

#include <algorithm>

namespace hearth::ops {

void require(bool ok, const char* op, const std::string& message)
{
    if (!ok)
        throw Error(std::string(op) + ": " + message);
}

void require_elements(const char* op, const char* name, const BufferSlice& slice, uint64_t elements,
                      uint32_t element_size)
{
    require(slice.buffer != VK_NULL_HANDLE, op, std::string(name) + " is not bound");
    require(slice.size / element_size >= elements, op,
            std::string(name) + " holds " + std::to_string(slice.size / element_size) +
                " values, the shape needs " + std::to_string(elements));
}

uint32_t row_workgroup_size(const vulkan::Device& device, uint64_t n)
{
    uint32_t size = std::max(device.subgroup_size(), 32u);
    while (size < 256 && uint64_t(size) * 4 < n)
        size *= 2;
    return std::min(size, device.limits().maxComputeWorkGroupInvocations);
}

std::array<uint32_t, 3> grid(const vulkan::Device& device, const char* op, uint64_t count)
{
    const uint32_t* limit = device.limits().maxComputeWorkGroupCount;
    require(count > 0, op, "nothing to compute (a zero-sized shape)");
    const uint64_t x = std::min<uint64_t>(count, limit[0]);
    const uint64_t y = ceil_div(count, x);
    require(y <= limit[1], op, std::to_string(count) + " workgroups exceed the device's grid");
    return {uint32_t(x), uint32_t(y), 1};
}

std::string reduction_variant(const vulkan::Device& device, const std::string& op)
{
    return device.subgroup_arithmetic() ? op : op + "_shared";
}

} // namespace hearth::ops
