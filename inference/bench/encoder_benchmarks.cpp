// Benchmark cases for the kernels only embedding models use, on bge-small's shapes (hidden 384,
// 12 heads of 32, FFN 1536) and 512-token chunks, one chunk and four packed in one pass.
#include "bench/bench_suite.h"
#include "ops/attention.h"
#include "ops/elementwise.h"
#include "ops/pool.h"

namespace hearth::bench {

namespace {
constexpr uint32_t kHidden = 384, kFeedForward = 1536, kHeads = 12, kHeadDim = 32, kChunk = 512;
} // namespace

void add_encoder_benchmarks(BenchSuite& suite)
{
    const reference::AttentionParams params{
        .head_dim = kHeadDim, .heads = kHeads, .kv_heads = kHeads, .scale = 1.0f / 5.656854f};
    for (uint32_t chunks : {1u, 4u}) {
        const uint32_t tokens = chunks * kChunk;
        const std::string shape = std::to_string(chunks) + "x" + std::to_string(kChunk) + " tokens " +
                                  std::to_string(kHeads) + "x" + std::to_string(kHeadDim);
        std::vector<uint32_t> spans, sequences;
        for (uint32_t c = 0; c < chunks; ++c) {
            sequences.insert(sequences.end(), {c * kChunk, kChunk});
            for (uint32_t t = 0; t < kChunk; ++t)
                spans.insert(spans.end(), {c * kChunk, (c + 1) * kChunk});
        }
        const auto bytes_of = [](const std::vector<uint32_t>& v) {
            const auto* p = reinterpret_cast<const uint8_t*>(v.data());
            return std::vector<uint8_t>(p, p + v.size() * 4);
        };
        if (suite.wanted("attention_bidirectional", "f16", shape)) {
            const double q_values = double(tokens) * kHeads * kHeadDim;
            auto q = suite.random_buffer(size_t(q_values) * 4),
                 out = suite.random_buffer(size_t(q_values) * 4);
            auto k = suite.random_buffer(size_t(q_values) * 2, -1, 1, true);
            auto v = suite.random_buffer(size_t(q_values) * 2, -1, 1, true);
            auto s = suite.buffer(bytes_of(spans));
            suite.add({"attention_bidirectional", "f16", shape, 2 * q_values * 4 + 2 * q_values * 2,
                       4.0 * kHeads * kHeadDim * double(chunks) * kChunk * kChunk, [=](vulkan::Recorder& r) {
                           ops::attention_bidirectional(r, q, k, v, out, s, tokens, params);
                       }});
        }
        const std::string rows = std::to_string(tokens) + "x" + std::to_string(kHidden);
        if (suite.wanted("pool", "f32", rows)) {
            auto x = suite.random_buffer(size_t(tokens) * kHidden * 4),
                 y = suite.random_buffer(chunks * kHidden * 4);
            auto seq = suite.buffer(bytes_of(sequences));
            suite.add({"pool", "f32", rows, double(tokens) * kHidden * 4, double(tokens) * kHidden,
                       [=](vulkan::Recorder& r) {
                           ops::pool(r, x, seq, y, chunks, kHidden, reference::Pooling::Mean, true);
                       }});
        }
        const std::string ffn = std::to_string(tokens) + "x" + std::to_string(kFeedForward);
        if (suite.wanted("gelu", "f32", ffn)) {
            const size_t n = size_t(tokens) * kFeedForward;
            auto x = suite.random_buffer(n * 4);
            suite.add({"gelu", "f32", ffn, 2.0 * n * 4, 8.0 * n,
                       [=](vulkan::Recorder& r) { ops::gelu(r, x, x, n); }});
        }
    }
}

} // namespace hearth::bench
