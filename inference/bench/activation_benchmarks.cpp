// Benchmark cases for the kernels between the weight matrices, on Llama-3-8B-sized shapes
// (hidden 4096, feed-forward 14336, 32 query / 8 KV heads of 128, vocabulary 128256).
#include "bench/bench_suite.h"
#include "ops/attention.h"
#include "ops/elementwise.h"
#include "ops/norm.h"
#include "ops/rope.h"

namespace hearth::bench {

namespace {
constexpr uint32_t kHidden = 4096, kFeedForward = 14336, kHeads = 32, kKvHeads = 8, kHeadDim = 128,
                   kVocabulary = 128256;

void add_norms(BenchSuite& suite)
{
    for (uint32_t rows : {1u, 512u}) {
        const std::string shape = std::to_string(rows) + "x" + std::to_string(kHidden);
        const double values = double(rows) * kHidden;
        if (suite.wanted("rms_norm", "f32", shape)) {
            auto x = suite.random_buffer(size_t(values) * 4), w = suite.random_buffer(kHidden * 4),
                 y = suite.random_buffer(size_t(values) * 4);
            suite.add({"rms_norm", "f32", shape, (2 * values + kHidden) * 4, 4 * values,
                       [=](vulkan::Recorder& r) { ops::rms_norm(r, x, w, y, rows, kHidden, 1e-5f); }});
        }
        if (suite.wanted("layer_norm", "f32", shape)) {
            auto x = suite.random_buffer(size_t(values) * 4), w = suite.random_buffer(kHidden * 4),
                 b = suite.random_buffer(kHidden * 4), y = suite.random_buffer(size_t(values) * 4);
            suite.add({"layer_norm", "f32", shape, (2 * values + 2 * kHidden) * 4, 7 * values,
                       [=](vulkan::Recorder& r) { ops::layer_norm(r, x, w, b, y, rows, kHidden, 1e-5f); }});
        }
    }
}

void add_rope(BenchSuite& suite)
{
    reference::RopeParams params;
    params.head_dim = params.rotary_dims = kHeadDim;
    params.freq_base = 500000.0f;
    for (uint32_t tokens : {1u, 512u}) {
        const std::string shape =
            std::to_string(tokens) + "x" + std::to_string(kHeads) + "x" + std::to_string(kHeadDim);
        if (!suite.wanted("rope", "f32", shape))
            continue;
        const double values = double(tokens) * kHeads * kHeadDim;
        std::vector<int32_t> positions(tokens);
        for (uint32_t t = 0; t < tokens; ++t)
            positions[t] = int32_t(t);
        auto x = suite.random_buffer(size_t(values) * 4), y = suite.random_buffer(size_t(values) * 4);
        auto p = suite.random_buffer(tokens * 4);
        suite.device().upload(p, positions.data(), tokens * 4);
        suite.add({"rope", "f32", shape, 2 * values * 4, 6 * values,
                   [=](vulkan::Recorder& r) { ops::rope(r, x, p, {}, y, tokens, kHeads, params); }});
    }
}

void add_attention(BenchSuite& suite)
{
    reference::AttentionParams params{
        .head_dim = kHeadDim, .heads = kHeads, .kv_heads = kKvHeads, .scale = 1.0f / 11.3137f};
    const double kv_row = double(kKvHeads) * kHeadDim;
    {
        const uint32_t kv_len = 4096;
        const std::string shape = "kv" + std::to_string(kv_len) + " " + std::to_string(kHeads) + "/" +
                                  std::to_string(kKvHeads) + "x" + std::to_string(kHeadDim);
        if (suite.wanted("attention_decode", "f16", shape)) {
            auto q = suite.random_buffer(kHeads * kHeadDim * 4),
                 out = suite.random_buffer(kHeads * kHeadDim * 4);
            auto k = suite.random_buffer(size_t(kv_len * kv_row) * 2, -1, 1, true);
            auto v = suite.random_buffer(size_t(kv_len * kv_row) * 2, -1, 1, true);
            auto scratch = suite.random_buffer(ops::attention_scratch_bytes(suite.device(), params, kv_len));
            const ops::AttentionShape s{1, kv_len, kv_len - 1, 0};
            suite.add({"attention_decode", "f16", shape, 2 * kv_len * kv_row * 2 + 2 * kHeads * kHeadDim * 4,
                       4.0 * kHeads * kv_len * kHeadDim, [=](vulkan::Recorder& r) {
                           ops::attention_decode(r, q, k, v, out, scratch, s, params);
                       }});
        }
    }
    {
        const uint32_t tokens = 256;
        const std::string shape = std::to_string(tokens) + " tokens " + std::to_string(kHeads) + "/" +
                                  std::to_string(kKvHeads) + "x" + std::to_string(kHeadDim);
        if (suite.wanted("attention_prefill", "f16", shape)) {
            const double q_values = double(tokens) * kHeads * kHeadDim;
            auto q = suite.random_buffer(size_t(q_values) * 4),
                 out = suite.random_buffer(size_t(q_values) * 4);
            auto k = suite.random_buffer(size_t(tokens * kv_row) * 2, -1, 1, true);
            auto v = suite.random_buffer(size_t(tokens * kv_row) * 2, -1, 1, true);
            const ops::AttentionShape s{tokens, tokens, 0, 0};
            const double causal_pairs = double(tokens) * (tokens + 1) / 2;
            suite.add({"attention_prefill", "f16", shape, 2 * q_values * 4 + 2 * tokens * kv_row * 2,
                       4.0 * kHeads * kHeadDim * causal_pairs,
                       [=](vulkan::Recorder& r) { ops::attention_prefill(r, q, k, v, out, s, params); }});
        }
    }
}

void add_elementwise(BenchSuite& suite)
{
    using Binary = void (*)(vulkan::Recorder&, const vulkan::BufferSlice&, const vulkan::BufferSlice&,
                            const vulkan::BufferSlice&, uint64_t);
    const std::pair<const char*, Binary> gates[] = {{"silu_gate", ops::silu_gate},
                                                    {"gelu_gate", ops::gelu_gate}};
    for (const auto& [name, op] : gates) {
        const std::string shape = std::to_string(kFeedForward);
        if (!suite.wanted(name, "f32", shape))
            continue;
        auto g = suite.random_buffer(kFeedForward * 4), u = suite.random_buffer(kFeedForward * 4),
             y = suite.random_buffer(kFeedForward * 4);
        suite.add({name, "f32", shape, 3.0 * kFeedForward * 4, 6.0 * kFeedForward,
                   [=, op = op](vulkan::Recorder& r) { op(r, g, u, y, kFeedForward); }});
    }
    if (suite.wanted("add", "f32", std::to_string(kHidden))) {
        auto a = suite.random_buffer(kHidden * 4), b = suite.random_buffer(kHidden * 4),
             y = suite.random_buffer(kHidden * 4);
        suite.add({"add", "f32", std::to_string(kHidden), 3.0 * kHidden * 4, double(kHidden),
                   [=](vulkan::Recorder& r) { ops::add(r, a, b, y, kHidden); }});
    }
    const std::string vocabulary = "1x" + std::to_string(kVocabulary);
    vulkan::BufferSlice logits;
    if (suite.wanted("softcap", "f32", vocabulary) || suite.wanted("softmax", "f32", vocabulary) ||
        suite.wanted("argmax", "f32", vocabulary) || suite.wanted("scale", "f32", vocabulary))
        logits = suite.random_buffer(kVocabulary * 4, -10, 10);
    if (suite.wanted("scale", "f32", vocabulary)) {
        auto y = suite.random_buffer(kVocabulary * 4);
        suite.add({"scale", "f32", vocabulary, 2.0 * kVocabulary * 4, double(kVocabulary),
                   [=](vulkan::Recorder& r) { ops::scale(r, logits, 0.5f, y, kVocabulary); }});
    }
    if (suite.wanted("softcap", "f32", vocabulary)) {
        auto y = suite.random_buffer(kVocabulary * 4);
        suite.add({"softcap", "f32", vocabulary, 2.0 * kVocabulary * 4, 3.0 * kVocabulary,
                   [=](vulkan::Recorder& r) { ops::softcap(r, logits, 30.0f, y, kVocabulary); }});
    }
    if (suite.wanted("softmax", "f32", vocabulary)) {
        auto y = suite.random_buffer(kVocabulary * 4);
        suite.add({"softmax", "f32", vocabulary, 2.0 * kVocabulary * 4, 4.0 * kVocabulary,
                   [=](vulkan::Recorder& r) { ops::softmax(r, logits, y, 1, kVocabulary); }});
    }
    if (suite.wanted("argmax", "f32", vocabulary)) {
        auto index = suite.random_buffer(4);
        suite.add({"argmax", "f32", vocabulary, double(kVocabulary) * 4, double(kVocabulary),
                   [=](vulkan::Recorder& r) { ops::argmax(r, logits, index, 1, kVocabulary); }});
    }
}

} // namespace

void add_activation_benchmarks(BenchSuite& suite)
{
    add_norms(suite);
    add_rope(suite);
    add_attention(suite);
    add_elementwise(suite);
}

} // namespace hearth::bench
