#pragma once
// What every op function shares: shape checks that name the op, workgroup sizing from the
// device's subgroup size, 2D grids for more workgroups than one axis allows, and the choice of
// the subgroup or shared-memory variant of a reduction kernel.
#include "vulkan/device.h"
#include "vulkan/recorder.h"

#include <array>
#include <cstdint>
#include <string>

namespace hearth::ops {

using vulkan::BufferSlice;
using vulkan::Recorder;

// Throws hearth::Error("<op>: <message>") unless ok.
void require(bool ok, const char* op, const std::string& message);
// Requires `slice` to hold at least `elements` values of `element_size` bytes.
void require_elements(const char* op, const char* name, const BufferSlice& slice, uint64_t elements,
                      uint32_t element_size = 4);

// Workgroup size for one workgroup per row of n values: a power of two, at least one subgroup,
// growing with n up to 256.
uint32_t row_workgroup_size(const vulkan::Device& device, uint64_t n);
// `count` workgroups as an x*y grid within the device's limits (shaders recompute the linear id).
std::array<uint32_t, 3> grid(const vulkan::Device& device, const char* op, uint64_t count);
// "<op>" where the device reduces across subgroups, else "<op>_shared".
std::string reduction_variant(const vulkan::Device& device, const std::string& op);

inline uint32_t float_bits(float f)
{
    uint32_t bits;
    static_assert(sizeof bits == sizeof f);
    __builtin_memcpy(&bits, &f, sizeof f);
    return bits;
}

inline uint64_t ceil_div(uint64_t a, uint64_t b)
{
    return (a + b - 1) / b;
}

} // namespace hearth::ops
