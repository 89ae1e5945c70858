#pragma once
// A parser's place in the token list: looking at, skipping and expecting tokens, and syntax errors
// that say what was expected and what was found there. The expression and statement parsers build
// on it.
#include "lexer.h"
#include "template_error.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::jinja {

class TokenCursor {
  protected:
    explicit TokenCursor(const std::vector<Token>& tokens) : m_tokens(tokens) {}

    // Counts one level of nesting while it lives; past `limit` it throws, so that hostile templates
    // cannot exhaust the stack.
    struct DepthGuard {
        DepthGuard(int& depth, int limit, size_t offset, const char* what) : m_depth(depth)
        {
            if (++m_depth > limit)
                throw TemplateError(std::string(what) + " nested more than " + std::to_string(limit) +
                                        " levels deep",
                                    offset);
        }
        ~DepthGuard() { --m_depth; }
        int& m_depth;
    };

    const Token& current() const { return m_tokens[m_index]; }
    const Token& peek(size_t ahead = 1) const
    {
        return m_tokens[std::min(m_index + ahead, m_tokens.size() - 1)];
    }
    void advance()
    {
        if (m_index + 1 < m_tokens.size())
            ++m_index;
    }

    bool is_operator(std::string_view op) const
    {
        return current().kind == TokenKind::Operator && current().text == op;
    }
    bool is_name(std::string_view name) const
    {
        return current().kind == TokenKind::Name && current().text == name;
    }
    bool skip_operator(std::string_view op);
    bool skip_name(std::string_view name);

    [[noreturn]] void fail(const std::string& message) const;
    [[noreturn]] void unexpected(const std::string& expected) const;

    void expect_operator(std::string_view op);
    std::string expect_name();
    void expect_block_end();

  private:
    static std::string describe(const Token& token);

    const std::vector<Token>& m_tokens;
    size_t m_index = 0;
};

} // namespace hearth::jinja
