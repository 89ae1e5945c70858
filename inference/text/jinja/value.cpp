#include "value.h"

#include "template_error.h"
#include "unicode.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace hearth::jinja {

namespace {
// Values can only nest as deep as a template builds them, and a namespace may even contain itself;
// printing and comparing stop at this depth instead of overflowing the stack.
constexpr int kMaxNesting = 100;

void check_depth(int depth)
{
    if (depth > kMaxNesting)
        throw TemplateError("value nested more than " + std::to_string(kMaxNesting) + " levels deep");
}

std::string repr_at(const Value& value, int depth);

std::string repr_items(const ValueDict& dict, int depth)
{
    std::string out = "{";
    bool first = true;
    for (const auto& [key, item] : dict.items) {
        if (!first)
            out += ", ";
        first = false;
        out += repr_string(key) + ": " + repr_at(item, depth + 1);
    }
    return out + "}";
}

std::string repr_at(const Value& value, int depth)
{
    check_depth(depth);
    switch (value.kind()) {
    case Value::Kind::String:
        return repr_string(value.as_string());
    case Value::Kind::List: {
        const ValueList& items = value.as_list();
        std::string out = items.is_tuple ? "(" : "[";
        bool first = true;
        for (const Value& item : items) {
            if (!first)
                out += ", ";
            first = false;
            out += repr_at(item, depth + 1);
        }
        if (items.is_tuple)
            return out + (items.size() == 1 ? ",)" : ")");
        return out + "]";
    }
    case Value::Kind::Dict:
        return repr_items(value.as_dict(), depth);
    case Value::Kind::Namespace:
        return "<Namespace " + repr_items(value.as_namespace().attributes, depth) + ">";
    case Value::Kind::Undefined:
        return "Undefined";
    default:
        return value.to_string();
    }
}

bool equal_at(const Value& a, const Value& b, int depth)
{
    check_depth(depth);
    if (a.is_number() && b.is_number()) {
        if (a.is_float() || b.is_float())
            return a.to_float() == b.to_float();
        return a.to_int() == b.to_int();
    }
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case Value::Kind::Undefined:
    case Value::Kind::None:
        return true;
    case Value::Kind::String:
        return a.as_string() == b.as_string();
    case Value::Kind::List: {
        const ValueList& x = a.as_list();
        const ValueList& y = b.as_list();
        if (x.size() != y.size() || x.is_tuple != y.is_tuple)
            return false;
        for (size_t i = 0; i < x.size(); ++i)
            if (!equal_at(x[i], y[i], depth + 1))
                return false;
        return true;
    }
    case Value::Kind::Dict: {
        const ValueDict& x = a.as_dict();
        const ValueDict& y = b.as_dict();
        if (x.items.size() != y.items.size())
            return false;
        for (const auto& [key, item] : x.items) {
            const Value* other = y.find(key);
            if (!other || !equal_at(item, *other, depth + 1))
                return false;
        }
        return true;
    }
    case Value::Kind::Namespace:
        return &a.as_namespace() == &b.as_namespace();
    case Value::Kind::Callable:
        return &a.as_callable() == &b.as_callable();
    default:
        return false;
    }
}

bool is_printable(char32_t c)
{
    if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD)
        return false;
    if (c == 0x1680 || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
        (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB))
        return false;
    if ((c >= 0xD800 && c <= 0xF8FF) || c > 0x10FFFF)
        return false;
    return true;
}
} // namespace

const Value* ValueDict::find(std::string_view key) const
{
    for (const auto& [name, value] : items)
        if (name == key)
            return &value;
    return nullptr;
}

void ValueDict::set(std::string key, Value value)
{
    for (auto& item : items)
        if (item.first == key) {
            item.second = std::move(value);
            return;
        }
    items.emplace_back(std::move(key), std::move(value));
}

const Value* CallArguments::find(size_t index, std::string_view name) const
{
    if (index < positional.size())
        return &positional[index];
    for (const auto& [key, value] : named)
        if (key == name)
            return &value;
    return nullptr;
}

bool Value::truthy() const
{
    switch (kind()) {
    case Kind::Undefined:
    case Kind::None:
        return false;
    case Kind::Bool:
        return as_bool();
    case Kind::Int:
        return as_int() != 0;
    case Kind::Float:
        return as_float() != 0.0;
    case Kind::String:
        return !as_string().empty();
    case Kind::List:
        return !as_list().empty();
    case Kind::Dict:
        return !as_dict().items.empty();
    default:
        return true;
    }
}

