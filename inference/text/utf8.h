#pragma once
// UTF-8 helpers shared by the tokenizers (private to inference/text).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace hearth {

// Length of the well-formed UTF-8 character starting at text[pos]: 1-4, or 0 when the bytes there
// are not a complete valid character (invalid, or cut off by the end of `text`).
size_t utf8_valid_length(std::string_view text, size_t pos);

void append_utf8(std::string& out, uint32_t codepoint);

} // namespace hearth
