#include "parser.h"

#include "builtins.h"
#include "template_error.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace hearth::jinja {

namespace {

constexpr int kMaxStatementNesting = 64;
constexpr int kMaxExpressionNesting = 128;

class Parser {
  public:
    explicit Parser(const std::vector<Token>& tokens) : m_tokens(tokens) {}

    Body parse_template()
    {
        std::string end_tag;
        Body body = parse_body({}, end_tag, 0, "");
        return body;
    }

  private:
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
    bool skip_operator(std::string_view op)
    {
        if (!is_operator(op))
            return false;
        advance();
        return true;
    }
    bool skip_name(std::string_view name)
    {
        if (!is_name(name))
            return false;
        advance();
        return true;
    }

    static std::string describe(const Token& token)
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

    [[noreturn]] void fail(const std::string& message) const
    {
        throw TemplateError(message, current().offset);
    }
    [[noreturn]] void unexpected(const std::string& expected) const
    {
        fail("expected " + expected + ", found " + describe(current()));
    }

    void expect_operator(std::string_view op)
    {
        if (!skip_operator(op))
            unexpected("'" + std::string(op) + "'");
    }
    std::string expect_name()
    {
        if (current().kind != TokenKind::Name)
            unexpected("a name");
        std::string name = current().text;
        advance();
        return name;
    }
    void expect_block_end()
    {
        if (current().kind != TokenKind::BlockEnd)
            unexpected("'%}' (end of the tag)");
        advance();
    }

    ExprPtr node(ExprKind kind, size_t offset)
    {
        auto expr = std::make_unique<Expr>();
        expr->kind = kind;
        expr->offset = offset;
        return expr;
    }

    // Chains such as a + b + c ... grow the tree without recursing in the parser; their height is
    // bounded here so that evaluating or destroying the tree cannot overflow the stack either.
    ExprPtr finish(ExprPtr expr)
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

    // ---- statements ----

    Body parse_body(std::initializer_list<std::string_view> end_tags, std::string& found, size_t open_offset,
                    const std::string& block)
    {
        DepthGuard guard(m_statement_depth, kMaxStatementNesting, current().offset, "blocks");
        Body body;
        for (;;) {
            const Token& token = current();
            switch (token.kind) {
            case TokenKind::Data: {
                auto stmt = std::make_unique<Stmt>();
                stmt->kind = StmtKind::Output;
                stmt->offset = token.offset;
                stmt->text = token.text;
                body.push_back(std::move(stmt));
                advance();
                break;
            }
            case TokenKind::VariableBegin: {
                advance();
                auto stmt = std::make_unique<Stmt>();
                stmt->kind = StmtKind::Print;
                stmt->offset = token.offset;
                stmt->expression = parse_tuple(true, false);
                if (current().kind != TokenKind::VariableEnd)
                    unexpected("'}}'");
                advance();
                body.push_back(std::move(stmt));
                break;
            }
            case TokenKind::BlockBegin: {
                const Token& name = peek();
                if (name.kind == TokenKind::Name &&
                    std::find(end_tags.begin(), end_tags.end(), name.text) != end_tags.end()) {
                    advance();
                    found = name.text;
                    advance();
                    return body;
                }
                body.push_back(parse_statement());
                break;
            }
            case TokenKind::End:
                if (end_tags.size() != 0)
                    throw TemplateError("the '" + block + "' block is never closed: expected '{% " +
                                            std::string(*std::prev(end_tags.end())) + " %}'",
                                        open_offset);
                return body;
            default:
                unexpected("template text or a tag");
            }
        }
    }

