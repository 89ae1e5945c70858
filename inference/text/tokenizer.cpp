#include "hearth/tokenizer.h"

#include "hearth/error.h"
#include "tokenizer_impl.h"
#include "utf8.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace hearth {

namespace {

constexpr std::string_view kSpaceEscape = "\xE2\x96\x81"; // U+2581, SentencePiece's visible space
constexpr size_t kLongestCachedWord = 64;

// Control tokens that end a turn in the chat formats Hearth knows, for models whose metadata
// names only eos.
constexpr std::string_view kStopTexts[] = {
    "<|eot_id|>",
    "<|eom_id|>",
    "<|im_end|>",
    "<|end|>",
    "<end_of_turn>",
    "<|endoftext|>",
    "<EOT>",
    "_<EOT>",
    "<|end_of_text|>",
    "<\xEF\xBD\x9C"
    "end\xE2\x96\x81of\xE2\x96\x81sentence\xEF\xBD\x9C>",
};

int32_t checked_special(int32_t id, size_t vocab_size, const char* what, std::vector<std::string>& warnings)
{
    if (id < 0)
        return -1;
    if (static_cast<size_t>(id) >= vocab_size) {
        warnings.push_back(std::string(what) + " token id " + std::to_string(id) +
                           " is outside the vocabulary; ignoring it");
        return -1;
    }
    return id;
}

std::string escape_spaces(std::string_view text, bool add_prefix)
{
    std::string out;
    out.reserve(text.size() + text.size() / 4 + 3);
    if (add_prefix)
        out += kSpaceEscape;
    for (char c : text) {
        if (c == ' ')
            out += kSpaceEscape;
        else
            out += c;
    }
    return out;
}

struct Fragment {
    size_t start, length;
    int32_t token; // -1: raw text
};

} // namespace

