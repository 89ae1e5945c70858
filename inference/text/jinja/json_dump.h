#pragma once
// The tojson filter as Hugging Face transformers defines it for chat templates: Python's
// json.dumps(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False), byte for byte.
#include "value.h"

#include <optional>
#include <string>

namespace hearth::jinja {

class Evaluator;

struct JsonDumpOptions {
    std::optional<std::string> indent;         // nullopt: one line
    std::optional<std::string> item_separator; // default ", " on one line, "," with indent
    std::string key_separator = ": ";
    bool sort_keys = false;
    bool ensure_ascii = false;
};

std::string dump_json(Evaluator& evaluator, const Value& value, const JsonDumpOptions& options);

} // namespace hearth::jinja