    StmtPtr parse_statement()
    {
        const size_t offset = current().offset;
        advance(); // {%
        if (current().kind != TokenKind::Name)
            unexpected("a tag name");
        const std::string tag = current().text;
        advance();
        auto stmt = std::make_unique<Stmt>();
        stmt->offset = offset;
        std::string found;
        if (tag == "if") {
            stmt->kind = StmtKind::If;
            stmt->conditions.push_back(parse_tuple(true, false));
            expect_block_end();
            for (;;) {
                stmt->bodies.push_back(parse_body({"elif", "else", "endif"}, found, offset, "if"));
                if (found == "elif") {
                    stmt->conditions.push_back(parse_tuple(true, false));
                    expect_block_end();
                } else if (found == "else") {
                    expect_block_end();
                    stmt->bodies.push_back(parse_body({"endif"}, found, offset, "if"));
                    expect_block_end();
                    break;
                } else {
                    expect_block_end();
                    break;
                }
            }
        } else if (tag == "for") {
            stmt->kind = StmtKind::For;
            stmt->target = parse_target(false);
            if (!skip_name("in"))
                unexpected("'in'");
            stmt->expression = parse_tuple(false, false);
            if (skip_name("if"))
                stmt->condition = parse_expression(true);
            if (is_name("recursive"))
                fail("recursive loops are not supported");
            expect_block_end();
            ++m_loop_depth;
            stmt->body = parse_body({"else", "endfor"}, found, offset, "for");
            --m_loop_depth;
            if (found == "else") {
                expect_block_end();
                stmt->else_body = parse_body({"endfor"}, found, offset, "for");
            }
            expect_block_end();
        } else if (tag == "set") {
            stmt->target = parse_target(true);
            if (skip_operator("=")) {
                stmt->kind = StmtKind::Set;
                stmt->expression = parse_tuple(true, false);
                expect_block_end();
            } else {
                stmt->kind = StmtKind::SetBlock;
                if (is_operator("|"))
                    stmt->filter = parse_filter_chain(true);
                expect_block_end();
                stmt->body = parse_body({"endset"}, found, offset, "set");
                expect_block_end();
            }
        } else if (tag == "macro") {
            stmt->kind = StmtKind::Macro;
            stmt->name = expect_name();
            parse_parameters(stmt->parameters);
            expect_block_end();
            const int saved_loop_depth = std::exchange(m_loop_depth, 0);
            stmt->body = parse_body({"endmacro"}, found, offset, "macro");
            m_loop_depth = saved_loop_depth;
            skip_name(stmt->name);
            expect_block_end();
        } else if (tag == "call") {
            stmt->kind = StmtKind::CallBlock;
            if (is_operator("("))
                parse_parameters(stmt->parameters);
            stmt->expression = parse_expression(true);
            if (stmt->expression->kind != ExprKind::Call)
                throw TemplateError("'call' needs a macro call, such as {% call my_macro() %}", offset);
            expect_block_end();
            const int saved_loop_depth = std::exchange(m_loop_depth, 0);
            stmt->body = parse_body({"endcall"}, found, offset, "call");
            m_loop_depth = saved_loop_depth;
            expect_block_end();
        } else if (tag == "filter") {
            stmt->kind = StmtKind::FilterBlock;
            stmt->filter = parse_filter_chain(false);
            expect_block_end();
            stmt->body = parse_body({"endfilter"}, found, offset, "filter");
            expect_block_end();
        } else if (tag == "with") {
            stmt->kind = StmtKind::With;
            while (current().kind != TokenKind::BlockEnd) {
                if (!stmt->targets.empty())
                    expect_operator(",");
                stmt->targets.push_back(parse_target(false));
                expect_operator("=");
                stmt->values.push_back(parse_expression(true));
            }
            expect_block_end();
            stmt->body = parse_body({"endwith"}, found, offset, "with");
            expect_block_end();
        } else if (tag == "break" || tag == "continue") {
            if (m_loop_depth == 0)
                throw TemplateError("'" + tag + "' outside of a loop", offset);
            stmt->kind = tag == "break" ? StmtKind::Break : StmtKind::Continue;
            expect_block_end();
        } else if (tag == "generation") {
            // transformers' {% generation %} marks assistant text for training masks; it renders as is.
            stmt->kind = StmtKind::Scope;
            expect_block_end();
            stmt->body = parse_body({"endgeneration"}, found, offset, "generation");
            expect_block_end();
        } else if (tag.rfind("end", 0) == 0 || tag == "elif" || tag == "else") {
            throw TemplateError("unexpected '" + tag + "' with no block open to close", offset);
        } else {
            throw TemplateError("unknown or unsupported tag '" + tag + "'", offset);
        }
        return stmt;
    }

