#include "bench/random_weights.h"

#include <cstring>
#include <random>

namespace hearth::bench {

namespace {

// Byte offsets of the f16 scale fields inside one block of a quantized format.
std::vector<size_t> f16_fields(WeightType type)
{
    switch (type) {
    case WeightType::Q4_1:
    case WeightType::Q5_1:
    case WeightType::Q4_K:
    case WeightType::Q5_K:
        return {0, 2}; // d, then m / dmin
    case WeightType::Q2_K:
        return {80, 82};
    case WeightType::Q3_K:
        return {108};
    case WeightType::Q6_K:
        return {208};
    default:
        return {0}; // Q4_0, Q5_0, Q8_0, IQ4_NL, IQ4_XS: d first
    }
}

} // namespace

const std::vector<WeightType>& gpu_weight_types()
{
    static const std::vector<WeightType> types = {
        WeightType::F32,  WeightType::F16,  WeightType::Q4_0,   WeightType::Q4_1,   WeightType::Q5_0,
        WeightType::Q5_1, WeightType::Q8_0, WeightType::Q2_K,   WeightType::Q3_K,   WeightType::Q4_K,
        WeightType::Q5_K, WeightType::Q6_K, WeightType::IQ4_NL, WeightType::IQ4_XS, WeightType::BF16};
    return types;
}

std::vector<uint8_t> random_weights(WeightType type, uint32_t rows, uint32_t k, uint32_t seed)
{
    std::mt19937 engine(seed);
    const size_t stride = row_bytes(type, k);
    std::vector<uint8_t> data(stride * rows);
    if (type == WeightType::F32 || type == WeightType::F16 || type == WeightType::BF16) {
        std::uniform_real_distribution<float> value(-1.0f, 1.0f);
        std::vector<float> row(k);
        for (uint32_t r = 0; r < rows; ++r) {
            for (float& v : row)
                v = value(engine);
            quantize_row(type, row.data(), data.data() + stride * r, k);
        }
        return data;
    }
    for (size_t i = 0; i + 4 <= data.size(); i += 4) {
        const uint32_t word = engine();
        std::memcpy(data.data() + i, &word, 4);
    }
    for (size_t i = data.size() & ~size_t(3); i < data.size(); ++i)
        data[i] = uint8_t(engine());
    std::uniform_real_distribution<float> scale(-0.05f, 0.05f);
    const size_t block = block_bytes(type);
    for (size_t at = 0; at < data.size(); at += block)
        for (size_t field : f16_fields(type)) {
            const uint16_t h = fp32_to_fp16(scale(engine));
            std::memcpy(data.data() + at + field, &h, 2);
        }
    return data;
}

} // namespace hearth::bench
