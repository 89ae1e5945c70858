#pragma once
// Text to token ids and back, as the model's own tokenizer does it. The vocabulary, merges and
// special ids come from the GGUF file (tokenizer.ggml.*); three algorithms are supported:
// SentencePiece-style score merging ("llama"), byte-level BPE with a named pre-tokenizer ("gpt2")
// and WordPiece ("bert").
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

class GgufFile;

// tokenizer.ggml.token_type values.
enum class TokenType : int32_t {
    undefined = 0,
    normal = 1,
    unknown = 2,
    control = 3,      // <s>, <|im_end|>: text only with parse_special, not printed by decode()
    user_defined = 4, // added tokens: always matched as a whole in text, printed as they are
    unused = 5,
    byte = 6, // <0xNN> byte fallback of SentencePiece
};

// Everything a tokenizer is built from, as GGUF stores it under tokenizer.ggml.*; plain data, so
// tests can build a tokenizer without a file.
struct TokenizerData {
    std::string model = "llama"; // "llama" (SentencePiece), "gpt2" (byte-level BPE), "bert" (WordPiece)
    std::string pre;             // BPE pre-tokenizer name ("llama-bpe", "qwen2", ...); empty: "default"
    std::vector<std::string> tokens;
    std::vector<float> scores;        // SentencePiece merge scores; empty: all 0
    std::vector<int32_t> token_types; // TokenType values; empty: all normal
    std::vector<std::string> merges;  // BPE merges "left right", highest priority first
    int32_t bos = -1, eos = -1, eot = -1, eom = -1, unknown = -1, padding = -1;
    std::vector<int32_t> eog; // extra end-of-generation ids (eos, eot, eom and known stop tokens are added)
    std::optional<bool> add_bos, add_eos, add_space_prefix; // unset: the model family's default
};

// The tokenizer.ggml.* metadata of a GGUF file. Throws when the file carries no tokenizer.
TokenizerData read_tokenizer_data(const GgufFile& file);

class Tokenizer {
  public:
    // Throws hearth::Error for a vocabulary it cannot use (unknown model, ids out of range).
    explicit Tokenizer(TokenizerData data);
    static Tokenizer from_gguf(const GgufFile& file);
    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;
    ~Tokenizer();

    // add_special: BOS/EOS as the metadata asks (add_bos(), add_eos()).
    // parse_special: control tokens written as text ("<|im_end|>") become their ids; otherwise they
    // are ordinary text. User-defined (added) tokens are always matched, as Hugging Face does.
    std::vector<int32_t> encode(std::string_view text, bool add_special, bool parse_special) const;

    // The bytes a token stands for (may be part of a UTF-8 character); control tokens give their
    // text ("<s>"). Throws for an id outside the vocabulary.
    std::string token_piece(int32_t id) const;
    // The text of a token sequence: exact bytes (decode(encode(x)) == x, even for invalid UTF-8),
    // control tokens left out unless render_special, the SentencePiece dummy prefix removed.
    std::string decode(std::span<const int32_t> ids, bool render_special = false) const;

    size_t vocab_size() const;
    TokenType token_type(int32_t id) const;          // undefined for ids outside the vocabulary
    const std::string& token_text(int32_t id) const; // as stored in the vocabulary
    int32_t find_token(std::string_view text) const; // -1 when absent
    int32_t bos() const;
    int32_t eos() const;
    int32_t eot() const; // end of turn, -1 when the model has none
    bool add_bos() const;
    bool add_eos() const;
    bool is_eog(int32_t id) const; // ends generation: eos, eot, eom, <|im_end|>-style stops
    const std::string& model() const;
    const std::string& pre_tokenizer() const;         // the pre-tokenizer in use (BPE), after any fallback
    const std::vector<std::string>& warnings() const; // e.g. an unknown pre-tokenizer replaced by default

    struct Impl;

  private:
    friend class TextStream;
    std::unique_ptr<Impl> m_impl;
};

// Turns UTF-8 bytes arriving in arbitrary chunks into text that is always valid UTF-8: a trailing
// incomplete character is held back until its last byte arrives, invalid bytes become U+FFFD.
class Utf8Assembler {
  public:
    std::string push(std::string_view bytes); // the complete text so far not yet returned
    std::string finish();                     // whatever is held back, as U+FFFD; resets

  private:
    std::string m_pending;
};

// Streaming detokenizer for generation: feed ids one at a time, get the text that is complete.
// The concatenated output equals decode(ids) with invalid UTF-8 replaced by U+FFFD.
class TextStream {
  public:
    explicit TextStream(const Tokenizer& tokenizer, bool render_special = false);
    std::string push(int32_t id);
    std::string finish();

  private:
    const Tokenizer* m_tokenizer;
    bool m_render_special;
    bool m_at_start = true; // the next text piece follows the start or a special token
    Utf8Assembler m_utf8;
};

// True when `text` is entirely valid UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view text);

} // namespace hearth
