#include "lexer.h"

#include "template_error.h"
#include "unicode.h"

#include <charconv>

namespace hearth::jinja {

namespace {

// Python's str.rstrip(): drops trailing Unicode whitespace.
std::string_view rstrip_whitespace(std::string_view text)
{
    size_t end = 0;
    for (size_t pos = 0; pos < text.size();)
        if (!is_python_space(decode_utf8(text, pos)))
            end = pos;
    return text.substr(0, end);
}

// Length of the Unicode whitespace run starting at pos.
size_t whitespace_run(std::string_view text, size_t pos)
{
    size_t end = pos;
    while (end < text.size()) {
        size_t next = end;
        if (!is_python_space(decode_utf8(text, next)))
            break;
        end = next;
    }
    return end - pos;
}

bool all_whitespace(std::string_view text)
{
    return !text.empty() && whitespace_run(text, 0) == text.size();
}

class Lexer {
  public:
    explicit Lexer(std::string_view source) : m_source(source) {}

    std::vector<Token> run()
    {
        while (m_pos < m_source.size()) {
            const size_t tag = find_tag(m_pos);
            std::string_view text = m_source.substr(m_pos, tag - m_pos);
            if (tag == m_source.size()) {
                emit_data(text, m_pos);
                m_pos = tag;
                break;
            }
            const char kind = m_source[tag + 1]; // '{', '%' or '#'
            const char control = tag + 2 < m_source.size() ? m_source[tag + 2] : '\0';
            text = apply_left_control(text, kind, control);
            emit_data(text, m_pos);
            m_pos = tag + 2 + ((control == '-' || control == '+') ? 1 : 0);
            if (kind == '#')
                lex_comment(tag);
            else if (kind == '%' && is_raw_begin())
                lex_raw(tag);
            else
                lex_tag(kind, tag);
        }
        m_tokens.push_back(Token{TokenKind::End, {}, 0, 0, m_source.size()});
        return std::move(m_tokens);
    }

  private:
    size_t find_tag(size_t from) const
    {
        for (size_t i = from; i + 1 < m_source.size(); ++i)
            if (m_source[i] == '{' &&
                (m_source[i + 1] == '{' || m_source[i + 1] == '%' || m_source[i + 1] == '#'))
                return i;
        return m_source.size();
    }

    // "-" strips all whitespace before the tag; otherwise lstrip_blocks removes the indentation of
    // a block or comment tag that starts its line.
    std::string_view apply_left_control(std::string_view text, char kind, char control) const
    {
        if (control == '-')
            return rstrip_whitespace(text);
        if (control == '+' || kind == '{')
            return text;
        const size_t line_start = text.rfind('\n') == std::string_view::npos ? 0 : text.rfind('\n') + 1;
        if ((line_start > 0 || m_line_starting) && all_whitespace(text.substr(line_start)))
            return text.substr(0, line_start);
        return text;
    }

    void emit_data(std::string_view text, size_t offset)
    {
        if (!text.empty())
            m_tokens.push_back(Token{TokenKind::Data, std::string(text), 0, 0, offset});
    }

    // After a closing delimiter: "-" eats following whitespace; trim_blocks eats one newline after
    // a block or comment tag unless "+" asked to keep it.
    void apply_right_control(char control, bool block_like)
    {
        const size_t start = m_pos;
        if (control == '-')
            m_pos += whitespace_run(m_source, m_pos);
        else if (control != '+' && block_like && m_pos < m_source.size() && m_source[m_pos] == '\n')
            ++m_pos;
        m_line_starting = m_pos > start ? m_source[m_pos - 1] == '\n' : false;
    }

    void lex_comment(size_t tag)
    {
        const size_t end = m_source.find("#}", m_pos);
        if (end == std::string_view::npos)
            throw TemplateError("unterminated comment: '{#' has no matching '#}'", tag);
        const char control = end > m_pos ? m_source[end - 1] : '\0';
        m_pos = end + 2;
        apply_right_control(control == '-' || control == '+' ? control : '\0', true);
    }

    void skip_spaces() { m_pos += whitespace_run(m_source, m_pos); }

    bool is_raw_begin() const
    {
        size_t pos = m_pos + whitespace_run(m_source, m_pos);
        if (m_source.substr(pos, 3) != "raw")
            return false;
        pos += 3;
        pos += whitespace_run(m_source, pos);
        if (pos < m_source.size() && m_source[pos] == '-') // Jinja2 takes no '+' here
            ++pos;
        return m_source.substr(pos, 2) == "%}";
    }

