#include "json_dump.h"

#include "evaluator.h"
#include "template_error.h"
#include "unicode.h"

#include <algorithm>
#include <cstdio>

namespace hearth::jinja {

namespace {

class JsonWriter {
  public:
    JsonWriter(Evaluator& evaluator, const JsonDumpOptions& options)
        : m_evaluator(evaluator), m_options(options)
    {
        m_item_separator = options.item_separator ? *options.item_separator : (options.indent ? "," : ", ");
    }

    std::string write(const Value& value)
    {
        write_value(value, 0);
        return std::move(m_out);
    }

  private:
    void newline(int level)
    {
        if (!m_options.indent)
            return;
        m_out += '\n';
        for (int i = 0; i < level; ++i)
            m_out += *m_options.indent;
    }

    void write_string(const std::string& text)
    {
        m_out += '"';
        for (size_t pos = 0; pos < text.size();) {
            const size_t start = pos;
            const char32_t c = decode_utf8(text, pos);
            char escape[16];
            switch (c) {
            case '"':
                m_out += "\\\"";
                break;
            case '\\':
                m_out += "\\\\";
                break;
            case '\n':
                m_out += "\\n";
                break;
            case '\r':
                m_out += "\\r";
                break;
            case '\t':
                m_out += "\\t";
                break;
            case '\b':
                m_out += "\\b";
                break;
            case '\f':
                m_out += "\\f";
                break;
            default:
                if (c < 0x20 || (m_options.ensure_ascii && c > 0x7E)) {
                    if (c >= 0x10000) {
                        const char32_t v = c - 0x10000;
                        std::snprintf(escape, sizeof escape, "\\u%04x\\u%04x",
                                      static_cast<unsigned>(0xD800 + (v >> 10)),
                                      static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
                    } else {
                        std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
                    }
                    m_out += escape;
                } else {
                    m_out.append(text, start, pos - start);
                }
            }
        }
        m_out += '"';
    }

    void write_members(const std::vector<std::pair<std::string, Value>>& members, int level)
    {
        if (members.empty()) {
            m_out += "{}";
            return;
        }
        std::vector<const std::pair<std::string, Value>*> order;
        for (const auto& member : members)
            order.push_back(&member);
        if (m_options.sort_keys)
            std::stable_sort(order.begin(), order.end(),
                             [](auto* a, auto* b) { return a->first < b->first; });
        m_out += '{';
        bool first = true;
        for (const auto* member : order) {
            if (!first)
                m_out += m_item_separator;
            first = false;
            newline(level + 1);
            write_string(member->first);
            m_out += m_options.key_separator;
            write_value(member->second, level + 1);
        }
        newline(level);
        m_out += '}';
    }

    void write_value(const Value& value, int level)
    {
        if (level > 100)
            throw TemplateError("tojson: value nested more than 100 levels deep");
        m_evaluator.check_string_size(m_out.size());
        switch (value.kind()) {
        case Value::Kind::None:
            m_out += "null";
            break;
        case Value::Kind::Bool:
            m_out += value.as_bool() ? "true" : "false";
            break;
        case Value::Kind::Int:
            m_out += std::to_string(value.as_int());
            break;
        case Value::Kind::Float: {
            const std::string text = format_float(value.as_float());
            m_out += text == "nan" ? "NaN" : text == "inf" ? "Infinity" : text == "-inf" ? "-Infinity" : text;
            break;
        }
        case Value::Kind::String:
            write_string(value.as_string());
            break;
        case Value::Kind::List: {
            const ValueList& items = value.as_list();
            if (items.empty()) {
                m_out += "[]";
                break;
            }
            m_out += '[';
            for (size_t i = 0; i < items.size(); ++i) {
                if (i > 0)
                    m_out += m_item_separator;
                newline(level + 1);
                write_value(items[i], level + 1);
            }
            newline(level);
            m_out += ']';
            break;
        }
        case Value::Kind::Dict:
            write_members(value.as_dict().items, level);
            break;
        default:
            throw TemplateError("tojson: a " + value.type_name() + " is not JSON serializable");
        }
    }

    Evaluator& m_evaluator;
    const JsonDumpOptions& m_options;
    std::string m_item_separator;
    std::string m_out;
};

} // namespace

std::string dump_json(Evaluator& evaluator, const Value& value, const JsonDumpOptions& options)
{
    std::string out = JsonWriter(evaluator, options).write(value);
    evaluator.check_string_size(out.size());
    return out;
}

} // namespace hearth::jinja
