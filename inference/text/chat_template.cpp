#include "hearth/chat_template.h"

#include "hearth/error.h"
#include "text/jinja/builtins.h"
#include "text/jinja/evaluator.h"
#include "text/jinja/lexer.h"
#include "text/jinja/parser.h"
#include "text/jinja/template_error.h"

#include <ctime>

namespace hearth {

struct ChatTemplate::Parsed {
    std::string source; // normalized; error offsets refer to it
    jinja::Body body;
};

namespace {

jinja::Value to_value(const JsonValue& json, int depth)
{
    if (depth > 128)
        throw Error("chat messages are nested more than 128 levels deep");
    switch (json.type()) {
    case JsonValue::Type::Null:
        return jinja::Value::none();
    case JsonValue::Type::Bool:
        return jinja::Value(json.as_bool());
    case JsonValue::Type::Int:
        return jinja::Value(json.as_int());
    case JsonValue::Type::Double:
        return jinja::Value(json.as_double());
    case JsonValue::Type::String:
        return jinja::Value(json.as_string());
    case JsonValue::Type::Array: {
        jinja::ValueList items;
        items.reserve(json.as_array().size());
        for (const JsonValue& item : json.as_array())
            items.push_back(to_value(item, depth + 1));
        return jinja::Value(std::move(items));
    }
    case JsonValue::Type::Object: {
        jinja::ValueDict dict;
        for (const auto& [key, item] : json.as_object())
            dict.set(key, to_value(item, depth + 1));
        return jinja::Value(std::move(dict));
    }
    }
    return jinja::Value::none();
}

Error located(const std::string& source, const jinja::TemplateError& error)
{
    if (error.offset == jinja::TemplateError::kNoOffset)
        return Error(error.what());
    return Error(jinja::describe_location(source, error.offset) + ": " + error.what());
}

ChatTemplateDate current_local_time()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec};
}

} // namespace

ChatTemplate::ChatTemplate(std::shared_ptr<const Parsed> parsed) : m_parsed(std::move(parsed)) {}
ChatTemplate::~ChatTemplate() = default;
ChatTemplate::ChatTemplate(ChatTemplate&&) noexcept = default;
ChatTemplate& ChatTemplate::operator=(ChatTemplate&&) noexcept = default;
ChatTemplate::ChatTemplate(const ChatTemplate&) = default;
ChatTemplate& ChatTemplate::operator=(const ChatTemplate&) = default;

ChatTemplate ChatTemplate::parse(std::string_view source)
{
    constexpr std::size_t kMaxSource = std::size_t{1} << 20;
    if (source.size() > kMaxSource)
        throw Error("the chat template is " + std::to_string(source.size()) + " bytes; the limit is " +
                    std::to_string(kMaxSource));
    auto parsed = std::make_shared<Parsed>();
    parsed->source = jinja::normalize_source(source);
    try {
        parsed->body = jinja::parse(jinja::tokenize(parsed->source));
    } catch (const jinja::TemplateError& error) {
        throw located(parsed->source, error);
    }
    return ChatTemplate(std::move(parsed));
}

std::string ChatTemplate::render(const std::vector<ChatMessage>& messages, bool add_generation_prompt,
                                 std::string_view bos_token, std::string_view eos_token) const
{
    ChatTemplateOptions options;
    options.add_generation_prompt = add_generation_prompt;
    options.bos_token = std::string(bos_token);
    options.eos_token = std::string(eos_token);
    return render(to_json(messages), options);
}

std::string ChatTemplate::render(const JsonValue& messages, const ChatTemplateOptions& options) const
{
    if (messages.type() != JsonValue::Type::Array)
        throw Error("chat messages must be a JSON array of message objects");
    jinja::Scope globals(nullptr);
    jinja::install_globals(globals);
    jinja::Scope root(&globals);
    if (options.extra_variables.type() == JsonValue::Type::Object)
        for (const auto& [name, value] : options.extra_variables.as_object())
            root.set(name, to_value(value, 0));
    root.set("messages", to_value(messages, 0));
    root.set("add_generation_prompt", jinja::Value(options.add_generation_prompt));
    root.set("bos_token", jinja::Value(options.bos_token));
    root.set("eos_token", jinja::Value(options.eos_token));
    jinja::Evaluator evaluator(options.limits, options.now ? *options.now : current_local_time());
    try {
        return evaluator.render(m_parsed->body, root);
    } catch (const jinja::TemplateError& error) {
        throw located(m_parsed->source, error);
    }
}

