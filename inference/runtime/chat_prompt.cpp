#include "hearth/chat_prompt.h"

#include "hearth/engine.h"
#include "hearth/gguf.h"
#include "hearth/tokenizer.h"

namespace hearth {

namespace {

std::string token_text_or_empty(const Tokenizer& tokenizer, int32_t id)
{
    if (id < 0 || static_cast<size_t>(id) >= tokenizer.vocab_size())
        return {};
    return tokenizer.token_text(id);
}

} // namespace

ChatPrompt build_chat_prompt(const Model& model, const std::vector<ChatMessage>& messages,
                             bool add_generation_prompt)
{
    const Tokenizer& tokenizer = model.tokenizer();
    ChatTemplateOptions options;
    options.add_generation_prompt = add_generation_prompt;
    options.bos_token = token_text_or_empty(tokenizer, tokenizer.bos());
    options.eos_token = token_text_or_empty(tokenizer, tokenizer.eos());

    std::string source = model.file().get_or<std::string>("tokenizer.chat_template", std::string{});
    ChatPrompt prompt;
    if (source.empty()) {
        source = std::string(chatml_template_source());
        prompt.warning = "the model file has no chat template; using ChatML";
    }
    RenderedChat rendered = render_chat(source, to_json(messages), options);
    if (!rendered.warning.empty())
        prompt.warning = rendered.warning;
    prompt.text = std::move(rendered.prompt);

    // Templates usually write the BOS text themselves; add the token only when they did not.
    const bool starts_with_bos =
        !options.bos_token.empty() && prompt.text.compare(0, options.bos_token.size(), options.bos_token) == 0;
    if (tokenizer.add_bos() && !starts_with_bos && tokenizer.bos() >= 0)
        prompt.tokens.push_back(tokenizer.bos());
    const std::vector<int32_t> body = tokenizer.encode(prompt.text, false, true);
    prompt.tokens.insert(prompt.tokens.end(), body.begin(), body.end());

    // A ChatML turn end that is not one token of this vocabulary must still stop the answer.
    for (const char* marker : {"<|im_end|>", "<|im_start|>"})
        if (prompt.text.find(marker) != std::string::npos && tokenizer.find_token(marker) < 0)
            prompt.stop_strings.emplace_back(marker);
    return prompt;
}

} // namespace hearth
