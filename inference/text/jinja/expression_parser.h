#pragma once
// Jinja2 expressions with Jinja2's operator precedence, lowest first: inline if/else, or, and,
// not, comparisons (in, not in), + -, ~, * / // %, **, unary - +, then postfix attribute, item,
// slice and call, and the | filter and is-test chains. Nesting is bounded twice: by recursion
// depth while parsing, and by the height of the tree built (see finish).
#include "ast.h"
#include "token_cursor.h"

#include <string>
#include <vector>

namespace hearth::jinja {

class ExpressionParser : protected TokenCursor {
  public:
    explicit ExpressionParser(const std::vector<Token>& tokens) : TokenCursor(tokens) {}

    // A comma-separated list without brackets becomes a tuple (a list here): {% set a = 1, 2 %}.
    ExprPtr parse_tuple(bool with_condition, bool explicit_parentheses);
    // with_condition: an inline "x if c else y" is allowed at the top.
    ExprPtr parse_expression(bool with_condition);
    // {% filter a|b %} names its first filter without a pipe; {% set x | a %} with one.
    ExprPtr parse_filter_chain(bool leading_pipe);

  private:
    static constexpr int kMaxExpressionNesting = 128;

    ExprPtr node(ExprKind kind, size_t offset);
    ExprPtr finish(ExprPtr expr);
    ExprPtr literal(Value value, size_t offset);
    ExprPtr binary(ExprPtr left, std::string op, ExprPtr right, size_t offset);

    ExprPtr parse_condition();
    ExprPtr parse_or();
    ExprPtr parse_and();
    ExprPtr parse_not();
    ExprPtr parse_compare();
    ExprPtr parse_math1();
    ExprPtr parse_concat();
    ExprPtr parse_math2();
    ExprPtr parse_pow();
    ExprPtr parse_unary(bool with_filter);
    ExprPtr parse_primary();
    ExprPtr parse_postfix(ExprPtr expr);
    ExprPtr parse_filter_expression(ExprPtr expr);
    ExprPtr parse_subscript(ExprPtr object);
    void parse_call_arguments(Expr& call);
    ExprPtr parse_call(ExprPtr object);
    std::string parse_dotted_name();
    ExprPtr parse_filter(ExprPtr object, bool with_pipe = true);
    ExprPtr parse_test(ExprPtr object);

    int m_expression_depth = 0;
};

} // namespace hearth::jinja