Tokenizer::Tokenizer(TokenizerData data) : m_impl(std::make_unique<Impl>())
{
    Impl& d = *m_impl;
    d.model = data.model;
    if (data.model == "llama" || data.model == "gemma")
        d.kind = TokenizerKind::spm;
    else if (data.model == "gpt2")
        d.kind = TokenizerKind::bpe;
    else if (data.model == "bert")
        d.kind = TokenizerKind::wordpiece;
    else
        throw Error("tokenizer model '" + data.model +
                    "' is not supported (Hearth reads 'llama', 'gpt2' and 'bert' tokenizers)");

    const size_t n = data.tokens.size();
    if (n == 0)
        throw Error("the model has no vocabulary (tokenizer.ggml.tokens is empty)");
    if (n > static_cast<size_t>(INT32_MAX))
        throw Error("the vocabulary is too large");
    if (!data.scores.empty() && data.scores.size() != n)
        throw Error("tokenizer.ggml.scores has " + std::to_string(data.scores.size()) + " entries for " +
                    std::to_string(n) + " tokens");
    if (!data.token_types.empty() && data.token_types.size() != n)
        throw Error("tokenizer.ggml.token_type has " + std::to_string(data.token_types.size()) +
                    " entries for " + std::to_string(n) + " tokens");

    Vocabulary& v = d.vocab;
    v.tokens = std::move(data.tokens);
    v.scores = data.scores.empty() ? std::vector<float>(n, 0.0f) : std::move(data.scores);
    for (float& score : v.scores) // a NaN would break the merge queue's ordering
        if (std::isnan(score))
            score = -std::numeric_limits<float>::infinity();
    v.types.resize(n, TokenType::normal);
    for (size_t i = 0; i < data.token_types.size(); ++i) {
        const int32_t t = data.token_types[i];
        v.types[i] = t >= 0 && t <= 6 ? static_cast<TokenType>(t) : TokenType::undefined;
    }
    v.ids.reserve(n);
    for (size_t i = 0; i < n; ++i)
        v.ids.emplace(v.tokens[i], static_cast<int32_t>(i)); // first wins on a duplicate

    v.unknown = checked_special(data.unknown, n, "unknown", d.warnings);
    d.bos = checked_special(data.bos, n, "BOS", d.warnings);
    d.eos = checked_special(data.eos, n, "EOS", d.warnings);
    d.eot = checked_special(data.eot, n, "end-of-turn", d.warnings);
    d.eom = checked_special(data.eom, n, "end-of-message", d.warnings);

    if (d.kind == TokenizerKind::spm) {
        d.spm = std::make_unique<SpmEncoder>(v);
        d.add_space_prefix = data.add_space_prefix.value_or(true);
        d.add_bos = data.add_bos.value_or(true);
    } else if (d.kind == TokenizerKind::wordpiece) {
        d.wordpiece = std::make_unique<WordPieceEncoder>(v);
        d.add_space_prefix = true; // word-initial pieces carry the U+2581 that decode turns into a space
        d.add_bos = data.add_bos.value_or(true); // [CLS] ... [SEP]
        d.add_eos = data.add_eos.value_or(true);
    } else {
        d.pre = std::make_unique<PreTokenizer>(data.pre, d.warnings);
        d.pre_name = d.pre->name();
        d.bpe = std::make_unique<BpeEncoder>(v, data.merges, d.pre->ignore_merges());
        d.add_bos =
            data.add_bos.value_or(d.pre->ignore_merges()); // Llama 3 style vocabularies start with BOS
    }
    d.add_eos = data.add_eos.value_or(d.add_eos);
    if (d.add_bos && d.bos < 0) {
        d.warnings.push_back("the model asks for a BOS token but names none; not adding it");
        d.add_bos = false;
    }
    if (d.add_eos && d.eos < 0) {
        d.warnings.push_back("the model asks for an EOS token but names none; not adding it");
        d.add_eos = false;
    }

    for (size_t i = 0; i < n; ++i) {
        const TokenType t = v.types[i];
        if ((t == TokenType::control || t == TokenType::user_defined || t == TokenType::unknown) &&
            !v.tokens[i].empty())
            d.specials.push_back(static_cast<int32_t>(i));
    }
    std::stable_sort(d.specials.begin(), d.specials.end(),
                     [&](int32_t a, int32_t b) { return v.tokens[a].size() > v.tokens[b].size(); });
    for (int32_t id : d.specials)
        d.specials_by_first_byte[static_cast<unsigned char>(v.tokens[id][0])].push_back(id);

    // End of generation: the named ids, the extra list, and the known stop tokens of chat formats.
    auto is_special_type = [&](int32_t id) {
        return v.types[id] == TokenType::control || v.types[id] == TokenType::user_defined;
    };
    if (d.eot < 0) {
        for (std::string_view text : kStopTexts) {
            const int32_t id = v.find(text);
            if (id >= 0 && is_special_type(id) && text != "<|endoftext|>") {
                d.eot = id;
                break;
            }
        }
    }
    d.eog.assign(n, false);
    for (int32_t id : {d.eos, d.eot, d.eom})
        if (id >= 0)
            d.eog[id] = true;
    for (int32_t id : data.eog)
        if (checked_special(id, n, "end-of-generation", d.warnings) >= 0)
            d.eog[id] = true;
    for (std::string_view text : kStopTexts) {
        const int32_t id = v.find(text);
        if (id >= 0 && is_special_type(id))
            d.eog[id] = true;
    }
}

Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool add_special, bool parse_special) const
{
    const Impl& d = *m_impl;
    const Vocabulary& v = d.vocab;

    // 1. Cut out special tokens. Only those that occur are searched for, longest first.
    std::vector<int32_t> present;
    {
        std::vector<bool> seen(d.specials.size() ? v.size() : 0, false);
        for (size_t pos = 0; pos < text.size(); ++pos) {
            for (int32_t id : d.specials_by_first_byte[static_cast<unsigned char>(text[pos])]) {
                if (seen[id])
                    continue;
                const TokenType t = v.types[id];
                if (!parse_special && t != TokenType::user_defined)
                    continue;
                if (text.compare(pos, v.tokens[id].size(), v.tokens[id]) == 0) {
                    seen[id] = true;
                    present.push_back(id);
                }
            }
        }
        std::stable_sort(present.begin(), present.end(),
                         [&](int32_t a, int32_t b) { return v.tokens[a].size() > v.tokens[b].size(); });
    }
    std::vector<Fragment> fragments, next;
    if (!text.empty())
        fragments.push_back({0, text.size(), -1});
    for (int32_t id : present) {
        const std::string_view token = v.tokens[id];
        next.clear();
        for (const Fragment& f : fragments) {
            if (f.token >= 0) {
                next.push_back(f);
                continue;
            }
            const std::string_view raw = text.substr(f.start, f.length);
            size_t from = 0;
            for (size_t at; (at = raw.find(token, from)) != std::string_view::npos;
                 from = at + token.size()) {
                if (at > from)
                    next.push_back({f.start + from, at - from, -1});
                next.push_back({f.start + at, token.size(), id});
            }
            if (from < raw.size())
                next.push_back({f.start + from, raw.size() - from, -1});
        }
        fragments.swap(next);
    }

    // 2. Tokenize each stretch of plain text.
    std::vector<int32_t> out;
    out.reserve(text.size() / 3 + 2);
    if (add_special && d.add_bos)
        out.push_back(d.bos);
    bool after_special = true;
    std::vector<std::string_view> words;
    // Words repeat (Zipf): remember where each short word's tokens already are in `out`.
    std::unordered_map<std::string_view, std::pair<size_t, size_t>> cache;
    for (const Fragment& f : fragments) {
        if (f.token >= 0) {
            out.push_back(f.token);
            after_special = true;
            continue;
        }
        const std::string_view raw = text.substr(f.start, f.length);
        if (d.kind == TokenizerKind::spm) {
            d.spm->encode(escape_spaces(raw, d.add_space_prefix && after_special), out);
        } else if (d.kind == TokenizerKind::wordpiece) {
            d.wordpiece->encode(raw, out);
        } else {
            words.clear();
            d.pre->split(raw, words);
            for (std::string_view word : words) {
                const size_t begin = out.size();
                if (const auto it = cache.find(word); it != cache.end()) {
                    out.insert(out.end(), out.begin() + it->second.first, out.begin() + it->second.second);
                    continue;
                }
                d.bpe->encode_word(word, out);
                if (word.size() <= kLongestCachedWord)
                    cache.emplace(word, std::pair{begin, out.size()});
            }
        }
        after_special = false;
    }
    if (add_special && d.add_eos)
        out.push_back(d.eos);
    return out;
}

