#pragma once
// The byte-level BPE vocabulary of the test models: the 256 byte tokens, merges learned from a
// short built-in English text, the ChatML special tokens, and reserved control tokens up to the
// requested size. Tokens are spelled in the GPT-2 byte-to-unicode alphabet, as GGUF "gpt2"
// vocabularies are.
#include <cstdint>
#include <string>
#include <vector>

namespace hearth {

struct TestVocabulary {
    std::vector<std::string> tokens;
    std::vector<int32_t> token_types; // 1 normal, 3 control
    std::vector<std::string> merges;  // "left right", in merge order
    int32_t endoftext_id, im_start_id, im_end_id;
};

// size must leave room for the 256 bytes and 3 special tokens.
TestVocabulary make_test_vocabulary(int64_t size);

// The WordPiece vocabulary of the encoder test models (bert, nomic-bert), spelled as llama.cpp's
// converter writes BERT vocabularies: [PAD] [UNK] [CLS] [SEP] [MASK], then every printable ASCII
// character as a word start ("\u2581a") and as a continuation ("a"), the lowercased words of the
// same built-in text as word starts, and [unusedN] up to the requested size.
struct TestWordPieceVocabulary {
    std::vector<std::string> tokens;
    std::vector<int32_t> token_types; // 1 normal, 3 control
    int32_t padding_id, unknown_id, cls_id, separator_id, mask_id;
};

TestWordPieceVocabulary make_test_wordpiece_vocabulary(int64_t size);

// The GPT-2 alphabet: byte b spelled as one code point, UTF-8 encoded.
std::string gpt2_byte_token(uint8_t b);

} // namespace hearth
