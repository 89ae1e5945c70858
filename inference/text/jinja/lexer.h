#pragma once
// Splits template source into tokens the way Jinja2's lexer does with Hugging Face's settings:
// trim_blocks and lstrip_blocks on, "-"/"+" whitespace control, comments dropped, {% raw %} kept
// verbatim. Data between tags arrives as one Data token with whitespace control already applied.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::jinja {

enum class TokenKind {
    Data,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    End
};

struct Token {
    TokenKind kind;
    std::string text; // data, name, decoded string literal, or operator
    std::int64_t integer = 0;
    double number = 0;
    size_t offset = 0; // byte offset in the normalized source
};

// Jinja2's preprocessing: \r\n and \r become \n, and one trailing newline is dropped
// (keep_trailing_newline off). Offsets in tokens and errors refer to this text.
std::string normalize_source(std::string_view source);

// Throws TemplateError (with offset) on an unterminated tag, string or comment, or a stray character.
std::vector<Token> tokenize(std::string_view source);

} // namespace hearth::jinja
