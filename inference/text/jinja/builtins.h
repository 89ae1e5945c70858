#pragma once
// The functions templates can call by name: filters (x|name), tests (x is name), methods of
// strings and dicts (x.name()), the global functions, and attribute and item access.
#include "value.h"

#include <string>
#include <string_view>

namespace hearth::jinja {

class Evaluator;
class Scope;

// Whether a filter or test of that name exists; the parser rejects unknown names, as Jinja2 does.
bool is_filter(std::string_view name);
bool is_test(std::string_view name);

Value apply_filter(Evaluator& evaluator, const std::string& name, const Value& subject,
                   const CallArguments& arguments);
bool apply_test(Evaluator& evaluator, const std::string& name, const Value& subject,
                const CallArguments& arguments);

// A method of a string or dict bound to its object (x.strip, d.items), or undefined.
Value bind_method(const Value& object, const std::string& name);

// Jinja2's getattr (x.name: attribute or method first, then item) and getitem (x[key]: item first).
// Missing attributes and items are undefined; any access on undefined throws.
Value get_attribute(const Value& object, const std::string& name);
Value get_item(const Value& object, const Value& key);
Value slice(Evaluator& evaluator, const Value& object, const Value& start, const Value& stop,
            const Value& step);

// Binary operators + - * / // % ** ~ with Python's semantics, and `in`.
Value binary_operation(Evaluator& evaluator, const std::string& op, const Value& left, const Value& right);
bool contains(const Value& container, const Value& item);

// The items a for loop or a filter iterates: list items, dict keys, string characters; none for
// undefined. Throws for values that are not iterable.
ValueList iterate(const Value& value);

// range, namespace, dict, raise_exception, strftime_now.
void install_globals(Scope& globals);

} // namespace hearth::jinja
