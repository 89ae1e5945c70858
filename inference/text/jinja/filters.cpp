// Jinja2's filters (x|trim, x|tojson, x|selectattr(...) ...), with Hugging Face's tojson.
#include "arguments.h"
#include "builtins.h"
#include "evaluator.h"
#include "json_dump.h"
#include "unicode.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>

namespace hearth::jinja {

namespace {

using Filter = std::function<Value(Evaluator&, const Value&, const CallArguments&)>;

// The arguments after the first `skip` positional ones, for filters that forward them to a test.
CallArguments rest(const CallArguments& arguments, size_t skip)
{
    CallArguments out;
    for (size_t i = skip; i < arguments.positional.size(); ++i)
        out.positional.push_back(arguments.positional[i]);
    out.named = arguments.named;
    return out;
}

// "a.b.0" looked up item by item, as Jinja2's attribute getters do.
Value attribute_path(const Value& item, const std::string& path)
{
    Value current = item;
    size_t start = 0;
    for (;;) {
        const size_t dot = path.find('.', start);
        const std::string part =
            path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        std::int64_t index = 0;
        const auto parsed = std::from_chars(part.data(), part.data() + part.size(), index);
        const bool numeric =
            !part.empty() && parsed.ec == std::errc() && parsed.ptr == part.data() + part.size();
        current = get_item(current, numeric ? Value(index) : Value(part));
        if (dot == std::string::npos)
            return current;
        start = dot + 1;
    }
}

Value select(Evaluator& evaluator, const Value& subject, const CallArguments& arguments, bool by_attribute,
             bool keep_when)
{
    std::string attribute;
    size_t next = 0;
    if (by_attribute) {
        attribute = string_argument(arguments, 0, "attribute", "");
        next = 1;
    }
    const Value* test = argument(arguments, next, "test");
    CallArguments test_arguments = rest(arguments, next + 1);
    ValueList kept;
    for (const Value& item : iterate(subject)) {
        evaluator.count_iterations(1);
        const Value value = by_attribute ? attribute_path(item, attribute) : item;
        bool passed;
        if (test && test->is_string())
            passed = apply_test(evaluator, test->as_string(), value, test_arguments);
        else
            passed = value.truthy();
        if (passed == keep_when)
            kept.push_back(item);
    }
    return Value(std::move(kept));
}

std::string lower_if(const Value& value, bool case_sensitive)
{
    return value.is_string() && !case_sensitive ? lower(value.as_string()) : std::string();
}

// Sort key: strings compare case-insensitively unless asked otherwise, as Jinja2's sort does.
int compare_for_sort(const Value& a, const Value& b, bool case_sensitive)
{
    if (!case_sensitive && a.is_string() && b.is_string())
        return compare_values(Value(lower(a.as_string())), Value(lower(b.as_string())));
    return compare_values(a, b);
}

std::string indent(const std::string& text, const std::string& indentation, bool first, bool blank)
{
    std::vector<std::string> lines;
    size_t start = 0;
    const std::string s = text + "\n";
    for (size_t pos = s.find('\n'); pos != std::string::npos; pos = s.find('\n', start)) {
        lines.push_back(s.substr(start, pos - start));
        start = pos + 1;
    }
    std::string out = lines.empty() ? std::string() : lines[0];
    for (size_t i = 1; i < lines.size(); ++i) {
        out += "\n";
        if (blank || !lines[i].empty())
            out += indentation;
        out += lines[i];
    }
    return first ? indentation + out : out;
}

// Jinja2's title filter (not str.title()): words begin after a run of whitespace or - ( { [ <,
// and each word is its first character upper-cased and the rest lower-cased.
std::string title_words(const std::string& text)
{
    std::string out;
    bool word_start = true;
    for (size_t pos = 0; pos < text.size();) {
        const char32_t c = decode_utf8(text, pos);
        const bool separator = is_python_space(c) || c == '-' || c == '(' || c == '{' || c == '[' || c == '<';
        append_utf8(out, separator ? c : (word_start ? to_upper(c) : to_lower(c)));
        word_start = separator;
    }
    return out;
}

Value to_int(const Value& value, const Value& fallback, int base)
{
    if (value.is_undefined()) // Jinja2's Undefined refuses int(), as it refuses arithmetic
        throw TemplateError("'" + value.undefined_name() + "' is undefined");
    if (value.is_int() || value.is_bool())
        return Value(value.to_int());
    if (value.is_float()) {
        const double d = value.as_float();
        if (!std::isfinite(d) || std::abs(d) > 9.2e18)
            return fallback;
        return Value(static_cast<std::int64_t>(d));
    }
    if (value.is_string()) {
        std::string text = strip(value.as_string(), nullptr, true, true);
        text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
        std::int64_t result = 0;
        const char* first = text.data();
        const char* last = text.data() + text.size();
        if (!text.empty() && *first == '+')
            ++first;
        const char* signed_first = first;
        const bool negative = first != last && *first == '-';
        if (negative)
            ++first;
        // Python accepts the base's own prefix: int('0x1A', 16).
        if (last - first > 2 && first[0] == '0') {
            const char p = static_cast<char>(first[1] | 0x20);
            if ((base == 16 && p == 'x') || (base == 8 && p == 'o') || (base == 2 && p == 'b'))
                first += 2;
        }
        auto parsed = std::from_chars(first, last, result, base);
        if (negative)
            result = -result;
        if (parsed.ec == std::errc() && parsed.ptr == last && first != last)
            return Value(result);
        double d = 0;
        const auto parsed_float = std::from_chars(signed_first, last, d);
        if (parsed_float.ec == std::errc() && parsed_float.ptr == last && signed_first != last &&
            std::isfinite(d) && std::abs(d) < 9.2e18)
            return Value(static_cast<std::int64_t>(d));
    }
    return fallback;
}

Value to_float(const Value& value, const Value& fallback)
{
    if (value.is_undefined())
        throw TemplateError("'" + value.undefined_name() + "' is undefined");
    if (value.is_number())
        return Value(value.to_float());
    if (value.is_string()) {
        const std::string text = strip(value.as_string(), nullptr, true, true);
        double d = 0;
        const char* first = text.data();
        const char* last = text.data() + text.size();
        if (!text.empty() && *first == '+')
            ++first;
        const auto parsed = std::from_chars(first, last, d);
        if (parsed.ec == std::errc() && parsed.ptr == last && first != last)
            return Value(d);
    }
    return fallback;
}

std::string html_escape(const std::string& text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&#34;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

Value tojson(Evaluator& evaluator, const Value& subject, const CallArguments& arguments)
{
    JsonDumpOptions options;
    // transformers' signature: tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)
    options.ensure_ascii = bool_argument(arguments, 0, "ensure_ascii", false);
    options.sort_keys = bool_argument(arguments, 3, "sort_keys", false);
    if (const Value* indent = argument(arguments, 1, "indent"); indent && !indent->is_none()) {
        if (indent->is_string())
            options.indent = indent->as_string();
        else if (indent->is_int())
            options.indent =
                std::string(static_cast<size_t>(std::clamp<std::int64_t>(indent->as_int(), 0, 64)), ' ');
        else
            throw TemplateError("tojson indent must be an integer or a string");
    }
    if (const Value* separators = argument(arguments, 2, "separators");
        separators && !separators->is_none()) {
        if (!separators->is_list() || separators->as_list().size() != 2 ||
            !separators->as_list()[0].is_string() || !separators->as_list()[1].is_string())
            throw TemplateError("tojson separators must be a pair of strings");
        options.item_separator = separators->as_list()[0].as_string();
        options.key_separator = separators->as_list()[1].as_string();
    }
    return Value(dump_json(evaluator, subject, options));
}

Value join(Evaluator& evaluator, const Value& subject, const CallArguments& arguments)
{
    const std::string separator = string_argument(arguments, 0, "d", "");
    const Value* attribute = argument(arguments, 1, "attribute");
    std::string out;
    bool first = true;
    for (const Value& item : iterate(subject)) {
        if (!first)
            out += separator;
        first = false;
        out += (attribute && attribute->is_string() ? attribute_path(item, attribute->as_string()) : item)
                   .to_string();
        evaluator.check_string_size(out.size());
    }
    return Value(std::move(out));
}

Value map(Evaluator& evaluator, const Value& subject, const CallArguments& arguments)
{
    ValueList out;
    const Value* attribute = argument(arguments, 99, "attribute");
    if (attribute) {
        const Value* fallback = argument(arguments, 99, "default");
        for (const Value& item : iterate(subject)) {
            evaluator.count_iterations(1);
            Value value = attribute_path(item, attribute->to_string());
            out.push_back(value.is_undefined() && fallback ? *fallback : value);
        }
        return Value(std::move(out));
    }
    const Value* filter = argument(arguments, 0, "filter");
    if (!filter || !filter->is_string())
        throw TemplateError("map() needs a filter name or attribute=");
    const CallArguments filter_arguments = rest(arguments, 1);
    for (const Value& item : iterate(subject)) {
        evaluator.count_iterations(1);
        out.push_back(apply_filter(evaluator, filter->as_string(), item, filter_arguments));
    }
    return Value(std::move(out));
}

Value sort(Evaluator& evaluator, const Value& subject, const CallArguments& arguments)
{
    const bool reverse = bool_argument(arguments, 0, "reverse", false);
    const bool case_sensitive = bool_argument(arguments, 1, "case_sensitive", false);
    const Value* attribute = argument(arguments, 2, "attribute");
    ValueList items = iterate(subject);
    evaluator.count_iterations(items.size());
    const auto key = [&](const Value& item) {
        return attribute && attribute->is_string() ? attribute_path(item, attribute->as_string()) : item;
    };
    std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
        const int order = compare_for_sort(key(a), key(b), case_sensitive);
        return reverse ? order > 0 : order < 0;
    });
    return Value(std::move(items));
}

Value extreme(Evaluator&, const Value& subject, const CallArguments& arguments, bool want_max)
{
    const bool case_sensitive = bool_argument(arguments, 0, "case_sensitive", false);
    const Value* attribute = argument(arguments, 1, "attribute");
    const ValueList items = iterate(subject);
    if (items.empty())
        return Value::undefined("");
    const auto key = [&](const Value& item) {
        return attribute && attribute->is_string() ? attribute_path(item, attribute->as_string()) : item;
    };
    const Value* best = &items[0];
    for (const Value& item : items) {
        const int order = compare_for_sort(key(item), key(*best), case_sensitive);
        if (want_max ? order > 0 : order < 0)
            best = &item;
    }
    return *best;
}

const std::map<std::string, Filter, std::less<>>& filters()
{
    static const Filter length = [](Evaluator&, const Value& v, const CallArguments&) {
        switch (v.kind()) {
        case Value::Kind::Undefined:
            return Value(0);
        case Value::Kind::String:
            return Value(static_cast<std::int64_t>(count_code_points(v.as_string())));
        case Value::Kind::List:
            return Value(static_cast<std::int64_t>(v.as_list().size()));
        case Value::Kind::Dict:
            return Value(static_cast<std::int64_t>(v.as_dict().items.size()));
        default:
            throw TemplateError("a " + v.type_name() + " has no length");
        }
    };
    static const Filter default_filter = [](Evaluator&, const Value& v, const CallArguments& a) {
        const Value* fallback = argument(a, 0, "default_value");
        const bool boolean = bool_argument(a, 1, "boolean", false);
        if (v.is_undefined() || (boolean && !v.truthy()))
            return fallback ? *fallback : Value("");
        return v;
    };
    static const Filter escape = [](Evaluator&, const Value& v, const CallArguments&) {
        return Value(html_escape(v.to_string()));
    };
    static const Filter identity = [](Evaluator&, const Value& v, const CallArguments&) { return v; };
    static const std::map<std::string, Filter, std::less<>> table = {
        {"trim",
         [](Evaluator&, const Value& v, const CallArguments& a) {
             const Value* chars = argument(a, 0, "chars");
             const std::string storage = chars && chars->is_string() ? chars->as_string() : "";
             return Value(strip(v.to_string(), chars && chars->is_string() ? &storage : nullptr, true, true));
         }},
        {"length", length},
        {"count", length},
        {"tojson", tojson},
        {"first",
         [](Evaluator&, const Value& v, const CallArguments&) {
             const ValueList items = iterate(v);
             return items.empty() ? Value::undefined("first") : items.front();
         }},
        {"last",
         [](Evaluator&, const Value& v, const CallArguments&) {
             const ValueList items = iterate(v);
             return items.empty() ? Value::undefined("last") : items.back();
         }},
        {"list", [](Evaluator&, const Value& v, const CallArguments&) { return Value(iterate(v)); }},
        {"join", join},
        {"default", default_filter},
        {"d", default_filter},
        {"upper",
         [](Evaluator&, const Value& v, const CallArguments&) { return Value(upper(v.to_string())); }},
        {"lower",
         [](Evaluator&, const Value& v, const CallArguments&) { return Value(lower(v.to_string())); }},
        {"title",
         [](Evaluator&, const Value& v, const CallArguments&) { return Value(title_words(v.to_string())); }},
        {"capitalize",
         [](Evaluator&, const Value& v, const CallArguments&) { return Value(capitalize(v.to_string())); }},
        {"replace",
         [](Evaluator& e, const Value& v, const CallArguments& a) {
             CallArguments forwarded = a;
             return get_attribute(Value(v.to_string()), "replace").as_callable().call(e, forwarded);
         }},
        {"string", [](Evaluator&, const Value& v,
                      const CallArguments&) { return v.is_string() ? v : Value(v.to_string()); }},
        {"int",
         [](Evaluator&, const Value& v, const CallArguments& a) {
             const Value* fallback = argument(a, 0, "default");
             const std::int64_t base = int_argument(a, 1, "base", 10);
             if (base < 2 || base > 36)
                 throw TemplateError("int base must be between 2 and 36");
             return to_int(v, fallback ? *fallback : Value(0), static_cast<int>(base));
         }},
        {"float",
         [](Evaluator&, const Value& v, const CallArguments& a) {
             const Value* fallback = argument(a, 0, "default");
             return to_float(v, fallback ? *fallback : Value(0.0));
         }},
        {"abs",
         [](Evaluator&, const Value& v, const CallArguments&) {
             if (v.is_float())
                 return Value(std::abs(v.as_float()));
             if (!v.is_number())
                 throw TemplateError("abs needs a number");
             if (v.to_int() == INT64_MIN)
                 throw TemplateError("integer overflow");
             return Value(v.to_int() < 0 ? -v.to_int() : v.to_int());
         }},
        {"round",
         [](Evaluator&, const Value& v, const CallArguments& a) {
             if (!v.is_number())
                 throw TemplateError("round needs a number");
             const std::int64_t precision =
                 std::clamp<std::int64_t>(int_argument(a, 0, "precision", 0), 0, 15);
             const std::string method = string_argument(a, 1, "method", "common");
             const double scale = std::pow(10.0, static_cast<double>(precision));
             if (method == "common" && !v.is_float())
                 return Value(v.to_int()); // Python's round() keeps an int an int
             if (method == "ceil")
                 return Value(std::ceil(v.to_float() * scale) / scale);
             if (method == "floor")
                 return Value(std::floor(v.to_float() * scale) / scale);
             // Python's round(): the exact binary value rounded to the nearest decimal, ties to even,
             // which is what printf does.
             char text[512];
             std::snprintf(text, sizeof text, "%.*f", static_cast<int>(precision), v.to_float());
             return Value(std::strtod(text, nullptr));
         }},
        {"items",
         [](Evaluator& e, const Value& v, const CallArguments& a) {
             if (v.is_undefined())
                 return Value(ValueList{});
             if (!v.is_dict())
                 throw TemplateError("items needs a dict, not a " + v.type_name());
             return get_attribute(v, "items").as_callable().call(e, a);
         }},
        {"dictsort",
         [](Evaluator& e, const Value& v, const CallArguments& a) {
             if (!v.is_dict())
                 throw TemplateError("dictsort needs a dict");
             const bool case_sensitive = bool_argument(a, 0, "case_sensitive", false);
             const bool by_value = string_argument(a, 1, "by", "key") == "value";
             const bool reverse = bool_argument(a, 2, "reverse", false);
             ValueList pairs = get_attribute(v, "items").as_callable().call(e, {}).as_list();
             std::stable_sort(pairs.begin(), pairs.end(), [&](const Value& x, const Value& y) {
                 const int order =
                     compare_for_sort(x.as_list()[by_value], y.as_list()[by_value], case_sensitive);
                 return reverse ? order > 0 : order < 0;
             });
             return Value(std::move(pairs));
         }},
        {"selectattr",
         [](Evaluator& e, const Value& v, const CallArguments& a) { return select(e, v, a, true, true); }},
        {"rejectattr",
         [](Evaluator& e, const Value& v, const CallArguments& a) { return select(e, v, a, true, false); }},
        {"select",
         [](Evaluator& e, const Value& v, const CallArguments& a) { return select(e, v, a, false, true); }},
        {"reject",
         [](Evaluator& e, const Value& v, const CallArguments& a) { return select(e, v, a, false, false); }},
        {"map", map},
        {"attr", [](Evaluator&, const Value& v,
                    const CallArguments& a) { return get_attribute(v, string_argument(a, 0, "name", "")); }},
        {"safe", identity},
        {"escape", escape},
        {"e", escape},
        {"forceescape", escape},
        {"unique",
         [](Evaluator& e, const Value& v, const CallArguments& a) {
             const bool case_sensitive = bool_argument(a, 0, "case_sensitive", false);
             ValueList out;
             std::vector<Value> seen;
             for (const Value& item : iterate(v)) {
                 e.count_iterations(1);
                 const Value key = item.is_string() && !case_sensitive ? Value(lower_if(item, false)) : item;
                 if (std::none_of(seen.begin(), seen.end(),
                                  [&](const Value& s) { return values_equal(s, key); })) {
                     seen.push_back(key);
                     out.push_back(item);
                 }
             }
             return Value(std::move(out));
         }},
        {"reverse",
         [](Evaluator&, const Value& v, const CallArguments&) {
             if (v.is_string()) {
                 std::vector<char32_t> points = to_code_points(v.as_string());
                 std::reverse(points.begin(), points.end());
                 return Value(from_code_points(points));
             }
             ValueList items = iterate(v);
             std::reverse(items.begin(), items.end());
             return Value(std::move(items));
         }},
        {"sort", sort},
        {"min", [](Evaluator& e, const Value& v, const CallArguments& a) { return extreme(e, v, a, false); }},
        {"max", [](Evaluator& e, const Value& v, const CallArguments& a) { return extreme(e, v, a, true); }},
        {"sum",
         [](Evaluator& e, const Value& v, const CallArguments& a) {
             const Value* attribute = argument(a, 0, "attribute");
             const Value* start = argument(a, 1, "start");
             Value total = start ? *start : Value(0);
             for (const Value& item : iterate(v)) {
                 e.count_iterations(1);
                 total = binary_operation(e, "+", total,
                                          attribute && attribute->is_string()
                                              ? attribute_path(item, attribute->as_string())
                                              : item);
             }
             return total;
         }},
        {"indent",
         [](Evaluator& e, const Value& v, const CallArguments& a) {
             const Value* width = argument(a, 0, "width");
             std::string indentation(4, ' ');
             if (width && width->is_string())
                 indentation = width->as_string();
             else if (width && width->is_int())
                 indentation =
                     std::string(static_cast<size_t>(std::clamp<std::int64_t>(width->as_int(), 0, 256)), ' ');
             std::string out = indent(v.to_string(), indentation, bool_argument(a, 1, "first", false),
                                      bool_argument(a, 2, "blank", false));
             e.check_string_size(out.size());
             return Value(std::move(out));
         }},
        {"wordcount",
         [](Evaluator& e, const Value& v, const CallArguments&) {
             return Value(static_cast<std::int64_t>(
                 get_attribute(Value(v.to_string()), "split").as_callable().call(e, {}).as_list().size()));
         }},
    };
    return table;
}

} // namespace

bool is_filter(std::string_view name)
{
    return filters().count(name) != 0;
}

Value apply_filter(Evaluator& evaluator, const std::string& name, const Value& subject,
                   const CallArguments& arguments)
{
    const auto found = filters().find(name);
    if (found == filters().end())
        throw TemplateError("no filter named '" + name + "'");
    return found->second(evaluator, subject, arguments);
}

} // namespace hearth::jinja
