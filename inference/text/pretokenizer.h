#pragma once
// Byte-level BPE pre-tokenizers: the regular expressions (PCRE2, Unicode properties, JIT) that cut
// text into words before merging, chosen by tokenizer.ggml.pre.
#include <string>
#include <string_view>
#include <vector>

struct pcre2_real_code_8;

namespace hearth {

class PreTokenizer {
  public:
    // An unknown name falls back to "default" and appends a warning.
    PreTokenizer(std::string_view name, std::vector<std::string>& warnings);
    ~PreTokenizer();
    PreTokenizer(const PreTokenizer&) = delete;
    PreTokenizer& operator=(const PreTokenizer&) = delete;

    // Appends the words of `text` to `words`. Each expression splits every piece left by the one
    // before into its matches and the text between them (Hugging Face's "Isolated" split), so the
    // words always concatenate back to `text`, invalid UTF-8 included.
    void split(std::string_view text, std::vector<std::string_view>& words) const;

    const std::string& name() const { return m_name; }
    // Llama 3 style: a word that is itself a token is taken whole, without merging.
    bool ignore_merges() const { return m_ignore_merges; }

    static std::vector<std::string_view> known_names();

  private:
    std::string m_name;
    bool m_ignore_merges = false;
    std::vector<pcre2_real_code_8*> m_patterns;
};

} // namespace hearth
