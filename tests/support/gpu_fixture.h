#pragma once
// Helpers for GPU tests: one Vulkan device per test executable, buffers from host vectors and
// back, seeded random inputs, and a comparison that reports the worst element. Tests that use
// it link hearth_inference and add ${CMAKE_SOURCE_DIR}/inference to their include path.
#include "hearth/error.h"
#include "vulkan/buffer.h"
#include "vulkan/device.h"
#include "vulkan/recorder.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <QString>
#include <QtTest>
#include <random>
#include <string>
#include <vector>

namespace gpu_test {

inline std::vector<float> random_floats(size_t n, uint32_t seed, float low = -1.0f, float high = 1.0f)
{
    std::mt19937 engine(seed);
    std::uniform_real_distribution<float> distribution(low, high);
    std::vector<float> values(n);
    for (float& v : values)
        v = distribution(engine);
    return values;
}

// A device buffer holding `values` (at least 4 bytes, so empty inputs still bind).
template <typename T>
std::unique_ptr<hearth::vulkan::Buffer> upload(hearth::vulkan::Device& device, const std::vector<T>& values)
{
    const size_t bytes = std::max<size_t>(values.size() * sizeof(T), 4);
    auto buffer =
        std::make_unique<hearth::vulkan::Buffer>(device, bytes, hearth::vulkan::MemoryUsage::DeviceLocal);
    if (!values.empty())
        device.upload(buffer->slice(), values.data(), values.size() * sizeof(T));
    return buffer;
}

inline std::unique_ptr<hearth::vulkan::Buffer> zeros(hearth::vulkan::Device& device, size_t bytes)
{
    auto buffer = std::make_unique<hearth::vulkan::Buffer>(device, std::max<size_t>(bytes, 4),
                                                           hearth::vulkan::MemoryUsage::DeviceLocal);
    std::vector<uint8_t> zero(buffer->size(), 0);
    device.upload(buffer->slice(), zero.data(), zero.size());
    return buffer;
}

template <typename T>
std::vector<T> download(hearth::vulkan::Device& device, const hearth::vulkan::Buffer& buffer, size_t count)
{
    std::vector<T> values(count);
    device.download(buffer.slice(), values.data(), count * sizeof(T));
    return values;
}

// Passes when every |got - want| <= allowed; otherwise the message names the worst element (largest
// error relative to its allowance), its index and both values. Per-element allowances suit ops whose
// error scales with a per-output magnitude, such as a dot product's sum of |terms|.
inline bool close_enough_each(const std::vector<float>& got, const std::vector<float>& want,
                              const std::vector<double>& allowed, QString* message)
{
    if (got.size() != want.size() || allowed.size() != want.size()) {
        *message = QStringLiteral("size %1, expected %2").arg(got.size()).arg(want.size());
        return false;
    }
    if (got.empty())
        return true;
    size_t worst = 0;
    double worst_ratio = -1.0;
    for (size_t i = 0; i < got.size(); ++i) {
        const double error = std::abs(double(got[i]) - double(want[i]));
        const double ratio = std::isfinite(got[i]) ? error / std::max(allowed[i], 1e-30) : INFINITY;
        if (ratio > worst_ratio) {
            worst_ratio = ratio;
            worst = i;
        }
    }
    *message = QStringLiteral("worst element %1 of %2: GPU %3, reference %4 (error %5, allowed %6)")
                   .arg(worst)
                   .arg(got.size())
                   .arg(double(got[worst]), 0, 'g', 9)
                   .arg(double(want[worst]), 0, 'g', 9)
                   .arg(std::abs(double(got[worst]) - double(want[worst])), 0, 'g', 3)
                   .arg(allowed[worst], 0, 'g', 3);
    return worst_ratio <= 1.0;
}

// Passes when every |got - want| <= abs_tol + rel_tol * |want| (see close_enough_each).
inline bool close_enough(const std::vector<float>& got, const std::vector<float>& want, double abs_tol,
                         double rel_tol, QString* message)
{
    std::vector<double> allowed(want.size());
    for (size_t i = 0; i < want.size(); ++i)
        allowed[i] = abs_tol + rel_tol * std::abs(double(want[i]));
    return close_enough_each(got, want, allowed, message);
}

// QVERIFY2 with the worst element in the failure message.
#define HEARTH_COMPARE_FLOATS(got, want, abs_tol, rel_tol)                                                   \
    do {                                                                                                     \
        QString hearth_message;                                                                              \
        const bool hearth_ok = gpu_test::close_enough((got), (want), (abs_tol), (rel_tol), &hearth_message); \
        QVERIFY2(hearth_ok, qPrintable(hearth_message));                                                     \
    } while (false)

// Fails the current test when the validation layer reported anything, listing the messages.
#define HEARTH_VERIFY_NO_VALIDATION_MESSAGES(device)                                                         \
    do {                                                                                                     \
        const std::vector<std::string> hearth_messages = (device).instance().validation_messages();          \
        (device).instance().clear_validation_messages();                                                     \
        QString hearth_text;                                                                                 \
        for (const std::string& m : hearth_messages)                                                         \
            hearth_text += QString::fromStdString(m) + QLatin1Char('\n');                                    \
        QVERIFY2(hearth_messages.empty(), qPrintable(hearth_text));                                          \
    } while (false)

// Opens the test device once; validation must be on when HEARTH_VALIDATION=1 (as under ctest).
inline std::unique_ptr<hearth::vulkan::Device> open_test_device()
{
    auto device = std::make_unique<hearth::vulkan::Device>();
    if (qEnvironmentVariableIntValue("HEARTH_VALIDATION") == 1 && !device->instance().validation_enabled())
        qFatal("HEARTH_VALIDATION=1 but the validation layer is not active");
    return device;
}

} // namespace gpu_test

// HEARTH_COMPARE_FLOATS with one allowance per element.
#define HEARTH_COMPARE_FLOATS_EACH(got, want, allowed)                                                       \
    do {                                                                                                     \
        QString hearth_message;                                                                              \
        const bool hearth_ok = gpu_test::close_enough_each((got), (want), (allowed), &hearth_message);       \
        QVERIFY2(hearth_ok, qPrintable(hearth_message));                                                     \
    } while (false)
