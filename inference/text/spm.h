#pragma once
// SentencePiece-style tokenization: start from single characters and repeatedly merge the adjacent
// pair whose concatenation is the highest-scoring token; what stays unknown falls back to <0xNN>.
#include "vocabulary.h"

#include <array>

namespace hearth {

class SpmEncoder {
  public:
    explicit SpmEncoder(const Vocabulary& vocab);
    // `text` already has spaces escaped as U+2581 and any dummy prefix added.
    void encode(std::string_view text, std::vector<int32_t>& out) const;
    // The byte a <0xNN> token stands for, or -1.
    static int byte_of_token(std::string_view text);

  private:
    struct Symbol {
        size_t start, length; // length 0: merged into its left neighbour
        int prev, next;
    };
    struct Candidate {
        float score;
        int left, right;
        size_t length; // of the merged text; a candidate whose symbols changed since is stale
    };
    struct LowerPriority;
    int32_t find_piece(std::string_view text) const;
    void merge(std::string_view text, std::vector<Symbol>& symbols, int first, int last,
               std::vector<Candidate>& storage, std::vector<int32_t>& out) const;

    const Vocabulary& m_vocab;
    bool m_words_are_separate; // no token spans "x▁": merging never crosses a word start
    std::array<int32_t, 256> m_byte_tokens;
};

} // namespace hearth
