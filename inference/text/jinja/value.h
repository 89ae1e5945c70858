#pragma once
// The values a template computes with, modelled on the Python objects Jinja2 sees: undefined, none,
// booleans, integers, floats, strings, lists, dicts (insertion-ordered, string keys), namespaces and
// callables. Lists and dicts are immutable and shared; a namespace is the one mutable object.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hearth::jinja {

class Value;
class Evaluator;
// A list, or a tuple (is_tuple): tuples print as (a, b) and never equal a list, as in Python.
struct ValueList : std::vector<Value> {
    using std::vector<Value>::vector;
    bool is_tuple = false;
};

struct ValueDict {
    std::vector<std::pair<std::string, Value>> items;
    const Value* find(std::string_view key) const;
    void set(std::string key, Value value);
};

struct Namespace {
    ValueDict attributes;
};

struct CallArguments {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> named;
    // The argument at position index, or else the one passed by name; nullptr when absent.
    const Value* find(size_t index, std::string_view name) const;
};

class Callable {
  public:
    virtual ~Callable() = default;
    virtual Value call(Evaluator& evaluator, const CallArguments& arguments) const = 0;
    virtual std::string name() const = 0;
};

class Value {
  public:
    enum class Kind { Undefined, None, Bool, Int, Float, String, List, Dict, Namespace, Callable };

    Value() : m_value(UndefinedTag{}) {}
    static Value undefined(std::string name) { return Value(UndefinedTag{std::move(name)}); }
    static Value none() { return Value(NoneTag{}); }
    Value(bool value) : m_value(value) {}
    Value(int value) : m_value(static_cast<std::int64_t>(value)) {}
    Value(std::int64_t value) : m_value(value) {}
    Value(double value) : m_value(value) {}
    Value(const char* value) : m_value(std::make_shared<const std::string>(value)) {}
    Value(std::string value) : m_value(std::make_shared<const std::string>(std::move(value))) {}
    Value(ValueList list) : m_value(std::make_shared<const ValueList>(std::move(list))) {}
    Value(ValueDict dict) : m_value(std::make_shared<const ValueDict>(std::move(dict))) {}
    Value(std::shared_ptr<Namespace> ns) : m_value(std::move(ns)) {}
    Value(std::shared_ptr<const Callable> callable) : m_value(std::move(callable)) {}

    Kind kind() const { return static_cast<Kind>(m_value.index()); }
    bool is_undefined() const { return kind() == Kind::Undefined; }
    bool is_none() const { return kind() == Kind::None; }
    bool is_bool() const { return kind() == Kind::Bool; }
    bool is_int() const { return kind() == Kind::Int; }
    bool is_float() const { return kind() == Kind::Float; }
    bool is_number() const { return is_int() || is_float() || is_bool(); }
    bool is_string() const { return kind() == Kind::String; }
    bool is_list() const { return kind() == Kind::List; }
    bool is_dict() const { return kind() == Kind::Dict; }
    bool is_namespace() const { return kind() == Kind::Namespace; }
    bool is_callable() const { return kind() == Kind::Callable; }

    bool as_bool() const { return std::get<bool>(m_value); }
    std::int64_t as_int() const { return std::get<std::int64_t>(m_value); }
    double as_float() const { return std::get<double>(m_value); }
    // Numbers, with booleans as 0/1 (Python's bool is an int).
    std::int64_t to_int() const { return is_bool() ? as_bool() : as_int(); }
    double to_float() const { return is_float() ? as_float() : static_cast<double>(to_int()); }
    const std::string& as_string() const { return *std::get<std::shared_ptr<const std::string>>(m_value); }
    const ValueList& as_list() const { return *std::get<std::shared_ptr<const ValueList>>(m_value); }
    const ValueDict& as_dict() const { return *std::get<std::shared_ptr<const ValueDict>>(m_value); }
    Namespace& as_namespace() const { return *std::get<std::shared_ptr<Namespace>>(m_value); }
    const Callable& as_callable() const { return *std::get<std::shared_ptr<const Callable>>(m_value); }
    const std::string& undefined_name() const { return std::get<UndefinedTag>(m_value).name; }

    bool truthy() const;           // Python bool()
    std::string to_string() const; // Python str(), as {{ }} prints it
    std::string repr() const;      // Python repr()
    std::string type_name() const; // for error messages

  private:
    struct UndefinedTag {
        std::string name;
    };
    struct NoneTag {};
    explicit Value(UndefinedTag tag) : m_value(std::move(tag)) {}
    explicit Value(NoneTag tag) : m_value(tag) {}

    // Strings, lists and dicts are shared: copying a value never copies its contents.
    std::variant<UndefinedTag, NoneTag, bool, std::int64_t, double, std::shared_ptr<const std::string>,
                 std::shared_ptr<const ValueList>, std::shared_ptr<const ValueDict>,
                 std::shared_ptr<Namespace>, std::shared_ptr<const Callable>>
        m_value;
};

// Python ==, with 1 == 1.0 == True and dicts compared regardless of order.
bool values_equal(const Value& a, const Value& b);
// Python <, > ordering for numbers, strings and lists; throws TemplateError for other types.
int compare_values(const Value& a, const Value& b);
// Python repr() of a float (shortest round-trip digits, "1.0", "1e-05", "inf").
std::string format_float(double value);
// Python repr() of a string.
std::string repr_string(std::string_view text);

} // namespace hearth::jinja
