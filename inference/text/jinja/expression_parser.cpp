#include "expression_parser.h"

#include "builtins.h"
#include "template_error.h"

#include <algorithm>
#include <utility>

namespace hearth::jinja {

ExprPtr ExpressionParser::node(ExprKind kind, size_t offset)
{
    auto expr = std::make_unique<Expr>();
    expr->kind = kind;
    expr->offset = offset;
    return expr;
}

// Chains such as a + b + c ... grow the tree without recursing in the parser; their height is
// bounded here so that evaluating or destroying the tree cannot overflow the stack either.
ExprPtr ExpressionParser::finish(ExprPtr expr)
{
    int height = 0;
    const auto child = [&](const ExprPtr& e) {
        if (e)
            height = std::max(height, e->height);
    };
    child(expr->object);
    for (const auto& item : expr->items)
        child(item);
    for (const auto& [name, item] : expr->named)
        child(item);
    if (height + 1 > kMaxExpressionNesting)
        throw TemplateError("expression nested more than " + std::to_string(kMaxExpressionNesting) +
                                " levels deep",
                            expr->offset);
    expr->height = height + 1;
    return expr;
}

ExprPtr ExpressionParser::parse_filter_chain(bool leading_pipe)
{
    ExprPtr chain = parse_filter(nullptr, leading_pipe);
    while (is_operator("|"))
        chain = parse_filter(std::move(chain), true);
    return chain;
}

ExprPtr ExpressionParser::parse_tuple(bool with_condition, bool explicit_parentheses)
{
    const size_t offset = current().offset;
    std::vector<ExprPtr> items;
    bool is_tuple = false;
    for (;;) {
        if (!items.empty())
            expect_operator(",");
        if (current().kind == TokenKind::BlockEnd || current().kind == TokenKind::VariableEnd ||
            is_operator(")"))
            break;
        items.push_back(parse_expression(with_condition));
        if (is_operator(","))
            is_tuple = true;
        else
            break;
    }
    if (!is_tuple) {
        if (!items.empty())
            return std::move(items[0]);
        if (!explicit_parentheses)
            unexpected("an expression");
    }
    ExprPtr tuple = node(ExprKind::Tuple, offset);
    tuple->items = std::move(items);
    return finish(std::move(tuple));
}

ExprPtr ExpressionParser::parse_expression(bool with_condition)
{
    DepthGuard guard(m_expression_depth, kMaxExpressionNesting, current().offset, "expression");
    return with_condition ? parse_condition() : parse_or();
}

ExprPtr ExpressionParser::parse_condition()
{
    ExprPtr expr = parse_or();
    while (is_name("if")) {
        const size_t offset = current().offset;
        advance();
        ExprPtr condition = node(ExprKind::Condition, offset);
        condition->object = parse_or();
        condition->items.push_back(std::move(expr));
        if (skip_name("else"))
            condition->items.push_back(parse_expression(true));
        else
            condition->items.push_back(nullptr);
        expr = finish(std::move(condition));
    }
    return expr;
}

ExprPtr ExpressionParser::parse_or()
{
    ExprPtr left = parse_and();
    while (is_name("or")) {
        ExprPtr expr = node(ExprKind::Or, current().offset);
        advance();
        expr->object = std::move(left);
        expr->items.push_back(parse_and());
        left = finish(std::move(expr));
    }
    return left;
}

ExprPtr ExpressionParser::parse_and()
{
    ExprPtr left = parse_not();
    while (is_name("and")) {
        ExprPtr expr = node(ExprKind::And, current().offset);
        advance();
        expr->object = std::move(left);
        expr->items.push_back(parse_not());
        left = finish(std::move(expr));
    }
    return left;
}

ExprPtr ExpressionParser::parse_not()
{
    if (is_name("not")) {
        DepthGuard guard(m_expression_depth, kMaxExpressionNesting, current().offset, "expression");
        ExprPtr expr = node(ExprKind::Not, current().offset);
        advance();
        expr->object = parse_not();
        return finish(std::move(expr));
    }
    return parse_compare();
}

ExprPtr ExpressionParser::parse_compare()
{
    const size_t offset = current().offset;
    ExprPtr first = parse_math1();
    ExprPtr compare;
    for (;;) {
        std::string op;
        if (current().kind == TokenKind::Operator &&
            (current().text == "==" || current().text == "!=" || current().text == "<" ||
             current().text == "<=" || current().text == ">" || current().text == ">=")) {
            op = current().text;
            advance();
        } else if (is_name("in")) {
            op = "in";
            advance();
        } else if (is_name("not") && peek().kind == TokenKind::Name && peek().text == "in") {
            op = "notin";
            advance();
            advance();
        } else {
            break;
        }
        if (!compare) {
            compare = node(ExprKind::Compare, offset);
            compare->object = std::move(first);
        }
        compare->operators.push_back(op);
        compare->items.push_back(parse_math1());
    }
    return compare ? finish(std::move(compare)) : std::move(first);
}

ExprPtr ExpressionParser::binary(ExprPtr left, std::string op, ExprPtr right, size_t offset)
{
    ExprPtr expr = node(ExprKind::Binary, offset);
    expr->name = std::move(op);
    expr->object = std::move(left);
    expr->items.push_back(std::move(right));
    return finish(std::move(expr));
}

ExprPtr ExpressionParser::parse_math1()
{
    ExprPtr left = parse_concat();
    while (is_operator("+") || is_operator("-")) {
        const std::string op = current().text;
        const size_t offset = current().offset;
        advance();
        left = binary(std::move(left), op, parse_concat(), offset);
    }
    return left;
}

ExprPtr ExpressionParser::parse_concat()
{
    ExprPtr left = parse_math2();
    while (is_operator("~")) {
        const size_t offset = current().offset;
        advance();
        left = binary(std::move(left), "~", parse_math2(), offset);
    }
    return left;
}

ExprPtr ExpressionParser::parse_math2()
{
    ExprPtr left = parse_pow();
    while (is_operator("*") || is_operator("/") || is_operator("//") || is_operator("%")) {
        const std::string op = current().text;
        const size_t offset = current().offset;
        advance();
        left = binary(std::move(left), op, parse_pow(), offset);
    }
    return left;
}

ExprPtr ExpressionParser::parse_pow()
{
    ExprPtr left = parse_unary(true);
    while (is_operator("**")) {
        const size_t offset = current().offset;
        advance();
        left = binary(std::move(left), "**", parse_unary(true), offset);
    }
    return left;
}

ExprPtr ExpressionParser::parse_unary(bool with_filter)
{
    DepthGuard guard(m_expression_depth, kMaxExpressionNesting, current().offset, "expression");
    ExprPtr expr;
    if (is_operator("-") || is_operator("+")) {
        expr = node(is_operator("-") ? ExprKind::Negate : ExprKind::Plus, current().offset);
        advance();
        expr->object = parse_unary(false);
        expr = finish(std::move(expr));
    } else {
        expr = parse_primary();
    }
    expr = parse_postfix(std::move(expr));
    if (with_filter)
        expr = parse_filter_expression(std::move(expr));
    return expr;
}

ExprPtr ExpressionParser::literal(Value value, size_t offset)
{
    ExprPtr expr = node(ExprKind::Literal, offset);
    expr->literal = std::move(value);
    return finish(std::move(expr));
}

ExprPtr ExpressionParser::parse_primary()
{
    const Token& token = current();
    const size_t offset = token.offset;
    switch (token.kind) {
    case TokenKind::Name: {
        const std::string name = token.text;
        advance();
        if (name == "true" || name == "True")
            return literal(Value(true), offset);
        if (name == "false" || name == "False")
            return literal(Value(false), offset);
        if (name == "none" || name == "None")
            return literal(Value::none(), offset);
        ExprPtr expr = node(ExprKind::Name, offset);
        expr->name = name;
        return finish(std::move(expr));
    }
    case TokenKind::String: {
        std::string text;
        while (current().kind == TokenKind::String) {
            text += current().text;
            advance();
        }
        return literal(Value(std::move(text)), offset);
    }
    case TokenKind::Integer: {
        const std::int64_t value = token.integer;
        advance();
        return literal(Value(value), offset);
    }
    case TokenKind::Float: {
        const double value = token.number;
        advance();
        return literal(Value(value), offset);
    }
    case TokenKind::Operator:
        if (token.text == "(") {
            advance();
            ExprPtr expr = parse_tuple(true, true);
            expect_operator(")");
            return expr;
        }
        if (token.text == "[") {
            advance();
            ExprPtr list = node(ExprKind::List, offset);
            while (!is_operator("]")) {
                if (!list->items.empty())
                    expect_operator(",");
                if (is_operator("]"))
                    break;
                list->items.push_back(parse_expression(true));
            }
            advance();
            return finish(std::move(list));
        }
        if (token.text == "{") {
            advance();
            ExprPtr dict = node(ExprKind::Dict, offset);
            while (!is_operator("}")) {
                if (!dict->items.empty())
                    expect_operator(",");
                if (is_operator("}"))
                    break;
                dict->items.push_back(parse_expression(true));
                expect_operator(":");
                dict->items.push_back(parse_expression(true));
            }
            advance();
            return finish(std::move(dict));
        }
        break;
    default:
        break;
    }
    unexpected("an expression");
}

ExprPtr ExpressionParser::parse_postfix(ExprPtr expr)
{
    for (;;) {
        if (is_operator(".") || is_operator("["))
            expr = parse_subscript(std::move(expr));
        else if (is_operator("("))
            expr = parse_call(std::move(expr));
        else
            return expr;
    }
}

ExprPtr ExpressionParser::parse_filter_expression(ExprPtr expr)
{
    for (;;) {
        if (is_operator("|"))
            expr = parse_filter(std::move(expr));
        else if (is_name("is"))
            expr = parse_test(std::move(expr));
        else if (is_operator("("))
            expr = parse_call(std::move(expr));
        else
            return expr;
    }
}

ExprPtr ExpressionParser::parse_subscript(ExprPtr object)
{
    const size_t offset = current().offset;
    if (skip_operator(".")) {
        if (current().kind == TokenKind::Name) {
            ExprPtr expr = node(ExprKind::GetAttr, offset);
            expr->object = std::move(object);
            expr->name = expect_name();
            return finish(std::move(expr));
        }
        if (current().kind == TokenKind::Integer) {
            ExprPtr expr = node(ExprKind::GetItem, offset);
            expr->object = std::move(object);
            expr->items.push_back(literal(Value(current().integer), current().offset));
            advance();
            return finish(std::move(expr));
        }
        unexpected("an attribute name");
    }
    advance(); // [
    ExprPtr start, stop, step;
    bool is_slice = false;
    if (!is_operator(":"))
        start = parse_expression(true);
    if (skip_operator(":")) {
        is_slice = true;
        if (!is_operator("]") && !is_operator(":"))
            stop = parse_expression(true);
        if (skip_operator(":") && !is_operator("]"))
            step = parse_expression(true);
    }
    expect_operator("]");
    ExprPtr expr = node(is_slice ? ExprKind::Slice : ExprKind::GetItem, offset);
    expr->object = std::move(object);
    expr->items.push_back(std::move(start));
    if (is_slice) {
        expr->items.push_back(std::move(stop));
        expr->items.push_back(std::move(step));
    }
    return finish(std::move(expr));
}

void ExpressionParser::parse_call_arguments(Expr& call)
{
    expect_operator("(");
    bool first = true;
    while (!is_operator(")")) {
        if (!first)
            expect_operator(",");
        first = false;
        if (is_operator(")"))
            break;
        if (is_operator("*") || is_operator("**"))
            fail("*args and **kwargs in calls are not supported");
        if (current().kind == TokenKind::Name && peek().kind == TokenKind::Operator && peek().text == "=") {
            std::string name = expect_name();
            advance();
            call.named.emplace_back(std::move(name), parse_expression(true));
        } else {
            if (!call.named.empty())
                fail("a positional argument cannot follow a keyword argument");
            call.items.push_back(parse_expression(true));
        }
    }
    advance();
}

ExprPtr ExpressionParser::parse_call(ExprPtr object)
{
    ExprPtr expr = node(ExprKind::Call, object->offset);
    expr->object = std::move(object);
    parse_call_arguments(*expr);
    return finish(std::move(expr));
}

std::string ExpressionParser::parse_dotted_name()
{
    std::string name = expect_name();
    while (is_operator(".")) {
        advance();
        name += "." + expect_name();
    }
    return name;
}

ExprPtr ExpressionParser::parse_filter(ExprPtr object, bool with_pipe)
{
    if (with_pipe)
        expect_operator("|");
    ExprPtr expr = node(ExprKind::Filter, current().offset);
    expr->object = std::move(object);
    expr->name = parse_dotted_name();
    if (!is_filter(expr->name))
        throw TemplateError("no filter named '" + expr->name + "'", expr->offset);
    if (is_operator("("))
        parse_call_arguments(*expr);
    return finish(std::move(expr));
}

ExprPtr ExpressionParser::parse_test(ExprPtr object)
{
    const size_t offset = current().offset;
    advance(); // is
    const bool negated = skip_name("not");
    ExprPtr expr = node(ExprKind::Test, offset);
    expr->object = std::move(object);
    expr->name = parse_dotted_name();
    if (!is_test(expr->name))
        throw TemplateError("no test named '" + expr->name + "'", expr->offset);
    if (is_operator("(")) {
        parse_call_arguments(*expr);
    } else if ((current().kind == TokenKind::Name || current().kind == TokenKind::String ||
                current().kind == TokenKind::Integer || current().kind == TokenKind::Float ||
                is_operator("(") || is_operator("[") || is_operator("{")) &&
               !is_name("else") && !is_name("or") && !is_name("and")) {
        if (is_name("is"))
            fail("tests cannot be chained with 'is'");
        expr->items.push_back(parse_postfix(parse_primary()));
    }
    expr = finish(std::move(expr));
    if (!negated)
        return expr;
    ExprPtr inverted = node(ExprKind::Not, offset);
    inverted->object = std::move(expr);
    return finish(std::move(inverted));
}

} // namespace hearth::jinja
