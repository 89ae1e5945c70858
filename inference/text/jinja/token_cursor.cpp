#include "token_cursor.h"

#include "template_error.h"

namespace hearth::jinja {

bool TokenCursor::skip_operator(std::string_view op)
{
    if (!is_operator(op))
        return false;
    advance();
    return true;
}

bool TokenCursor::skip_name(std::string_view name)
{
    if (!is_name(name))
        return false;
    advance();
    return true;
}

std::string TokenCursor::describe(const Token& token)
{
    switch (token.kind) {
    case TokenKind::Data:
        return "template text";
    case TokenKind::VariableBegin:
        return "'{{'";
    case TokenKind::VariableEnd:
        return "'}}'";
    case TokenKind::BlockBegin:
        return "'{%'";
    case TokenKind::BlockEnd:
        return "'%}'";
    case TokenKind::Name:
        return "'" + token.text + "'";
    case TokenKind::String:
        return "a string";
    case TokenKind::Integer:
    case TokenKind::Float:
        return "a number";
    case TokenKind::Operator:
        return "'" + token.text + "'";
    case TokenKind::End:
        return "the end of the template";
    }
    return "a token";
}

void TokenCursor::fail(const std::string& message) const
{
    throw TemplateError(message, current().offset);
}

void TokenCursor::unexpected(const std::string& expected) const
{
    fail("expected " + expected + ", found " + describe(current()));
}

void TokenCursor::expect_operator(std::string_view op)
{
    if (!skip_operator(op))
        unexpected("'" + std::string(op) + "'");
}

std::string TokenCursor::expect_name()
{
    if (current().kind != TokenKind::Name)
        unexpected("a name");
    std::string name = current().text;
    advance();
    return name;
}

void TokenCursor::expect_block_end()
{
    if (current().kind != TokenKind::BlockEnd)
        unexpected("'%}' (end of the tag)");
    advance();
}

} // namespace hearth::jinja
