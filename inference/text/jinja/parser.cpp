#include "parser.h"

#include "expression_parser.h"
#include "template_error.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace hearth::jinja {

namespace {

constexpr int kMaxStatementNesting = 64;

// Jinja2's statements ({% if %}, {% for %}, {% set %}, {% macro %} ...) and the template text and
// {{ }} between them; expressions come from ExpressionParser.
class StatementParser : public ExpressionParser {
  public:
    explicit StatementParser(const std::vector<Token>& tokens) : ExpressionParser(tokens) {}

    Body parse_template()
    {
        std::string end_tag;
        Body body = parse_body({}, end_tag, 0, "");
        return body;
    }

  private:
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

    int m_statement_depth = 0;
    int m_loop_depth = 0;
};

} // namespace

Body parse(const std::vector<Token>& tokens)
{
    return StatementParser(tokens).parse_template();
}

} // namespace hearth::jinja
