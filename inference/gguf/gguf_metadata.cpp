// Typed access to GGUF metadata. Values are decoded from the mapped bytes on each call (the parser
// has bounds-checked them). Integers convert between widths when the value fits, so callers need
// not know whether a converter wrote uint32 or int32; anything else is an error naming the key
// and the type the file really holds.
#include "gguf_impl.h"
#include "hearth/error.h"
#include "hearth/json.h"

#include <cstdio>
#include <cstring>
#include <type_traits>
#include <utility>

namespace hearth {

const char* gguf_value_type_name(GgufValueType type)
{
    switch (type) {
    case GgufValueType::Uint8:
        return "uint8";
    case GgufValueType::Int8:
        return "int8";
    case GgufValueType::Uint16:
        return "uint16";
    case GgufValueType::Int16:
        return "int16";
    case GgufValueType::Uint32:
        return "uint32";
    case GgufValueType::Int32:
        return "int32";
    case GgufValueType::Float32:
        return "float32";
    case GgufValueType::Bool:
        return "bool";
    case GgufValueType::String:
        return "string";
    case GgufValueType::Array:
        return "array";
    case GgufValueType::Uint64:
        return "uint64";
    case GgufValueType::Int64:
        return "int64";
    case GgufValueType::Float64:
        return "float64";
    }
    return "unknown";
}

std::string GgufKeyInfo::type_text() const
{
    if (type != GgufValueType::Array)
        return gguf_value_type_name(type);
    return std::string("array[") + gguf_value_type_name(element_type) + "; " + std::to_string(count) + "]";
}

namespace {

template <class T> T load(const uint8_t* p)
{
    T value;
    std::memcpy(&value, p, sizeof(T));
    return value;
}

bool is_integer(GgufValueType t)
{
    switch (t) {
    case GgufValueType::Uint8:
    case GgufValueType::Int8:
    case GgufValueType::Uint16:
    case GgufValueType::Int16:
    case GgufValueType::Uint32:
    case GgufValueType::Int32:
    case GgufValueType::Uint64:
    case GgufValueType::Int64:
        return true;
    default:
        return false;
    }
}

bool is_signed(GgufValueType t)
{
    return t == GgufValueType::Int8 || t == GgufValueType::Int16 || t == GgufValueType::Int32 ||
           t == GgufValueType::Int64;
}

// An integer scalar widened to 64 bits, with its signedness.
int64_t load_signed(GgufValueType t, const uint8_t* p)
{
    switch (t) {
    case GgufValueType::Int8:
        return load<int8_t>(p);
    case GgufValueType::Int16:
        return load<int16_t>(p);
    case GgufValueType::Int32:
        return load<int32_t>(p);
    default:
        return load<int64_t>(p);
    }
}

uint64_t load_unsigned(GgufValueType t, const uint8_t* p)
{
    switch (t) {
    case GgufValueType::Uint8:
        return load<uint8_t>(p);
    case GgufValueType::Uint16:
        return load<uint16_t>(p);
    case GgufValueType::Uint32:
        return load<uint32_t>(p);
    default:
        return load<uint64_t>(p);
    }
}

std::string integer_text(GgufValueType t, const uint8_t* p)
{
    return is_signed(t) ? std::to_string(load_signed(t, p)) : std::to_string(load_unsigned(t, p));
}

[[noreturn]] void wrong_type(const std::string& path, std::string_view key, const GgufKeyInfo& found,
                             const char* wanted)
{
    throw Error(path + ": metadata key '" + std::string(key) + "' holds " + found.type_text() + ", not " +
                wanted);
}

template <class T> constexpr const char* type_label()
{
    if constexpr (std::is_same_v<T, bool>)
        return "bool";
    else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>)
        return "a number";
    else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>)
        return "a string";
    else if constexpr (std::is_signed_v<T>)
        return "a signed integer";
    else
        return "an unsigned integer";
}

// Decodes one scalar element of type t at p as T, or explains why it cannot.
template <class T>
T decode_scalar(const std::string& path, std::string_view key, const GgufKeyInfo& info, GgufValueType t,
                const uint8_t* p, uint64_t string_length)
{
    if constexpr (std::is_same_v<T, bool>) {
        if (t == GgufValueType::Bool)
            return load<uint8_t>(p) != 0;
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
        if (t == GgufValueType::String)
            return T(reinterpret_cast<const char*>(p), size_t(string_length));
    } else if constexpr (std::is_floating_point_v<T>) {
        if (t == GgufValueType::Float32)
            return T(load<float>(p));
        if (t == GgufValueType::Float64)
            return T(load<double>(p));
        if (is_integer(t))
            return is_signed(t) ? T(load_signed(t, p)) : T(load_unsigned(t, p));
    } else {
        static_assert(std::is_integral_v<T>);
        if (is_integer(t)) {
            const bool fits =
                is_signed(t) ? std::in_range<T>(load_signed(t, p)) : std::in_range<T>(load_unsigned(t, p));
            if (!fits)
                throw Error(path + ": metadata key '" + std::string(key) + "' holds " +
                            gguf_value_type_name(t) + " " + integer_text(t, p) +
                            ", which is out of range here");
            return is_signed(t) ? T(load_signed(t, p)) : T(load_unsigned(t, p));
        }
    }
    wrong_type(path, key, info, type_label<T>());
}

