#include "vulkan/fault_points.h"
#include "hearth/fault_injection.h"

#include <atomic>
#include <cstdlib>

namespace {

int from_environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? std::atoi(value) : 0;
}

// Counts down to the fault: 1 means the next call fails, 0 means off.
std::atomic<int> g_allocation{from_environment("HEARTH_FAULT_GPU_ALLOCATION")};
std::atomic<int> g_device_lost{from_environment("HEARTH_FAULT_DEVICE_LOST")};

bool strikes_now(std::atomic<int>& countdown)
{
    int left = countdown.load(std::memory_order_relaxed);
    while (left > 0) {
        if (countdown.compare_exchange_weak(left, left - 1))
            return left == 1;
    }
    return false;
}

} // namespace

namespace hearth::fault_injection {

void fail_gpu_allocation(int nth)
{
    g_allocation.store(nth > 0 ? nth : 0);
}

void lose_device(int nth_submission)
{
    g_device_lost.store(nth_submission > 0 ? nth_submission : 0);
}

} // namespace hearth::fault_injection

namespace hearth::vulkan {

bool allocation_fails_now()
{
    return strikes_now(g_allocation);
}

bool device_lost_now()
{
    return strikes_now(g_device_lost);
}

} // namespace hearth::vulkan
