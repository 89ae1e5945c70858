#pragma once
// The facts about a model file a person wants before loading it: architecture, size, weight
// formats, shape, RoPE, tokenizer. Missing keys stay empty rather than failing, so the summary
// works on vocabulary-only and unusual files too.
#include "hearth/gguf.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hearth {

struct WeightTypeUsage {
    WeightType type;
    size_t tensors = 0;
    uint64_t bytes = 0;
};

struct ModelSummary {
    std::string path;
    uint64_t file_size = 0;
    uint32_t gguf_version = 0;
    size_t shard_count = 1;
    size_t tensor_count = 0;
    size_t metadata_count = 0;

    std::string architecture;                  // general.architecture
    std::string name;                          // general.name
    std::optional<uint32_t> file_type;         // general.file_type (llama.cpp's "mostly q4_K_M" etc.)
    int64_t parameters = 0;                    // elements of all tensors
    std::vector<WeightTypeUsage> weight_types; // most bytes first

    std::optional<int64_t> context_length, block_count, embedding_length, feed_forward_length;
    std::optional<int64_t> head_count, head_count_kv;
    std::optional<int64_t> rope_dimension_count;
    float rope_freq_base = 10000.0f;
    bool rope_freq_base_is_default = true;
    std::string rope_scaling_type; // "" when none
    std::optional<float> rope_scaling_factor;

    std::string tokenizer_model; // tokenizer.ggml.model ("llama", "gpt2", ...)
    std::string tokenizer_pre;   // tokenizer.ggml.pre, "" when absent
    int64_t vocabulary_size = 0;
    std::optional<int64_t> bos_token_id, eos_token_id;
    bool has_chat_template = false;
};

ModelSummary summarize_model(const GgufFile& file);

// llama.cpp's name for a general.file_type value ("Q4_K_M", "F16"), or "" if unknown.
std::string file_type_name(uint32_t file_type);

} // namespace hearth
