#pragma once
// WordPiece (BERT): normalize (drop controls, space out CJK, strip accents, lowercase), split at
// whitespace and punctuation, then cut each word greedily into the longest known pieces. GGUF
// writes word-initial pieces with a leading U+2581 and continuation pieces bare (no "##").
#include "vocabulary.h"

namespace hearth {

class WordPieceEncoder {
  public:
    explicit WordPieceEncoder(const Vocabulary& vocab);
    void encode(std::string_view text, std::vector<int32_t>& out) const;

  private:
    void encode_word(std::string_view word, size_t characters, std::vector<int32_t>& out) const;

    const Vocabulary& m_vocab;
};

} // namespace hearth
