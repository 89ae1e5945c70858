#pragma once
// Byte-level BPE (GPT-2 family): each byte of a word is first shown as a printable character
// (the byte-to-unicode table), then adjacent symbols merge in the order of the merge list.
#include "vocabulary.h"

#include <array>
#include <cstdint>
#include <unordered_map>

namespace hearth {

// GPT-2's reversible byte <-> printable code point table.
uint32_t byte_to_codepoint(unsigned char byte);
int codepoint_to_byte(uint32_t codepoint); // -1 when the code point stands for no byte

class BpeEncoder {
  public:
    // Merges are "left right" in priority order; merges naming unknown tokens are ignored.
    BpeEncoder(const Vocabulary& vocab, const std::vector<std::string>& merges, bool ignore_merges);
    // Appends the tokens of one pre-tokenized word (raw bytes).
    void encode_word(std::string_view word, std::vector<int32_t>& out) const;
    size_t merge_count() const { return m_merges.size(); }

  private:
    struct Merge {
        int32_t rank, result;
    };
    static uint64_t key(int32_t left, int32_t right)
    {
        return static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32 | static_cast<uint32_t>(right);
    }

    const Vocabulary& m_vocab;
    bool m_ignore_merges;
    std::array<int32_t, 256> m_byte_tokens;    // the token of each byte's printable character
    std::array<std::string, 256> m_byte_chars; // that character in UTF-8
    std::unordered_map<uint64_t, Merge> m_merges;
};

} // namespace hearth
