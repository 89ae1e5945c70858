#pragma once
// The SPIR-V of every shader variant built from shaders/, embedded at build time.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace hearth {

// The SPIR-V words of the pipeline `name` (e.g. "matvec_q4_k"); empty when no such variant exists.
std::span<const uint32_t> find_shader(std::string_view name);

// Every embedded pipeline name, for diagnostics and benchmarks.
std::vector<std::string_view> shader_names();

} // namespace hearth