    // name | name, name | ns.attribute (only where allow_attribute)
    Target parse_target(bool allow_attribute)
    {
        Target target;
        const bool parenthesized = skip_operator("(");
        target.names.push_back(expect_name());
        if (allow_attribute && !parenthesized && is_operator(".")) {
            advance();
            target.attribute = expect_name();
            return target;
        }
        while (skip_operator(",")) {
            if (current().kind != TokenKind::Name)
                break;
            target.names.push_back(expect_name());
        }
        if (parenthesized)
            expect_operator(")");
        for (const std::string& name : target.names)
            if (name == "true" || name == "false" || name == "none" || name == "True" || name == "False" ||
                name == "None")
                fail("cannot assign to '" + name + "'");
        return target;
    }

    void parse_parameters(std::vector<MacroParameter>& parameters)
    {
        expect_operator("(");
        while (!is_operator(")")) {
            if (!parameters.empty())
                expect_operator(",");
            if (is_operator(")"))
                break;
            MacroParameter parameter;
            parameter.name = expect_name();
            if (skip_operator("="))
                parameter.default_value = parse_expression(true);
            parameters.push_back(std::move(parameter));
        }
        advance();
    }

    // {% filter a|b %} names its first filter without a pipe; {% set x | a %} with one.
    ExprPtr parse_filter_chain(bool leading_pipe)
    {
        ExprPtr chain = parse_filter(nullptr, leading_pipe);
        while (is_operator("|"))
            chain = parse_filter(std::move(chain), true);
        return chain;
    }

    // ---- expressions ----

    // A comma-separated list without brackets becomes a tuple (a list here): {% set a = 1, 2 %}.
    ExprPtr parse_tuple(bool with_condition, bool explicit_parentheses)
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

    ExprPtr parse_expression(bool with_condition)
    {
        DepthGuard guard(m_expression_depth, kMaxExpressionNesting, current().offset, "expression");
        return with_condition ? parse_condition() : parse_or();
    }

    ExprPtr parse_condition()
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

    ExprPtr parse_or()
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

    ExprPtr parse_and()
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

    ExprPtr parse_not()
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

    ExprPtr parse_compare()
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

    ExprPtr binary(ExprPtr left, std::string op, ExprPtr right, size_t offset)
    {
        ExprPtr expr = node(ExprKind::Binary, offset);
        expr->name = std::move(op);
        expr->object = std::move(left);
        expr->items.push_back(std::move(right));
        return finish(std::move(expr));
    }

    ExprPtr parse_math1()
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

    ExprPtr parse_concat()
    {
        ExprPtr left = parse_math2();
        while (is_operator("~")) {
            const size_t offset = current().offset;
            advance();
            left = binary(std::move(left), "~", parse_math2(), offset);
        }
        return left;
    }

    ExprPtr parse_math2()
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

    ExprPtr parse_pow()
    {
        ExprPtr left = parse_unary(true);
        while (is_operator("**")) {
            const size_t offset = current().offset;
            advance();
            left = binary(std::move(left), "**", parse_unary(true), offset);
        }
        return left;
    }

    ExprPtr parse_unary(bool with_filter)
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

    ExprPtr literal(Value value, size_t offset)
    {
        ExprPtr expr = node(ExprKind::Literal, offset);
        expr->literal = std::move(value);
        return finish(std::move(expr));
    }

    ExprPtr parse_primary()
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

    ExprPtr parse_postfix(ExprPtr expr)
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

    ExprPtr parse_filter_expression(ExprPtr expr)
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

    ExprPtr parse_subscript(ExprPtr object)
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

    void parse_call_arguments(Expr& call)
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
            if (current().kind == TokenKind::Name && peek().kind == TokenKind::Operator &&
                peek().text == "=") {
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

    ExprPtr parse_call(ExprPtr object)
    {
        ExprPtr expr = node(ExprKind::Call, object->offset);
        expr->object = std::move(object);
        parse_call_arguments(*expr);
        return finish(std::move(expr));
    }

    std::string parse_dotted_name()
    {
        std::string name = expect_name();
        while (is_operator(".")) {
            advance();
            name += "." + expect_name();
        }
        return name;
    }

    ExprPtr parse_filter(ExprPtr object, bool with_pipe = true)
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

    ExprPtr parse_test(ExprPtr object)
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

    const std::vector<Token>& m_tokens;
    size_t m_index = 0;
    int m_statement_depth = 0;
    int m_expression_depth = 0;
    int m_loop_depth = 0;
};

} // namespace

Body parse(const std::vector<Token>& tokens)
{
    return Parser(tokens).parse_template();
}

} // namespace hearth::jinja
