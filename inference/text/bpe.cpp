#include "bpe.h"

#include "utf8.h"

#include <queue>

namespace hearth {

// Printable bytes stand for themselves; the other 68 (controls, space, 0x7F-0xA0, 0xAD) are moved,
// in order, to U+0100 onwards. That keeps every token text printable and free of spaces.
uint32_t byte_to_codepoint(unsigned char byte)
{
    auto printable = [](unsigned b) {
        return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
    };
    if (printable(byte))
        return byte;
    uint32_t moved = 0;
    for (unsigned b = 0; b < byte; ++b)
        moved += printable(b) ? 0 : 1;
    return 0x100 + moved;
}

int codepoint_to_byte(uint32_t codepoint)
{
    static const std::array<int16_t, 0x144> table = [] {
        std::array<int16_t, 0x144> t{};
        t.fill(-1);
        for (unsigned b = 0; b < 256; ++b)
            t[byte_to_codepoint(static_cast<unsigned char>(b))] = static_cast<int16_t>(b);
        return t;
    }();
    return codepoint < table.size() ? table[codepoint] : -1;
}

BpeEncoder::BpeEncoder(const Vocabulary& vocab, const std::vector<std::string>& merges, bool ignore_merges)
    : m_vocab(vocab), m_ignore_merges(ignore_merges)
{
    for (unsigned b = 0; b < 256; ++b) {
        append_utf8(m_byte_chars[b], byte_to_codepoint(static_cast<unsigned char>(b)));
        m_byte_tokens[b] = vocab.find(m_byte_chars[b]);
    }
    m_merges.reserve(merges.size());
    std::string joined;
    for (size_t rank = 0; rank < merges.size(); ++rank) {
        const std::string& merge = merges[rank];
        const size_t space = merge.find(' ', 1);
        if (space == std::string::npos)
            continue;
        const std::string_view left = std::string_view(merge).substr(0, space);
        const std::string_view right = std::string_view(merge).substr(space + 1);
        joined.assign(left).append(right);
        const int32_t l = vocab.find(left), r = vocab.find(right), result = vocab.find(joined);
        if (l < 0 || r < 0 || result < 0)
            continue;
        m_merges.try_emplace(key(l, r), Merge{static_cast<int32_t>(rank), result});
    }
}

namespace {

struct Symbol {
    int32_t id; // -1 once merged into its left neighbour
    int prev, next;
};

struct Candidate {
    int32_t rank;
    int left, right;
    int32_t left_id, right_id, result;
};

// Lowest rank first; among equal ranks the leftmost pair.
struct LowerPriority {
    bool operator()(const Candidate& a, const Candidate& b) const
    {
        return a.rank > b.rank || (a.rank == b.rank && a.left > b.left);
    }
};

} // namespace

void BpeEncoder::encode_word(std::string_view word, std::vector<int32_t>& out) const
{
    if (word.empty())
        return;
    if (m_ignore_merges) {
        std::string mapped;
        for (unsigned char b : word)
            mapped += m_byte_chars[b];
        const int32_t id = m_vocab.find(mapped);
        if (id >= 0) {
            out.push_back(id);
            return;
        }
    }

    std::vector<Symbol> symbols(word.size());
    for (size_t i = 0; i < word.size(); ++i) {
        symbols[i] = {m_byte_tokens[static_cast<unsigned char>(word[i])], static_cast<int>(i) - 1,
                      i + 1 < word.size() ? static_cast<int>(i) + 1 : -1};
    }

    std::priority_queue<Candidate, std::vector<Candidate>, LowerPriority> queue;
    auto consider = [&](int left, int right) {
        if (left < 0 || right < 0 || symbols[left].id < 0 || symbols[right].id < 0)
            return;
        const auto it = m_merges.find(key(symbols[left].id, symbols[right].id));
        if (it != m_merges.end())
            queue.push(
                {it->second.rank, left, right, symbols[left].id, symbols[right].id, it->second.result});
    };
    for (int i = 1; i < static_cast<int>(symbols.size()); ++i)
        consider(i - 1, i);

    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        Symbol& left = symbols[c.left];
        Symbol& right = symbols[c.right];
        if (left.id != c.left_id || right.id != c.right_id || left.next != c.right)
            continue; // one side changed since this pair was queued
        left.id = c.result;
        right.id = -1;
        left.next = right.next;
        if (right.next >= 0)
            symbols[right.next].prev = c.left;
        consider(left.prev, c.left);
        consider(c.left, left.next);
    }

    for (int i = 0; i >= 0; i = symbols[i].next) {
        if (symbols[i].id >= 0)
            out.push_back(symbols[i].id);
        else if (m_vocab.unknown >= 0) // a byte the vocabulary cannot spell
            out.push_back(m_vocab.unknown);
    }
}

} // namespace hearth
