#include "arch/model_config.h"

#include "hearth/error.h"
#include "hearth/gguf.h"

#include <cmath>

namespace hearth {
namespace {

// What sets a family apart, beyond the numbers every file states.
struct Family {
    const char* name;
    RopeStyle rope_style;
    Activation activation;
    bool qkv_bias;
    bool qk_norm;
    bool post_norms;
    bool scale_embedding;            // multiply the embedding by sqrt(embedding_length)
    uint32_t sliding_window_pattern; // every Nth layer is global, the others slide; 1: all slide
    float local_rope_base;           // rope base of sliding layers (0: the global base)
    bool gated_ffn;
    bool encoder;            // bidirectional, post-LayerNorm, pooled (see ModelConfig)
    bool absolute_positions; // learned position embeddings instead of RoPE
};

const Family kFamilies[] = {
    // name  rope style  activation  bias  qknorm  post  embscale  pattern  local base  gated  encoder  abspos
    {"llama", RopeStyle::Adjacent, Activation::Silu, false, false, false, false, 0, 0.0f, true, false, false},
    {"qwen2", RopeStyle::Halves, Activation::Silu, true, false, false, false, 0, 0.0f, true, false, false},
    {"qwen3", RopeStyle::Halves, Activation::Silu, false, true, false, false, 0, 0.0f, true, false, false},
    {"gemma2", RopeStyle::Halves, Activation::Gelu, false, false, true, true, 2, 0.0f, true, false, false},
    {"gemma3", RopeStyle::Halves, Activation::Gelu, false, true, true, true, 6, 10000.0f, true, false, false},
    {"phi3", RopeStyle::Halves, Activation::Silu, false, false, false, false, 1, 0.0f, true, false, false},
    {"bert", RopeStyle::Halves, Activation::Gelu, true, false, false, false, 0, 0.0f, false, true, true},
    {"nomic-bert", RopeStyle::Halves, Activation::Silu, false, false, false, false, 0, 0.0f, true, true,
     false},
};

// llama.cpp's llama_pooling_type values in `*.pooling_type`.
reference::Pooling read_pooling(const GgufFile& file, const std::string& key)
{
    const uint32_t type = file.get_or<uint32_t>(key, 1);
    switch (type) {
    case 1:
        return reference::Pooling::Mean;
    case 2:
        return reference::Pooling::Cls;
    case 3:
        return reference::Pooling::Last;
    default:
        throw Error(file.path() + ": " + key + " = " + std::to_string(type) +
                    (type == 4   ? " (a reranker)"
                     : type == 0 ? " (per-token output)"
                                 : "") +
                    " is not supported; Hearth embeds with mean (1), CLS (2) or last-token (3) pooling");
    }
}

const Family& find_family(const std::string& architecture)
{
    for (const Family& family : kFamilies)
        if (architecture == family.name)
            return family;
    std::string list;
    for (const std::string& name : supported_architectures())
        list += (list.empty() ? "" : ", ") + name;
    throw Error("the model's architecture '" + architecture + "' is not supported; Hearth runs " + list);
}

uint32_t positive(const GgufFile& file, const std::string& key, uint64_t value)
{
    if (value == 0 || value > (1u << 24))
        throw Error(file.path() + ": metadata " + key + " = " + std::to_string(value) + " is out of range");
    return uint32_t(value);
}

} // namespace

const std::vector<std::string>& supported_architectures()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> result;
        for (const Family& family : kFamilies)
            result.emplace_back(family.name);
        return result;
    }();
    return names;
}

