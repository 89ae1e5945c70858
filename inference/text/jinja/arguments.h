#pragma once
// Reading a builtin's arguments by position or keyword, with defaults and clear type errors.
#include "template_error.h"
#include "value.h"

#include <cstdint>
#include <string>

namespace hearth::jinja {

inline const Value* argument(const CallArguments& arguments, size_t index, std::string_view name)
{
    return arguments.find(index, name);
}

inline std::string string_argument(const CallArguments& arguments, size_t index, std::string_view name,
                                   const std::string& fallback)
{
    const Value* value = arguments.find(index, name);
    if (!value || value->is_none() || value->is_undefined())
        return fallback;
    if (!value->is_string())
        throw TemplateError("argument '" + std::string(name) + "' must be a string, not " +
                            value->type_name());
    return value->as_string();
}

inline std::int64_t int_argument(const CallArguments& arguments, size_t index, std::string_view name,
                                 std::int64_t fallback)
{
    const Value* value = arguments.find(index, name);
    if (!value || value->is_none() || value->is_undefined())
        return fallback;
    if (!value->is_int() && !value->is_bool())
        throw TemplateError("argument '" + std::string(name) + "' must be an integer, not " +
                            value->type_name());
    return value->to_int();
}

inline bool bool_argument(const CallArguments& arguments, size_t index, std::string_view name, bool fallback)
{
    const Value* value = arguments.find(index, name);
    return value ? value->truthy() : fallback;
}

} // namespace hearth::jinja
