#pragma once
// The kernel benchmark behind `hearth-cli kernel-bench`: times every GPU kernel on model-sized
// shapes with GPU timestamps and reports effective bandwidth (GB/s) and arithmetic rate
// (GFLOP/s). A benchmark, not a test: numbers depend on the device and its load.
#include <functional>
#include <string>
#include <vector>

namespace hearth {

struct KernelBenchResult {
    std::string kernel;      // pipeline family, e.g. "rms_norm", "attention_decode", "matvec"
    std::string format;      // weight or data format, e.g. "f32", "q4_k"
    std::string shape;       // human-readable shape, e.g. "1x4096"
    double milliseconds = 0; // median GPU time of one run
    double bytes = 0;        // bytes one run must read and write at least
    double flops = 0;        // floating-point operations of one run (0 when bandwidth-bound only)

    double gigabytes_per_second() const { return milliseconds > 0 ? bytes / milliseconds / 1e6 : 0; }
    double gigaflops_per_second() const { return milliseconds > 0 ? flops / milliseconds / 1e6 : 0; }
};

struct KernelBenchOptions {
    std::string device; // as hearth::choose_device: "" = best (or $HEARTH_DEVICE), index or name
    std::string filter; // run only cases whose "kernel format shape" contains this
    int repeats = 10;   // timed runs per case (after one warm-up)
    std::function<void(const KernelBenchResult&)> on_result; // called as each case finishes
};

struct KernelBenchReport {
    std::string device;
    std::vector<KernelBenchResult> results;
};

KernelBenchReport run_kernel_bench(const KernelBenchOptions& options);

} // namespace hearth