ModelConfig read_model_config(const GgufFile& file)
{
    ModelConfig c;
    c.architecture = file.get<std::string>("general.architecture");
    const Family& family = find_family(c.architecture);
    c.name = file.get_or<std::string>("general.name", c.architecture);
    const std::string a = c.architecture + ".";
    const auto number = [&](const std::string& key) { return positive(file, a + key, file.get<uint64_t>(a + key)); };
    const auto number_or = [&](const std::string& key, uint64_t fallback) {
        return positive(file, a + key, file.get_or<uint64_t>(a + key, fallback));
    };

    c.embedding_length = number("embedding_length");
    c.layer_count = number("block_count");
    c.head_count = number("attention.head_count");
    c.kv_head_count = number_or("attention.head_count_kv", c.head_count);
    c.feed_forward_length = number("feed_forward_length");
    c.context_length = number_or("context_length", 2048);
    // Decoders RMS-normalise, the encoders LayerNorm; each family states its own key.
    c.norm_epsilon = family.encoder ? file.get_or<float>(a + "attention.layer_norm_epsilon", 1e-12f)
                                    : file.get_or<float>(a + "attention.layer_norm_rms_epsilon", 1e-5f);
    if (c.head_count % c.kv_head_count != 0)
        throw Error(file.path() + ": " + std::to_string(c.head_count) + " attention heads cannot share " +
                    std::to_string(c.kv_head_count) + " key/value heads");
    c.head_dim = number_or("attention.key_length", c.embedding_length / c.head_count);
    if (number_or("attention.value_length", c.head_dim) != c.head_dim)
        throw Error(file.path() + ": keys and values of different lengths per head are not supported");
    const GgufTensor& embedding = file.tensor("token_embd.weight");
    if (embedding.dims.size() != 2 || embedding.dims[0] != int64_t(c.embedding_length))
        throw Error(file.path() + ": token_embd.weight does not have rows of embedding_length values");
    c.vocab_size = positive(file, "vocabulary size", uint64_t(embedding.dims[1]));

    c.rope_style = family.rope_style;
    c.rope_dims = number_or("rope.dimension_count", c.head_dim);
    if (c.rope_dims > c.head_dim || c.rope_dims % 2 != 0)
        throw Error(file.path() + ": rope.dimension_count must be even and at most the head size");
    const float rope_base = file.get_or<float>(a + "rope.freq_base", 10000.0f);
    float rope_scale = 1.0f;
    const std::string scaling = file.get_or<std::string>(a + "rope.scaling.type", "none");
    const float factor = file.get_or<float>(a + "rope.scaling.factor", 1.0f);
    if (scaling == "linear" && factor > 0.0f) {
        rope_scale = 1.0f / factor;
    } else if (scaling == "llama3") {
        c.llama3_factor = factor;
        c.llama3_low_freq_factor = file.get_or<float>(a + "rope.scaling.low_freq_factor", 1.0f);
        c.llama3_high_freq_factor = file.get_or<float>(a + "rope.scaling.high_freq_factor", 4.0f);
        c.llama3_original_context = float(file.get_or<uint32_t>(a + "rope.scaling.original_context_length", 8192));
    } else if (scaling != "none" && scaling != "longrope" && !(scaling == "linear" && factor == 0.0f)) {
        throw Error(file.path() + ": RoPE scaling '" + scaling + "' is not supported (linear, llama3 and longrope are)");
    }
    c.rope_original_context = file.get_or<uint32_t>(a + "rope.scaling.original_context_length", c.context_length);
    c.rope_attention_factor = file.get_or<float>(a + "rope.scaling.attn_factor", 1.0f);

    // Gemma's 27B sizes scale queries by 1/sqrt(embedding/heads) instead of 1/sqrt(head_dim)
    // (query_pre_attn_scalar); no GGUF key states it, llama.cpp derives it from the layer count.
    float query_scalar = float(c.head_dim);
    if ((c.architecture == "gemma2" && c.layer_count == 46) || (c.architecture == "gemma3" && c.layer_count == 62))
        query_scalar = float(c.embedding_length) / float(c.head_count);
    c.attention_scale = file.get_or<float>(a + "attention.scale", 1.0f / std::sqrt(query_scalar));
    c.attention_softcap = file.get_or<float>(a + "attn_logit_softcapping", 0.0f);
    c.final_softcap = file.get_or<float>(a + "final_logit_softcapping", 0.0f);

    const uint32_t window = file.get_or<uint32_t>(a + "attention.sliding_window", 0);
    const uint32_t pattern = file.get_or<uint32_t>(a + "attention.sliding_window_pattern", family.sliding_window_pattern);
    const float local_base = file.get_or<float>(a + "rope.freq_base_swa", family.local_rope_base);
    c.layers.resize(c.layer_count);
    for (uint32_t i = 0; i < c.layer_count; ++i) {
        LayerAttention& layer = c.layers[i];
        const bool sliding = window > 0 && pattern > 0 && (pattern == 1 || i % pattern < pattern - 1);
        layer.window = sliding ? window : 0;
        layer.rope_base = sliding && local_base > 0.0f ? local_base : rope_base;
        // Gemma 3 scales positions on its global layers only.
        layer.rope_scale = sliding && family.local_rope_base > 0.0f ? 1.0f : rope_scale;
    }

    c.activation = family.activation;
    c.embedding_scale = family.scale_embedding ? std::sqrt(float(c.embedding_length)) : 1.0f;
    c.qkv_bias = family.qkv_bias;
    c.qk_norm = family.qk_norm;
    c.post_norms = family.post_norms;
    c.gated_ffn = family.gated_ffn;
    c.causal = !family.encoder;
    if (family.encoder && file.get_or<bool>(a + "attention.causal", false))
        throw Error(file.path() + ": a causal " + c.architecture + " is not supported");
    c.absolute_positions = family.absolute_positions;
    if (family.encoder)
        c.pooling = read_pooling(file, a + "pooling_type");
    return c;
}

} // namespace hearth
