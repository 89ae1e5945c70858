#include "pretokenizer.h"

#include "hearth/error.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <array>
#include <initializer_list>
#include <memory>
#include <pcre2.h>

namespace hearth {

namespace {

// The expressions are those of each model's Hugging Face tokenizer.json (its Split and ByteLevel
// pre-tokenizers, applied in order), written for PCRE2. The contraction alternatives spell out
// their case instead of (?i:...) so that Unicode case folding (ſ, K) cannot widen them.
constexpr std::string_view kGpt2 =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
constexpr std::string_view kLlama3 =
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3})"
    R"(| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
constexpr std::string_view kQwen2 =
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N})"
    R"(| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
// Cased words for GPT-4o (o200k: Phi-4) and Tekken (Mistral Nemo): an upper-case run may start a
// word, so "HelloWORLDFoo" is "Hello" + "WORLDFoo".
constexpr std::string_view kGpt4o =
    R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+)"
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?)"
    R"(|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*)"
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?)"
    R"(|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
constexpr std::string_view kTekken =
    R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+)"
    R"(|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*)"
    R"(|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
// DeepSeek LLM's cased-letter class, as code points (the published text is easily damaged by
// Unicode normalization, which turns three range ends and K/Ω/ι signs into other letters).
constexpr std::string_view kDeepseekLlmLetters =
    R"(\s?[A-Za-z\x{B5}\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{1BA}\x{1BC}-\x{1BF}\x{1C4}-\x{293}\x{295}-\x{2AF})"
    R"(\x{370}-\x{373}\x{376}\x{377}\x{37B}-\x{37D}\x{37F}\x{386}\x{388}-\x{38A}\x{38C}\x{38E}-\x{3A1})"
    R"(\x{3A3}-\x{3F5}\x{3F7}-\x{481}\x{48A}-\x{52F}\x{531}-\x{556}\x{10A0}-\x{10C5}\x{13A0}-\x{13F5})"
    R"(\x{13F8}-\x{13FD}\x{1C90}-\x{1CBA}\x{1CBD}-\x{1CBF}\x{1D00}-\x{1D2B}\x{1D6B}-\x{1D77}\x{1D79}-\x{1D9A})"
    R"(\x{1E00}-\x{1F15}\x{1F18}-\x{1F1D}\x{1F20}-\x{1F45}\x{1F48}-\x{1F4D}\x{1F50}-\x{1F57}\x{1F59}\x{1F5B})"
    R"(\x{1F5D}\x{1F5F}-\x{1F7D}\x{1F80}-\x{1FB4}\x{1FB6}-\x{1FBC}\x{1FBE}\x{1FC2}-\x{1FC4}\x{1FC6}-\x{1FCC})"
    R"(\x{1FD0}-\x{1FD3}\x{1FD6}-\x{1FDB}\x{1FE0}-\x{1FEC}\x{1FF2}-\x{1FF4}\x{1FF6}-\x{1FFC}\x{2102}\x{2107})"
    R"(\x{210A}-\x{2113}\x{2115}\x{2119}-\x{211D}\x{2124}\x{2126}\x{2128}\x{212A}-\x{212D}\x{212F}-\x{2134})"
    R"(\x{2139}\x{213C}-\x{213F}\x{2145}-\x{2149}\x{214E}\x{2183}\x{2184}\x{2C00}-\x{2C7B}\x{2C7E}-\x{2CE4})"
    R"(\x{2CEB}-\x{2CEE}\x{2CF2}\x{2CF3}\x{A640}-\x{A66D}\x{A680}-\x{A69B}\x{A722}-\x{A76F}\x{A771}-\x{A787})"
    R"(\x{A78B}-\x{A78E}\x{AB70}-\x{ABBF}\x{FB00}-\x{FB06}\x{FB13}-\x{FB17}\x{FF21}-\x{FF3A}\x{FF41}-\x{FF5A})"
    R"(\x{10400}-\x{1044F}\x{104B0}-\x{104D3}\x{104D8}-\x{104FB}\x{10C80}-\x{10CB2}\x{10CC0}-\x{10CF2})"
    R"(\x{118A0}-\x{118DF}\x{1E900}-\x{1E943}]+)";
constexpr std::string_view kCjk = R"([\x{4E00}-\x{9FA5}\x{0800}-\x{4E00}\x{AC00}-\x{D7FF}]+)";

struct Spec {
    std::initializer_list<std::string_view> names;
    std::initializer_list<std::string_view> patterns;
    bool ignore_merges = false;
};

const Spec kDefault{{"default"}, {R"([\p{P}\$\+<=>\^~\|]+)", kGpt2, R"(\p{N}+)", "[0-9][0-9][0-9]"}};