    void lex_raw(size_t tag)
    {
        skip_spaces();
        m_pos += 3;
        skip_spaces();
        char control = '\0';
        if (m_source[m_pos] == '-')
            control = m_source[m_pos++];
        m_pos += 2;
        // The newline after {% raw %} is kept: trim_blocks does not apply to it.
        apply_right_control(control, false);
        // Find {% endraw %} with optional whitespace control on either side.
        for (size_t search = m_pos;;) {
            const size_t open = m_source.find("{%", search);
            if (open == std::string_view::npos)
                throw TemplateError("'raw' block is never closed: expected '{% endraw %}'", tag);
            size_t pos = open + 2;
            char left = '\0';
            if (pos < m_source.size() && (m_source[pos] == '-' || m_source[pos] == '+'))
                left = m_source[pos++];
            pos += whitespace_run(m_source, pos);
            if (m_source.substr(pos, 6) != "endraw") {
                search = open + 2;
                continue;
            }
            pos += 6;
            pos += whitespace_run(m_source, pos);
            char right = '\0';
            if (pos < m_source.size() && (m_source[pos] == '-' || m_source[pos] == '+'))
                right = m_source[pos++];
            if (m_source.substr(pos, 2) != "%}") {
                search = open + 2;
                continue;
            }
            emit_data(apply_left_control(m_source.substr(m_pos, open - m_pos), '%', left), m_pos);
            m_pos = pos + 2;
            apply_right_control(right, true);
            return;
        }
    }

    void lex_tag(char kind, size_t tag)
    {
        const bool block = kind == '%';
        m_tokens.push_back(Token{block ? TokenKind::BlockBegin : TokenKind::VariableBegin, {}, 0, 0, tag});
        const char closer = block ? '%' : '}';
        std::vector<char> brackets;
        for (;;) {
            skip_spaces();
            if (m_pos >= m_source.size())
                throw TemplateError(std::string("unexpected end of template: the tag opened here needs '") +
                                        closer + "}'",
                                    tag);
            if (brackets.empty()) {
                char control = '\0';
                size_t pos = m_pos;
                if (m_source[pos] == '-' || m_source[pos] == '+') {
                    control = m_source[pos];
                    ++pos;
                }
                if (m_source.substr(pos, 2) == std::string{closer, '}'} && !(control == '+' && !block)) {
                    m_tokens.push_back(
                        Token{block ? TokenKind::BlockEnd : TokenKind::VariableEnd, {}, 0, 0, m_pos});
                    m_pos = pos + 2;
                    apply_right_control(control, block);
                    return;
                }
            }
            lex_expression_token(brackets);
        }
    }

    void lex_expression_token(std::vector<char>& brackets)
    {
        const size_t start = m_pos;
        const char c = m_source[m_pos];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
            while (m_pos < m_source.size() &&
                   (std::isalnum(static_cast<unsigned char>(m_source[m_pos])) || m_source[m_pos] == '_'))
                ++m_pos;
            m_tokens.push_back(
                Token{TokenKind::Name, std::string(m_source.substr(start, m_pos - start)), 0, 0, start});
            return;
        }
        if (c >= '0' && c <= '9') {
            lex_number();
            return;
        }
        if (c == '\'' || c == '"') {
            lex_string();
            return;
        }
        static const char* const operators[] = {"//", "**", "==", "!=", ">=", "<=", "+", "-", "/",
                                                "*",  "%",  "~",  "[",  "]",  "(",  ")", "{", "}",
                                                ".",  ":",  ",",  "|",  "=",  "<",  ">", ";"};
        for (const char* op : operators) {
            const std::string_view text(op);
            if (m_source.substr(m_pos, text.size()) != text)
                continue;
            if (text == "(" || text == "[" || text == "{") {
                brackets.push_back(text[0]);
            } else if (text == ")" || text == "]" || text == "}") {
                const char expected = text == ")" ? '(' : (text == "]" ? '[' : '{');
                if (brackets.empty() || brackets.back() != expected)
                    throw TemplateError("unexpected '" + std::string(text) + "'" +
                                            (brackets.empty() ? std::string()
                                                              : " while '" + std::string(1, brackets.back()) +
                                                                    "' is still open"),
                                        start);
                brackets.pop_back();
            }
            m_pos += text.size();
            m_tokens.push_back(Token{TokenKind::Operator, std::string(text), 0, 0, start});
            return;
        }
        size_t next = m_pos;
        std::string character;
        append_utf8(character, decode_utf8(m_source, next));
        throw TemplateError("unexpected character '" + character + "'", start);
    }

