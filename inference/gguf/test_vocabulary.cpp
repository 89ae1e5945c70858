// Learns the test models' BPE merges: the text is split into words (an optional leading space
// followed by letters, digits or punctuation), and the most frequent adjacent pair of symbols is
// merged repeatedly until every word is one token or the vocabulary is full. Ties go to the
// alphabetically first pair, so the result is the same everywhere.
#include "test_vocabulary.h"

#include "hearth/error.h"

#include <cctype>
#include <map>
#include <set>
#include <string_view>

namespace hearth {

namespace {

// Plain text to learn from (written for Hearth): common English words, some digits and
// punctuation, a few line breaks.
constexpr std::string_view kTrainingText =
    "Once upon a time there was a little house at the edge of a quiet town. In the house lived an old "
    "woman, her grandson and a small brown dog. Every morning the boy went to the river to fetch "
    "water, and every evening the woman told him a story by the fire.\n"
    "One day the boy found a stone that was warm in his hand. He showed it to his grandmother, and she "
    "smiled. \"That is a hearth stone,\" she said. \"It keeps the fire of the house alive, even when "
    "the night is cold and the wind is strong.\"\n"
    "The boy kept the stone in his pocket. When winter came, the snow was deep and the river froze. "
    "The people of the town were cold, but the little house was always warm. The boy asked why, and "
    "his grandmother said that a home is warm when the people in it are kind to each other.\n"
    "In the spring the boy planted 12 trees, 3 rows of 4, and watered them every day. By the summer "
    "they were taller than the dog, and by the next year taller than the boy. He counted them again "
    "and again: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12. Not one was missing!\n"
    "Years later, when the boy was a man with children of his own, he told them the story of the "
    "hearth stone. They listened, they laughed, and they asked him to tell it again and again. And so "
    "the story was told in the little house for a very long time.\n"
    "The end. What did you like best in the story? Was it the dog, the river, the trees or the stone? "
    "Tell me, and I will tell you another one tomorrow.\n";

std::string utf8(uint32_t code_point)
{
    std::string out;
    if (code_point < 0x80) {
        out += char(code_point);
    } else {
        out += char(0xC0 | (code_point >> 6));
        out += char(0x80 | (code_point & 0x3F));
    }
    return out;
}

std::vector<std::string> split_words(std::string_view text)
{
    std::vector<std::string> words;
    size_t i = 0;
    const auto kind = [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return std::isalpha(u) ? 0 : std::isdigit(u) ? 1 : std::isspace(u) ? 2 : 3;
    };
    while (i < text.size()) {
        size_t start = i;
        if (text[i] == ' ' && i + 1 < text.size() && kind(text[i + 1]) != 2)
            ++i; // a leading space belongs to the word after it
        const int k = kind(text[i]);
        if (k == 1)
            ++i; // digits stand alone, as the Qwen and Llama 3 pre-tokenizers keep them short
        else
            while (i < text.size() && kind(text[i]) == k)
                ++i;
        words.emplace_back(text.substr(start, i - start));
    }
    return words;
}

} // namespace

std::string gpt2_byte_token(uint8_t b)
{
    // Printable bytes stand for themselves; the others take code points from 256 on, in order.
    const auto printable = [](int c) {
        return (c >= 33 && c <= 126) || (c >= 161 && c <= 172) || (c >= 174 && c <= 255);
    };
    if (printable(b))
        return utf8(b);
    uint32_t n = 0;
    for (int c = 0; c < b; ++c)
        if (!printable(c))
            ++n;
    return utf8(256 + n);
}

TestVocabulary make_test_vocabulary(int64_t size)
{
    constexpr int kSpecials = 3;
    if (size < 256 + kSpecials)
        throw Error("a test vocabulary needs at least " + std::to_string(256 + kSpecials) + " tokens");
    TestVocabulary v;
    for (int b = 0; b < 256; ++b) {
        v.tokens.push_back(gpt2_byte_token(uint8_t(b)));
        v.token_types.push_back(1);
    }

    std::map<std::string, int> word_counts;
    for (const std::string& w : split_words(kTrainingText))
        ++word_counts[w];
    std::vector<std::pair<std::vector<int32_t>, int>> words; // symbols, count
    for (const auto& [w, count] : word_counts) {
        std::vector<int32_t> symbols;
        for (unsigned char c : w)
            symbols.push_back(c);
        words.emplace_back(std::move(symbols), count);
    }

    const int64_t max_merges = size - 256 - kSpecials;
    while (int64_t(v.merges.size()) < max_merges) {
        std::map<std::pair<int32_t, int32_t>, int> pairs;
        for (const auto& [symbols, count] : words)
            for (size_t i = 0; i + 1 < symbols.size(); ++i)
                pairs[{symbols[i], symbols[i + 1]}] += count;
        std::pair<int32_t, int32_t> best{-1, -1};
        int best_count = 0;
        std::string best_text;
        for (const auto& [pair, count] : pairs) {
            const std::string text = v.tokens[size_t(pair.first)] + " " + v.tokens[size_t(pair.second)];
            if (count > best_count || (count == best_count && best.first >= 0 && text < best_text)) {
                best = pair;
                best_count = count;
                best_text = text;
            }
        }
        if (best.first < 0)
            break; // every word is a single token
        const auto id = int32_t(v.tokens.size());
        v.tokens.push_back(v.tokens[size_t(best.first)] + v.tokens[size_t(best.second)]);
        v.token_types.push_back(1);
        v.merges.push_back(best_text);
        for (auto& [symbols, count] : words) {
            std::vector<int32_t> merged;
            for (size_t i = 0; i < symbols.size(); ++i) {
                if (i + 1 < symbols.size() && symbols[i] == best.first && symbols[i + 1] == best.second) {
                    merged.push_back(id);
                    ++i;
                } else {
                    merged.push_back(symbols[i]);
                }
            }
            symbols = std::move(merged);
        }
    }

    const auto special = [&](const char* text) {
        v.tokens.emplace_back(text);
        v.token_types.push_back(3);
        return int32_t(v.tokens.size() - 1);
    };
    v.endoftext_id = special("<|endoftext|>");
    v.im_start_id = special("<|im_start|>");
    v.im_end_id = special("<|im_end|>");
    for (int64_t n = 0; int64_t(v.tokens.size()) < size; ++n)
        special(("<|reserved_special_token_" + std::to_string(n) + "|>").c_str());
    return v;
}

TestWordPieceVocabulary make_test_wordpiece_vocabulary(int64_t size)
{
    TestWordPieceVocabulary v;
    const auto add = [&](const std::string& text, int32_t type) {
        v.tokens.push_back(text);
        v.token_types.push_back(type);
        return int32_t(v.tokens.size() - 1);
    };
    v.padding_id = add("[PAD]", 3);
    v.unknown_id = add("[UNK]", 3);
    v.cls_id = add("[CLS]", 3);
    v.separator_id = add("[SEP]", 3);
    v.mask_id = add("[MASK]", 3);
    const std::string word_start = "\xE2\x96\x81"; // U+2581
    for (int c = 33; c < 127; ++c) {
        add(word_start + char(c), 1);
        add(std::string(1, char(c)), 1);
    }
    std::set<std::string> words; // sorted, so the vocabulary is the same everywhere
    std::string word;
    for (const char c : std::string(kTrainingText) + " ") {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            word += char(std::tolower(static_cast<unsigned char>(c)));
        } else {
            if (word.size() > 1)
                words.insert(word);
            word.clear();
        }
    }
    for (const std::string& w : words)
        add(word_start + w, 1);
    if (int64_t(v.tokens.size()) > size)
        throw Error("a WordPiece test vocabulary needs at least " + std::to_string(v.tokens.size()) +
                    " tokens");
    for (int64_t n = 0; int64_t(v.tokens.size()) < size; ++n)
        add("[unused" + std::to_string(n) + "]", 1); // normal tokens, as in bge's vocabulary
    return v;
}

} // namespace hearth
