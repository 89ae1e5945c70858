#pragma once
// The cases `run_kernel_bench` times. Each kernel family adds its cases in its own file through
// an add_*_benchmarks(BenchSuite&) function listed in kernel_bench.cpp: a case names itself,
// states the bytes and flops one run needs, and records one run into a Recorder. Inputs come
// from the suite (random device buffers it owns), so a case is a few lines.
#include "hearth/kernel_bench.h"
#include "vulkan/device.h"
#include "vulkan/recorder.h"

#include <functional>
#include <memory>
#include <vector>

namespace hearth::bench {

struct BenchCase {
    std::string kernel, format, shape;
    double bytes = 0;
    double flops = 0;
    std::function<void(vulkan::Recorder&)> record; // one run
};

class BenchSuite {
  public:
    BenchSuite(vulkan::Device& device, std::string filter) : m_device(device), m_filter(std::move(filter)) {}

    vulkan::Device& device() { return m_device; }
    // Whether a case with these names would run (skip building inputs for filtered-out cases).
    bool wanted(const std::string& kernel, const std::string& format, const std::string& shape) const;
    void add(BenchCase c);
    // A device buffer of `bytes` filled with uniform random f32 values in [low, high] (or raw
    // random f16 halves in [low, high] with f16), owned by the suite.
    vulkan::BufferSlice random_buffer(size_t bytes, float low = -1.0f, float high = 1.0f, bool f16 = false);
    // A device buffer holding `data` (zero-padded to a multiple of 4 bytes), owned by the suite.
    vulkan::BufferSlice buffer(const std::vector<uint8_t>& data);

    const std::vector<BenchCase>& cases() const { return m_cases; }

  private:
    vulkan::Device& m_device;
    std::string m_filter;
    std::vector<BenchCase> m_cases;
    std::vector<std::unique_ptr<vulkan::Buffer>> m_buffers;
    uint32_t m_seed = 1;
};

// Norms, RoPE, attention, element-wise ops (activation_benchmarks.cpp).
void add_activation_benchmarks(BenchSuite& suite);
// matvec and matmul in every weight format (weight_benchmarks.cpp).
void add_weight_benchmarks(BenchSuite& suite);
// Bidirectional attention, pooling and GELU of the embedding models (encoder_benchmarks.cpp).
void add_encoder_benchmarks(BenchSuite& suite);

} // namespace hearth::bench
