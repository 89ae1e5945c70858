#include "spm.h"

#include "utf8.h"

#include <queue>
#include <unordered_map>

namespace hearth {

namespace {

constexpr std::string_view kSpaceEscape = "\xE2\x96\x81";
constexpr size_t kLongestCachedWord = 64;

} // namespace

// Highest score first; among equal scores the leftmost pair, as SentencePiece does.
struct SpmEncoder::LowerPriority {
    bool operator()(const Candidate& a, const Candidate& b) const
    {
        return a.score < b.score || (a.score == b.score && a.left > b.left);
    }
};

SpmEncoder::SpmEncoder(const Vocabulary& vocab) : m_vocab(vocab)
{
    m_byte_tokens.fill(-1);
    for (size_t id = 0; id < vocab.size(); ++id) {
        if (vocab.types[id] != TokenType::byte)
            continue;
        const int byte = byte_of_token(vocab.tokens[id]);
        if (byte >= 0)
            m_byte_tokens[static_cast<size_t>(byte)] = static_cast<int32_t>(id);
    }
    // Words are separate when no token has a space escape after another character.
    m_words_are_separate = true;
    for (const std::string& token : vocab.tokens) {
        for (size_t at = token.find(kSpaceEscape, 1); at != std::string::npos;
             at = token.find(kSpaceEscape, at + 1)) {
            if (at < kSpaceEscape.size() ||
                token.compare(at - kSpaceEscape.size(), kSpaceEscape.size(), kSpaceEscape) != 0)
                m_words_are_separate = false;
        }
    }
}

int SpmEncoder::byte_of_token(std::string_view text)
{
    if (text.size() != 6 || text.substr(0, 3) != "<0x" || text[5] != '>')
        return -1;
    auto hex = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                      : -1;
    };
    const int hi = hex(text[3]), lo = hex(text[4]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

int32_t SpmEncoder::find_piece(std::string_view text) const
{
    // Control, unknown and byte tokens are never spelled by text ("<s>" in text is three characters).
    const int32_t id = m_vocab.find(text);
    if (id < 0)
        return -1;
    const TokenType type = m_vocab.types[id];
    return type == TokenType::normal || type == TokenType::user_defined || type == TokenType::undefined ? id
                                                                                                        : -1;
}

void SpmEncoder::encode(std::string_view text, std::vector<int32_t>& out) const
{
    std::vector<Symbol> symbols;
    for (size_t pos = 0; pos < text.size();) {
        // An invalid byte is a character of its own. Taking the bytes its lead claims (as
        // SentencePiece does) could swallow part of the next character, such as the "▁" that
        // stands for a space, whose bytes would then come back as "▁" instead of " ".
        const size_t valid = utf8_valid_length(text, pos);
        const size_t length = valid > 0 ? valid : 1;
        symbols.push_back({pos, length, -1, -1});
        pos += length;
    }
    // Merging is local, so a text of many words is cut into stretches before each word's
    // leading space, where no token can span, and each is merged on its own: same result,
    // but a small queue instead of one as large as the text.
    auto is_space = [&](const Symbol& s) { return text.substr(s.start, s.length) == kSpaceEscape; };
    const int count = static_cast<int>(symbols.size());
    std::vector<Candidate> storage;
    // Words repeat (Zipf): remember where each short word's tokens already are in `out`.
    std::unordered_map<std::string_view, std::pair<size_t, size_t>> cache;
    for (int first = 0; first < count;) {
        int last = first + 1;
        if (m_words_are_separate)
            while (last < count && !(is_space(symbols[last]) && !is_space(symbols[last - 1])))
                ++last;
        else
            last = count;
        const size_t start = symbols[first].start;
        const std::string_view word =
            text.substr(start, symbols[last - 1].start + symbols[last - 1].length - start);
        const size_t begin = out.size();
        if (const auto it = cache.find(word); it != cache.end()) {
            out.insert(out.end(), out.begin() + it->second.first, out.begin() + it->second.second);
        } else {
            storage.clear();
            merge(text, symbols, first, last, storage, out);
            if (word.size() <= kLongestCachedWord)
                cache.emplace(word, std::pair{begin, out.size()});
        }
        first = last;
    }
}

void SpmEncoder::merge(std::string_view text, std::vector<Symbol>& symbols, int first, int last,
                       std::vector<Candidate>& storage, std::vector<int32_t>& out) const
{
    for (int i = first; i < last; ++i) {
        symbols[i].prev = i > first ? i - 1 : -1;
        symbols[i].next = i + 1 < last ? i + 1 : -1;
    }
    std::priority_queue<Candidate, std::vector<Candidate>, LowerPriority> queue(LowerPriority{},
                                                                                std::move(storage));
    auto consider = [&](int left, int right) {
        if (left < 0 || right < 0)
            return;
        const size_t length = symbols[left].length + symbols[right].length;
        const int32_t id = find_piece(text.substr(symbols[left].start, length));
        if (id >= 0)
            queue.push({m_vocab.scores[id], left, right, length});
    };
    for (int i = first + 1; i < last; ++i)
        consider(i - 1, i);

    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        Symbol& left = symbols[c.left];
        Symbol& right = symbols[c.right];
        if (left.length == 0 || right.length == 0 || left.length + right.length != c.length)
            continue;
        left.length += right.length;
        right.length = 0;
        left.next = right.next;
        if (right.next >= 0)
            symbols[right.next].prev = c.left;
        consider(left.prev, c.left);
        consider(c.left, left.next);
    }

    for (int i = first; i >= 0; i = symbols[i].next) {
        const std::string_view piece = text.substr(symbols[i].start, symbols[i].length);
        const int32_t id = find_piece(piece);
        if (id >= 0) {
            out.push_back(id);
            continue;
        }
        // A character the vocabulary lacks: spell its bytes, or one <unk> without byte tokens.
        bool unknown_added = false;
        for (unsigned char byte : piece) {
            const int32_t byte_id = m_byte_tokens[byte];
            if (byte_id >= 0) {
                out.push_back(byte_id);
            } else if (m_vocab.unknown >= 0 && !unknown_added) {
                out.push_back(m_vocab.unknown);
                unknown_added = true;
            }
        }
    }
}

} // namespace hearth
