// The table of weight formats: name, block geometry and reference functions per type. Everything
// that dispatches on a WeightType goes through this one table.
#include "hearth/weight_format.h"

#include "format_functions.h"
#include "hearth/error.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace hearth {

namespace {

struct FormatInfo {
    WeightType type;
    const char* name;
    int64_t block_elements;
    size_t block_bytes;
    formats::DequantizeFn dequantize;
    formats::QuantizeFn quantize; // nullptr: no reference quantizer
};

using namespace formats;
constexpr FormatInfo kFormats[] = {
    {WeightType::F32, "f32", 1, 4, dequantize_f32, quantize_f32},
    {WeightType::F16, "f16", 1, 2, dequantize_f16, quantize_f16},
    {WeightType::Q4_0, "q4_0", 32, 18, dequantize_q4_0, quantize_q4_0},
    {WeightType::Q4_1, "q4_1", 32, 20, dequantize_q4_1, quantize_q4_1},
    {WeightType::Q5_0, "q5_0", 32, 22, dequantize_q5_0, quantize_q5_0},
    {WeightType::Q5_1, "q5_1", 32, 24, dequantize_q5_1, quantize_q5_1},
    {WeightType::Q8_0, "q8_0", 32, 34, dequantize_q8_0, quantize_q8_0},
    {WeightType::Q2_K, "q2_K", 256, 84, dequantize_q2_k, nullptr},
    {WeightType::Q3_K, "q3_K", 256, 110, dequantize_q3_k, nullptr},
    {WeightType::Q4_K, "q4_K", 256, 144, dequantize_q4_k, quantize_q4_k},
    {WeightType::Q5_K, "q5_K", 256, 176, dequantize_q5_k, quantize_q5_k},
    {WeightType::Q6_K, "q6_K", 256, 210, dequantize_q6_k, quantize_q6_k},
    {WeightType::IQ4_NL, "iq4_nl", 32, 18, dequantize_iq4_nl, quantize_iq4_nl},
    {WeightType::IQ4_XS, "iq4_xs", 256, 136, dequantize_iq4_xs, nullptr},
    {WeightType::BF16, "bf16", 1, 2, dequantize_bf16, quantize_bf16},
};

const FormatInfo& info(WeightType type)
{
    for (const FormatInfo& f : kFormats)
        if (f.type == type)
            return f;
    throw Error("unknown weight type id " + std::to_string(uint32_t(type)));
}

void check_length(const FormatInfo& f, int64_t n)
{
    if (n < 0 || n % f.block_elements != 0)
        throw Error("a row of " + std::to_string(n) + " values cannot be stored as " + f.name +
                    ", whose blocks hold " + std::to_string(f.block_elements) + " values");
}

} // namespace

const char* weight_type_name(WeightType type)
{
    for (const FormatInfo& f : kFormats)
        if (f.type == type)
            return f.name;
    return "unknown";
}

std::optional<WeightType> weight_type_from_name(std::string_view name)
{
    for (const FormatInfo& f : kFormats) {
        const std::string_view candidate = f.name;
        if (candidate.size() == name.size() &&
            std::equal(name.begin(), name.end(), candidate.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            }))
            return f.type;
    }
    return std::nullopt;
}

std::optional<WeightType> weight_type_from_id(uint32_t id)
{
    for (const FormatInfo& f : kFormats)
        if (uint32_t(f.type) == id)
            return f.type;
    return std::nullopt;
}

int64_t block_elements(WeightType type)
{
    return info(type).block_elements;
}

size_t block_bytes(WeightType type)
{
    return info(type).block_bytes;
}

size_t row_bytes(WeightType type, int64_t n)
{
    const FormatInfo& f = info(type);
    check_length(f, n);
    return size_t(n / f.block_elements) * f.block_bytes;
}

void dequantize_row(WeightType type, const void* src, float* dst, int64_t n)
{
    const FormatInfo& f = info(type);
    check_length(f, n);
    f.dequantize(src, dst, n);
}

bool has_quantizer(WeightType type)
{
    return info(type).quantize != nullptr;
}

void quantize_row(WeightType type, const float* src, void* dst, int64_t n)
{
    const FormatInfo& f = info(type);
    if (!f.quantize)
        throw Error(std::string("Hearth cannot quantize to ") + f.name + " (it can read it)");
    check_length(f, n);
    f.quantize(src, dst, n);
}

} // namespace hearth