JsonValue to_json(const std::vector<ChatMessage>& messages)
{
    JsonValue::Array array;
    array.reserve(messages.size());
    for (const ChatMessage& message : messages)
        array.emplace_back(
            JsonValue::Object{{"role", JsonValue(message.role)}, {"content", JsonValue(message.content)}});
    return JsonValue(std::move(array));
}

std::string_view chatml_template_source()
{
    return "{% for message in messages %}"
           "{{ '<|im_start|>' ~ message.role ~ '\\n' ~ message.content ~ '<|im_end|>\\n' }}"
           "{% endfor %}"
           "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
}

namespace {

// The conversation with each system message folded into the user message after it ("system text,
// blank line, user text"), for templates that refuse the system role (Gemma 2). A system message
// no user message follows becomes a user message. Empty: nothing to fold, or a message this cannot
// fold (not an object, content not a string).
std::optional<JsonValue> fold_system_into_user(const JsonValue& messages)
{
    const auto text_of = [](const JsonValue& message, std::string_view member) -> const std::string* {
        const JsonValue* value = message.find(member);
        return value && value->type() == JsonValue::Type::String ? &value->as_string() : nullptr;
    };
    if (messages.type() != JsonValue::Type::Array)
        return std::nullopt;
    JsonValue::Array folded;
    std::string pending; // system text waiting for the next user message
    bool any_system = false;
    for (const JsonValue& message : messages.as_array()) {
        const std::string* role = text_of(message, "role");
        if (!role)
            return std::nullopt;
        if (*role != "system" && (*role != "user" || pending.empty())) {
            folded.push_back(message);
            continue;
        }
        const std::string* content = text_of(message, "content");
        if (!content)
            return std::nullopt;
        if (*role == "system") {
            any_system = true;
            if (!content->empty())
                pending += (pending.empty() ? "" : "\n\n") + *content;
            continue;
        }
        JsonValue user = message;
        for (auto& [name, value] : user.as_object())
            if (name == "content")
                value = JsonValue(pending + "\n\n" + *content);
        folded.push_back(std::move(user));
        pending.clear();
    }
    if (!any_system)
        return std::nullopt;
    if (!pending.empty())
        folded.emplace_back(JsonValue::Object{{"role", JsonValue("user")}, {"content", JsonValue(pending)}});
    return JsonValue(std::move(folded));
}

} // namespace

RenderedChat render_chat(std::string_view template_source, const JsonValue& messages,
                         const ChatTemplateOptions& options)
{
    RenderedChat result;
    try {
        if (template_source.empty())
            throw Error("the model has no chat template");
        const ChatTemplate model_template = ChatTemplate::parse(template_source);
        try {
            result.prompt = model_template.render(messages, options);
            return result;
        } catch (const Error& refused) {
            // Some templates refuse a system message on purpose; their models take it as the start
            // of the first user message, which is what the model's own later templates do.
            const std::optional<JsonValue> folded = fold_system_into_user(messages);
            if (!folded)
                throw;
            try {
                result.prompt = model_template.render(*folded, options);
                return result;
            } catch (const Error& also) {
                throw Error(std::string(refused.what()) +
                            "; with the system message moved into the first user "
                            "message: " +
                            also.what());
            }
        }
    } catch (const Error& error) {
        result.warning = std::string("the model's chat template could not be used (") + error.what() +
                         "); the conversation was formatted as ChatML instead";
    }
    result.prompt = ChatTemplate::parse(chatml_template_source()).render(messages, options);
    return result;
}

} // namespace hearth
