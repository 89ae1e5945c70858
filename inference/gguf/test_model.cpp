// Test-model generator. Each architecture is described as data: its tensors per layer, its
// metadata keys and which of them it shares with llama. Weights are random but deterministic:
// every row comes from its own generator seeded by (seed, tensor name, row), so rows can be made
// on several threads and the file is the same on every machine.
#include "hearth/test_model.h"

#include "hearth/error.h"
#include "test_vocabulary.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace hearth {

namespace {

const std::vector<std::string> kArchitectures = {"llama",  "qwen2", "qwen3", "gemma2",
                                                 "gemma3", "phi3",  "bert",  "nomic-bert"};
const std::vector<std::string> kPresets = {"tiny", "small", "1b", "bge-small"};

// The BERT-family encoders: embedding models, no output head, a WordPiece vocabulary.
bool is_encoder(const std::string& arch)
{
    return arch == "bert" || arch == "nomic-bert";
}
const std::vector<std::string> kTypes = {"f32", "f16", "q8_0", "q4_0", "q4_k_m", "q6_k"};

std::string join(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

void check_choice(const std::string& what, const std::string& value, const std::vector<std::string>& valid)
{
    if (std::find(valid.begin(), valid.end(), value) == valid.end())
        throw Error("unknown test-model " + what + " '" + value + "' (choose " + join(valid) + ")");
}

// The same ChatML template every Qwen-style model carries.
constexpr const char* kChatTemplate =
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + "
    "'<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif "
    "%}";

// splitmix64: a small, fast, well-mixed generator; enough for random weights.
struct Random {
    uint64_t state;
    uint64_t next()
    {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Approximately standard normal: the sum of four uniforms, centred and scaled (Irwin-Hall).
    float normal()
    {
        const uint64_t a = next(), b = next();
        const float sum = float(a & 0xFFFFFFFF) + float(a >> 32) + float(b & 0xFFFFFFFF) + float(b >> 32);
        return (sum * (1.0f / 4294967296.0f) - 2.0f) * 1.7320508f;
    }
};

uint64_t hash_name(const std::string& name, uint64_t seed)
{
    uint64_t h = 0xCBF29CE484222325ull ^ seed; // FNV-1a over the name, keyed by the seed
    for (unsigned char c : name)
        h = (h ^ c) * 0x100000001B3ull;
    return h;
}

enum class Init { Matrix, Norm, Bias };

struct PlannedTensor {
    std::string name;
    std::vector<int64_t> dims;
    Init init;
    int layer; // -1 outside the blocks
};

// Fills a tensor's bytes: random floats per row, converted to the tensor's type.
void generate(const PlannedTensor& t, WeightType type, uint64_t seed, uint8_t* dst)
{
    const int64_t row_length = t.dims[0];
    int64_t rows = 1;
    for (size_t i = 1; i < t.dims.size(); ++i)
        rows *= t.dims[i];
    const size_t stride = row_bytes(type, row_length);
    const uint64_t name_hash = hash_name(t.name, seed);
    const float scale = t.init == Init::Matrix ? 1.0f / std::sqrt(float(row_length))
                        : t.init == Init::Norm ? 0.05f
                                               : 0.1f;
    const float offset = t.init == Init::Norm ? 1.0f : 0.0f;
    const auto make_rows = [&](int64_t begin, int64_t end) {
        std::vector<float> row(static_cast<size_t>(row_length));
        for (int64_t r = begin; r < end; ++r) {
            Random random{name_hash + uint64_t(r) * 0x2545F4914F6CDD1Dull};
            for (float& x : row)
                x = offset + scale * random.normal();
            quantize_row(type, row.data(), dst + size_t(r) * stride, row_length);
        }
    };
    const int64_t work = rows * row_length;
    const int threads = work < (1 << 18) ? 1 : int(std::clamp(std::thread::hardware_concurrency(), 1u, 16u));
    if (threads == 1) {
        make_rows(0, rows);
        return;
    }
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i)
        pool.emplace_back(make_rows, rows * i / threads, rows * (i + 1) / threads);
    for (std::thread& th : pool)
        th.join();
}

// llama.cpp's rule for the layers that get more bits in its *_M mixes: the first and last eighth
// of the layers and every third one between.
bool more_bits(int layer, int layers)
{
    return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
}

WeightType choose_type(const std::string& type, const PlannedTensor& t, int layers, bool is_output)
{
    if (t.dims.size() == 1 || t.name == "token_types.weight")
        return WeightType::F32; // norms, biases and the two token-type rows stay f32 in every mix
    const auto ends_with = [&](const char* suffix) {
        const std::string s = suffix;
        return t.name.size() >= s.size() && t.name.compare(t.name.size() - s.size(), s.size(), s) == 0;
    };
    if (type == "f32")
        return WeightType::F32;
    if (type == "f16")
        return WeightType::F16;
    if (type == "q8_0")
        return WeightType::Q8_0;
    if (type == "q6_k")
        return WeightType::Q6_K;
    if (type == "q4_0")
        return is_output ? WeightType::Q6_K : WeightType::Q4_0;
    // q4_k_m
    if (is_output)
        return WeightType::Q6_K;
    if (ends_with("attn_qkv.weight"))
        return WeightType::Q5_K;
    if ((ends_with("attn_v.weight") || ends_with("ffn_down.weight")) && more_bits(t.layer, layers))
        return WeightType::Q6_K;
    return WeightType::Q4_K;
}

uint32_t file_type(const std::string& type)
{
    if (type == "f32")
        return 0;
    if (type == "f16")
        return 1;
    if (type == "q8_0")
        return 7;
    if (type == "q4_0")
        return 2;
    if (type == "q4_k_m")
        return 15;
    return 18; // q6_k
}

// As llama.cpp's converter names BERT (q/k/v with biases, absolute positions, GELU FFN with
// biases) and nomic-bert (fused QKV, RoPE, SwiGLU, no biases); both post-norm, with LayerNorm
// weights and biases.
std::vector<PlannedTensor> plan_encoder_tensors(const std::string& arch, const TestModelShape& s)
{
    const bool bert = arch == "bert";
    const int64_t d = s.embedding, q_dim = s.heads * s.head_dim, ff = s.feed_forward;
    std::vector<PlannedTensor> plan;
    plan.push_back({"token_embd.weight", {d, s.vocabulary}, Init::Matrix, -1});
    plan.push_back({"token_types.weight", {d, 2}, Init::Matrix, -1});
    if (bert)
        plan.push_back({"position_embd.weight", {d, s.context}, Init::Matrix, -1});
    plan.push_back({"token_embd_norm.weight", {d}, Init::Norm, -1});
    plan.push_back({"token_embd_norm.bias", {d}, Init::Bias, -1});
    for (int i = 0; i < s.layers; ++i) {
        const std::string b = "blk." + std::to_string(i) + ".";
        const auto add = [&](const std::string& name, std::vector<int64_t> dims, Init init) {
            plan.push_back({b + name, std::move(dims), init, i});
        };
        if (bert) {
            for (const char* part : {"attn_q", "attn_k", "attn_v"}) {
                add(std::string(part) + ".weight", {d, q_dim}, Init::Matrix);
                add(std::string(part) + ".bias", {q_dim}, Init::Bias);
            }
        } else {
            add("attn_qkv.weight", {d, 3 * q_dim}, Init::Matrix);
        }
        add("attn_output.weight", {q_dim, d}, Init::Matrix);
        if (bert)
            add("attn_output.bias", {d}, Init::Bias);
        add("attn_output_norm.weight", {d}, Init::Norm);
        add("attn_output_norm.bias", {d}, Init::Bias);
        add("ffn_up.weight", {d, ff}, Init::Matrix);
        if (bert)
            add("ffn_up.bias", {ff}, Init::Bias);
        else
            add("ffn_gate.weight", {d, ff}, Init::Matrix);
        add("ffn_down.weight", {ff, d}, Init::Matrix);
        if (bert)
            add("ffn_down.bias", {d}, Init::Bias);
        add("layer_output_norm.weight", {d}, Init::Norm);
        add("layer_output_norm.bias", {d}, Init::Bias);
    }
    return plan;
}

std::vector<PlannedTensor> plan_tensors(const std::string& arch, const TestModelShape& s)
{
    if (is_encoder(arch))
        return plan_encoder_tensors(arch, s);
    const int64_t q_dim = s.heads * s.head_dim, kv_dim = s.kv_heads * s.head_dim;
    std::vector<PlannedTensor> plan;
    plan.push_back({"token_embd.weight", {s.embedding, s.vocabulary}, Init::Matrix, -1});
    for (int i = 0; i < s.layers; ++i) {
        const std::string b = "blk." + std::to_string(i) + ".";
        const auto add = [&](const std::string& name, std::vector<int64_t> dims, Init init) {
            plan.push_back({b + name, std::move(dims), init, i});
        };
        add("attn_norm.weight", {s.embedding}, Init::Norm);
        if (arch == "phi3") {
            add("attn_qkv.weight", {s.embedding, q_dim + 2 * kv_dim}, Init::Matrix);
        } else {
            add("attn_q.weight", {s.embedding, q_dim}, Init::Matrix);
            add("attn_k.weight", {s.embedding, kv_dim}, Init::Matrix);
            add("attn_v.weight", {s.embedding, kv_dim}, Init::Matrix);
        }
        if (arch == "qwen2") {
            add("attn_q.bias", {q_dim}, Init::Bias);
            add("attn_k.bias", {kv_dim}, Init::Bias);
            add("attn_v.bias", {kv_dim}, Init::Bias);
        }
        if (arch == "qwen3" || arch == "gemma3") {
            add("attn_q_norm.weight", {s.head_dim}, Init::Norm);
            add("attn_k_norm.weight", {s.head_dim}, Init::Norm);
        }
        add("attn_output.weight", {q_dim, s.embedding}, Init::Matrix);
        const bool gemma = arch == "gemma2" || arch == "gemma3";
        if (gemma)
            add("post_attention_norm.weight", {s.embedding}, Init::Norm);
        add("ffn_norm.weight", {s.embedding}, Init::Norm);
        if (arch == "phi3") {
            add("ffn_up.weight", {s.embedding, 2 * s.feed_forward}, Init::Matrix); // gate and up, stacked
        } else {
            add("ffn_gate.weight", {s.embedding, s.feed_forward}, Init::Matrix);
            add("ffn_up.weight", {s.embedding, s.feed_forward}, Init::Matrix);
        }
        add("ffn_down.weight", {s.feed_forward, s.embedding}, Init::Matrix);
        if (gemma)
            add("post_ffw_norm.weight", {s.embedding}, Init::Norm);
    }
    plan.push_back({"output_norm.weight", {s.embedding}, Init::Norm, -1});
    if (!s.tied_embeddings)
        plan.push_back({"output.weight", {s.embedding, s.vocabulary}, Init::Matrix, -1});
    return plan;
}

void set_general_metadata(GgufWriter& w, const TestModelOptions& o)
{
    w.set("general.architecture", o.architecture);
    w.set("general.name", "Hearth test " + o.architecture + " " + o.preset + " " + o.type + " seed " +
                              std::to_string(o.seed));
    w.set("general.file_type", file_type(o.type));
    if (o.type != "f32" && o.type != "f16")
        w.set("general.quantization_version", uint32_t(2));
}

// The keys llama.cpp's converter writes for BERT (bge, all-MiniLM) and nomic-bert
// (nomic-embed-text): LayerNorm epsilon, not causal, the pooling the sentence-transformers
// config names (bge: CLS, nomic: mean), nomic's RoPE base, and the WordPiece vocabulary with its
// special ids and two token types.
void set_encoder_metadata(GgufWriter& w, const TestModelOptions& o, const TestModelShape& s)
{
    const std::string a = o.architecture + ".";
    const bool bert = o.architecture == "bert";
    set_general_metadata(w, o);
    w.set(a + "context_length", uint32_t(s.context));
    w.set(a + "embedding_length", uint32_t(s.embedding));
    w.set(a + "feed_forward_length", uint32_t(s.feed_forward));
    w.set(a + "block_count", uint32_t(s.layers));
    w.set(a + "attention.head_count", uint32_t(s.heads));
    w.set(a + "attention.layer_norm_epsilon", 1e-12f);
    w.set(a + "attention.causal", false);
    w.set(a + "pooling_type", uint32_t(bert ? 2 : 1)); // llama_pooling_type: 1 mean, 2 CLS, 3 last
    if (!bert)
        w.set(a + "rope.freq_base", 1000.0f);

    const TestWordPieceVocabulary v = make_test_wordpiece_vocabulary(s.vocabulary);
    w.set("tokenizer.ggml.model", "bert");
    w.set("tokenizer.ggml.tokens", v.tokens);
    w.set("tokenizer.ggml.token_type", v.token_types);
    w.set("tokenizer.ggml.token_type_count", uint32_t(2));
    w.set("tokenizer.ggml.unknown_token_id", uint32_t(v.unknown_id));
    w.set("tokenizer.ggml.seperator_token_id", uint32_t(v.separator_id)); // sic: GGUF's spelling
    w.set("tokenizer.ggml.padding_token_id", uint32_t(v.padding_id));
    w.set("tokenizer.ggml.cls_token_id", uint32_t(v.cls_id));
    w.set("tokenizer.ggml.mask_token_id", uint32_t(v.mask_id));
}

void set_metadata(GgufWriter& w, const TestModelOptions& o, const TestModelShape& s)
{
    const std::string& arch = o.architecture;
    if (is_encoder(arch)) {
        set_encoder_metadata(w, o, s);
        return;
    }
    const std::string a = arch + ".";
    set_general_metadata(w, o);

    w.set(a + "context_length", uint32_t(s.context));
    w.set(a + "embedding_length", uint32_t(s.embedding));
    w.set(a + "block_count", uint32_t(s.layers));
    w.set(a + "feed_forward_length", uint32_t(s.feed_forward));
    w.set(a + "attention.head_count", uint32_t(s.heads));
    w.set(a + "attention.head_count_kv", uint32_t(s.kv_heads));
    const bool qwen = arch == "qwen2" || arch == "qwen3";
    const bool gemma = arch == "gemma2" || arch == "gemma3";
    w.set(a + "attention.layer_norm_rms_epsilon", qwen || gemma ? 1e-6f : 1e-5f);
    w.set(a + "rope.freq_base", arch == "llama" ? 500000.0f : qwen || arch == "gemma3" ? 1000000.0f : 10000.0f);
    if (arch == "llama" || arch == "phi3")
        w.set(a + "rope.dimension_count", uint32_t(s.head_dim));
    if (arch == "llama")
        w.set(a + "vocab_size", uint32_t(s.vocabulary));
    if (arch == "qwen3" || gemma) {
        w.set(a + "attention.key_length", uint32_t(s.head_dim));
        w.set(a + "attention.value_length", uint32_t(s.head_dim));
    }
    if (arch == "gemma2") {
        w.set(a + "attn_logit_softcapping", 50.0f);
        w.set(a + "final_logit_softcapping", 30.0f);
    }
    if (gemma) // the tiny preset's window is short, so tests of a few dozen tokens slide it
        w.set(a + "attention.sliding_window", uint32_t(o.preset == "tiny" ? 24 : std::min<int64_t>(4096, s.context / 2)));
    if (arch == "gemma3") { // every 2nd layer global, so even two layers hold both kinds
        w.set(a + "attention.sliding_window_pattern", uint32_t(2));
        w.set(a + "rope.scaling.type", std::string("linear")); // positions scaled on global layers, as 4B+
        w.set(a + "rope.scaling.factor", 8.0f);
    }
    if (arch == "phi3")
        w.set(a + "rope.scaling.original_context_length", uint32_t(s.context));

    const TestVocabulary v = make_test_vocabulary(s.vocabulary);
    w.set("tokenizer.ggml.model", "gpt2");
    w.set("tokenizer.ggml.pre", qwen ? "qwen2" : "llama-bpe");
    w.set("tokenizer.ggml.tokens", v.tokens);
    w.set("tokenizer.ggml.token_type", v.token_types);
    w.set("tokenizer.ggml.merges", v.merges);
    w.set("tokenizer.ggml.bos_token_id", uint32_t(v.endoftext_id));
    w.set("tokenizer.ggml.eos_token_id", uint32_t(v.im_end_id));
    w.set("tokenizer.ggml.eot_token_id", uint32_t(v.im_end_id));
    w.set("tokenizer.ggml.padding_token_id", uint32_t(v.endoftext_id));
    w.set("tokenizer.ggml.add_bos_token", arch == "llama" || gemma);
    w.set("tokenizer.ggml.add_eos_token", false);
    w.set("tokenizer.chat_template", kChatTemplate);
}

} // namespace

const std::vector<std::string>& test_model_architectures()
{
    return kArchitectures;
}

const std::vector<std::string>& test_model_presets()
{
    return kPresets;
}

const std::vector<std::string>& test_model_types()
{
    return kTypes;
}

TestModelShape test_model_shape(const TestModelOptions& o)
{
    check_choice("architecture", o.architecture, kArchitectures);
    check_choice("preset", o.preset, kPresets);
    check_choice("type", o.type, kTypes);
    // Widths are multiples of 256 so every format, the K-quants included, can store every row.
    TestModelShape s{};
    if (is_encoder(o.architecture)) {
        // Encoders attend with every head to its own keys (no GQA) and have short contexts; the
        // tiny one's 128 tokens let tests overflow it with a sentence or two.
        if (o.preset == "tiny")
            s = {256, 2, 4, 4, 64, 512, 512, 128, false};
        else if (o.preset == "small")
            s = {512, 4, 8, 8, 64, 1536, 2048, 512, false};
        else if (o.preset == "bge-small") // bge-small-en-v1.5, for benchmarks
            s = {384, 12, 12, 12, 32, 1536, 30522, 512, false};
        else
            throw Error(
                "the 1b preset is for the text generation architectures; encoders take tiny, small or "
                "bge-small");
        if (s.embedding % 256 != 0 && (o.type == "q4_k_m" || o.type == "q6_k"))
            throw Error("rows of " + std::to_string(s.embedding) +
                        " values do not fit K-quant blocks of 256; " +
                        "choose f32, f16, q8_0 or q4_0 for the " + o.preset + " preset");
        return s;
    }
    if (o.preset == "tiny")
        s = {256, 2, 4, 2, 64, 512, 512, 512, false};
    else if (o.preset == "small")
        s = {512, 4, 8, 4, 64, 1536, 2048, 2048, false};
    else if (o.preset == "1b") // Llama-3.2-1B-class shapes, for benchmarks
        s = {2048, 16, 32, 8, 64, 8192, 128256, 131072, o.architecture == "llama"};
    else
        throw Error("the " + o.preset + " preset is for the encoders (bert, nomic-bert)");
    const bool gemma = o.architecture == "gemma2" || o.architecture == "gemma3";
    if (o.architecture == "qwen3" || gemma)
        s.head_dim = 128; // both decouple the head size from embedding / heads
    if (o.architecture == "qwen2" || o.architecture == "qwen3" || gemma)
        s.tied_embeddings = true; // as Qwen2.5 / Qwen3 small models and every Gemma do
    return s;
}

GgufWriter make_test_model(const TestModelOptions& options)
{
    const TestModelShape shape = test_model_shape(options);
    GgufWriter w;
    set_metadata(w, options, shape);
    for (const PlannedTensor& t : plan_tensors(options.architecture, shape)) {
        const bool is_output =
            t.name == "output.weight" || (shape.tied_embeddings && t.name == "token_embd.weight");
        const WeightType type = choose_type(options.type, t, int(shape.layers), is_output);
        w.add_tensor(t.name, type, t.dims,
                     [t, type, seed = options.seed](uint8_t* dst, size_t) { generate(t, type, seed, dst); });
    }
    return w;
}

void write_test_model(const TestModelOptions& options, const std::string& path,
                      const GgufWriter::Progress& progress)
{
    make_test_model(options).write(path, progress);
}

} // namespace hearth
