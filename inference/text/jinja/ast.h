#pragma once
// The syntax tree the parser builds and the evaluator walks. One generic node type per layer
// (expressions, statements) keeps the tree small; each kind documents which fields it uses.
#include "value.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hearth::jinja {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

enum class ExprKind {
    Literal,   // literal
    Name,      // name
    List,      // items
    Tuple,     // items
    Dict,      // items: key, value, key, value, ...
    GetAttr,   // object.name
    GetItem,   // object[items[0]]
    Slice,     // object[items[0]:items[1]:items[2]] (null items are omitted bounds)
    Call,      // object(items..., named...)
    Filter,    // object|name(items..., named...); object is null in {% filter %} blocks
    Test,      // object is name(items..., named...)
    Not,       // not object
    Negate,    // -object
    Plus,      // +object
    Binary,    // object <name> items[0], name one of + - * / // % ** ~
    And,       // object and items[0]
    Or,        // object or items[0]
    Compare,   // object <operators[0]> items[0] <operators[1]> items[1] ... (==, !=, <, <=, >, >=, in, notin)
    Condition, // items[0] if object else items[1] (items[1] may be null)
};

struct Expr {
    ExprKind kind;
    size_t offset = 0;
    int height = 1; // of the subtree, bounded by the parser
    Value literal;
    std::string name;
    ExprPtr object;
    std::vector<ExprPtr> items;
    std::vector<std::pair<std::string, ExprPtr>> named;
    std::vector<std::string> operators;
};

// What a for loop or set assigns to: one name, several names (unpacking), or ns.attribute.
struct Target {
    std::vector<std::string> names;
    std::string attribute; // non-empty: names[0] is a namespace and this its attribute
};

struct MacroParameter {
    std::string name;
    ExprPtr default_value; // may be null
};

enum class StmtKind {
    Output,      // text
    Print,       // {{ expression }}
    If,          // conditions[i] guards bodies[i]; a last body without condition is the else
    For,         // for target in expression [if condition] : body, else_body
    Set,         // set target = expression
    SetBlock,    // set target [| filter] : body
    Macro,       // macro name(parameters) : body
    CallBlock,   // call(parameters) expression : body
    FilterBlock, // filter expression : body
    With,        // with target[i] = values[i] : body
    Break,
    Continue,
    Scope, // a body rendered as is ({% generation %})
};

struct Stmt {
    StmtKind kind;
    size_t offset = 0;
    std::string text;
    std::string name;
    ExprPtr expression;
    ExprPtr condition;
    ExprPtr filter;
    Target target;
    std::vector<Target> targets;
    std::vector<ExprPtr> values;
    std::vector<ExprPtr> conditions;
    std::vector<Body> bodies;
    Body body;
    Body else_body;
    std::vector<MacroParameter> parameters;
};

} // namespace hearth::jinja
