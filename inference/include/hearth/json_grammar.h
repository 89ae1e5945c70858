#pragma once
// JSON mode: sampling constrained so that the answer is one JSON object, byte for byte valid
// (RFC 8259), and complete within the token limit. JsonGrammar recognises prefixes of a JSON
// object one byte at a time and knows how many bytes the shortest completion needs;
// JsonConstraint applies it to a vocabulary, masking every token that would break the prefix or
// leave too little room to close what is open.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

class Tokenizer;

class JsonGrammar {
  public:
    static constexpr int kMaxDepth = 32;         // nested objects and arrays
    static constexpr int kMaxWhitespaceRun = 24; // between tokens: indentation, not endless blanks

    // Takes one byte; returns false (and stays unchanged) when it cannot continue a JSON object.
    bool feed(uint8_t byte);
    bool feed(std::string_view bytes); // all or nothing: unchanged when any byte fails
    // The object is closed; nothing more may follow.
    bool complete() const { return m_mode == Mode::Done; }
    // The fewest bytes that make the text so far a complete object: 2 for "" ("{}"), 4 for
    // "{\"a" ("\":0}"), 1 for "{\"a\":[1]" ("}").
    int bytes_to_close() const;

  private:
    enum class Mode : uint8_t {
        Start,      // before the top-level object
        ObjectOpen, // after '{': a key or '}'
        ObjectKey,  // after ',' in an object: a key
        Colon,      // after a key
        Value,      // after ':' or ',' in an array: a value
        ArrayOpen,  // after '[': a value or ']'
        AfterValue, // ',' or the container's closer
        String,     // inside a string (key or value)
        Number,     // inside a number (see m_number)
        Literal,    // inside true, false or null
        Done,
    };
    enum class NumberPart : uint8_t {
        Minus,
        Zero,
        Integer,
        Dot,
        Fraction,
        Exponent,
        ExponentSign,
        ExponentDigits
    };

    bool step(uint8_t byte);
    bool start_value(uint8_t byte);
    bool open(bool object);
    bool close(bool object);
    bool after_value(uint8_t byte);
    void value_done() { m_mode = Mode::AfterValue; }
    bool in_string(uint8_t byte);
    bool in_number(uint8_t byte);
    bool top_is_object() const { return (m_containers >> (m_depth - 1)) & 1u; }

    Mode m_mode = Mode::Start;
    uint8_t m_depth = 0;
    uint64_t m_containers = 0; // bit i: the container at depth i is an object (else an array)
    bool m_key = false;        // the string being read is a key
    bool m_escape = false;     // after a backslash
    uint8_t m_hex = 0;         // hex digits of a \u escape still to come
    uint8_t m_utf8 = 0;        // continuation bytes the current character still needs
    uint8_t m_utf8_low = 0x80, m_utf8_high = 0xBF; // the range of the next one (no overlongs, no surrogates)
    NumberPart m_number = NumberPart::Integer;
    uint8_t m_literal = 0;    // index into the literal table
    uint8_t m_literal_at = 0; // bytes of it read
    uint8_t m_blanks = 0;     // whitespace bytes in a row
};

class JsonConstraint {
  public:
    explicit JsonConstraint(const Tokenizer& tokenizer);

    // Sets the logits of tokens that may not come next to -infinity. `tokens_left` counts this
    // token and every one after it; a token is allowed only when what it leaves open can still
    // be closed in the tokens after it (one byte each, at worst). Returns how many are allowed:
    // 0 means the answer cannot continue (then it ends where it is).
    size_t mask(std::span<float> logits, int tokens_left) const;
    void accept(int32_t token);
    bool complete() const { return m_grammar.complete(); }

  private:
    std::vector<std::string> m_pieces; // each token's bytes; empty for tokens never allowed
    JsonGrammar m_grammar;
};

} // namespace hearth
