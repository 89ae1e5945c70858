// Jinja2's tests (x is defined, x is string, x is equalto y ...).
#include "arguments.h"
#include "builtins.h"
#include "evaluator.h"
#include "unicode.h"

#include <functional>
#include <map>

namespace hearth::jinja {

namespace {

using Test = std::function<bool(const Value&, const CallArguments&)>;

const Value& required(const CallArguments& arguments, const char* test)
{
    const Value* other = argument(arguments, 0, "other");
    if (!other)
        throw TemplateError(std::string("test '") + test + "' needs an argument");
    return *other;
}

const std::map<std::string, Test, std::less<>>& tests()
{
    static const auto equal = [](const Value& v, const CallArguments& a) {
        return values_equal(v, required(a, "eq"));
    };
    static const auto not_equal = [](const Value& v, const CallArguments& a) {
        return !values_equal(v, required(a, "ne"));
    };
    static const auto less = [](const Value& v, const CallArguments& a) {
        return compare_values(v, required(a, "lt")) < 0;
    };
    static const auto less_equal = [](const Value& v, const CallArguments& a) {
        return compare_values(v, required(a, "le")) <= 0;
    };
    static const auto greater = [](const Value& v, const CallArguments& a) {
        return compare_values(v, required(a, "gt")) > 0;
    };
    static const auto greater_equal = [](const Value& v, const CallArguments& a) {
        return compare_values(v, required(a, "ge")) >= 0;
    };
    static const std::map<std::string, Test, std::less<>> table = {
        {"defined", [](const Value& v, const CallArguments&) { return !v.is_undefined(); }},
        {"undefined", [](const Value& v, const CallArguments&) { return v.is_undefined(); }},
        {"none", [](const Value& v, const CallArguments&) { return v.is_none(); }},
        {"boolean", [](const Value& v, const CallArguments&) { return v.is_bool(); }},
        {"true", [](const Value& v, const CallArguments&) { return v.is_bool() && v.as_bool(); }},
        {"false", [](const Value& v, const CallArguments&) { return v.is_bool() && !v.as_bool(); }},
        {"integer", [](const Value& v, const CallArguments&) { return v.is_int(); }},
        {"float", [](const Value& v, const CallArguments&) { return v.is_float(); }},
        {"number", [](const Value& v, const CallArguments&) { return v.is_number(); }},
        {"string", [](const Value& v, const CallArguments&) { return v.is_string(); }},
        {"mapping", [](const Value& v, const CallArguments&) { return v.is_dict(); }},
        // Jinja2's Undefined is iterable (empty) and has a length, so these hold for it too.
        {"iterable",
         [](const Value& v, const CallArguments&) {
             return v.is_undefined() || v.is_string() || v.is_list() || v.is_dict();
         }},
        {"sequence",
         [](const Value& v, const CallArguments&) {
             return v.is_undefined() || v.is_string() || v.is_list() || v.is_dict();
         }},
        {"callable", [](const Value& v, const CallArguments&) { return v.is_callable(); }},
        {"sameas",
         [](const Value& v, const CallArguments& a) {
             const Value& other = required(a, "sameas");
             if (v.kind() != other.kind())
                 return false;
             if (v.is_none() || v.is_undefined())
                 return true;
             if (v.is_bool() || v.is_int() || v.is_float())
                 return values_equal(v, other);
             if (v.is_namespace())
                 return &v.as_namespace() == &other.as_namespace();
             if (v.is_string())
                 return &v.as_string() == &other.as_string();
             if (v.is_list())
                 return &v.as_list() == &other.as_list();
             if (v.is_dict())
                 return &v.as_dict() == &other.as_dict();
             return &v.as_callable() == &other.as_callable();
         }},
        {"eq", equal},
        {"equalto", equal},
        {"==", equal},
        {"ne", not_equal},
        {"!=", not_equal},
        {"lt", less},
        {"lessthan", less},
        {"<", less},
        {"le", less_equal},
        {"<=", less_equal},
        {"gt", greater},
        {"greaterthan", greater},
        {">", greater},
        {"ge", greater_equal},
        {">=", greater_equal},
        {"in", [](const Value& v, const CallArguments& a) { return contains(required(a, "in"), v); }},
        {"even",
         [](const Value& v, const CallArguments&) {
             if (!v.is_int() && !v.is_bool())
                 throw TemplateError("test 'even' needs an integer");
             return v.to_int() % 2 == 0;
         }},
        {"odd",
         [](const Value& v, const CallArguments&) {
             if (!v.is_int() && !v.is_bool())
                 throw TemplateError("test 'odd' needs an integer");
             return v.to_int() % 2 != 0;
         }},
        {"divisibleby",
         [](const Value& v, const CallArguments& a) {
             const std::int64_t divisor = int_argument(a, 0, "num", 0);
             if (divisor == 0 || (!v.is_int() && !v.is_bool()))
                 throw TemplateError("test 'divisibleby' needs integers and a non-zero divisor");
             return v.to_int() % divisor == 0;
         }},
        {"lower",
         [](const Value& v, const CallArguments&) {
             const std::string text = v.to_string();
             return lower(text) == text && upper(text) != text;
         }},
        {"upper",
         [](const Value& v, const CallArguments&) {
             const std::string text = v.to_string();
             return upper(text) == text && lower(text) != text;
         }},
        {"escaped", [](const Value&, const CallArguments&) { return false; }},
    };
    return table;
}

} // namespace

bool is_test(std::string_view name)
{
    return tests().count(name) != 0;
}

bool apply_test(Evaluator&, const std::string& name, const Value& subject, const CallArguments& arguments)
{
    const auto found = tests().find(name);
    if (found == tests().end())
        throw TemplateError("no test named '" + name + "'");
    return found->second(subject, arguments);
}

} // namespace hearth::jinja
