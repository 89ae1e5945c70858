#pragma once
// Tokenizer's private state, shared by tokenizer.cpp and text_stream.cpp.
#include "bpe.h"
#include "pretokenizer.h"
#include "spm.h"
#include "vocabulary.h"
#include "wordpiece.h"

#include <memory>

namespace hearth {

enum class TokenizerKind { spm, bpe, wordpiece };

struct Tokenizer::Impl {
    TokenizerKind kind = TokenizerKind::spm;
    std::string model;
    Vocabulary vocab;
    int32_t bos = -1, eos = -1, eot = -1, eom = -1;
    bool add_bos = false, add_eos = false, add_space_prefix = false;
    std::vector<bool> eog;
    std::vector<int32_t> specials; // control, user-defined and unknown tokens, longest text first
    std::array<std::vector<int32_t>, 256> specials_by_first_byte;
    std::unique_ptr<SpmEncoder> spm;
    std::unique_ptr<PreTokenizer> pre;
    std::unique_ptr<BpeEncoder> bpe;
    std::unique_ptr<WordPieceEncoder> wordpiece;
    std::string pre_name;
    std::vector<std::string> warnings;

    // The bytes of one token as decode() prints them; `at_start` tracks whether the next text
    // follows the start or a special token (where SentencePiece's dummy space prefix was added).
    std::string piece(int32_t id) const;
    void append_piece(int32_t id, bool render_special, bool& at_start, std::string& out) const;
    void check_id(int32_t id) const;
};

} // namespace hearth
