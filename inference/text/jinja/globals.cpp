// The global functions a chat template can call: Jinja2's range, namespace and dict, and the two
// Hugging Face adds, raise_exception and strftime_now.
#include "arguments.h"
#include "builtins.h"
#include "evaluator.h"
#include "strftime.h"

#include <functional>

namespace hearth::jinja {

namespace {

using Function = std::function<Value(Evaluator&, const CallArguments&)>;

class Global : public Callable {
  public:
    Global(std::string name, Function function) : m_name(std::move(name)), m_function(std::move(function)) {}
    Value call(Evaluator& evaluator, const CallArguments& arguments) const override
    {
        return m_function(evaluator, arguments);
    }
    std::string name() const override { return m_name; }

  private:
    std::string m_name;
    Function m_function;
};

// Jinja2's sandbox refuses ranges longer than this.
constexpr std::int64_t kMaxRange = 100000;

Value range(Evaluator& evaluator, const CallArguments& arguments)
{
    for (const Value& value : arguments.positional)
        if (!value.is_int() && !value.is_bool())
            throw TemplateError("range() arguments must be integers, not " + value.type_name());
    const auto& p = arguments.positional;
    std::int64_t start = 0, stop = 0, step = 1;
    if (p.size() == 1) {
        stop = p[0].to_int();
    } else if (p.size() == 2 || p.size() == 3) {
        start = p[0].to_int();
        stop = p[1].to_int();
        if (p.size() == 3)
            step = p[2].to_int();
    } else {
        throw TemplateError("range() takes 1 to 3 arguments");
    }
    if (step == 0)
        throw TemplateError("range() step must not be zero");
    const long double count = step > 0 ? (static_cast<long double>(stop) - start) / step
                                       : (static_cast<long double>(start) - stop) / -step;
    if (count > kMaxRange)
        throw TemplateError("range() of more than " + std::to_string(kMaxRange) + " items is not allowed");
    ValueList items;
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
        items.emplace_back(i);
    evaluator.count_iterations(0);
    return Value(std::move(items));
}

Value make_namespace(Evaluator& evaluator, const CallArguments& arguments)
{
    std::shared_ptr<Namespace> ns = evaluator.make_namespace();
    for (const Value& initial : arguments.positional) {
        if (!initial.is_dict())
            throw TemplateError("namespace() takes a dict or keyword arguments");
        for (const auto& [key, value] : initial.as_dict().items)
            ns->attributes.set(key, value);
    }
    for (const auto& [key, value] : arguments.named)
        ns->attributes.set(key, value);
    return Value(std::move(ns));
}

Value make_dict(Evaluator&, const CallArguments& arguments)
{
    ValueDict dict;
    for (const Value& initial : arguments.positional) {
        if (!initial.is_dict())
            throw TemplateError("dict() takes a dict or keyword arguments");
        for (const auto& [key, value] : initial.as_dict().items)
            dict.set(key, value);
    }
    for (const auto& [key, value] : arguments.named)
        dict.set(key, value);
    return Value(std::move(dict));
}

Value raise_exception(Evaluator&, const CallArguments& arguments)
{
    const Value* message = argument(arguments, 0, "message");
    throw TemplateError(message ? message->to_string() : "the template raised an error");
}

Value strftime_now(Evaluator& evaluator, const CallArguments& arguments)
{
    return Value(format_time(evaluator.now(), string_argument(arguments, 0, "format", "%Y-%m-%d")));
}

} // namespace

void install_globals(Scope& globals)
{
    const auto add = [&](const char* name, Function function) {
        globals.set(name, Value(std::shared_ptr<const Callable>(
                              std::make_shared<Global>(name, std::move(function)))));
    };
    add("range", range);
    add("namespace", make_namespace);
    add("dict", make_dict);
    add("raise_exception", raise_exception);
    add("strftime_now", strftime_now);
}

} // namespace hearth::jinja
