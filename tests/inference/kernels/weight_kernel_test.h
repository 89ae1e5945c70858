#pragma once
// Shared by the weight-matrix kernel tests (matvec, matmul, get_rows): every format, random
// weight matrices in each, their reference dequantization, and their upload.
#include "gpu_fixture.h"
#include "hearth/weight_format.h"
#include "ops/weight_matrix.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <random>
#include <vector>

namespace weight_kernel_test {

using hearth::WeightType;

inline const std::vector<WeightType>& all_formats()
{
    static const std::vector<WeightType> formats = {
        WeightType::F32,  WeightType::F16,  WeightType::BF16, WeightType::Q4_0,   WeightType::Q4_1,
        WeightType::Q5_0, WeightType::Q5_1, WeightType::Q8_0, WeightType::Q2_K,   WeightType::Q3_K,
        WeightType::Q4_K, WeightType::Q5_K, WeightType::Q6_K, WeightType::IQ4_NL, WeightType::IQ4_XS};
    return formats;
}

// The row-length granule of the GPU kernels: the block, or 4 for the float formats.
inline uint32_t block_of(WeightType type)
{
    return uint32_t(std::max<int64_t>(hearth::block_elements(type), 4));
}

// Byte offsets of the f16 scale fields inside one block; every other byte may hold anything.
inline std::vector<size_t> f16_fields(WeightType type)
{
    switch (type) {
    case WeightType::Q4_1:
    case WeightType::Q5_1:
    case WeightType::Q4_K:
    case WeightType::Q5_K:
        return {0, 2};
    case WeightType::Q2_K:
        return {80, 82};
    case WeightType::Q3_K:
        return {108};
    case WeightType::Q6_K:
        return {208};
    default:
        return {0};
    }
}

// A random matrix of rows x k in `type`, as GGUF stores it. Quantized blocks are random bytes
// (every bit pattern of the packed values and sub-block scales occurs) with small finite f16
// scales; float formats hold normally distributed values.
inline std::vector<uint8_t> random_weights(WeightType type, uint32_t rows, uint32_t k, std::mt19937& rng)
{
    const size_t bytes = hearth::row_bytes(type, k) * rows;
    std::vector<uint8_t> data(bytes);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    if (type == WeightType::F32 || type == WeightType::F16 || type == WeightType::BF16) {
        std::vector<float> values(size_t(rows) * k);
        for (float& v : values)
            v = normal(rng);
        for (uint32_t r = 0; r < rows; ++r)
            hearth::quantize_row(type, values.data() + size_t(r) * k, data.data() + hearth::row_bytes(type, k) * r, k);
        return data;
    }
    std::uniform_int_distribution<int> byte(0, 255);
    for (uint8_t& b : data)
        b = uint8_t(byte(rng));
    std::uniform_real_distribution<float> scale(-0.05f, 0.05f);
    const size_t block = hearth::block_bytes(type);
    for (size_t at = 0; at < bytes; at += block)
        for (size_t field : f16_fields(type)) {
            const uint16_t h = hearth::fp32_to_fp16(scale(rng));
            std::memcpy(data.data() + at + field, &h, 2);
        }
    return data;
}

// The matrix dequantized by the reference, rows x k.
inline std::vector<float> dequantized(WeightType type, const std::vector<uint8_t>& data, uint32_t rows, uint32_t k)
{
    std::vector<float> out(size_t(rows) * k);
    for (uint32_t r = 0; r < rows; ++r)
        hearth::dequantize_row(type, data.data() + hearth::row_bytes(type, k) * r, out.data() + size_t(r) * k, k);
    return out;
}

// A device buffer holding `bytes`, padded to a multiple of 4: the kernels read weights as 32-bit
// words, so the last word of a matrix must be inside the buffer.
inline std::unique_ptr<hearth::vulkan::Buffer> upload_weights(hearth::vulkan::Device& device,
                                                              std::vector<uint8_t> bytes)
{
    bytes.resize((bytes.size() + 3) & ~size_t(3), 0);
    return gpu_test::upload(device, bytes);
}

} // namespace weight_kernel_test
