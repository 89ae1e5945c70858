#pragma once
// Where the GPU code asks whether an injected fault strikes now (see hearth/fault_injection.h).
namespace hearth::vulkan {

bool allocation_fails_now();
bool device_lost_now();

} // namespace hearth::vulkan
