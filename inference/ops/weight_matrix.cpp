#include "ops/weight_matrix.h"

#include <algorithm>
#include <cctype>

namespace hearth::ops {

namespace {

constexpr uint64_t round_up4(uint64_t bytes)
{
    return (bytes + 3) & ~uint64_t(3);
}

// Values per GPU block: the float formats are read 4 at a time (formats/f32.glsl).
uint32_t gpu_block_elements(WeightType type)
{
    return uint32_t(std::max<int64_t>(block_elements(type), 4));
}

} // namespace

std::string format_name(WeightType type)
{
    std::string name = weight_type_name(type);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return name;
}

std::string weight_pipeline_name(const char* op, WeightType type)
{
    return std::string(op) + "_" + format_name(type);
}

std::string describe(const WeightMatrix& matrix)
{
    return std::to_string(matrix.rows) + " x " + std::to_string(matrix.k) + " " + weight_type_name(matrix.type);
}

std::vector<WeightChunk> weight_chunks(const vulkan::Device& device, const WeightMatrix& matrix, uint32_t max_rows,
                                       const char* op, bool texels)
{
    const std::string shape = describe(matrix) + " matrix: ";
    require(matrix.rows > 0 && matrix.k > 0, op, shape + "the matrix is empty");
    const uint32_t block = gpu_block_elements(matrix.type);
    require(matrix.k % block == 0, op, shape + "rows must hold a multiple of " + std::to_string(block) + " values");
    require(matrix.data.offset % 4 == 0, op,
            shape + "the weights start at byte " + std::to_string(matrix.data.offset) + ", not a multiple of 4");
    const uint64_t stride = row_bytes(matrix.type, matrix.k);
    require(matrix.data.size >= round_up4(stride * matrix.rows), op,
            shape + "the weight buffer holds " + std::to_string(matrix.data.size) + " bytes, " +
                std::to_string(round_up4(stride * matrix.rows)) + " are needed");

    const VkPhysicalDeviceLimits& limits = device.limits();
    const uint64_t alignment = std::max<uint64_t>(
        texels ? limits.minTexelBufferOffsetAlignment : limits.minStorageBufferOffsetAlignment, 4);
    // Byte addresses in the shaders are 32-bit, so one binding never spans more than 4 GiB.
    const uint64_t range = std::min<uint64_t>(
        texels ? uint64_t(limits.maxTexelBufferElements) * 4 : limits.maxStorageBufferRange, 0xFFFFFFFCull);
    const uint64_t fitting = range > alignment + 4 ? (range - alignment - 4) / stride : 0;
    require(fitting > 0, op,
            shape + "one row (" + std::to_string(stride) + " bytes) is larger than the device lets a shader see at " +
                "once (" + std::to_string(range) + " bytes)");
    const uint32_t chunk_rows = uint32_t(std::min<uint64_t>(fitting, max_rows));

    std::vector<WeightChunk> chunks;
    for (uint32_t first = 0; first < matrix.rows; first += chunk_rows) {
        const uint32_t count = std::min(chunk_rows, matrix.rows - first);
        const uint64_t start = matrix.data.offset + uint64_t(first) * stride;
        const uint64_t base = start / alignment * alignment;
        WeightChunk chunk;
        chunk.slice = {matrix.data.buffer, base, round_up4(start - base + uint64_t(count) * stride)};
        chunk.weight_offset = uint32_t(start - base);
        chunk.first_row = first;
        chunk.row_count = count;
        chunks.push_back(chunk);
    }
    return chunks;
}

AlignedBinding align_binding(const vulkan::Device& device, const BufferSlice& slice, uint32_t unit,
                             const char* op, const char* what, bool texels)
{
    const VkPhysicalDeviceLimits& limits = device.limits();
    const uint64_t alignment = std::max<uint64_t>(
        texels ? limits.minTexelBufferOffsetAlignment : limits.minStorageBufferOffsetAlignment, 4);
    const uint64_t base = slice.offset / alignment * alignment;
    const uint64_t delta = slice.offset - base;
    require(delta % unit == 0, op,
            std::string("the ") + what + " buffer starts at byte " + std::to_string(slice.offset) +
                ", not a multiple of " + std::to_string(unit));
    return {{slice.buffer, base, slice.size + delta}, uint32_t(delta / unit)};
}

} // namespace hearth::ops