template <class T> struct VectorElement {
    using type = void;
};
template <class E> struct VectorElement<std::vector<E>> {
    using type = E;
};

} // namespace

template <class T> T GgufFile::get(std::string_view key) const
{
    const GgufEntry* entry = m_impl->find(key);
    if (!entry)
        throw Error(m_impl->path + ": metadata key '" + std::string(key) + "' is missing");
    const GgufValueRef& v = entry->value;
    using Element = typename VectorElement<T>::type;
    if constexpr (std::is_void_v<Element>) {
        return decode_scalar<T>(m_impl->path, key, entry->info, v.type, v.data, v.count);
    } else {
        if (v.type != GgufValueType::Array || v.element_type == GgufValueType::Array)
            wrong_type(m_impl->path, key, entry->info, "an array");
        T result;
        result.reserve(size_t(v.count)); // the parser checked count against the file's bytes
        const uint8_t* p = v.data;
        const size_t size = gguf_scalar_size(v.element_type);
        for (uint64_t i = 0; i < v.count; ++i) {
            uint64_t length = 0;
            if (v.element_type == GgufValueType::String) {
                length = load<uint64_t>(p);
                p += 8;
            }
            result.push_back(
                decode_scalar<Element>(m_impl->path, key, entry->info, v.element_type, p, length));
            p += size ? size : size_t(length);
        }
        return result;
    }
}

#define HEARTH_GGUF_GET(T) template T GgufFile::get<T>(std::string_view) const;
HEARTH_GGUF_GET(bool)
HEARTH_GGUF_GET(int8_t)
HEARTH_GGUF_GET(uint8_t)
HEARTH_GGUF_GET(int16_t)
HEARTH_GGUF_GET(uint16_t)
HEARTH_GGUF_GET(int32_t)
HEARTH_GGUF_GET(uint32_t)
HEARTH_GGUF_GET(int64_t)
HEARTH_GGUF_GET(uint64_t)
HEARTH_GGUF_GET(float)
HEARTH_GGUF_GET(double)
HEARTH_GGUF_GET(std::string)
HEARTH_GGUF_GET(std::string_view)
HEARTH_GGUF_GET(std::vector<int32_t>)
HEARTH_GGUF_GET(std::vector<uint32_t>)
HEARTH_GGUF_GET(std::vector<int64_t>)
HEARTH_GGUF_GET(std::vector<uint64_t>)
HEARTH_GGUF_GET(std::vector<float>)
HEARTH_GGUF_GET(std::vector<std::string>)
HEARTH_GGUF_GET(std::vector<std::string_view>)
#undef HEARTH_GGUF_GET

namespace {

// A JSON string literal of the text, cut after max_chars bytes (at a character boundary) with "...".
std::string quoted(std::string_view text, size_t max_chars)
{
    if (text.size() <= max_chars)
        return json_quote(text);
    size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    std::string out = json_quote(text.substr(0, cut));
    out.insert(out.size() - 1, "...");
    return out;
}

std::string number_text(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", value);
    return text;
}

// Renders the value at p and advances p past it.
std::string render(GgufValueType type, GgufValueType element, uint64_t count, const uint8_t*& p,
                   size_t max_elements, size_t max_chars)
{
    switch (type) {
    case GgufValueType::Bool:
        return load<uint8_t>(p++) ? "true" : "false";
    case GgufValueType::Float32: {
        const float f = load<float>(p);
        p += 4;
        return number_text(f);
    }
    case GgufValueType::Float64: {
        const double f = load<double>(p);
        p += 8;
        return number_text(f);
    }
    case GgufValueType::String: {
        std::string text =
            quoted(std::string_view(reinterpret_cast<const char*>(p), size_t(count)), max_chars);
        p += count;
        return text;
    }
    case GgufValueType::Array: {
        std::string out = "[";
        for (uint64_t i = 0; i < count; ++i) {
            uint64_t inner_count = 0;
            GgufValueType inner_element = GgufValueType::Uint8;
            if (element == GgufValueType::String) {
                inner_count = load<uint64_t>(p);
                p += 8;
                if (i >= max_elements) { // past what is shown: skip without rendering
                    p += inner_count;
                    continue;
                }
            } else if (element == GgufValueType::Array) {
                inner_element = GgufValueType(load<uint32_t>(p));
                inner_count = load<uint64_t>(p + 4);
                p += 12;
            }
            std::string item = render(element, inner_element, inner_count, p, max_elements, max_chars);
            if (i < max_elements)
                out += (i ? ", " : "") + item;
            if (i + 1 == max_elements && count > max_elements && gguf_scalar_size(element)) {
                p += size_t(count - i - 1) * gguf_scalar_size(element); // skip the rest quickly
                break;
            }
        }
        if (count > max_elements)
            out += ", ... " + std::to_string(count) + " items";
        return out + "]";
    }
    default: {
        std::string text = integer_text(type, p);
        p += gguf_scalar_size(type);
        return text;
    }
    }
}

} // namespace

std::string GgufFile::value_text(std::string_view key, size_t max_elements, size_t max_chars) const
{
    const GgufEntry* entry = m_impl->find(key);
    if (!entry)
        throw Error(m_impl->path + ": metadata key '" + std::string(key) + "' is missing");
    const uint8_t* p = entry->value.data;
    return render(entry->value.type, entry->value.element_type, entry->value.count, p, max_elements,
                  max_chars);
}

} // namespace hearth
