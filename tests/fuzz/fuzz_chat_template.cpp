// libFuzzer target for the Jinja chat-template parser and evaluator: model files carry their
// template, so any text must parse or throw hearth::Error, and rendering must stop inside its
// limits (time, output, depth, loop iterations) with an error rather than hang, crash or grow.
// Input: byte 0 picks the options, the rest is the template source.
#include "fuzz_target.h"
#include "hearth/chat_template.h"
#include "hearth/error.h"
#include "hearth/json.h"

#include <string>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1 || size > 16384)
        return 0;
    const std::string source(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        const hearth::ChatTemplate parsed = hearth::ChatTemplate::parse(source);
        hearth::ChatTemplateOptions options;
        options.add_generation_prompt = data[0] & 1;
        options.bos_token = "<s>";
        options.eos_token = "</s>";
        options.now = hearth::ChatTemplateDate{2026, 12, 7, 20, 0, 0};
        // Small limits keep each input fast; tripping one is an error like any other.
        options.limits.max_output_bytes = 1 << 20;
        options.limits.max_list_items = 1 << 14;
        options.limits.max_loop_iterations = 100'000;
        options.limits.max_duration = std::chrono::milliseconds(100);
        if (data[0] & 2)
            options.extra_variables = hearth::JsonValue::parse(R"({"enable_thinking": false, "tools": [)"
                                                               R"({"type": "function", "function": )"
                                                               R"({"name": "f", "parameters": {}}}]})");
        const std::vector<hearth::ChatMessage> messages = {
            {"system", "Be brief."}, {"user", "Hi {{ 1 }} {% raw %}"}, {"assistant", "Hello."}, {"user", "Bye"}};
        const std::string prompt = parsed.render(hearth::to_json(messages), options);
        FUZZ_CHECK(prompt.size() <= options.limits.max_output_bytes);
    } catch (const hearth::Error&) {
    }
    return 0;
}
