#include "wordpiece.h"

#include "hearth/error.h"
#include "utf8.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

namespace hearth {

namespace {

constexpr std::string_view kWordStart = "\xE2\x96\x81"; // U+2581
constexpr size_t kLongestWord = 100;                    // characters; longer words are [UNK]

bool is_control(UChar32 c)
{
    if (c == '\t' || c == '\n' || c == '\r')
        return false;
    const int8_t type = u_charType(c);
    return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_UNASSIGNED ||
           type == U_PRIVATE_USE_CHAR || type == U_SURROGATE;
}

bool is_space(UChar32 c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || u_charType(c) == U_SPACE_SEPARATOR;
}

// The CJK Unified Ideograph blocks BERT surrounds with spaces.
bool is_cjk(UChar32 c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) ||
           (c >= 0x2B820 && c <= 0x2CEAF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

bool is_punctuation(UChar32 c)
{
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7E) || u_ispunct(c);
}

void append_utf16(std::u16string& out, UChar32 c)
{
    if (c <= 0xFFFF) {
        out += static_cast<char16_t>(c);
    } else {
        out += static_cast<char16_t>(U16_LEAD(c));
        out += static_cast<char16_t>(U16_TRAIL(c));
    }
}

// BERT's normalizer: controls dropped, whitespace to spaces, CJK spaced out, accents stripped
// (NFD, then no nonspacing marks) and every character lowercased on its own (no final sigma).
std::u16string normalize(std::string_view text)
{
    std::u16string cleaned;
    cleaned.reserve(text.size() + 8);
    for (size_t pos = 0; pos < text.size();) {
        const size_t length = utf8_valid_length(text, pos);
        UChar32 c = 0xFFFD;
        if (length > 0)
            U8_GET_UNSAFE(reinterpret_cast<const uint8_t*>(text.data()), pos, c);
        pos += length > 0 ? length : 1;
        if (c == 0 || c == 0xFFFD || is_control(c))
            continue;
        if (is_space(c)) {
            cleaned += u' ';
        } else if (is_cjk(c)) {
            cleaned += u' ';
            append_utf16(cleaned, c);
            cleaned += u' ';
        } else {
            append_utf16(cleaned, c);
        }
    }

    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* nfd = unorm2_getNFDInstance(&status);
    std::u16string decomposed(cleaned.size() * 3 + 8, u'\0');
    int32_t n = 0;
    if (U_SUCCESS(status))
        n = unorm2_normalize(
            nfd, reinterpret_cast<const UChar*>(cleaned.data()), static_cast<int32_t>(cleaned.size()),
            reinterpret_cast<UChar*>(decomposed.data()), static_cast<int32_t>(decomposed.size()), &status);
    if (U_FAILURE(status))
        throw Error(std::string("Unicode normalization failed: ") + u_errorName(status));
    decomposed.resize(static_cast<size_t>(n));

    std::u16string out;
    out.reserve(decomposed.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(decomposed.data(), i, n, c);
        if (u_charType(c) == U_NON_SPACING_MARK)
            continue;
        if (c < 0x80) {
            out += static_cast<char16_t>(c >= 'A' && c <= 'Z' ? c + 32 : c);
            continue;
        }
        UChar one[2], lower[8];
        int32_t one_length = 0;
        U16_APPEND_UNSAFE(one, one_length, c);
        UErrorCode lower_status = U_ZERO_ERROR;
        const int32_t m = u_strToLower(lower, 8, one, one_length, "", &lower_status);
        if (U_SUCCESS(lower_status))
            out.append(reinterpret_cast<const char16_t*>(lower), static_cast<size_t>(m));
        else
            append_utf16(out, c);
    }
    return out;
}

} // namespace

WordPieceEncoder::WordPieceEncoder(const Vocabulary& vocab) : m_vocab(vocab) {}

void WordPieceEncoder::encode(std::string_view text, std::vector<int32_t>& out) const
{
    const std::u16string normalized = normalize(text);
    std::string word;
    size_t characters = 0;
    auto flush = [&] {
        if (!word.empty())
            encode_word(word, characters, out);
        word.clear();
        characters = 0;
    };
    const auto* data = reinterpret_cast<const UChar*>(normalized.data());
    const auto n = static_cast<int32_t>(normalized.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(data, i, n, c);
        if (u_isUWhiteSpace(c)) {
            flush();
        } else if (is_punctuation(c)) {
            flush();
            append_utf8(word, static_cast<uint32_t>(c));
            characters = 1;
            flush();
        } else {
            append_utf8(word, static_cast<uint32_t>(c));
            ++characters;
        }
    }
    flush();
}

void WordPieceEncoder::encode_word(std::string_view word, size_t characters, std::vector<int32_t>& out) const
{
    const size_t begin = out.size();
    bool known = characters <= kLongestWord;
    std::string candidate;
    for (size_t start = 0; known && start < word.size();) {
        // The longest piece from `start` that is in the vocabulary, ending on a character boundary.
        int32_t found = -1;
        size_t end = word.size();
        for (; end > start; --end) {
            if (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80)
                continue;
            candidate.assign(start == 0 ? kWordStart : std::string_view());
            candidate.append(word.substr(start, end - start));
            found = m_vocab.find(candidate);
            if (found >= 0)
                break;
        }
        if (found < 0)
            known = false;
        else
            out.push_back(found);
        start = end;
    }
    if (!known) {
        out.resize(begin);
        if (m_vocab.unknown >= 0)
            out.push_back(m_vocab.unknown);
    }
}

} // namespace hearth
