// The benchmark suite's bookkeeping: filtering cases and owning their random input buffers.
#include "bench/bench_suite.h"

#include "hearth/weight_format.h"

#include <algorithm>
#include <cstring>
#include <random>

namespace hearth {

namespace bench {

bool BenchSuite::wanted(const std::string& kernel, const std::string& format, const std::string& shape) const
{
    return m_filter.empty() || (kernel + " " + format + " " + shape).find(m_filter) != std::string::npos;
}

void BenchSuite::add(BenchCase c)
{
    if (wanted(c.kernel, c.format, c.shape))
        m_cases.push_back(std::move(c));
}

vulkan::BufferSlice BenchSuite::random_buffer(size_t bytes, float low, float high, bool f16)
{
    std::mt19937 engine(m_seed++);
    std::uniform_real_distribution<float> distribution(low, high);
    std::vector<uint8_t> data(bytes);
    if (f16) {
        for (size_t i = 0; i + 2 <= bytes; i += 2) {
            const uint16_t h = fp32_to_fp16(distribution(engine));
            std::memcpy(data.data() + i, &h, 2);
        }
    } else {
        for (size_t i = 0; i + 4 <= bytes; i += 4) {
            const float f = distribution(engine);
            std::memcpy(data.data() + i, &f, 4);
        }
    }
    auto buffer = std::make_unique<vulkan::Buffer>(m_device, std::max<size_t>(bytes, 4),
                                                   vulkan::MemoryUsage::DeviceLocal);
    m_device.upload(buffer->slice(), data.data(), bytes);
    m_buffers.push_back(std::move(buffer));
    return m_buffers.back()->slice();
}

vulkan::BufferSlice BenchSuite::buffer(const std::vector<uint8_t>& data)
{
    std::vector<uint8_t> padded(data);
    padded.resize(std::max<size_t>((data.size() + 3) & ~size_t(3), 4), 0);
    auto buffer = std::make_unique<vulkan::Buffer>(m_device, padded.size(), vulkan::MemoryUsage::DeviceLocal);
    m_device.upload(buffer->slice(), padded.data(), padded.size());
    m_buffers.push_back(std::move(buffer));
    return m_buffers.back()->slice();
}

} // namespace bench
} // namespace hearth
