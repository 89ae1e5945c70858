#pragma once
// Builds the syntax tree from tokens with Jinja2's grammar and operator precedence. Nesting is
// bounded (statements and expressions) so that hostile templates cannot exhaust the stack.
#include "ast.h"
#include "lexer.h"

#include <vector>

namespace hearth::jinja {

// Throws TemplateError (with offset) on a syntax error, an unknown tag, or nesting too deep.
Body parse(const std::vector<Token>& tokens);

} // namespace hearth::jinja
