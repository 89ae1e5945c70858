#pragma once
// The token table shared by the tokenizer algorithms (private to inference/text).
#include "hearth/tokenizer.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hearth {

struct Vocabulary {
    std::vector<std::string> tokens; // never resized after construction: `ids` points into it
    std::vector<float> scores;
    std::vector<TokenType> types;
    std::unordered_map<std::string_view, int32_t> ids;
    int32_t unknown = -1;

    int32_t find(std::string_view text) const
    {
        const auto it = ids.find(text);
        return it == ids.end() ? -1 : it->second;
    }
    size_t size() const { return tokens.size(); }
};

} // namespace hearth
