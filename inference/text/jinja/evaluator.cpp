#include "evaluator.h"

#include "builtins.h"
#include "template_error.h"

namespace hearth::jinja {

namespace {

// A macro defined by {% macro %}; it runs with the template's top level as its parent scope.
class Macro : public Callable {
  public:
    explicit Macro(const Stmt& definition) : m_definition(definition) {}
    Value call(Evaluator& evaluator, const CallArguments& arguments) const override
    {
        return evaluator.run_macro(m_definition, arguments);
    }
    std::string name() const override { return m_definition.name; }

  private:
    const Stmt& m_definition;
};

// caller() inside a macro invoked by {% call %}: renders the call block's body at the call site.
// The call site's scope only lives while the call block runs, so a caller kept beyond that refuses.
class Caller : public Callable {
  public:
    Caller(const Stmt& call_block, Scope& call_site, std::shared_ptr<bool> alive)
        : m_call_block(call_block), m_call_site(call_site), m_alive(std::move(alive))
    {
    }
    Value call(Evaluator& evaluator, const CallArguments& arguments) const override
    {
        if (!*m_alive)
            throw TemplateError("caller() used after its {% call %} block ended");
        return evaluator.run_caller(m_call_block, m_call_site, arguments);
    }
    std::string name() const override { return "caller"; }

  private:
    const Stmt& m_call_block;
    Scope& m_call_site;
    std::shared_ptr<bool> m_alive;
};

// loop.cycle('odd', 'even') for the current iteration.
class Cycle : public Callable {
  public:
    explicit Cycle(std::int64_t index0) : m_index0(index0) {}
    Value call(Evaluator&, const CallArguments& arguments) const override
    {
        if (arguments.positional.empty())
            throw TemplateError("loop.cycle() needs at least one value");
        return arguments.positional[static_cast<size_t>(m_index0) % arguments.positional.size()];
    }
    std::string name() const override { return "cycle"; }

  private:
    std::int64_t m_index0;
};

} // namespace

const Value* Scope::find(std::string_view name) const
{
    for (const Scope* scope = this; scope; scope = scope->m_parent)
        for (const auto& [key, value] : scope->m_variables)
            if (key == name)
                return &value;
    return nullptr;
}

void Scope::set(const std::string& name, Value value)
{
    for (auto& variable : m_variables)
        if (variable.first == name) {
            variable.second = std::move(value);
            return;
        }
    m_variables.emplace_back(name, std::move(value));
}

class Evaluator::DepthGuard {
  public:
    explicit DepthGuard(Evaluator& evaluator) : m_evaluator(evaluator)
    {
        if (++m_evaluator.m_depth > m_evaluator.m_limits.max_depth)
            throw TemplateError("template nested or recursed more than " +
                                std::to_string(m_evaluator.m_limits.max_depth) + " levels deep");
    }
    ~DepthGuard() { --m_evaluator.m_depth; }

