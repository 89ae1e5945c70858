// Runs every benchmark case: one warm-up submission, then `repeats` runs recorded into one
// command buffer (the recorder puts a barrier between runs because each rewrites its output),
// timed per dispatch with GPU timestamps. A case's time is the median of its runs.
#include "bench/bench_suite.h"
#include "hearth/error.h"

#include <algorithm>
#include <chrono>

namespace hearth {

namespace bench {
namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

KernelBenchResult time_case(vulkan::Device& device, const BenchCase& c, int repeats)
{
    KernelBenchResult result{c.kernel, c.format, c.shape, 0, c.bytes, c.flops};
    {
        vulkan::Recorder warm_up(device);
        c.record(warm_up);
        warm_up.submit_and_wait();
    }
    const bool timestamps = device.timestamp_period_ns() > 0;
    vulkan::Recorder recorder(device, timestamps);
    std::vector<size_t> dispatches_after_run;
    for (int r = 0; r < repeats; ++r) {
        c.record(recorder);
        dispatches_after_run.push_back(recorder.dispatch_count());
    }
    const auto start = std::chrono::steady_clock::now();
    recorder.submit_and_wait();
    const double wall_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const std::vector<vulkan::KernelTime> times = recorder.kernel_times();
    if (!timestamps || times.size() != recorder.dispatch_count()) {
        result.milliseconds = wall_ms / repeats;
        return result;
    }
    std::vector<double> runs;
    size_t first = 0;
    for (size_t end : dispatches_after_run) {
        double ms = 0;
        for (size_t i = first; i < end; ++i)
            ms += times[i].milliseconds;
        runs.push_back(ms);
        first = end;
    }
    result.milliseconds = median(runs);
    return result;
}

} // namespace
} // namespace bench

KernelBenchReport run_kernel_bench(const KernelBenchOptions& options)
{
    if (options.repeats < 1)
        throw Error("kernel-bench: repeats must be at least 1");
    vulkan::Device device(options.device);
    bench::BenchSuite suite(device, options.filter);
    bench::add_activation_benchmarks(suite);
    bench::add_weight_benchmarks(suite);
    bench::add_encoder_benchmarks(suite);
    if (suite.cases().empty())
        throw Error("kernel-bench: no benchmark matches '" + options.filter + "'");
    KernelBenchReport report{device.info().name, {}};
    for (const bench::BenchCase& c : suite.cases()) {
        report.results.push_back(bench::time_case(device, c, options.repeats));
        if (options.on_result)
            options.on_result(report.results.back());
    }
    return report;
}

} // namespace hearth
