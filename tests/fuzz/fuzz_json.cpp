// libFuzzer target for the engine's two JSON readers, checked against each other: the strict
// parser (hearth::JsonValue::parse, for templates and requests) and the byte-by-byte recognizer
// that constrains JSON-mode sampling (hearth::JsonGrammar). Whatever the recognizer accepts as a
// complete object the parser must read as an object, and the recognizer's closing distance must
// be zero exactly when it is complete and never negative.
#include "fuzz_target.h"
#include "hearth/error.h"
#include "hearth/json.h"
#include "hearth/json_grammar.h"

#include <string_view>

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > 65536)
        return 0;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    bool parsed = false;
    bool object = false;
    try {
        const hearth::JsonValue value = hearth::JsonValue::parse(text);
        parsed = true;
        object = value.type() == hearth::JsonValue::Type::Object;
    } catch (const hearth::Error&) {
    }
    hearth::JsonGrammar grammar;
    size_t accepted = 0;
    for (; accepted < size; ++accepted) {
        if (!grammar.feed(data[accepted]))
            break;
        const int left = grammar.bytes_to_close();
        FUZZ_CHECK(left >= 0);
        FUZZ_CHECK((left == 0) == grammar.complete());
    }
    if (accepted == size && grammar.complete())
        FUZZ_CHECK(parsed && object);
    return 0;
}
