#pragma once
// Walks the syntax tree and renders it. Scoping follows Jinja2: a for-loop iteration, a macro call,
// {% with %} and block bodies open a child scope, if does not; a macro sees the template's top
// level, not its caller. Every resource a template can consume is bounded: call depth, loop
// iterations, the size of strings, lists and the output, and wall-clock time.
#include "ast.h"
#include "hearth/chat_template.h"
#include "value.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth::jinja {

using Limits = hearth::ChatTemplateLimits;
using DateTime = hearth::ChatTemplateDate;

class Scope {
  public:
    explicit Scope(Scope* parent) : m_parent(parent) {}
    const Value* find(std::string_view name) const;
    void set(const std::string& name, Value value);

  private:
    Scope* m_parent;
    std::vector<std::pair<std::string, Value>> m_variables;
};

class Evaluator {
  public:
    Evaluator(const Limits& limits, const DateTime& now);
    ~Evaluator();
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    std::string render(const Body& body, Scope& root);

    // Services for the builtins (filters, tests, methods, globals).
    Value call(const Value& callee, const CallArguments& arguments);
    void check_string_size(size_t bytes) const;
    void check_list_size(size_t items) const;
    void count_iterations(std::uint64_t count);
    const DateTime& now() const { return m_now; }
    std::shared_ptr<Namespace> make_namespace();

    // Called by Macro and Caller (evaluator.cpp).
    Value run_macro(const Stmt& macro, const CallArguments& arguments);
    Value run_caller(const Stmt& call_block, Scope& call_site, const CallArguments& arguments);

  private:
    enum class Flow { Normal, Break, Continue };
    class DepthGuard;

    Flow execute_body(const Body& body, Scope& scope, std::string& out);
    Flow execute(const Stmt& stmt, Scope& scope, std::string& out);
    Flow execute_for(const Stmt& stmt, Scope& scope, std::string& out);
    void execute_call_block(const Stmt& stmt, Scope& scope, std::string& out);
    void assign(const Target& target, Value value, Scope& scope);
    void bind_parameters(const std::vector<MacroParameter>& parameters, const CallArguments& arguments,
                         Scope& scope);
    std::string render_child(const Body& body, Scope& parent);

    Value evaluate(const Expr& expr, Scope& scope);
    Value evaluate_kind(const Expr& expr, Scope& scope);
    CallArguments evaluate_arguments(const Expr& expr, Scope& scope);
    Value evaluate_filter(const Expr& filter, Scope& scope, const Value* block_subject);
    bool evaluate_compare(const Expr& expr, Scope& scope);

    void emit(std::string& out, std::string_view text) const;
    void tick();

    Limits m_limits;
    DateTime m_now;
    Scope* m_root = nullptr;
    int m_depth = 0;
    std::uint64_t m_steps = 0;
    std::uint64_t m_iterations = 0;
    std::chrono::steady_clock::time_point m_deadline;
    std::vector<std::weak_ptr<Namespace>> m_namespaces;
};

} // namespace hearth::jinja
