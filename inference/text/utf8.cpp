#include "utf8.h"

#include "hearth/tokenizer.h"

#include <algorithm>

namespace hearth {

namespace {

// The well-formed byte sequences of Unicode's table 3-7: a lead byte fixes the total length and
// the range allowed for the second byte (the others are always 80..BF).
struct LeadByte {
    size_t length; // 0: never starts a character
    unsigned char second_min, second_max;
};

LeadByte classify(unsigned char b)
{
    if (b < 0x80)
        return {1, 0, 0};
    if (b >= 0xC2 && b <= 0xDF)
        return {2, 0x80, 0xBF};
    if (b == 0xE0)
        return {3, 0xA0, 0xBF};
    if (b == 0xED)
        return {3, 0x80, 0x9F};
    if (b >= 0xE1 && b <= 0xEF)
        return {3, 0x80, 0xBF};
    if (b == 0xF0)
        return {4, 0x90, 0xBF};
    if (b >= 0xF1 && b <= 0xF3)
        return {4, 0x80, 0xBF};
    if (b == 0xF4)
        return {4, 0x80, 0x8F};
    return {0, 0, 0};
}

// How many bytes from text[pos] continue the character validly (at least 1 for a valid lead).
size_t valid_prefix(std::string_view text, size_t pos, const LeadByte& lead)
{
    size_t j = 1;
    while (j < lead.length && pos + j < text.size()) {
        const auto c = static_cast<unsigned char>(text[pos + j]);
        const unsigned char lo = j == 1 ? lead.second_min : 0x80;
        const unsigned char hi = j == 1 ? lead.second_max : 0xBF;
        if (c < lo || c > hi)
            break;
        ++j;
    }
    return j;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

} // namespace

size_t utf8_valid_length(std::string_view text, size_t pos)
{
    const LeadByte lead = classify(static_cast<unsigned char>(text[pos]));
    if (lead.length <= 1)
        return lead.length;
    return valid_prefix(text, pos, lead) == lead.length ? lead.length : 0;
}

void append_utf8(std::string& out, uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_valid_utf8(std::string_view text)
{
    for (size_t i = 0; i < text.size();) {
        const size_t n = utf8_valid_length(text, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

std::string Utf8Assembler::push(std::string_view bytes)
{
    m_pending.append(bytes);
    const std::string_view text = m_pending;
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        const LeadByte lead = classify(static_cast<unsigned char>(text[i]));
        if (lead.length == 1) {
            out += text[i++];
            continue;
        }
        if (lead.length == 0) {
            out += kReplacement;
            ++i;
            continue;
        }
        const size_t valid = valid_prefix(text, i, lead);
        if (valid == lead.length) {
            out.append(text.substr(i, valid));
        } else if (i + valid == text.size()) {
            break; // a character still arriving: hold it back
        } else {
            out += kReplacement; // the maximal invalid subpart is one U+FFFD
        }
        i += valid;
    }
    m_pending.erase(0, i);
    return out;
}

std::string Utf8Assembler::finish()
{
    std::string out = m_pending.empty() ? std::string() : std::string(kReplacement);
    m_pending.clear();
    return out;
}

} // namespace hearth
