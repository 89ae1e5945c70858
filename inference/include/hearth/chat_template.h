#pragma once
// Chat templates: the Jinja2 program a model file carries (tokenizer.chat_template) that turns a
// conversation into the exact prompt text the model was trained on. Hearth renders it the way
// Hugging Face transformers' apply_chat_template does (trim_blocks, lstrip_blocks, tojson,
// raise_exception, strftime_now, {% generation %}). Templates are untrusted input: rendering is
// bounded in time, memory and depth, and every error names its line and column.
#include "hearth/json.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

struct ChatMessage {
    std::string role; // "system", "user", "assistant", "tool"
    std::string content;
};

// What rendering one template may consume before it is stopped with an error.
struct ChatTemplateLimits {
    std::size_t max_output_bytes = std::size_t{16} << 20; // the prompt and any string built on the way
    std::size_t max_list_items = std::size_t{1} << 20;    // any list built by the template
    int max_depth = 400;                                  // nested expressions, blocks and macro calls
    std::uint64_t max_loop_iterations = 1'000'000;        // over the whole render
    std::chrono::milliseconds max_duration{250};
};

// The moment strftime_now() formats.
struct ChatTemplateDate {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

struct ChatTemplateOptions {
    bool add_generation_prompt = true;
    std::string bos_token;
    std::string eos_token;
    // More template variables, e.g. {"enable_thinking": false} or {"tools": [...]}; a JSON object.
    JsonValue extra_variables = JsonValue::Object{};
    std::optional<ChatTemplateDate> now; // empty: the current local time
    ChatTemplateLimits limits;
};

class ChatTemplate {
  public:
    // Throws hearth::Error "line L, column C: ..." for a template Hearth cannot parse.
    static ChatTemplate parse(std::string_view source);

    std::string render(const std::vector<ChatMessage>& messages, bool add_generation_prompt,
                       std::string_view bos_token, std::string_view eos_token) const;
    // messages: a JSON array of message objects, handed to the template as they are (extra fields
    // such as tool_calls, or content given as a list of parts, included). Throws hearth::Error
    // "line L, column C: ..." when the template fails or calls raise_exception(message).
    std::string render(const JsonValue& messages, const ChatTemplateOptions& options) const;

    ~ChatTemplate();
    ChatTemplate(ChatTemplate&&) noexcept;
    ChatTemplate& operator=(ChatTemplate&&) noexcept;
    ChatTemplate(const ChatTemplate&);
    ChatTemplate& operator=(const ChatTemplate&);

  private:
    struct Parsed;
    explicit ChatTemplate(std::shared_ptr<const Parsed> parsed);
    std::shared_ptr<const Parsed> m_parsed;
};

JsonValue to_json(const std::vector<ChatMessage>& messages);

// The ChatML format (<|im_start|>role\ncontent<|im_end|>\n), used when a model has no usable template.
std::string_view chatml_template_source();

struct RenderedChat {
    std::string prompt;
    std::string warning; // empty, or why the model's template was replaced by ChatML
};

// Renders with the model's template. When it fails on a conversation with a system message (Gemma 2
// raises "System role not supported"), it is rendered again with the system text moved into the
// first user message ("system text, blank line, user text"), as Gemma 3's own template does. If
// the template cannot be used even so, renders ChatML instead and says why in `warning`, so that a
// broken template never stops a chat.
RenderedChat render_chat(std::string_view template_source, const JsonValue& messages,
                         const ChatTemplateOptions& options);

} // namespace hearth