  private:
    Evaluator& m_evaluator;
};

Evaluator::Evaluator(const Limits& limits, const DateTime& now) : m_limits(limits), m_now(now) {}

Evaluator::~Evaluator()
{
    // Namespaces are the only mutable values; one may hold itself. Emptying them breaks any cycle.
    for (const auto& weak : m_namespaces)
        if (const auto ns = weak.lock())
            ns->attributes.items.clear();
}

std::string Evaluator::render(const Body& body, Scope& root)
{
    m_root = &root;
    m_deadline = std::chrono::steady_clock::now() + m_limits.max_duration;
    std::string out;
    execute_body(body, root, out);
    return out;
}

void Evaluator::tick()
{
    if (++m_steps % 16 == 0 && std::chrono::steady_clock::now() > m_deadline)
        throw TemplateError("template rendering took longer than " +
                            std::to_string(m_limits.max_duration.count()) + " ms and was stopped");
}

void Evaluator::check_string_size(size_t bytes) const
{
    if (bytes > m_limits.max_output_bytes)
        throw TemplateError("template built a string larger than " +
                            std::to_string(m_limits.max_output_bytes) + " bytes and was stopped");
    if (bytes > (1u << 16) && std::chrono::steady_clock::now() > m_deadline)
        throw TemplateError("template rendering took longer than " +
                            std::to_string(m_limits.max_duration.count()) + " ms and was stopped");
}

void Evaluator::check_list_size(size_t items) const
{
    if (items > m_limits.max_list_items)
        throw TemplateError("template built a list longer than " + std::to_string(m_limits.max_list_items) +
                            " items and was stopped");
}

void Evaluator::count_iterations(std::uint64_t count)
{
    m_iterations += count;
    if (m_iterations > m_limits.max_loop_iterations)
        throw TemplateError("template ran more than " + std::to_string(m_limits.max_loop_iterations) +
                            " loop iterations and was stopped");
    tick();
}

std::shared_ptr<Namespace> Evaluator::make_namespace()
{
    auto ns = std::make_shared<Namespace>();
    m_namespaces.push_back(ns);
    return ns;
}

void Evaluator::emit(std::string& out, std::string_view text) const
{
    if (out.size() + text.size() > m_limits.max_output_bytes)
        throw TemplateError("template output grew past " + std::to_string(m_limits.max_output_bytes) +
                            " bytes and was stopped");
    out.append(text);
}

Value Evaluator::call(const Value& callee, const CallArguments& arguments)
{
    if (callee.is_undefined())
        throw TemplateError("'" + callee.undefined_name() + "' is undefined and cannot be called");
    if (!callee.is_callable())
        throw TemplateError("a " + callee.type_name() + " is not callable");
    DepthGuard guard(*this);
    return callee.as_callable().call(*this, arguments);
}

// ---- statements ----

Evaluator::Flow Evaluator::execute_body(const Body& body, Scope& scope, std::string& out)
{
    for (const StmtPtr& stmt : body) {
        const Flow flow = execute(*stmt, scope, out);
        if (flow != Flow::Normal)
            return flow;
    }
    return Flow::Normal;
}

std::string Evaluator::render_child(const Body& body, Scope& parent)
{
    Scope scope(&parent);
    std::string out;
    execute_body(body, scope, out);
    return out;
}

Evaluator::Flow Evaluator::execute(const Stmt& stmt, Scope& scope, std::string& out)
{
    DepthGuard guard(*this);
    tick();
    try {
        switch (stmt.kind) {
        case StmtKind::Output:
            emit(out, stmt.text);
            return Flow::Normal;
        case StmtKind::Print: {
            const Value value = evaluate(*stmt.expression, scope);
            emit(out, value.is_string() ? value.as_string() : value.to_string());
            return Flow::Normal;
        }
        case StmtKind::If:
            for (size_t i = 0; i < stmt.bodies.size(); ++i)
                if (i >= stmt.conditions.size() || evaluate(*stmt.conditions[i], scope).truthy())
                    return execute_body(stmt.bodies[i], scope, out);
            return Flow::Normal;
        case StmtKind::For:
            return execute_for(stmt, scope, out);
        case StmtKind::Set:
            assign(stmt.target, evaluate(*stmt.expression, scope), scope);
            return Flow::Normal;
        case StmtKind::SetBlock: {
            Value value(render_child(stmt.body, scope));
            if (stmt.filter)
                value = evaluate_filter(*stmt.filter, scope, &value);
            assign(stmt.target, std::move(value), scope);
            return Flow::Normal;
        }
        case StmtKind::Macro:
            scope.set(stmt.name, Value(std::shared_ptr<const Callable>(std::make_shared<Macro>(stmt))));
            return Flow::Normal;
        case StmtKind::CallBlock:
            execute_call_block(stmt, scope, out);
            return Flow::Normal;
        case StmtKind::FilterBlock: {
            const Value body(render_child(stmt.body, scope));
            const Value value = evaluate_filter(*stmt.filter, scope, &body);
            emit(out, value.to_string());
            return Flow::Normal;
        }
        case StmtKind::With: {
            Scope inner(&scope);
            for (size_t i = 0; i < stmt.targets.size(); ++i)
                assign(stmt.targets[i], evaluate(*stmt.values[i], scope), inner);
            return execute_body(stmt.body, inner, out);
        }
        case StmtKind::Scope: {
            Scope inner(&scope);
            return execute_body(stmt.body, inner, out);
        }
        case StmtKind::Break:
            return Flow::Break;
        case StmtKind::Continue:
            return Flow::Continue;
        }
    } catch (TemplateError& error) {
        if (error.offset == TemplateError::kNoOffset)
            error.offset = stmt.offset;
        throw;
    }
    return Flow::Normal;
}

Evaluator::Flow Evaluator::execute_for(const Stmt& stmt, Scope& scope, std::string& out)
{
    ValueList items = iterate(evaluate(*stmt.expression, scope));
    if (stmt.condition) {
        ValueList kept;
        for (Value& item : items) {
            count_iterations(1);
            Scope filter_scope(&scope);
            assign(stmt.target, item, filter_scope);
            if (evaluate(*stmt.condition, filter_scope).truthy())
                kept.push_back(std::move(item));
        }
        items = std::move(kept);
    }
    if (items.empty()) {
        Scope inner(&scope);
        execute_body(stmt.else_body, inner, out);
        return Flow::Normal;
    }
    const auto length = static_cast<std::int64_t>(items.size());
    for (std::int64_t i = 0; i < length; ++i) {
        count_iterations(1);
        Scope iteration(&scope);
        ValueDict loop;
        loop.items.reserve(12);
        loop.items.emplace_back("index", Value(i + 1));
        loop.items.emplace_back("index0", Value(i));
        loop.items.emplace_back("revindex", Value(length - i));
        loop.items.emplace_back("revindex0", Value(length - i - 1));
        loop.items.emplace_back("first", Value(i == 0));
        loop.items.emplace_back("last", Value(i == length - 1));
        loop.items.emplace_back("length", Value(length));
        loop.items.emplace_back("depth", Value(1));
        loop.items.emplace_back("depth0", Value(0));
        if (i > 0)
            loop.items.emplace_back("previtem", items[i - 1]);
        if (i + 1 < length)
            loop.items.emplace_back("nextitem", items[i + 1]);
        loop.items.emplace_back("cycle", Value(std::shared_ptr<const Callable>(std::make_shared<Cycle>(i))));
        iteration.set("loop", Value(std::move(loop)));
        assign(stmt.target, items[i], iteration);
        if (execute_body(stmt.body, iteration, out) == Flow::Break)
            break;
    }
    return Flow::Normal;
}

void Evaluator::execute_call_block(const Stmt& stmt, Scope& scope, std::string& out)
{
    const Expr& call = *stmt.expression;
    const Value callee = evaluate(*call.object, scope);
    CallArguments arguments = evaluate_arguments(call, scope);
    auto alive = std::make_shared<bool>(true);
    arguments.named.emplace_back(
        "caller", Value(std::shared_ptr<const Callable>(std::make_shared<Caller>(stmt, scope, alive))));
    try {
        const Value result = this->call(callee, arguments);
        *alive = false;
        emit(out, result.to_string());
    } catch (...) {
        *alive = false;
        throw;
    }
}

void Evaluator::assign(const Target& target, Value value, Scope& scope)
{
    if (!target.attribute.empty()) {
        const Value* object = scope.find(target.names[0]);
        if (!object || !object->is_namespace())
            throw TemplateError("cannot set '" + target.names[0] + "." + target.attribute +
                                "': only attributes of a namespace() can be assigned");
        object->as_namespace().attributes.set(target.attribute, std::move(value));
        return;
    }
    if (target.names.size() == 1) {
        scope.set(target.names[0], std::move(value));
        return;
    }
    const ValueList items = iterate(value);
    if (items.size() != target.names.size())
        throw TemplateError("cannot unpack " + std::to_string(items.size()) + " values into " +
                            std::to_string(target.names.size()) + " names");
    for (size_t i = 0; i < items.size(); ++i)
        scope.set(target.names[i], items[i]);
}

// Each parameter from its argument, else its default (evaluated in the new scope, so a default may
// use the parameters before it), else undefined.
void Evaluator::bind_parameters(const std::vector<MacroParameter>& parameters, const CallArguments& arguments,
                                Scope& scope)
{
    for (size_t i = 0; i < parameters.size(); ++i) {
        const MacroParameter& parameter = parameters[i];
        if (const Value* value = arguments.find(i, parameter.name))
            scope.set(parameter.name, *value);
        else if (parameter.default_value)
            scope.set(parameter.name, evaluate(*parameter.default_value, scope));
        else
            scope.set(parameter.name, Value::undefined(parameter.name));
    }
}

Value Evaluator::run_macro(const Stmt& macro, const CallArguments& arguments)
{
    Scope scope(m_root);
    ValueList varargs;
    varargs.is_tuple = true;
    for (size_t i = macro.parameters.size(); i < arguments.positional.size(); ++i)
        varargs.push_back(arguments.positional[i]);
    ValueDict kwargs;
    for (const auto& [name, value] : arguments.named) {
        bool is_parameter = name == "caller";
        for (const MacroParameter& parameter : macro.parameters)
            is_parameter = is_parameter || parameter.name == name;
        if (!is_parameter)
            kwargs.set(name, value);
    }
    bind_parameters(macro.parameters, arguments, scope);
    scope.set("varargs", Value(std::move(varargs)));
    scope.set("kwargs", Value(std::move(kwargs)));
    if (const Value* caller = arguments.find(static_cast<size_t>(-1), "caller"))
        scope.set("caller", *caller);
    std::string out;
    execute_body(macro.body, scope, out);
    return Value(std::move(out));
}

Value Evaluator::run_caller(const Stmt& call_block, Scope& call_site, const CallArguments& arguments)
{
    Scope scope(&call_site);
    bind_parameters(call_block.parameters, arguments, scope);
    std::string out;
    execute_body(call_block.body, scope, out);
    return Value(std::move(out));
}

// ---- expressions ----

Value Evaluator::evaluate(const Expr& expr, Scope& scope)
{
    DepthGuard guard(*this);
    tick();
    try {
        return evaluate_kind(expr, scope);
    } catch (TemplateError& error) {
        if (error.offset == TemplateError::kNoOffset)
            error.offset = expr.offset;
        throw;
    }
}

CallArguments Evaluator::evaluate_arguments(const Expr& expr, Scope& scope)
{
    CallArguments arguments;
    arguments.positional.reserve(expr.items.size());
    for (const ExprPtr& item : expr.items)
        arguments.positional.push_back(evaluate(*item, scope));
    for (const auto& [name, item] : expr.named)
        arguments.named.emplace_back(name, evaluate(*item, scope));
    return arguments;
}

Value Evaluator::evaluate_filter(const Expr& filter, Scope& scope, const Value* block_subject)
{
    Value subject;
    if (filter.object)
        subject = filter.object->kind == ExprKind::Filter
                      ? evaluate_filter(*filter.object, scope, block_subject)
                      : evaluate(*filter.object, scope);
    else if (block_subject)
        subject = *block_subject;
    try {
        return apply_filter(*this, filter.name, subject, evaluate_arguments(filter, scope));
    } catch (TemplateError& error) {
        if (error.offset == TemplateError::kNoOffset)
            error.offset = filter.offset;
        throw;
    }
}

bool Evaluator::evaluate_compare(const Expr& expr, Scope& scope)
{
    Value left = evaluate(*expr.object, scope);
    for (size_t i = 0; i < expr.items.size(); ++i) {
        Value right = evaluate(*expr.items[i], scope);
        const std::string& op = expr.operators[i];
        bool result;
        if (op == "==")
            result = values_equal(left, right);
        else if (op == "!=")
            result = !values_equal(left, right);
        else if (op == "in")
            result = contains(right, left);
        else if (op == "notin")
            result = !contains(right, left);
        else {
            const int order = compare_values(left, right);
            result = op == "<" ? order < 0 : op == "<=" ? order <= 0 : op == ">" ? order > 0 : order >= 0;
        }
        if (!result)
            return false;
        left = std::move(right);
    }
    return true;
}

Value Evaluator::evaluate_kind(const Expr& expr, Scope& scope)
{
    switch (expr.kind) {
    case ExprKind::Literal:
        return expr.literal;
    case ExprKind::Name: {
        const Value* value = scope.find(expr.name);
        return value ? *value : Value::undefined(expr.name);
    }
    case ExprKind::List:
    case ExprKind::Tuple: {
        ValueList items;
        items.reserve(expr.items.size());
        for (const ExprPtr& item : expr.items)
            items.push_back(evaluate(*item, scope));
        items.is_tuple = expr.kind == ExprKind::Tuple;
        return Value(std::move(items));
    }
    case ExprKind::Dict: {
        ValueDict dict;
        for (size_t i = 0; i + 1 < expr.items.size(); i += 2) {
            const Value key = evaluate(*expr.items[i], scope);
            if (!key.is_string())
                throw TemplateError("dict keys must be strings, not " + key.type_name());
            dict.set(key.as_string(), evaluate(*expr.items[i + 1], scope));
        }
        return Value(std::move(dict));
    }
    case ExprKind::GetAttr:
        return get_attribute(evaluate(*expr.object, scope), expr.name);
    case ExprKind::GetItem:
        return get_item(evaluate(*expr.object, scope), evaluate(*expr.items[0], scope));
    case ExprKind::Slice: {
        const Value object = evaluate(*expr.object, scope);
        const auto bound = [&](const ExprPtr& e) { return e ? evaluate(*e, scope) : Value::none(); };
        return slice(*this, object, bound(expr.items[0]), bound(expr.items[1]), bound(expr.items[2]));
    }
    case ExprKind::Call: {
        const Value callee = evaluate(*expr.object, scope);
        return call(callee, evaluate_arguments(expr, scope));
    }
    case ExprKind::Filter:
        return evaluate_filter(expr, scope, nullptr);
    case ExprKind::Test:
        return Value(
            apply_test(*this, expr.name, evaluate(*expr.object, scope), evaluate_arguments(expr, scope)));
    case ExprKind::Not:
        return Value(!evaluate(*expr.object, scope).truthy());
    case ExprKind::Negate:
    case ExprKind::Plus: {
        const Value value = evaluate(*expr.object, scope);
        if (!value.is_number())
            throw TemplateError("unary " + std::string(expr.kind == ExprKind::Negate ? "-" : "+") +
                                " needs a number, not a " + value.type_name());
        if (expr.kind == ExprKind::Plus)
            return value.is_bool() ? Value(value.to_int()) : value;
        if (value.is_float())
            return Value(-value.as_float());
        return binary_operation(*this, "-", Value(0), value);
    }
    case ExprKind::Binary:
        return binary_operation(*this, expr.name, evaluate(*expr.object, scope),
                                evaluate(*expr.items[0], scope));
    case ExprKind::And: {
        Value left = evaluate(*expr.object, scope);
        return left.truthy() ? evaluate(*expr.items[0], scope) : left;
    }
    case ExprKind::Or: {
        Value left = evaluate(*expr.object, scope);
        return left.truthy() ? left : evaluate(*expr.items[0], scope);
    }
    case ExprKind::Compare:
        return Value(evaluate_compare(expr, scope));
    case ExprKind::Condition:
        if (evaluate(*expr.object, scope).truthy())
            return evaluate(*expr.items[0], scope);
        return expr.items[1] ? evaluate(*expr.items[1], scope) : Value::undefined("");
    }
    return Value();
}

} // namespace hearth::jinja
