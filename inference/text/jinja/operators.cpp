// Python semantics for the operators, subscripts and attribute access a template uses.
#include "builtins.h"
#include "evaluator.h"
#include "template_error.h"
#include "unicode.h"

#include <cmath>

namespace hearth::jinja {

namespace {

[[noreturn]] void undefined_error(const Value& value)
{
    if (!value.undefined_name().empty())
        throw TemplateError("'" + value.undefined_name() + "' is undefined");
    throw TemplateError("the value is undefined");
}

[[noreturn]] void unsupported(const std::string& op, const Value& left, const Value& right)
{
    if (left.is_undefined())
        undefined_error(left);
    if (right.is_undefined())
        undefined_error(right);
    throw TemplateError("unsupported operand types for " + op + ": " + left.type_name() + " and " +
                        right.type_name());
}

std::int64_t add(std::int64_t a, std::int64_t b)
{
    std::int64_t result;
    if (__builtin_add_overflow(a, b, &result))
        throw TemplateError("integer overflow");
    return result;
}

std::int64_t subtract(std::int64_t a, std::int64_t b)
{
    std::int64_t result;
    if (__builtin_sub_overflow(a, b, &result))
        throw TemplateError("integer overflow");
    return result;
}

std::int64_t multiply(std::int64_t a, std::int64_t b)
{
    std::int64_t result;
    if (__builtin_mul_overflow(a, b, &result))
        throw TemplateError("integer overflow");
    return result;
}

std::int64_t floor_divide(std::int64_t a, std::int64_t b)
{
    if (b == 0)
        throw TemplateError("integer division or modulo by zero");
    if (a == INT64_MIN && b == -1)
        throw TemplateError("integer overflow");
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

std::int64_t modulo(std::int64_t a, std::int64_t b)
{
    if (b == 0)
        throw TemplateError("integer division or modulo by zero");
    if (b == -1)
        return 0;
    std::int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
    return r;
}

Value repeat(Evaluator& evaluator, const Value& sequence, std::int64_t count)
{
    if (count < 0)
        count = 0;
    if (sequence.is_string()) {
        const size_t size = sequence.as_string().size();
        if (size != 0 && static_cast<std::uint64_t>(count) > (1ull << 40) / size)
            evaluator.check_string_size(SIZE_MAX);
        evaluator.check_string_size(size * static_cast<size_t>(count));
        std::string out;
        out.reserve(size * static_cast<size_t>(count));
        for (std::int64_t i = 0; i < count; ++i)
            out += sequence.as_string();
        return Value(std::move(out));
    }
    const ValueList& items = sequence.as_list();
    if (!items.empty() && static_cast<std::uint64_t>(count) > (1ull << 40) / items.size())
        evaluator.check_list_size(SIZE_MAX);
    evaluator.check_list_size(items.size() * static_cast<size_t>(count));
    ValueList out;
    out.reserve(items.size() * static_cast<size_t>(count));
    for (std::int64_t i = 0; i < count; ++i)
        out.insert(out.end(), items.begin(), items.end());
    return Value(std::move(out));
}

// Python's slice.indices(): clamps start/stop for the given length and step.
void slice_indices(std::int64_t length, const Value& start_value, const Value& stop_value, std::int64_t step,
                   std::int64_t& start, std::int64_t& stop)
{
    const std::int64_t lower = step < 0 ? -1 : 0;
    const std::int64_t upper = step < 0 ? length - 1 : length;
    const auto clamp = [&](const Value& value, std::int64_t fallback) {
        if (value.is_none() || value.is_undefined())
            return fallback;
        if (!value.is_int() && !value.is_bool())
            throw TemplateError("slice indices must be integers, not " + value.type_name());
        std::int64_t index = value.to_int();
        if (index < 0) {
            index += length;
            if (index < lower)
                index = lower;
        } else if (index > upper) {
            index = upper;
        }
        return index;
    };
    start = clamp(start_value, step < 0 ? upper : lower);
    stop = clamp(stop_value, step < 0 ? lower : upper);
}

} // namespace

Value binary_operation(Evaluator& evaluator, const std::string& op, const Value& left, const Value& right)
{
    if (op == "~") {
        const std::string a = left.to_string();
        const std::string b = right.to_string();
        evaluator.check_string_size(a.size() + b.size());
        return Value(a + b);
    }
    const bool numbers = left.is_number() && right.is_number();
    const bool integers = numbers && !left.is_float() && !right.is_float();
    if (op == "+") {
        if (integers)
            return Value(add(left.to_int(), right.to_int()));
        if (numbers)
            return Value(left.to_float() + right.to_float());
        if (left.is_string() && right.is_string()) {
            evaluator.check_string_size(left.as_string().size() + right.as_string().size());
            return Value(left.as_string() + right.as_string());
        }
        if (left.is_list() && right.is_list()) {
            evaluator.check_list_size(left.as_list().size() + right.as_list().size());
            ValueList items = left.as_list();
            items.insert(items.end(), right.as_list().begin(), right.as_list().end());
            return Value(std::move(items));
        }
    } else if (op == "-") {
        if (integers)
            return Value(subtract(left.to_int(), right.to_int()));
        if (numbers)
            return Value(left.to_float() - right.to_float());
    } else if (op == "*") {
        if (integers)
            return Value(multiply(left.to_int(), right.to_int()));
        if (numbers)
            return Value(left.to_float() * right.to_float());
        if ((left.is_string() || left.is_list()) && (right.is_int() || right.is_bool()))
            return repeat(evaluator, left, right.to_int());
        if ((right.is_string() || right.is_list()) && (left.is_int() || left.is_bool()))
            return repeat(evaluator, right, left.to_int());
    } else if (op == "/") {
        if (numbers) {
            if (right.to_float() == 0)
                throw TemplateError("division by zero");
            return Value(left.to_float() / right.to_float());
        }
    } else if (op == "//") {
        if (integers)
            return Value(floor_divide(left.to_int(), right.to_int()));
        if (numbers) {
            if (right.to_float() == 0)
                throw TemplateError("float floor division by zero");
            return Value(std::floor(left.to_float() / right.to_float()));
        }
    } else if (op == "%") {
        if (integers)
            return Value(modulo(left.to_int(), right.to_int()));
        if (numbers) {
            const double b = right.to_float();
            if (b == 0)
                throw TemplateError("float modulo by zero");
            double r = std::fmod(left.to_float(), b);
            if (r != 0 && ((r < 0) != (b < 0)))
                r += b;
            return Value(r);
        }
        if (left.is_string())
            throw TemplateError("printf-style string formatting with % is not supported; use ~ or format()");
    } else if (op == "**") {
        if (integers && right.to_int() >= 0) {
            std::int64_t base = left.to_int(), exponent = right.to_int(), value = 1;
            while (exponent > 0) {
                if (exponent & 1)
                    value = multiply(value, base);
                exponent >>= 1;
                if (exponent > 0)
                    base = multiply(base, base);
            }
            return Value(value);
        }
        if (numbers)
            return Value(std::pow(left.to_float(), right.to_float()));
    }
    unsupported(op, left, right);
}

bool contains(const Value& container, const Value& item)
{
    switch (container.kind()) {
    case Value::Kind::Undefined:
        return false;
    case Value::Kind::String:
        if (!item.is_string())
            throw TemplateError("'in <string>' requires a string on the left, not " + item.type_name());
        return container.as_string().find(item.as_string()) != std::string::npos;
    case Value::Kind::List:
        for (const Value& element : container.as_list())
            if (values_equal(element, item))
                return true;
        return false;
    case Value::Kind::Dict:
        return item.is_string() && container.as_dict().find(item.as_string()) != nullptr;
    case Value::Kind::Namespace:
        return item.is_string() && container.as_namespace().attributes.find(item.as_string()) != nullptr;
    default:
        throw TemplateError("'in' needs a string, list or dict on the right, not " + container.type_name());
    }
}

ValueList iterate(const Value& value)
{
    switch (value.kind()) {
    case Value::Kind::Undefined:
        return {};
    case Value::Kind::List: {
        ValueList items = value.as_list();
        items.is_tuple = false;
        return items;
    }
    case Value::Kind::Dict: {
        ValueList keys;
        keys.reserve(value.as_dict().items.size());
        for (const auto& [key, item] : value.as_dict().items)
            keys.emplace_back(key);
        return keys;
    }
    case Value::Kind::String: {
        ValueList characters;
        const std::string& text = value.as_string();
        for (size_t pos = 0; pos < text.size();) {
            const size_t start = pos;
            decode_utf8(text, pos);
            characters.emplace_back(text.substr(start, pos - start));
        }
        return characters;
    }
    default:
        throw TemplateError("a " + value.type_name() + " is not iterable");
    }
}

Value get_attribute(const Value& object, const std::string& name)
{
    switch (object.kind()) {
    case Value::Kind::Undefined:
        undefined_error(object);
    case Value::Kind::Dict: {
        Value method = bind_method(object, name);
        if (!method.is_undefined())
            return method;
        const Value* item = object.as_dict().find(name);
        return item ? *item : Value::undefined(name);
    }
    case Value::Kind::Namespace: {
        const Value* item = object.as_namespace().attributes.find(name);
        return item ? *item : Value::undefined(name);
    }
    case Value::Kind::String:
        return bind_method(object, name);
    default:
        return Value::undefined(name);
    }
}

Value get_item(const Value& object, const Value& key)
{
    switch (object.kind()) {
    case Value::Kind::Undefined:
        undefined_error(object);
    case Value::Kind::Dict:
        if (key.is_string()) {
            if (const Value* item = object.as_dict().find(key.as_string()))
                return *item;
            return bind_method(object, key.as_string());
        }
        return Value::undefined("");
    case Value::Kind::List:
        if (key.is_int() || key.is_bool()) {
            const auto size = static_cast<std::int64_t>(object.as_list().size());
            std::int64_t index = key.to_int();
            if (index < 0)
                index += size;
            if (index < 0 || index >= size)
                return Value::undefined("item " + std::to_string(key.to_int()));
            return object.as_list()[static_cast<size_t>(index)];
        }
        return Value::undefined(key.is_string() ? key.as_string() : "");
    case Value::Kind::String:
        if (key.is_int() || key.is_bool()) {
            const std::vector<char32_t> points = to_code_points(object.as_string());
            const auto size = static_cast<std::int64_t>(points.size());
            std::int64_t index = key.to_int();
            if (index < 0)
                index += size;
            if (index < 0 || index >= size)
                return Value::undefined("");
            std::string character;
            append_utf8(character, points[static_cast<size_t>(index)]);
            return Value(std::move(character));
        }
        return key.is_string() ? bind_method(object, key.as_string()) : Value::undefined("");
    case Value::Kind::Namespace:
        return key.is_string() ? get_attribute(object, key.as_string()) : Value::undefined("");
    default:
        return Value::undefined("");
    }
}

Value slice(Evaluator& evaluator, const Value& object, const Value& start_value, const Value& stop_value,
            const Value& step_value)
{
    if (object.is_undefined())
        undefined_error(object);
    std::int64_t step = 1;
    if (!step_value.is_none()) {
        if (!step_value.is_int())
            throw TemplateError("slice step must be an integer");
        step = step_value.as_int();
        if (step == 0)
            throw TemplateError("slice step cannot be zero");
    }
    std::int64_t start = 0, stop = 0;
    if (object.is_list()) {
        const ValueList& items = object.as_list();
        slice_indices(static_cast<std::int64_t>(items.size()), start_value, stop_value, step, start, stop);
        ValueList out;
        out.is_tuple = items.is_tuple;
        for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
            out.push_back(items[static_cast<size_t>(i)]);
        evaluator.count_iterations(0);
        return Value(std::move(out));
    }
    if (object.is_string()) {
        const std::vector<char32_t> points = to_code_points(object.as_string());
        slice_indices(static_cast<std::int64_t>(points.size()), start_value, stop_value, step, start, stop);
        std::string out;
        for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
            append_utf8(out, points[static_cast<size_t>(i)]);
        return Value(std::move(out));
    }
    throw TemplateError("a " + object.type_name() + " cannot be sliced");
}

} // namespace hearth::jinja
