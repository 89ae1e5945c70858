#include "hearth/json_grammar.h"

#include "hearth/error.h"
#include "hearth/tokenizer.h"

#include <limits>

namespace hearth {
namespace {

constexpr std::string_view kLiterals[] = {"true", "false", "null"};

bool is_blank(uint8_t byte)
{
    return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r';
}

bool is_digit(uint8_t byte)
{
    return byte >= '0' && byte <= '9';
}

bool is_hex(uint8_t byte)
{
    return is_digit(byte) || (byte >= 'a' && byte <= 'f') || (byte >= 'A' && byte <= 'F');
}

} // namespace

bool JsonGrammar::feed(uint8_t byte)
{
    JsonGrammar next = *this;
    if (!next.step(byte))
        return false;
    *this = next;
    return true;
}

bool JsonGrammar::feed(std::string_view bytes)
{
    JsonGrammar next = *this;
    for (char c : bytes)
        if (!next.step(uint8_t(c)))
            return false;
    *this = next;
    return true;
}

int JsonGrammar::bytes_to_close() const
{
    // Every open container needs its closer; the mode adds what the innermost one still needs
    // before it may close: a key needs `"":0`, a value at least one digit.
    const int closers = m_depth;
    switch (m_mode) {
    case Mode::Start:
        return 2; // {}
    case Mode::Done:
        return 0;
    case Mode::ObjectOpen:
    case Mode::ArrayOpen:
    case Mode::AfterValue:
        return closers;
    case Mode::ObjectKey:
        return closers + 4; // "":0
    case Mode::Colon:
        return closers + 2; // :0
    case Mode::Value:
        return closers + 1; // 0
    case Mode::String:
        return closers + m_utf8 + (m_escape ? 1 : 0) + m_hex + 1 + (m_key ? 2 : 0);
    case Mode::Number: {
        const bool needs_digit = m_number == NumberPart::Minus || m_number == NumberPart::Dot ||
                                 m_number == NumberPart::Exponent || m_number == NumberPart::ExponentSign;
        return closers + (needs_digit ? 1 : 0);
    }
    case Mode::Literal:
        return closers + int(kLiterals[m_literal].size()) - m_literal_at;
    }
    return closers;
}

bool JsonGrammar::step(uint8_t byte)
{
    switch (m_mode) {
    case Mode::String:
        return in_string(byte);
    case Mode::Number:
        return in_number(byte);
    case Mode::Literal:
        if (byte != uint8_t(kLiterals[m_literal][m_literal_at]))
            return false;
        if (++m_literal_at == kLiterals[m_literal].size())
            value_done();
        return true;
    case Mode::Done:
        return false;
    default:
        break;
    }
    if (is_blank(byte)) {
        if (m_blanks >= kMaxWhitespaceRun)
            return false;
        ++m_blanks;
        return true;
    }
    m_blanks = 0;
    switch (m_mode) {
    case Mode::Start:
        return byte == '{' && open(true);
    case Mode::ObjectOpen:
        if (byte == '}')
            return close(true);
        [[fallthrough]];
    case Mode::ObjectKey:
        if (byte != '"')
            return false;
        m_mode = Mode::String;
        m_key = true;
        return true;
    case Mode::Colon:
        if (byte != ':')
            return false;
        m_mode = Mode::Value;
        return true;
    case Mode::ArrayOpen:
        if (byte == ']')
            return close(false);
        return start_value(byte);
    case Mode::Value:
        return start_value(byte);
    case Mode::AfterValue:
        return after_value(byte);
    default:
        return false;
    }
}

bool JsonGrammar::start_value(uint8_t byte)
{
    switch (byte) {
    case '{':
        return open(true);
    case '[':
        return open(false);
    case '"':
        m_mode = Mode::String;
        m_key = false;
        return true;
    case '-':
        m_mode = Mode::Number;
        m_number = NumberPart::Minus;
        return true;
    case 't':
    case 'f':
    case 'n':
        m_mode = Mode::Literal;
        m_literal = byte == 't' ? 0 : byte == 'f' ? 1 : 2;
        m_literal_at = 1;
        return true;
    default:
        if (!is_digit(byte))
            return false;
        m_mode = Mode::Number;
        m_number = byte == '0' ? NumberPart::Zero : NumberPart::Integer;
        return true;
    }
}

bool JsonGrammar::open(bool object)
{
    if (m_depth >= kMaxDepth)
        return false;
    if (object)
        m_containers |= uint64_t(1) << m_depth;
    else
        m_containers &= ~(uint64_t(1) << m_depth);
    ++m_depth;
    m_mode = object ? Mode::ObjectOpen : Mode::ArrayOpen;
    return true;
}

bool JsonGrammar::close(bool object)
{
    if (m_depth == 0 || top_is_object() != object)
        return false;
    --m_depth;
    m_mode = m_depth == 0 ? Mode::Done : Mode::AfterValue;
    return true;
}

bool JsonGrammar::after_value(uint8_t byte)
{
    if (byte == ',') {
        m_mode = top_is_object() ? Mode::ObjectKey : Mode::Value;
        return true;
    }
    if (byte == '}' || byte == ']')
        return close(byte == '}');
    return false;
}

bool JsonGrammar::in_string(uint8_t byte)
{
    if (m_utf8 > 0) {
        if (byte < m_utf8_low || byte > m_utf8_high)
            return false;
        --m_utf8;
        m_utf8_low = 0x80;
        m_utf8_high = 0xBF;
        return true;
    }
    if (m_hex > 0) {
        if (!is_hex(byte))
            return false;
        --m_hex;
        return true;
    }
    if (m_escape) {
        m_escape = false;
        if (byte == 'u') {
            m_hex = 4;
            return true;
        }
        return byte == '"' || byte == '\\' || byte == '/' || byte == 'b' || byte == 'f' || byte == 'n' ||
               byte == 'r' || byte == 't';
    }
    if (byte == '"') {
        if (m_key)
            m_mode = Mode::Colon;
        else
            value_done();
        return true;
    }
    if (byte == '\\') {
        m_escape = true;
        return true;
    }
    if (byte < 0x20) // control characters must be escaped
        return false;
    if (byte < 0x80)
        return true;
    // The lead byte of a multi-byte character: how many follow, and the range of the first,
    // which rules out overlong forms, surrogates and code points past U+10FFFF.
    m_utf8_low = 0x80;
    m_utf8_high = 0xBF;
    if (byte >= 0xC2 && byte <= 0xDF)
        m_utf8 = 1;
    else if (byte >= 0xE0 && byte <= 0xEF) {
        m_utf8 = 2;
        if (byte == 0xE0)
            m_utf8_low = 0xA0;
        else if (byte == 0xED)
            m_utf8_high = 0x9F;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
        m_utf8 = 3;
        if (byte == 0xF0)
            m_utf8_low = 0x90;
        else if (byte == 0xF4)
            m_utf8_high = 0x8F;
    } else {
        return false;
    }
    return true;
}

bool JsonGrammar::in_number(uint8_t byte)
{
    switch (m_number) {
    case NumberPart::Minus:
        if (!is_digit(byte))
            return false;
        m_number = byte == '0' ? NumberPart::Zero : NumberPart::Integer;
        return true;
    case NumberPart::Integer:
        if (is_digit(byte))
            return true;
        [[fallthrough]];
    case NumberPart::Zero:
        if (byte == '.') {
            m_number = NumberPart::Dot;
            return true;
        }
        if (byte == 'e' || byte == 'E') {
            m_number = NumberPart::Exponent;
            return true;
        }
        break;
    case NumberPart::Dot:
        if (!is_digit(byte))
            return false;
        m_number = NumberPart::Fraction;
        return true;
    case NumberPart::Fraction:
        if (is_digit(byte))
            return true;
        if (byte == 'e' || byte == 'E') {
            m_number = NumberPart::Exponent;
            return true;
        }
        break;
    case NumberPart::Exponent:
        if (byte == '+' || byte == '-') {
            m_number = NumberPart::ExponentSign;
            return true;
        }
        [[fallthrough]];
    case NumberPart::ExponentSign:
        if (!is_digit(byte))
            return false;
        m_number = NumberPart::ExponentDigits;
        return true;
    case NumberPart::ExponentDigits:
        if (is_digit(byte))
            return true;
        break;
    }
    // The number has ended; this byte belongs to what follows it.
    value_done();
    m_blanks = 0;
    return step(byte);
}

JsonConstraint::JsonConstraint(const Tokenizer& tokenizer) : m_pieces(tokenizer.vocab_size())
{
    for (size_t id = 0; id < m_pieces.size(); ++id) {
        const auto token = int32_t(id);
        const TokenType type = tokenizer.token_type(token);
        // Control tokens (<s>, <|im_start|>) and the end of the answer are never part of JSON:
        // the answer ends when the object closes.
        if (type == TokenType::control || type == TokenType::unused || type == TokenType::unknown ||
            tokenizer.is_eog(token))
            continue;
        m_pieces[id] = tokenizer.token_piece(token);
    }
}

size_t JsonConstraint::mask(std::span<float> logits, int tokens_left) const
{
    size_t allowed = 0;
    for (size_t id = 0; id < logits.size(); ++id) {
        bool ok = false;
        if (id < m_pieces.size() && !m_pieces[id].empty()) {
            JsonGrammar next = m_grammar;
            ok = next.feed(m_pieces[id]) && next.bytes_to_close() <= tokens_left - 1;
        }
        if (ok)
            ++allowed;
        else
            logits[id] = -std::numeric_limits<float>::infinity();
    }
    return allowed;
}

void JsonConstraint::accept(int32_t token)
{
    if (token < 0 || size_t(token) >= m_pieces.size() || !m_grammar.feed(m_pieces[size_t(token)]))
        throw Error("JSON mode: the sampled token does not continue the JSON object");
}

} // namespace hearth