void Tokenizer::Impl::check_id(int32_t id) const
{
    if (id < 0 || static_cast<size_t>(id) >= vocab.size())
        throw Error("token id " + std::to_string(id) + " is outside the vocabulary (" +
                    std::to_string(vocab.size()) + " tokens)");
}

std::string Tokenizer::Impl::piece(int32_t id) const
{
    check_id(id);
    const std::string& text = vocab.tokens[id];
    const TokenType type = vocab.types[id];
    if (type == TokenType::control || type == TokenType::unknown || type == TokenType::user_defined)
        return text;
    std::string out;
    if (kind == TokenizerKind::spm || kind == TokenizerKind::wordpiece) {
        if (type == TokenType::byte) {
            const int byte = SpmEncoder::byte_of_token(text);
            if (byte >= 0)
                return std::string(1, static_cast<char>(byte));
        }
        for (size_t pos = 0; pos < text.size();) {
            if (text.compare(pos, kSpaceEscape.size(), kSpaceEscape) == 0) {
                out += ' ';
                pos += kSpaceEscape.size();
            } else {
                out += text[pos++];
            }
        }
        return out;
    }
    // Byte-level BPE: every code point of the token text stands for one byte.
    for (size_t pos = 0; pos < text.size();) {
        const size_t length = utf8_valid_length(text, pos);
        if (length == 0) {
            out += text[pos++];
            continue;
        }
        uint32_t cp = static_cast<unsigned char>(text[pos]);
        if (length > 1) {
            cp &= 0x7Fu >> length;
            for (size_t k = 1; k < length; ++k)
                cp = cp << 6 | (static_cast<unsigned char>(text[pos + k]) & 0x3F);
        }
        const int byte = codepoint_to_byte(cp);
        if (byte >= 0)
            out += static_cast<char>(byte);
        else
            out.append(text, pos, length);
        pos += length;
    }
    return out;
}

void Tokenizer::Impl::append_piece(int32_t id, bool render_special, bool& at_start, std::string& out) const
{
    check_id(id);
    const TokenType type = vocab.types[id];
    if (type == TokenType::control || type == TokenType::unknown) {
        if (render_special)
            out += vocab.tokens[id];
        at_start = true; // encode() adds the dummy prefix again after a special token
        return;
    }
    if (type == TokenType::user_defined) {
        out += vocab.tokens[id];
        at_start = true;
        return;
    }
    const std::string text = piece(id);
    const bool strip = at_start && add_space_prefix && !text.empty() && text[0] == ' ';
    out.append(text, strip ? 1 : 0);
    at_start = false;
}

std::string Tokenizer::token_piece(int32_t id) const
{
    return m_impl->piece(id);
}

std::string Tokenizer::decode(std::span<const int32_t> ids, bool render_special) const
{
    std::string out;
    bool at_start = true;
    for (int32_t id : ids)
        m_impl->append_piece(id, render_special, at_start, out);
    return out;
}

size_t Tokenizer::vocab_size() const
{
    return m_impl->vocab.size();
}

TokenType Tokenizer::token_type(int32_t id) const
{
    return id >= 0 && static_cast<size_t>(id) < m_impl->vocab.size() ? m_impl->vocab.types[id]
                                                                     : TokenType::undefined;
}

const std::string& Tokenizer::token_text(int32_t id) const
{
    m_impl->check_id(id);
    return m_impl->vocab.tokens[id];
}

int32_t Tokenizer::find_token(std::string_view text) const
{
    return m_impl->vocab.find(text);
}
int32_t Tokenizer::bos() const
{
    return m_impl->bos;
}
int32_t Tokenizer::eos() const
{
    return m_impl->eos;
}
int32_t Tokenizer::eot() const
{
    return m_impl->eot;
}
bool Tokenizer::add_bos() const
{
    return m_impl->add_bos;
}
bool Tokenizer::add_eos() const
{
    return m_impl->add_eos;
}

bool Tokenizer::is_eog(int32_t id) const
{
    return id >= 0 && static_cast<size_t>(id) < m_impl->eog.size() && m_impl->eog[id];
}

const std::string& Tokenizer::model() const
{
    return m_impl->model;
}
const std::string& Tokenizer::pre_tokenizer() const
{
    return m_impl->pre_name;
}
const std::vector<std::string>& Tokenizer::warnings() const
{
    return m_impl->warnings;
}

} // namespace hearth
