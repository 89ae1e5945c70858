#pragma once
// The error raised inside the interpreter. It carries the byte offset in the template source of the
// construct that failed; the public API turns that into "line L, column C: message".
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hearth::jinja {

class TemplateError : public std::runtime_error {
  public:
    static constexpr size_t kNoOffset = static_cast<size_t>(-1);
    explicit TemplateError(const std::string& message, size_t offset = kNoOffset)
        : std::runtime_error(message), offset(offset)
    {
    }
    size_t offset;
};

// "line L, column C" of a byte offset (columns count code points, both start at 1).
std::string describe_location(std::string_view source, size_t offset);

} // namespace hearth::jinja
