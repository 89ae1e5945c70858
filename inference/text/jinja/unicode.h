#pragma once
// UTF-8 and the few Unicode properties Python's str methods need (whitespace, simple case mapping),
// so that templates index, strip and slice by code point exactly like Jinja2 running on Python.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::jinja {

// Decodes the code point starting at text[pos] and advances pos. Invalid bytes decode as themselves
// (one byte each) so that nothing is lost or reordered.
char32_t decode_utf8(std::string_view text, size_t& pos);
void append_utf8(std::string& out, char32_t code_point);
std::vector<char32_t> to_code_points(std::string_view text);
std::string from_code_points(const std::vector<char32_t>& code_points);
size_t count_code_points(std::string_view text);

// Python's str.isspace(): the characters str.strip() and str.split() remove by default.
bool is_python_space(char32_t c);

char32_t to_upper(char32_t c);
char32_t to_lower(char32_t c);
bool is_cased_letter(char32_t c);

std::string upper(std::string_view text);
std::string lower(std::string_view text);
std::string title(std::string_view text);      // Python str.title()
std::string capitalize(std::string_view text); // Python str.capitalize()

// Python str.strip/lstrip/rstrip: with chars == nullptr, strips is_python_space characters.
std::string strip(std::string_view text, const std::string* chars, bool left, bool right);

} // namespace hearth::jinja