    void lex_number()
    {
        const size_t start = m_pos;
        const auto digits = [&] {
            while (m_pos < m_source.size() &&
                   (std::isdigit(static_cast<unsigned char>(m_source[m_pos])) ||
                    (m_source[m_pos] == '_' && m_pos + 1 < m_source.size() &&
                     std::isdigit(static_cast<unsigned char>(m_source[m_pos + 1])))))
                ++m_pos;
        };
        digits();
        bool is_float = false;
        if (m_pos + 1 < m_source.size() && m_source[m_pos] == '.' &&
            std::isdigit(static_cast<unsigned char>(m_source[m_pos + 1]))) {
            is_float = true;
            ++m_pos;
            digits();
        }
        if (m_pos < m_source.size() && (m_source[m_pos] == 'e' || m_source[m_pos] == 'E')) {
            size_t pos = m_pos + 1;
            if (pos < m_source.size() && (m_source[pos] == '+' || m_source[pos] == '-'))
                ++pos;
            if (pos < m_source.size() && std::isdigit(static_cast<unsigned char>(m_source[pos]))) {
                is_float = true;
                m_pos = pos;
                digits();
            }
        }
        std::string text;
        for (char ch : m_source.substr(start, m_pos - start))
            if (ch != '_')
                text += ch;
        Token token{is_float ? TokenKind::Float : TokenKind::Integer, text, 0, 0, start};
        const char* first = text.data();
        const char* last = text.data() + text.size();
        const auto result = is_float ? std::from_chars(first, last, token.number)
                                     : std::from_chars(first, last, token.integer);
        if (result.ec != std::errc() || result.ptr != last)
            throw TemplateError("number '" + text + "' is out of range", start);
        m_tokens.push_back(std::move(token));
    }

    // A Python string literal: the usual backslash escapes, \xNN, \uNNNN, \UNNNNNNNN and octal;
    // unknown escapes keep their backslash, as Python's unicode-escape codec does.
    void lex_string()
    {
        const size_t start = m_pos;
        const char quote = m_source[m_pos++];
        std::string value;
        for (;;) {
            if (m_pos >= m_source.size())
                throw TemplateError("unterminated string literal", start);
            const char c = m_source[m_pos++];
            if (c == quote)
                break;
            if (c != '\\') {
                value += c;
                continue;
            }
            if (m_pos >= m_source.size())
                throw TemplateError("unterminated string literal", start);
            const char e = m_source[m_pos++];
            switch (e) {
            case '\n':
                break;
            case '\\':
                value += '\\';
                break;
            case '\'':
                value += '\'';
                break;
            case '"':
                value += '"';
                break;
            case 'a':
                value += '\a';
                break;
            case 'b':
                value += '\b';
                break;
            case 'f':
                value += '\f';
                break;
            case 'n':
                value += '\n';
                break;
            case 'r':
                value += '\r';
                break;
            case 't':
                value += '\t';
                break;
            case 'v':
                value += '\v';
                break;
            case 'x':
                append_utf8(value, hex_escape(2, start));
                break;
            case 'u':
                append_utf8(value, hex_escape(4, start));
                break;
            case 'U':
                append_utf8(value, hex_escape(8, start));
                break;
            default:
                if (e >= '0' && e <= '7') {
                    unsigned code = e - '0';
                    for (int i = 0;
                         i < 2 && m_pos < m_source.size() && m_source[m_pos] >= '0' && m_source[m_pos] <= '7';
                         ++i)
                        code = code * 8 + (m_source[m_pos++] - '0');
                    append_utf8(value, code);
                } else {
                    value += '\\';
                    value += e;
                }
            }
        }
        m_tokens.push_back(Token{TokenKind::String, std::move(value), 0, 0, start});
    }

    char32_t hex_escape(int length, size_t start)
    {
        char32_t code = 0;
        for (int i = 0; i < length; ++i) {
            if (m_pos >= m_source.size() || !std::isxdigit(static_cast<unsigned char>(m_source[m_pos])))
                throw TemplateError("truncated escape in string literal", start);
            const char h = m_source[m_pos++];
            code = code * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
        }
        if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            throw TemplateError("invalid code point in string escape", start);
        return code;
    }

    std::string_view m_source;
    size_t m_pos = 0;
    bool m_line_starting = true;
    std::vector<Token> m_tokens;
};

} // namespace

std::string normalize_source(std::string_view source)
{
    std::string out;
    out.reserve(source.size());
    for (size_t i = 0; i < source.size(); ++i) {
        if (source[i] == '\r') {
            out += '\n';
            if (i + 1 < source.size() && source[i + 1] == '\n')
                ++i;
        } else {
            out += source[i];
        }
    }
    if (!out.empty() && out.back() == '\n')
        out.pop_back();
    return out;
}

std::vector<Token> tokenize(std::string_view source)
{
    return Lexer(source).run();
}

} // namespace hearth::jinja