const Spec kSpecs[] = {
    kDefault,
    {{"llama-bpe", "llama3", "llama-v3", "falcon3", "pixtral"}, {kLlama3}, true},
    {{"dbrx", "smaug-bpe"}, {kLlama3}},
    {{"gpt-4o"}, {kGpt4o}},
    {{"tekken"}, {kTekken}, true},
    {{"qwen2", "deepseek-r1-qwen", "stablelm2", "megrez", "hunyuan"}, {kQwen2}},
    {{"gpt-2", "phi-2", "mpt", "olmo", "jais", "jina-es", "jina-de", "gigachat"}, {kGpt2}},
    {{"starcoder", "refact", "smollm", "command-r", "codeshell", "exaone", "minerva-7b"},
     {R"(\p{N})", kGpt2}},
    {{"falcon"}, {R"([\p{P}\$\+<=>\^~\|`]+)", kGpt2, "[0-9][0-9][0-9]"}},
    {{"deepseek-llm"},
     {R"([\r\n])", kDeepseekLlmLetters,
      R"(\s?[!-/:-~\x{FF01}-\x{FF0F}\x{FF1A}-\x{FF5E}\x{2018}-\x{201F}\x{3000}-\x{3002}]+)", R"(\s+$)", kCjk,
      R"(\p{N}+)"}},
    {{"deepseek-coder"}, {R"([\r\n])", R"(\s?\p{L}+)", R"(\s?\p{P}+)", kCjk, R"(\p{N})"}},
    {{"deepseek-v3"},
     {R"(\p{N}{1,3})", R"([\x{4E00}-\x{9FA5}\x{3040}-\x{309F}\x{30A0}-\x{30FF}]+)",
      R"([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+)"
      R"(| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)"}},
};

const Spec* find_spec(std::string_view name)
{
    for (const Spec& spec : kSpecs)
        for (std::string_view n : spec.names)
            if (n == name)
                return &spec;
    return nullptr;
}

pcre2_code* compile(std::string_view pattern)
{
    int error = 0;
    PCRE2_SIZE offset = 0;
    // UCP: \s, \d, \w and POSIX classes follow Unicode; MATCH_INVALID_UTF: invalid bytes in the
    // subject never match and never stop a match elsewhere.
    pcre2_code* code =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                      PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &error, &offset, nullptr);
    if (!code) {
        std::array<PCRE2_UCHAR, 256> message{};
        pcre2_get_error_message(error, message.data(), message.size());
        throw Error("pre-tokenizer expression does not compile at offset " + std::to_string(offset) + ": " +
                    reinterpret_cast<const char*>(message.data()));
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); // without JIT (unsupported CPU) the interpreter runs
    return code;
}

struct MatchDataDeleter {
    void operator()(pcre2_match_data* p) const { pcre2_match_data_free(p); }
};
struct JitStackDeleter {
    void operator()(pcre2_jit_stack* p) const { pcre2_jit_stack_free(p); }
};
struct MatchContextDeleter {
    void operator()(pcre2_match_context* p) const { pcre2_match_context_free(p); }
};

} // namespace

PreTokenizer::PreTokenizer(std::string_view name, std::vector<std::string>& warnings)
{
    const Spec* spec = find_spec(name.empty() ? std::string_view("default") : name);
    if (!spec) {
        warnings.push_back(
            "unknown pre-tokenizer '" + std::string(name) +
            "': using 'default', so some text may tokenize differently from the original model");
        spec = &kDefault;
    }
    m_name = spec == &kDefault ? "default" : std::string(name);
    m_ignore_merges = spec->ignore_merges;
    try {
        for (std::string_view pattern : spec->patterns)
            m_patterns.push_back(compile(pattern));
    } catch (...) {
        for (pcre2_code* code : m_patterns)
            pcre2_code_free(code);
        throw;
    }
}

PreTokenizer::~PreTokenizer()
{
    for (pcre2_code* code : m_patterns)
        pcre2_code_free(code);
}

std::vector<std::string_view> PreTokenizer::known_names()
{
    std::vector<std::string_view> names;
    for (const Spec& spec : kSpecs)
        names.insert(names.end(), spec.names.begin(), spec.names.end());
    return names;
}

void PreTokenizer::split(std::string_view text, std::vector<std::string_view>& words) const
{
    if (text.empty())
        return;
    std::unique_ptr<pcre2_match_data, MatchDataDeleter> match(pcre2_match_data_create(1, nullptr));
    std::unique_ptr<pcre2_match_context, MatchContextDeleter> context(pcre2_match_context_create(nullptr));
    // Long runs of one class (a megabyte of spaces) need more than the JIT's default 32 KiB stack.
    std::unique_ptr<pcre2_jit_stack, JitStackDeleter> stack(
        pcre2_jit_stack_create(32 * 1024, 8 << 20, nullptr));
    if (!match || !context || !stack)
        throw Error("out of memory while pre-tokenizing");
    pcre2_jit_stack_assign(context.get(), nullptr, stack.get());

    std::vector<std::string_view> pieces{text}, next;
    for (pcre2_code* code : m_patterns) {
        next.clear();
        for (std::string_view piece : pieces) {
            const auto* subject = reinterpret_cast<PCRE2_SPTR>(piece.data());
            size_t offset = 0, emitted = 0;
            while (offset < piece.size()) {
                const int rc =
                    pcre2_match(code, subject, piece.size(), offset, 0, match.get(), context.get());
                if (rc == PCRE2_ERROR_NOMATCH)
                    break;
                if (rc < 0) {
                    std::array<PCRE2_UCHAR, 256> message{};
                    pcre2_get_error_message(rc, message.data(), message.size());
                    throw Error(std::string("pre-tokenizer failed: ") +
                                reinterpret_cast<const char*>(message.data()));
                }
                const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(match.get());
                const size_t start = ovector[0], end = ovector[1];
                if (end == start) { // no expression matches empty, but never loop on one
                    offset = end + 1;
                    continue;
                }
                if (start > emitted)
                    next.push_back(piece.substr(emitted, start - emitted));
                next.push_back(piece.substr(start, end - start));
                emitted = offset = end;
            }
            if (emitted < piece.size())
                next.push_back(piece.substr(emitted));
        }
        pieces.swap(next);
    }
    words.insert(words.end(), pieces.begin(), pieces.end());
}

} // namespace hearth