std::string Value::to_string() const
{
    switch (kind()) {
    case Kind::Undefined:
        return {};
    case Kind::None:
        return "None";
    case Kind::Bool:
        return as_bool() ? "True" : "False";
    case Kind::Int:
        return std::to_string(as_int());
    case Kind::Float:
        return format_float(as_float());
    case Kind::String:
        return as_string();
    case Kind::Callable:
        return "<function " + as_callable().name() + ">";
    default:
        return repr_at(*this, 0);
    }
}

std::string Value::repr() const
{
    return repr_at(*this, 0);
}

std::string Value::type_name() const
{
    switch (kind()) {
    case Kind::Undefined:
        return "undefined";
    case Kind::None:
        return "none";
    case Kind::Bool:
        return "boolean";
    case Kind::Int:
        return "integer";
    case Kind::Float:
        return "float";
    case Kind::String:
        return "string";
    case Kind::List:
        return "list";
    case Kind::Dict:
        return "dict";
    case Kind::Namespace:
        return "namespace";
    case Kind::Callable:
        return "function";
    }
    return "value";
}

bool values_equal(const Value& a, const Value& b)
{
    return equal_at(a, b, 0);
}

int compare_values(const Value& a, const Value& b)
{
    if (a.is_number() && b.is_number()) {
        if (a.is_float() || b.is_float()) {
            const double x = a.to_float(), y = b.to_float();
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        const std::int64_t x = a.to_int(), y = b.to_int();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.is_string() && b.is_string()) {
        // Byte order of UTF-8 is code point order, which is how Python compares str.
        const int c = a.as_string().compare(b.as_string());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (a.is_list() && b.is_list()) {
        const ValueList& x = a.as_list();
        const ValueList& y = b.as_list();
        for (size_t i = 0; i < x.size() && i < y.size(); ++i)
            if (!values_equal(x[i], y[i]))
                return compare_values(x[i], y[i]);
        return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    throw TemplateError("cannot compare " + a.type_name() + " with " + b.type_name());
}

std::string format_float(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value < 0 ? "-inf" : "inf";
    if (value == 0)
        return std::signbit(value) ? "-0.0" : "0.0";
    // Shortest round-trip digits, then Python's layout: positional for 1e-4 <= |x| < 1e16.
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    std::string text(buffer, result.ptr);
    std::string sign;
    if (text[0] == '-') {
        sign = "-";
        text.erase(0, 1);
    }
    const size_t e = text.find('e');
    const int exponent = std::stoi(text.substr(e + 1));
    std::string digits = text.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    if (exponent >= -4 && exponent < 16) {
        std::string out = sign;
        if (exponent < 0) {
            out.append("0.").append(static_cast<size_t>(-exponent - 1), '0').append(digits);
        } else if (static_cast<size_t>(exponent) + 1 >= digits.size()) {
            out.append(digits).append(exponent + 1 - digits.size(), '0').append(".0");
        } else {
            out.append(digits, 0, exponent + 1).append(".").append(digits, exponent + 1);
        }
        return out;
    }
    std::string mantissa = digits.substr(0, 1);
    if (digits.size() > 1)
        mantissa.append(".").append(digits, 1);
    char exponent_text[16];
    std::snprintf(exponent_text, sizeof exponent_text, "e%c%02d", exponent < 0 ? '-' : '+',
                  std::abs(exponent));
    return sign + mantissa + exponent_text;
}

std::string repr_string(std::string_view text)
{
    const bool has_single = text.find('\'') != std::string_view::npos;
    const bool has_double = text.find('"') != std::string_view::npos;
    const char quote = (has_single && !has_double) ? '"' : '\'';
    std::string out(1, quote);
    for (size_t pos = 0; pos < text.size();) {
        const char32_t c = decode_utf8(text, pos);
        if (c == static_cast<char32_t>(quote) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (!is_printable(c)) {
            char escape[16];
            if (c < 0x100)
                std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(c));
            else if (c < 0x10000)
                std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
            else
                std::snprintf(escape, sizeof escape, "\\U%08x", static_cast<unsigned>(c));
            out += escape;
        } else {
            append_utf8(out, c);
        }
    }
    out += quote;
    return out;
}

} // namespace hearth::jinja
