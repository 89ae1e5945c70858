// A strict recursive-descent JSON parser: no comments, no trailing commas, no leading zeros,
// valid UTF-8 only, bounded nesting depth (the input may be untrusted); and JSON string quoting.
#include "hearth/json.h"

#include "hearth/error.h"
#include "utf8.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace hearth {

const JsonValue* JsonValue::find(std::string_view key) const
{
    if (type() != Type::Object)
        return nullptr;
    for (const auto& [name, value] : as_object())
        if (name == key)
            return &value;
    return nullptr;
}

namespace {

class JsonParser {
  public:
    JsonParser(std::string_view text, int max_depth) : m_text(text), m_max_depth(max_depth) {}

    JsonValue parse_document()
    {
        skip_whitespace();
        JsonValue value = parse_value(0);
        skip_whitespace();
        if (m_pos != m_text.size())
            fail("unexpected text after the JSON value");
        return value;
    }

  private:
    [[noreturn]] void fail(const std::string& message) const
    {
        size_t line = 1, column = 1;
        for (size_t i = 0; i < m_pos && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        throw Error("JSON line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                    message);
    }

    void skip_whitespace()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                         m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool consume(std::string_view literal)
    {
        if (m_text.substr(m_pos, literal.size()) != literal)
            return false;
        m_pos += literal.size();
        return true;
    }

    JsonValue parse_value(int depth)
    {
        if (depth > m_max_depth)
            fail("nested deeper than " + std::to_string(m_max_depth) + " levels");
        if (m_pos >= m_text.size())
            fail("unexpected end of input, expected a value");
        const char c = m_text[m_pos];
        if (c == '{')
            return parse_object(depth);
        if (c == '[')
            return parse_array(depth);
        if (c == '"')
            return JsonValue(parse_string());
        if (c == '-' || (c >= '0' && c <= '9'))
            return parse_number();
        if (consume("true"))
            return JsonValue(true);
        if (consume("false"))
            return JsonValue(false);
        if (consume("null"))
            return JsonValue();
        fail(std::string("unexpected character '") + c + "'");
    }

    JsonValue parse_object(int depth)
    {
        ++m_pos;
        JsonValue::Object members;
        skip_whitespace();
        if (consume("}"))
            return JsonValue(std::move(members));
        for (;;) {
            skip_whitespace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                fail("expected a string key");
            std::string key = parse_string();
            skip_whitespace();
            if (!consume(":"))
                fail("expected ':' after an object key");
            skip_whitespace();
            JsonValue value = parse_value(depth + 1);
            bool replaced = false;
            for (auto& member : members)
                if (member.first == key) {
                    member.second = std::move(value); // the last duplicate wins, as in Python
                    replaced = true;
                    break;
                }
            if (!replaced)
                members.emplace_back(std::move(key), std::move(value));
            skip_whitespace();
            if (consume("}"))
                return JsonValue(std::move(members));
            if (!consume(","))
                fail("expected ',' or '}' in an object");
        }
    }

    JsonValue parse_array(int depth)
    {
        ++m_pos;
        JsonValue::Array items;
        skip_whitespace();
        if (consume("]"))
            return JsonValue(std::move(items));
        for (;;) {
            skip_whitespace();
            items.push_back(parse_value(depth + 1));
            skip_whitespace();
            if (consume("]"))
                return JsonValue(std::move(items));
            if (!consume(","))
                fail("expected ',' or ']' in an array");
        }
    }

    unsigned parse_hex4()
    {
        if (m_pos + 4 > m_text.size())
            fail("truncated \\u escape");
        unsigned value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_pos++];
            value <<= 4;
            if (c >= '0' && c <= '9')
                value |= c - '0';
            else if (c >= 'a' && c <= 'f')
                value |= c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                value |= c - 'A' + 10;
            else
                fail("invalid \\u escape");
        }
        return value;
    }

