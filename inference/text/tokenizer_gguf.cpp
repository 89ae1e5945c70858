// Reading a tokenizer from a GGUF file's tokenizer.ggml.* metadata.
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/tokenizer.h"

#include <limits>

namespace hearth {

namespace {

// A token id key; absent, negative or past int32 (UINT32_MAX is written for "none") reads as -1.
int32_t read_id(const GgufFile& file, std::string_view key)
{
    if (!file.has(key))
        return -1;
    const int64_t id = file.get<int64_t>(key);
    return id < 0 || id > std::numeric_limits<int32_t>::max() ? -1 : static_cast<int32_t>(id);
}

std::optional<bool> read_flag(const GgufFile& file, std::string_view key)
{
    return file.has(key) ? std::optional<bool>(file.get<bool>(key)) : std::nullopt;
}

} // namespace

TokenizerData read_tokenizer_data(const GgufFile& file)
{
    if (!file.has("tokenizer.ggml.model") || !file.has("tokenizer.ggml.tokens"))
        throw Error(file.path() + " carries no tokenizer (tokenizer.ggml.model / tokens are missing)");
    TokenizerData data;
    data.model = file.get<std::string>("tokenizer.ggml.model");
    data.pre = file.get_or<std::string>("tokenizer.ggml.pre", "");
    data.tokens = file.get<std::vector<std::string>>("tokenizer.ggml.tokens");
    if (file.has("tokenizer.ggml.scores"))
        data.scores = file.get<std::vector<float>>("tokenizer.ggml.scores");
    if (file.has("tokenizer.ggml.token_type"))
        data.token_types = file.get<std::vector<int32_t>>("tokenizer.ggml.token_type");
    if (file.has("tokenizer.ggml.merges"))
        data.merges = file.get<std::vector<std::string>>("tokenizer.ggml.merges");
    data.bos = read_id(file, "tokenizer.ggml.bos_token_id");
    data.eos = read_id(file, "tokenizer.ggml.eos_token_id");
    data.eot = read_id(file, "tokenizer.ggml.eot_token_id");
    data.eom = read_id(file, "tokenizer.ggml.eom_token_id");
    data.unknown = read_id(file, "tokenizer.ggml.unknown_token_id");
    data.padding = read_id(file, "tokenizer.ggml.padding_token_id");
    if (data.model == "bert") { // BERT marks the sequence with [CLS] ... [SEP]
        if (data.bos < 0)
            data.bos = read_id(file, "tokenizer.ggml.cls_token_id");
        if (data.eos < 0)
            data.eos = read_id(file, "tokenizer.ggml.seperator_token_id"); // sic: GGUF's spelling
    }
    data.add_bos = read_flag(file, "tokenizer.ggml.add_bos_token");
    data.add_eos = read_flag(file, "tokenizer.ggml.add_eos_token");
    data.add_space_prefix = read_flag(file, "tokenizer.ggml.add_space_prefix");
    return data;
}

Tokenizer Tokenizer::from_gguf(const GgufFile& file)
{
    return Tokenizer(read_tokenizer_data(file));
}

} // namespace hearth
