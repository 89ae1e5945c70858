// Benchmark cases for the kernels that read weight matrices, in every weight format, on
// Llama-3-8B-sized shapes: matvec (decode) on the 4096 x 4096 attention projections and the
// 14336 x 4096 feed-forward ones, matmul (prefill) on 4096 x 4096 with a batch of tokens.
// matvec reports GB/s (it only streams the weights), matmul GFLOP/s.
#include "bench/bench_suite.h"
#include "bench/random_weights.h"
#include "ops/matmul.h"
#include "ops/matvec.h"
#include "ops/weight_matrix.h"

namespace hearth::bench {

namespace {

constexpr uint32_t kHidden = 4096, kFeedForward = 14336;

std::string shape_name(uint32_t rows, uint32_t k)
{
    return std::to_string(rows) + "x" + std::to_string(k);
}

void add_matvec(BenchSuite& suite, WeightType type, uint32_t rows, uint32_t k, const char* kernel,
                ops::MatvecOptions::Reduction reduction,
                ops::MatvecOptions::Reads reads = ops::MatvecOptions::Reads::Auto)
{
    const std::string format = ops::format_name(type), shape = shape_name(rows, k);
    if (!suite.wanted(kernel, format, shape))
        return;
    if (reduction == ops::MatvecOptions::Reduction::Subgroup && !suite.device().subgroup_arithmetic())
        return;
    const ops::WeightMatrix weights{type, rows, k,
                                    suite.buffer(random_weights(type, rows, k, rows + uint32_t(type)))};
    const vulkan::BufferSlice x = suite.random_buffer(size_t(k) * 4),
                              y = suite.random_buffer(size_t(rows) * 4);
    ops::MatvecOptions options;
    options.reduction = reduction;
    options.reads = reads;
    const double bytes = double(row_bytes(type, k)) * rows + 4.0 * (k + rows);
    suite.add({kernel, format, shape, bytes, 2.0 * rows * k,
               [=](vulkan::Recorder& r) { ops::matvec(r, weights, x, y, options); }});
}

void add_matmul(BenchSuite& suite, WeightType type, uint32_t rows, uint32_t k, uint32_t tokens, const char* kernel,
                ops::MatmulOptions::Kernel choice)
{
    const std::string format = ops::format_name(type),
                      shape = shape_name(rows, k) + " x" + std::to_string(tokens);
    if (!suite.wanted(kernel, format, shape))
        return;
    const ops::WeightMatrix weights{type, rows, k,
                                    suite.buffer(random_weights(type, rows, k, rows + uint32_t(type)))};
    const vulkan::BufferSlice x = suite.random_buffer(size_t(k) * tokens * 4),
                              y = suite.random_buffer(size_t(rows) * tokens * 4);
    const double bytes = double(row_bytes(type, k)) * rows + 4.0 * (double(k) + rows) * tokens;
    suite.add({kernel, format, shape, bytes, 2.0 * rows * k * tokens,
               [=](vulkan::Recorder& r) { ops::matmul(r, weights, x, y, tokens, {choice}); }});
}

} // namespace

void add_weight_benchmarks(BenchSuite& suite)
{
    // A CPU "GPU" (lavapipe) runs a 512-token prefill of one matrix in minutes; it gets a
    // 32-token batch so the suite still finishes.
    const uint32_t prefill_tokens = suite.device().info().type == DeviceType::Cpu ? 32 : 512;
    using Reduction = ops::MatvecOptions::Reduction;
    for (WeightType type : gpu_weight_types()) {
        add_matvec(suite, type, kHidden, kHidden, "matvec", Reduction::Auto);
        add_matvec(suite, type, kFeedForward, kHidden, "matvec", Reduction::Auto);
        add_matmul(suite, type, kHidden, kHidden, prefill_tokens, "matmul", ops::MatmulOptions::Kernel::Auto);
    }
    // Both prefill kernels, whichever Auto picks here (the tiled one, and the batched matvec
    // that CPU devices and short prompts get).
    for (WeightType type : {WeightType::Q4_K, WeightType::Q8_0, WeightType::F16}) {
        add_matmul(suite, type, kHidden, kHidden, prefill_tokens, "matmul_tiled", ops::MatmulOptions::Kernel::Tiled);
        add_matmul(suite, type, kHidden, kHidden, prefill_tokens, "matmul_batched",
                   ops::MatmulOptions::Kernel::Batched);
    }
    // The shared-memory reduction, for devices without subgroup arithmetic, and storage-buffer
    // reads (the default on GPUs) against the default.
    for (WeightType type : {WeightType::Q4_K, WeightType::Q8_0}) {
        add_matvec(suite, type, kHidden, kHidden, "matvec_shared", Reduction::SharedMemory);
        add_matvec(suite, type, kHidden, kHidden, "matvec_storage", Reduction::Subgroup,
                   ops::MatvecOptions::Reads::StorageBuffers);
    }
}

} // namespace hearth::bench