    // Copies one UTF-8 sequence, rejecting malformed, overlong and surrogate encodings.
    void copy_utf8_sequence(std::string& out)
    {
        const auto byte = [&](size_t i) { return static_cast<unsigned char>(m_text[i]); };
        const unsigned char lead = byte(m_pos);
        size_t length = 0;
        unsigned code_point = 0, minimum = 0;
        if ((lead & 0xE0) == 0xC0)
            length = 2, code_point = lead & 0x1F, minimum = 0x80;
        else if ((lead & 0xF0) == 0xE0)
            length = 3, code_point = lead & 0x0F, minimum = 0x800;
        else if ((lead & 0xF8) == 0xF0)
            length = 4, code_point = lead & 0x07, minimum = 0x10000;
        else
            fail("invalid UTF-8 in a string");
        if (m_pos + length > m_text.size())
            fail("invalid UTF-8 in a string");
        for (size_t i = 1; i < length; ++i) {
            if ((byte(m_pos + i) & 0xC0) != 0x80)
                fail("invalid UTF-8 in a string");
            code_point = (code_point << 6) | (byte(m_pos + i) & 0x3F);
        }
        if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
            fail("invalid UTF-8 in a string");
        out.append(m_text.substr(m_pos, length));
        m_pos += length;
    }

    std::string parse_string()
    {
        ++m_pos;
        std::string out;
        for (;;) {
            if (m_pos >= m_text.size())
                fail("unterminated string");
            const unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                ++m_pos;
                return out;
            }
            if (c < 0x20)
                fail("control character in a string (escape it)");
            if (c >= 0x80) {
                copy_utf8_sequence(out);
                continue;
            }
            ++m_pos;
            if (c != '\\') {
                out += static_cast<char>(c);
                continue;
            }
            if (m_pos >= m_text.size())
                fail("unterminated string");
            const char escape = m_text[m_pos++];
            switch (escape) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                unsigned code_point = parse_hex4();
                if (code_point >= 0xD800 && code_point <= 0xDBFF) {
                    if (!consume("\\u"))
                        fail("unpaired surrogate in a \\u escape");
                    const unsigned low = parse_hex4();
                    if (low < 0xDC00 || low > 0xDFFF)
                        fail("unpaired surrogate in a \\u escape");
                    code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
                } else if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
                    fail("unpaired surrogate in a \\u escape");
                }
                append_utf8(out, code_point);
                break;
            }
            default:
                fail(std::string("invalid escape '\\") + escape + "'");
            }
        }
    }

    JsonValue parse_number()
    {
        const size_t start = m_pos;
        const auto digit = [&] {
            return m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9';
        };
        if (m_text[m_pos] == '-')
            ++m_pos;
        if (!digit())
            fail("invalid number");
        if (m_text[m_pos] == '0') {
            ++m_pos;
            if (digit())
                fail("leading zeros are not allowed in numbers");
        } else {
            while (digit())
                ++m_pos;
        }
        bool integral = true;
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            integral = false;
            ++m_pos;
            if (!digit())
                fail("invalid number");
            while (digit())
                ++m_pos;
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            integral = false;
            ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (!digit())
                fail("invalid number");
            while (digit())
                ++m_pos;
        }
        const char* first = m_text.data() + start;
        const char* last = m_text.data() + m_pos;
        if (integral) {
            std::int64_t value = 0;
            const auto result = std::from_chars(first, last, value);
            if (result.ec == std::errc() && result.ptr == last)
                return JsonValue(value);
        }
        double value = 0;
        const auto result = std::from_chars(first, last, value);
        if (result.ec != std::errc() || result.ptr != last || !std::isfinite(value))
            fail("number out of range");
        return JsonValue(value);
    }

    std::string_view m_text;
    int m_max_depth;
    size_t m_pos = 0;
};

} // namespace

JsonValue JsonValue::parse(std::string_view text, int max_depth)
{
    return JsonParser(text, max_depth).parse_document();
}

std::string json_quote(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (byte < 0x20 || byte == 0x7F) {
                char escape[8];
                std::snprintf(escape, sizeof escape, "\\u%04x", byte);
                out += escape;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

} // namespace hearth
