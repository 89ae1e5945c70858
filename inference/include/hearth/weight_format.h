#pragma once
// Weight formats as GGUF files store them: plain floats and the block-quantized formats of the
// ggml ecosystem. Each quantized format packs a fixed number of values (a block of 32 or 256)
// into a fixed number of bytes; a tensor row is a whole number of blocks. The functions here are
// the plain C++ reference every GPU kernel is tested against.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hearth {

// The ids are the ggml type ids stored in GGUF tensor infos.
enum class WeightType : uint32_t {
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    IQ4_NL = 20,
    IQ4_XS = 23,
    BF16 = 30,
};

// The GGUF/ggml spelling: "f32", "f16", "q4_0", "q4_K", "iq4_xs", "bf16".
const char* weight_type_name(WeightType type);
// Case-insensitive inverse of weight_type_name ("q4_k" and "Q4_K" both work); nullopt if unknown.
std::optional<WeightType> weight_type_from_name(std::string_view name);
// nullopt for ids that are unknown or that Hearth does not support.
std::optional<WeightType> weight_type_from_id(uint32_t id);

int64_t block_elements(WeightType type); // values per block: 1, 32 or 256
size_t block_bytes(WeightType type);     // bytes per block
// Bytes of a row of n values; throws Error if n is not a multiple of block_elements(type).
size_t row_bytes(WeightType type, int64_t n);

// n must be a multiple of block_elements(type) (throws Error otherwise).
void dequantize_row(WeightType type, const void* src, float* dst, int64_t n);
// Throws Error for types without a quantizer (see has_quantizer).
void quantize_row(WeightType type, const float* src, void* dst, int64_t n);
bool has_quantizer(WeightType type);

float fp16_to_fp32(uint16_t h);
uint16_t fp32_to_fp16(float f); // round to nearest even; overflow gives infinity
float bf16_to_fp32(uint16_t h);
uint16_t fp32_to_bf16(float f); // round to nearest even; NaN stays NaN

} // namespace hearth
