#include "unicode.h"

#include "../utf8.h"

#include <algorithm>

namespace hearth::jinja {

// An invalid byte b decodes to U+DC00+b and encodes back to the same byte (Python's
// "surrogateescape"), so text that is not valid UTF-8 passes through every operation unchanged.
char32_t decode_utf8(std::string_view text, size_t& pos)
{
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    const char32_t invalid = 0xDC00 + lead;
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    size_t length = 0;
    char32_t code_point = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, code_point = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, code_point = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, code_point = lead & 0x07, minimum = 0x10000;
    } else {
        ++pos;
        return invalid;
    }
    if (pos + length > text.size()) {
        ++pos;
        return invalid;
    }
    for (size_t i = 1; i < length; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80) {
            ++pos;
            return invalid;
        }
        code_point = (code_point << 6) | (byte(pos + i) & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        ++pos;
        return invalid;
    }
    pos += length;
    return code_point;
}

void append_utf8(std::string& out, char32_t c)
{
    if (c >= 0xDC80 && c <= 0xDCFF)
        out += static_cast<char>(c - 0xDC00); // an escaped invalid byte goes back out as itself
    else
        hearth::append_utf8(out, static_cast<uint32_t>(c));
}

std::vector<char32_t> to_code_points(std::string_view text)
{
    std::vector<char32_t> result;
    result.reserve(text.size());
    for (size_t pos = 0; pos < text.size();)
        result.push_back(decode_utf8(text, pos));
    return result;
}

std::string from_code_points(const std::vector<char32_t>& code_points)
{
    std::string result;
    result.reserve(code_points.size());
    for (char32_t c : code_points)
        append_utf8(result, c);
    return result;
}

size_t count_code_points(std::string_view text)
{
    size_t count = 0;
    for (size_t pos = 0; pos < text.size(); ++count)
        decode_utf8(text, pos);
    return count;
}

bool is_python_space(char32_t c)
{
    switch (c) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x1C:
    case 0x1D:
    case 0x1E:
    case 0x1F:
    case 0x20:
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

// Simple one-to-one case mapping for the scripts chat templates meet in practice: ASCII, Latin-1,
// Latin Extended-A, Greek and Cyrillic. Other characters are left as they are.
char32_t to_upper(char32_t c)
{
    if (c >= 'a' && c <= 'z')
        return c - 32;
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7))
        return c - 32;
    if (c == 0xFF)
        return 0x178;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F) {
        const bool odd_is_lower = (c < 0x139) || (c > 0x148 && c < 0x179);
        if (odd_is_lower ? (c & 1) : !(c & 1))
            return c - 1;
        return c;
    }
    if ((c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2))
        return c - 32;
    if (c == 0x3C2)
        return 0x3A3;
    if (c >= 0x430 && c <= 0x44F)
        return c - 32;
    if (c >= 0x450 && c <= 0x45F)
        return c - 80;
    return c;
}

char32_t to_lower(char32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 32;
    if (c == 0x178)
        return 0xFF;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F) {
        const bool odd_is_lower = (c < 0x139) || (c > 0x148 && c < 0x179);
        if (odd_is_lower ? !(c & 1) : (c & 1))
            return c + 1;
        return c;
    }
    if ((c >= 0x391 && c <= 0x3A9 && c != 0x3A2))
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    return c;
}

bool is_cased_letter(char32_t c)
{
    return to_upper(c) != c || to_lower(c) != c;
}

namespace {
template <typename Map> std::string map_code_points(std::string_view text, Map map)
{
    std::string result;
    result.reserve(text.size());
    for (size_t pos = 0; pos < text.size();)
        append_utf8(result, map(decode_utf8(text, pos)));
    return result;
}
} // namespace

std::string upper(std::string_view text)
{
    std::string result;
    result.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        const char32_t c = decode_utf8(text, pos);
        if (c == 0xDF) // ß has no one-letter capital; Python writes SS
            result += "SS";
        else
            append_utf8(result, to_upper(c));
    }
    return result;
}

std::string lower(std::string_view text)
{
    return map_code_points(text, to_lower);
}

std::string title(std::string_view text)
{
    bool previous_cased = false;
    return map_code_points(text, [&](char32_t c) {
        const char32_t mapped = previous_cased ? to_lower(c) : to_upper(c);
        previous_cased = is_cased_letter(c);
        return mapped;
    });
}

std::string capitalize(std::string_view text)
{
    bool first = true;
    return map_code_points(text, [&](char32_t c) {
        const char32_t mapped = first ? to_upper(c) : to_lower(c);
        first = false;
        return mapped;
    });
}

std::string strip(std::string_view text, const std::string* chars, bool left, bool right)
{
    std::vector<char32_t> strip_set;
    if (chars)
        strip_set = to_code_points(*chars);
    const auto strippable = [&](char32_t c) {
        return chars ? std::find(strip_set.begin(), strip_set.end(), c) != strip_set.end()
                     : is_python_space(c);
    };
    size_t begin = 0;
    if (left) {
        while (begin < text.size()) {
            size_t next = begin;
            if (!strippable(decode_utf8(text, next)))
                break;
            begin = next;
        }
    }
    size_t end = text.size();
    if (right) {
        end = begin;
        for (size_t pos = begin; pos < text.size();)
            if (!strippable(decode_utf8(text, pos)))
                end = pos;
    }
    return std::string(text.substr(begin, end - begin));
}

} // namespace hearth::jinja
