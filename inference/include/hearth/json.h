#pragma once
// A JSON value tree and a small strict parser (RFC 8259), for engine inputs such as the messages
// a chat template renders. Objects keep their members in document order, as Python's dict does,
// because templates print them in that order.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hearth {

class JsonValue {
  public:
    enum class Type { Null, Bool, Int, Double, String, Array, Object };
    using Array = std::vector<JsonValue>;
    using Object = std::vector<std::pair<std::string, JsonValue>>;

    JsonValue() = default;
    JsonValue(std::nullptr_t) {}
    JsonValue(bool value) : m_value(value) {}
    JsonValue(int value) : m_value(static_cast<std::int64_t>(value)) {}
    JsonValue(std::int64_t value) : m_value(value) {}
    JsonValue(double value) : m_value(value) {}
    JsonValue(const char* value) : m_value(std::string(value)) {}
    JsonValue(std::string value) : m_value(std::move(value)) {}
    JsonValue(std::string_view value) : m_value(std::string(value)) {}
    JsonValue(Array value) : m_value(std::move(value)) {}
    JsonValue(Object value) : m_value(std::move(value)) {}

    // Parses one JSON document. Throws hearth::Error "JSON line L, column C: ..." on malformed
    // input, invalid UTF-8, or nesting deeper than max_depth.
    static JsonValue parse(std::string_view text, int max_depth = 128);

    Type type() const { return static_cast<Type>(m_value.index()); }
    bool is_null() const { return type() == Type::Null; }
    bool as_bool() const { return std::get<bool>(m_value); }
    std::int64_t as_int() const { return std::get<std::int64_t>(m_value); }
    double as_double() const { return std::get<double>(m_value); }
    const std::string& as_string() const { return std::get<std::string>(m_value); }
    const Array& as_array() const { return std::get<Array>(m_value); }
    const Object& as_object() const { return std::get<Object>(m_value); }
    Array& as_array() { return std::get<Array>(m_value); }
    Object& as_object() { return std::get<Object>(m_value); }

    // The member named key of an object, or nullptr (also when this is not an object).
    const JsonValue* find(std::string_view key) const;

  private:
    std::variant<std::monostate, bool, std::int64_t, double, std::string, Array, Object> m_value;
};

// `text` as a JSON string literal, quotes included: '"', '\\' and control characters (and DEL) are
// escaped, every other byte is copied, so UTF-8 text stays as it is.
std::string json_quote(std::string_view text);

} // namespace hearth
