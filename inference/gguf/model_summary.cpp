// Reads the well-known GGUF keys into a ModelSummary. Per-architecture keys are prefixed with
// general.architecture ("llama.block_count"); some models store per-layer arrays (head counts
// that vary by layer), for which the largest value is reported.
#include "hearth/model_summary.h"

#include "hearth/error.h"

#include <algorithm>
#include <map>

namespace hearth {

namespace {

std::optional<int64_t> integer_or_max(const GgufFile& f, const std::string& key)
{
    const GgufKeyInfo* info = f.key_info(key);
    if (!info)
        return std::nullopt;
    try {
        if (info->type == GgufValueType::Array) {
            const std::vector<int64_t> values = f.get<std::vector<int64_t>>(key);
            if (values.empty())
                return std::nullopt;
            return *std::max_element(values.begin(), values.end());
        }
        return f.get<int64_t>(key);
    } catch (const Error&) {
        return std::nullopt; // a value of an unexpected type is shown as absent
    }
}

template <class T> std::optional<T> optional_value(const GgufFile& f, const std::string& key)
{
    if (!f.has(key))
        return std::nullopt;
    try {
        return f.get<T>(key);
    } catch (const Error&) {
        return std::nullopt;
    }
}

} // namespace

ModelSummary summarize_model(const GgufFile& f)
{
    ModelSummary s;
    s.path = f.path();
    s.file_size = f.file_size();
    s.gguf_version = f.version();
    s.shard_count = f.shard_count();
    s.tensor_count = f.tensors().size();
    s.metadata_count = f.metadata().size();
    s.architecture = optional_value<std::string>(f, "general.architecture").value_or("");
    s.name = optional_value<std::string>(f, "general.name").value_or("");
    s.file_type = optional_value<uint32_t>(f, "general.file_type");

    std::map<WeightType, WeightTypeUsage> usage;
    for (const GgufTensor& t : f.tensors()) {
        s.parameters += t.elements();
        WeightTypeUsage& u = usage[t.type];
        u.type = t.type;
        u.tensors += 1;
        u.bytes += t.bytes;
    }
    for (const auto& [type, u] : usage)
        s.weight_types.push_back(u);
    std::stable_sort(s.weight_types.begin(), s.weight_types.end(),
                     [](const WeightTypeUsage& a, const WeightTypeUsage& b) { return a.bytes > b.bytes; });

    const std::string a = s.architecture + ".";
    s.context_length = integer_or_max(f, a + "context_length");
    s.block_count = integer_or_max(f, a + "block_count");
    s.embedding_length = integer_or_max(f, a + "embedding_length");
    s.feed_forward_length = integer_or_max(f, a + "feed_forward_length");
    s.head_count = integer_or_max(f, a + "attention.head_count");
    s.head_count_kv = integer_or_max(f, a + "attention.head_count_kv");
    s.rope_dimension_count = integer_or_max(f, a + "rope.dimension_count");
    if (const auto base = optional_value<float>(f, a + "rope.freq_base")) {
        s.rope_freq_base = *base;
        s.rope_freq_base_is_default = false;
    }
    s.rope_scaling_type = optional_value<std::string>(f, a + "rope.scaling.type").value_or("");
    s.rope_scaling_factor = optional_value<float>(f, a + "rope.scaling.factor");

    s.tokenizer_model = optional_value<std::string>(f, "tokenizer.ggml.model").value_or("");
    s.tokenizer_pre = optional_value<std::string>(f, "tokenizer.ggml.pre").value_or("");
    if (const GgufKeyInfo* tokens = f.key_info("tokenizer.ggml.tokens");
        tokens && tokens->type == GgufValueType::Array)
        s.vocabulary_size = int64_t(tokens->count);
    s.bos_token_id = optional_value<int64_t>(f, "tokenizer.ggml.bos_token_id");
    s.eos_token_id = optional_value<int64_t>(f, "tokenizer.ggml.eos_token_id");
    s.has_chat_template = f.has("tokenizer.chat_template");
    return s;
}

std::string file_type_name(uint32_t file_type)
{
    // llama.cpp's llama_ftype values.
    switch (file_type) {
    case 0:
        return "F32";
    case 1:
        return "F16";
    case 2:
        return "Q4_0";
    case 3:
        return "Q4_1";
    case 7:
        return "Q8_0";
    case 8:
        return "Q5_0";
    case 9:
        return "Q5_1";
    case 10:
        return "Q2_K";
    case 11:
        return "Q3_K_S";
    case 12:
        return "Q3_K_M";
    case 13:
        return "Q3_K_L";
    case 14:
        return "Q4_K_S";
    case 15:
        return "Q4_K_M";
    case 16:
        return "Q5_K_S";
    case 17:
        return "Q5_K_M";
    case 18:
        return "Q6_K";
    case 21:
        return "Q2_K_S";
    case 25:
        return "IQ4_NL";
    case 30:
        return "IQ4_XS";
    case 32:
        return "BF16";
    default:
        return "";
    }
}

} // namespace hearth
