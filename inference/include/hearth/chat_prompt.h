#pragma once
// Turns a conversation into the prompt tokens a model expects: the model's own chat template
// (tokenizer.chat_template), or ChatML with a warning when it has none or it fails, then the
// tokenizer with special-token parsing. Shared by `hearth-cli chat`, the GUI and the API server.
#include "hearth/chat_template.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hearth {

class Model;

struct ChatPrompt {
    std::string text;                       // the rendered prompt
    std::vector<int32_t> tokens;            // BOS first when the model asks for it (never twice)
    std::vector<std::string> stop_strings;  // turn ends the tokenizer cannot see as one token
    std::string warning;                    // empty, or why the model's template was not used
};

ChatPrompt build_chat_prompt(const Model& model, const std::vector<ChatMessage>& messages,
                             bool add_generation_prompt = true);

} // namespace hearth
