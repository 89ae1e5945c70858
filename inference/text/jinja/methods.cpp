// Methods of strings and dicts with Python's semantics (x.strip(), x.split('</think>'), d.items()).
#include "arguments.h"
#include "builtins.h"
#include "evaluator.h"
#include "unicode.h"

#include <algorithm>
#include <functional>
#include <map>

namespace hearth::jinja {

namespace {

using Method = std::function<Value(Evaluator&, const Value&, const CallArguments&)>;

const std::string* optional_chars(const CallArguments& arguments, std::string& storage)
{
    const Value* chars = argument(arguments, 0, "chars");
    if (!chars || chars->is_none())
        return nullptr;
    if (!chars->is_string())
        throw TemplateError("strip characters must be a string");
    storage = chars->as_string();
    return &storage;
}

// Splits on runs of Unicode whitespace, as str.split() without a separator does.
ValueList split_whitespace(const std::string& text, std::int64_t max_split)
{
    ValueList parts;
    size_t pos = 0;
    const auto skip_space = [&] {
        while (pos < text.size()) {
            size_t next = pos;
            if (!is_python_space(decode_utf8(text, next)))
                break;
            pos = next;
        }
    };
    skip_space();
    while (pos < text.size()) {
        if (max_split >= 0 && static_cast<std::int64_t>(parts.size()) == max_split) {
            parts.emplace_back(strip(text.substr(pos), nullptr, false, true));
            return parts;
        }
        const size_t start = pos;
        while (pos < text.size()) {
            size_t next = pos;
            if (is_python_space(decode_utf8(text, next)))
                break;
            pos = next;
        }
        parts.emplace_back(text.substr(start, pos - start));
        skip_space();
    }
    return parts;
}

ValueList split_separator(const std::string& text, const std::string& separator, std::int64_t max_split,
                          bool from_right)
{
    if (separator.empty())
        throw TemplateError("empty separator");
    std::vector<std::string> parts;
    if (!from_right) {
        size_t start = 0;
        for (;;) {
            const size_t found = text.find(separator, start);
            if (found == std::string::npos ||
                (max_split >= 0 && static_cast<std::int64_t>(parts.size()) == max_split))
                break;
            parts.push_back(text.substr(start, found - start));
            start = found + separator.size();
        }
        parts.push_back(text.substr(start));
    } else {
        size_t end = text.size();
        for (;;) {
            if (end < separator.size())
                break;
            const size_t found = text.rfind(separator, end - separator.size());
            if (found == std::string::npos ||
                (max_split >= 0 && static_cast<std::int64_t>(parts.size()) == max_split))
                break;
            parts.push_back(text.substr(found + separator.size(), end - found - separator.size()));
            end = found;
        }
        parts.push_back(text.substr(0, end));
        std::reverse(parts.begin(), parts.end());
    }
    ValueList values;
    for (std::string& part : parts)
        values.emplace_back(std::move(part));
    return values;
}

bool affix_matches(const Value& affix, const std::string& text, bool prefix)
{
    const auto matches = [&](const Value& candidate) {
        if (!candidate.is_string())
            throw TemplateError("startswith/endswith need a string or a list of strings");
        const std::string& a = candidate.as_string();
        if (a.size() > text.size())
            return false;
        return prefix ? text.compare(0, a.size(), a) == 0
                      : text.compare(text.size() - a.size(), a.size(), a) == 0;
    };
    if (affix.is_list())
        return std::any_of(affix.as_list().begin(), affix.as_list().end(), matches);
    return matches(affix);
}

std::string replace_all(Evaluator& evaluator, const std::string& text, const std::string& old_text,
                        const std::string& new_text, std::int64_t count)
{
    if (old_text.empty()) {
        // Python inserts the replacement before every character and at the end.
        const std::vector<char32_t> points = to_code_points(text);
        std::int64_t insertions = static_cast<std::int64_t>(points.size()) + 1;
        if (count >= 0)
            insertions = std::min(insertions, count);
        evaluator.check_string_size(text.size() + new_text.size() * static_cast<size_t>(insertions));
        std::string out;
        std::int64_t done = 0;
        for (char32_t c : points) {
            if (done < insertions) {
                out += new_text;
                ++done;
            }
            append_utf8(out, c);
        }
        if (done < insertions)
            out += new_text;
        return out;
    }
    size_t occurrences = 0;
    for (size_t pos = text.find(old_text);
         pos != std::string::npos && (count < 0 || static_cast<std::int64_t>(occurrences) < count);
         pos = text.find(old_text, pos + old_text.size()))
        ++occurrences;
    if (new_text.size() > old_text.size())
        evaluator.check_string_size(text.size() + (new_text.size() - old_text.size()) * occurrences);
    std::string out;
    size_t start = 0;
    for (size_t i = 0; i < occurrences; ++i) {
        const size_t found = text.find(old_text, start);
        out.append(text, start, found - start);
        out += new_text;
        start = found + old_text.size();
    }
    out.append(text, start, std::string::npos);
    return out;
}

Value code_point_index(const std::string& text, size_t byte_offset)
{
    if (byte_offset == std::string::npos)
        return Value(-1);
    return Value(static_cast<std::int64_t>(count_code_points(std::string_view(text).substr(0, byte_offset))));
}

template <typename Predicate> Value all_code_points(const std::string& text, Predicate predicate)
{
    if (text.empty())
        return Value(false);
    for (size_t pos = 0; pos < text.size();)
        if (!predicate(decode_utf8(text, pos)))
            return Value(false);
    return Value(true);
}

bool has_cased(const std::string& text, bool want_upper)
{
    bool any = false;
    for (size_t pos = 0; pos < text.size();) {
        const char32_t c = decode_utf8(text, pos);
        if (!is_cased_letter(c))
            continue;
        const bool upper_case = to_lower(c) != c;
        if (upper_case != want_upper)
            return false;
        any = true;
    }
    return any;
}

const std::map<std::string, Method, std::less<>>& string_methods()
{
    static const std::map<std::string, Method, std::less<>> methods = {
        {"strip",
         [](Evaluator&, const Value& s, const CallArguments& a) {
             std::string chars;
             return Value(strip(s.as_string(), optional_chars(a, chars), true, true));
         }},
        {"lstrip",
         [](Evaluator&, const Value& s, const CallArguments& a) {
             std::string chars;
             return Value(strip(s.as_string(), optional_chars(a, chars), true, false));
         }},
        {"rstrip",
         [](Evaluator&, const Value& s, const CallArguments& a) {
             std::string chars;
             return Value(strip(s.as_string(), optional_chars(a, chars), false, true));
         }},
        {"startswith",
         [](Evaluator&, const Value& s, const CallArguments& a) {
             const Value* prefix = argument(a, 0, "prefix");
             if (!prefix)
                 throw TemplateError("startswith() needs a prefix");
             return Value(affix_matches(*prefix, s.as_string(), true));
         }},
        {"endswith",
         [](Evaluator&, const Value& s, const CallArguments& a) {
             const Value* suffix = argument(a, 0, "suffix");
             if (!suffix)
                 throw TemplateError("endswith() needs a suffix");
             return Value(affix_matches(*suffix, s.as_string(), false));
         }},
        {"split",
         [](Evaluator&, const Value& s, const CallArguments& a) {
             const Value* separator = argument(a, 0, "sep");
             const std::int64_t max_split = int_argument(a, 1, "maxsplit", -1);
             if (!separator || separator->is_none())
                 return Value(split_whitespace(s.as_string(), max_split));
             if (!separator->is_string())
                 throw TemplateError("split() separator must be a string");
             return Value(split_separator(s.as_string(), separator->as_string(), max_split, false));
         }},
        {"rsplit",
         [](Evaluator&, const Value& s, const CallArguments& a) {
             const Value* separator = argument(a, 0, "sep");
             const std::int64_t max_split = int_argument(a, 1, "maxsplit", -1);
             if (!separator || separator->is_none()) {
                 if (max_split >= 0)
                     throw TemplateError("rsplit() without a separator does not support maxsplit");
                 return Value(split_whitespace(s.as_string(), -1));
             }
             if (!separator->is_string())
                 throw TemplateError("rsplit() separator must be a string");
             return Value(split_separator(s.as_string(), separator->as_string(), max_split, true));
         }},
        {"splitlines",
         [](Evaluator&, const Value& s, const CallArguments&) {
             ValueList lines;
             const std::string& text = s.as_string();
             size_t start = 0;
             for (size_t pos = 0; pos < text.size();) {
                 const size_t at = pos;
                 const char32_t c = decode_utf8(text, pos);
                 const bool is_break = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C ||
                                       c == 0x1D || c == 0x1E || c == 0x85 || c == 0x2028 || c == 0x2029;
                 if (!is_break)
                     continue;
                 lines.emplace_back(text.substr(start, at - start));
                 if (c == '\r' && pos < text.size() && text[pos] == '\n')
                     ++pos;
                 start = pos;
             }
             if (start < text.size())
                 lines.emplace_back(text.substr(start));
             return Value(std::move(lines));
         }},
        {"replace",
         [](Evaluator& e, const Value& s, const CallArguments& a) {
             return Value(replace_all(e, s.as_string(), string_argument(a, 0, "old", ""),
                                      string_argument(a, 1, "new", ""), int_argument(a, 2, "count", -1)));
         }},
        {"upper",
         [](Evaluator&, const Value& s, const CallArguments&) { return Value(upper(s.as_string())); }},
        {"lower",
         [](Evaluator&, const Value& s, const CallArguments&) { return Value(lower(s.as_string())); }},
        {"title",
         [](Evaluator&, const Value& s, const CallArguments&) { return Value(title(s.as_string())); }},
        {"capitalize",
         [](Evaluator&, const Value& s, const CallArguments&) { return Value(capitalize(s.as_string())); }},
        {"find",
         [](Evaluator&, const Value& s, const CallArguments& a) {
             return code_point_index(s.as_string(), s.as_string().find(string_argument(a, 0, "sub", "")));
         }},
        {"rfind",
         [](Evaluator&, const Value& s, const CallArguments& a) {
             return code_point_index(s.as_string(), s.as_string().rfind(string_argument(a, 0, "sub", "")));
         }},
        {"count",
         [](Evaluator&, const Value& s, const CallArguments& a) {
             const std::string sub = string_argument(a, 0, "sub", "");
             const std::string& text = s.as_string();
             if (sub.empty())
                 return Value(static_cast<std::int64_t>(count_code_points(text) + 1));
             std::int64_t count = 0;
             for (size_t pos = text.find(sub); pos != std::string::npos;
                  pos = text.find(sub, pos + sub.size()))
                 ++count;
             return Value(count);
         }},
        {"join",
         [](Evaluator& e, const Value& s, const CallArguments& a) {
             const Value* items = argument(a, 0, "iterable");
             if (!items)
                 throw TemplateError("join() needs a list");
             std::string out;
             bool first = true;
             for (const Value& item : iterate(*items)) {
                 if (!item.is_string())
                     throw TemplateError("join() items must be strings, not " + item.type_name());
                 if (!first)
                     out += s.as_string();
                 first = false;
                 out += item.as_string();
                 e.check_string_size(out.size());
             }
             return Value(std::move(out));
         }},
        {"isdigit",
         [](Evaluator&, const Value& s, const CallArguments&) {
             return all_code_points(s.as_string(), [](char32_t c) { return c >= '0' && c <= '9'; });
         }},
        {"isalpha",
         [](Evaluator&, const Value& s, const CallArguments&) {
             return all_code_points(s.as_string(),
                                    [](char32_t c) { return is_cased_letter(c) || c > 0x2E7F; });
         }},
        {"isalnum",
         [](Evaluator&, const Value& s, const CallArguments&) {
             return all_code_points(s.as_string(),
                                    [](char32_t c) { return is_cased_letter(c) || (c >= '0' && c <= '9'); });
         }},
        {"isspace", [](Evaluator&, const Value& s,
                       const CallArguments&) { return all_code_points(s.as_string(), is_python_space); }},
        {"islower", [](Evaluator&, const Value& s,
                       const CallArguments&) { return Value(has_cased(s.as_string(), false)); }},
        {"isupper", [](Evaluator&, const Value& s,
                       const CallArguments&) { return Value(has_cased(s.as_string(), true)); }},
    };
    return methods;
}

ValueList dict_pairs(const ValueDict& dict)
{
    ValueList pairs;
    pairs.reserve(dict.items.size());
    for (const auto& [key, value] : dict.items) {
        ValueList pair{Value(key), value};
        pair.is_tuple = true;
        pairs.emplace_back(std::move(pair));
    }
    return pairs;
}

const std::map<std::string, Method, std::less<>>& dict_methods()
{
    static const std::map<std::string, Method, std::less<>> methods = {
        {"items",
         [](Evaluator&, const Value& d, const CallArguments&) { return Value(dict_pairs(d.as_dict())); }},
        {"keys", [](Evaluator&, const Value& d, const CallArguments&) { return Value(iterate(d)); }},
        {"values",
         [](Evaluator&, const Value& d, const CallArguments&) {
             ValueList values;
             for (const auto& [key, value] : d.as_dict().items)
                 values.push_back(value);
             return Value(std::move(values));
         }},
        {"get",
         [](Evaluator&, const Value& d, const CallArguments& a) {
             const Value* key = argument(a, 0, "key");
             const Value* fallback = argument(a, 1, "default");
             if (key && key->is_string())
                 if (const Value* found = d.as_dict().find(key->as_string()))
                     return *found;
             return fallback ? *fallback : Value::none();
         }},
    };
    return methods;
}

class BoundMethod : public Callable {
  public:
    BoundMethod(Value object, std::string name, const Method& method)
        : m_object(std::move(object)), m_name(std::move(name)), m_method(method)
    {
    }
    Value call(Evaluator& evaluator, const CallArguments& arguments) const override
    {
        return m_method(evaluator, m_object, arguments);
    }
    std::string name() const override { return m_name; }

  private:
    Value m_object;
    std::string m_name;
    const Method& m_method;
};

} // namespace

Value bind_method(const Value& object, const std::string& name)
{
    const auto* table = object.is_string() ? &string_methods() : object.is_dict() ? &dict_methods() : nullptr;
    if (table) {
        const auto found = table->find(name);
        if (found != table->end())
            return Value(
                std::shared_ptr<const Callable>(std::make_shared<BoundMethod>(object, name, found->second)));
    }
    return Value::undefined(name);
}

} // namespace hearth::jinja
