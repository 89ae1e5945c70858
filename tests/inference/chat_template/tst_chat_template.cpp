// The Jinja2 chat-template interpreter against real templates and the exact output Jinja2 produced
// (../shared/testdata/templates), plus semantics, error locations and resource limits.
#include "hearth/chat_prompt.h"
#include "hearth/chat_template.h"
#include "hearth/engine.h"
#include "hearth/error.h"
#include "hearth/test_model.h"
#include "hearth/tokenizer.h"
#include "testdata.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using hearth::ChatTemplate;
using hearth::ChatTemplateOptions;
using hearth::JsonValue;

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

std::string toStd(const QByteArray& bytes)
{
    return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

ChatTemplateOptions fixedDateOptions()
{
    ChatTemplateOptions options;
    options.now = hearth::ChatTemplateDate{2024, 7, 26, 0, 0, 0};
    return options;
}

// Renders a template with one user message and the given extra variables (a JSON object).
std::string render(const std::string& source, const std::string& variables = "{}")
{
    ChatTemplateOptions options = fixedDateOptions();
    options.extra_variables = JsonValue::parse(variables);
    options.bos_token = "<s>";
    options.eos_token = "</s>";
    return ChatTemplate::parse(source).render(JsonValue::parse(R"([{"role": "user", "content": "Hi"}])"),
                                              options);
}

QString renderError(const std::string& source, const std::string& variables = "{}")
{
    try {
        render(source, variables);
    } catch (const hearth::Error& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no error>");
}

// A case of conversations.json by name.
JsonValue conversationCase(const QString& name)
{
    const JsonValue conversations =
        JsonValue::parse(toStd(readFile(testdataPath(QStringLiteral("templates/conversations.json")))));
    for (const JsonValue& c : conversations.as_array())
        if (c.find("name")->as_string() == name.toStdString())
            return c;
    qFatal("no conversation %s", qPrintable(name));
}

// The conversation as a user of a template without a system role writes it by hand: the leading
// system text, a blank line, then the first user message (or a user message of its own).
JsonValue foldedByHand(const JsonValue& messages)
{
    JsonValue::Array in = messages.as_array();
    const std::string system = in.front().find("content")->as_string();
    in.erase(in.begin());
    if (in.empty())
        return JsonValue(JsonValue::Array{JsonValue::Object{{"role", "user"}, {"content", system}}});
    std::string user = in.front().find("content")->as_string();
    in.front() = JsonValue::Object{{"role", "user"}, {"content", system + "\n\n" + user}};
    return JsonValue(std::move(in));
}

ChatTemplateOptions gemmaOptions(const JsonValue& conversation)
{
    ChatTemplateOptions options = fixedDateOptions();
    options.add_generation_prompt = conversation.find("add_generation_prompt")->as_bool();
    options.bos_token = "<bos>";
    options.eos_token = "<eos>";
    return options;
}

const char* const kGemmaSystemCases[] = {"system_user",  "system_multi_turn", "assistant_last",
                                         "empty_system", "system_only",       "whitespace_system"};

} // namespace

class TestChatTemplate : public QObject {
    Q_OBJECT

  private slots:
    void vectors_data();
    void vectors();
    void semantics_data();
    void semantics();
    void errorsNameLineAndColumn_data();
    void errorsNameLineAndColumn();
    void limitsStopHostileTemplates_data();
    void limitsStopHostileTemplates();
    void fallsBackToChatMl();
    void foldsSystemIntoFirstUser_data();
    void foldsSystemIntoFirstUser();
    void foldingMatchesGemma3Vectors_data();
    void foldingMatchesGemma3Vectors();
    void foldingThatStillFailsFallsBack();
    void chatPromptFoldsSystemForGemma2();
    void simpleMessagesApi();
    void jsonParser();
    void jsonQuote();
    void cliReproducesVectors();
    void cliUsesModelTemplate();
    void cliReportsErrors();
};

void TestChatTemplate::vectors_data()
{
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QString>("caseName");
    const QString dir = testdataPath(QStringLiteral("templates"));
    const QJsonObject index = QJsonDocument::fromJson(readFile(dir + "/expected/index.json")).object();
    QVERIFY2(index.size() == 459, "expected 27 templates x 17 conversations");
    for (auto it = index.begin(); it != index.end(); ++it) {
        const QStringList parts = it.key().split(QStringLiteral("__"));
        QTest::newRow(qPrintable(it.key())) << parts[0] << parts[1];
    }
}

void TestChatTemplate::vectors()
{
    QFETCH(QString, templateName);
    QFETCH(QString, caseName);
    const QString dir = testdataPath(QStringLiteral("templates"));
    const JsonValue templates = JsonValue::parse(toStd(readFile(dir + "/templates.json")));
    const JsonValue conversations = JsonValue::parse(toStd(readFile(dir + "/conversations.json")));
    const JsonValue* info = templates.find(templateName.toStdString());
    QVERIFY(info);
    const JsonValue* conversation = nullptr;
    for (const JsonValue& c : conversations.as_array())
        if (c.find("name")->as_string() == caseName.toStdString())
            conversation = &c;
    QVERIFY(conversation);

    ChatTemplateOptions options = fixedDateOptions();
    options.add_generation_prompt = conversation->find("add_generation_prompt")->as_bool();
    options.bos_token = info->find("bos_token")->as_string();
    options.eos_token = info->find("eos_token")->as_string();
    const ChatTemplate chatTemplate = ChatTemplate::parse(
        toStd(readFile(dir + "/" + QString::fromStdString(info->find("file")->as_string()))));

    const QString stem = dir + "/expected/" + templateName + "__" + caseName;
    if (QFile::exists(stem + ".error")) {
        const QString expected = QString::fromUtf8(readFile(stem + ".error"));
        try {
            chatTemplate.render(*conversation->find("messages"), options);
            QFAIL(qPrintable("rendered, but Jinja2 raised: " + expected));
        } catch (const hearth::Error& e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.endsWith(": " + expected), qPrintable(message));
            QVERIFY2(message.startsWith("line "), qPrintable(message));
        }
        return;
    }
    const std::string expected = toStd(readFile(stem + ".txt"));
    std::string actual;
    try {
        actual = chatTemplate.render(*conversation->find("messages"), options);
    } catch (const hearth::Error& e) {
        QFAIL(e.what());
    }
    if (actual != expected) {
        size_t at = 0;
        while (at < actual.size() && at < expected.size() && actual[at] == expected[at])
            ++at;
        const size_t from = at > 40 ? at - 40 : 0;
        QFAIL(qPrintable(QStringLiteral("first difference at byte %1\n  actual:   %2\n  expected: %3")
                             .arg(at)
                             .arg(QString::fromStdString(actual.substr(from, 120)).toHtmlEscaped())
                             .arg(QString::fromStdString(expected.substr(from, 120)).toHtmlEscaped())));
    }
}

// Each expected value is what Jinja2 3.1 (with transformers' settings) prints for the template.
void TestChatTemplate::semantics_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("variables");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* name, const char* source, const char* expected,
                        const char* variables = "{}") {
        QTest::newRow(name) << QString::fromUtf8(source) << QString::fromUtf8(variables)
                            << QString::fromUtf8(expected);
    };
    row("trim_blocks", "{% if true %}\nA\n{% endif %}\nB", "A\nB");
    row("lstrip_blocks", "  {% if true %}\n  A\n  {% endif %}\n", "  A\n");
    row("lstrip_not_variables", "  {{ 'x' }}\n", "  x");
    row("minus_control", "a  \n  {%- if true -%}  \n  b  {{- ' c ' -}}  d {%- endif %}", "ab c d");
    row("plus_disables_lstrip", "  {%+ if true %}x{% endif %}", "  x");
    row("trailing_newline_dropped", "x\n", "x");
    row("comment_trims", "a\n  {# note #}\nb", "a\nb");
    row("raw", "{% raw %}{{ x }}{% endraw %}", "{{ x }}");
    row("loop_vars",
        "{% for x in 'abc' %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length "
        "}};{% endfor %}",
        "10TrueFalse3;21FalseFalse3;32FalseTrue3;");
    row("loop_prev_next",
        "{% for x in [1,2,3] %}{{ loop.previtem|default('-') }}{{ loop.nextitem|default('-') }} {% endfor %}",
        "-2 13 2- ");
    row("loop_else", "{% for x in [] %}no{% else %}empty{% endfor %}", "empty");
    row("loop_filter", "{% for x in range(10) if x is odd %}{{ x }}{{ loop.length }} {% endfor %}",
        "15 35 55 75 95 ");
    row("loop_scope",
        "{% set x = 1 %}{% for i in [1,2] %}{{ x }}{% set x = x + 10 %}{{ x }} {% endfor %}{{ x }}",
        "111 111 1");
    row("if_scope_leaks", "{% if true %}{% set y = 5 %}{% endif %}{{ y }}", "5");
    row("namespace",
        "{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}",
        "3");
    row("break_continue",
        "{% for i in range(10) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 4 %}{% break %}{% endif "
        "%}{{ i }}{% endfor %}",
        "013");
    row("macro_defaults",
        "{% macro m(a, b='B', c=none) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(1) }} {{ m(1, c=3) }}",
        "1BNone 1B3");
    row("macro_filter", "{% macro m() %}  x  {% endmacro %}[{{ m()|trim }}]", "[x]");
    row("macro_sees_top_level_only",
        "{% set g = 'G' %}{% macro m() %}{{ g }}{{ i }}{% endmacro %}{% for i in [1] %}{{ m() }}{% endfor %}",
        "G");
    row("macro_recursion",
        "{% macro f(n) %}{{ n }}{% if n > 0 %}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(3) }}", "3210");
    row("call_block", "{% macro box() %}[{{ caller() }}]{% endmacro %}{% call box() %}in{% endcall %}",
        "[in]");
    row("call_block_args",
        "{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}{% call(v) "
        "each([1,2]) %}<{{ v }}>{% endcall %}",
        "<1><2>");
    row("set_block", "{% set s | upper %}abc{% endset %}{{ s }}", "ABC");
    row("filter_block", "{% filter upper %}hi{% endfilter %}", "HI");
    row("with", "{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}{{ a }}", "3");
    row("generation_block", "{% generation %}gen{% endgeneration %}", "gen");
    row("arithmetic",
        "{{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }} {{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }}",
        "3 -4 2 3.5 1024 7 9");
    row("floats", "{{ 1.0 }} {{ 0.1 + 0.2 }} {{ 1e20 }} {{ 0.00001 }} {{ 2.5e-3 }}",
        "1.0 0.30000000000000004 1e+20 1e-05 0.0025");
    row("concat", "{{ 'a' ~ 1 ~ none ~ true }} {{ 'a' + 'b' }} {{ [1] + [2] }}", "a1NoneTrue ab [1, 2]");
    row("comparisons", "{{ 1 < 2 < 3 }} {{ 1 == 1.0 }} {{ 'a' != 'b' }} {{ true == 1 }} {{ [1,2] == [1,2] }}",
        "True True True True True");
    row("in",
        "{{ 'b' in 'abc' }} {{ 2 in [1,2] }} {{ 'k' in {'k': 1} }} {{ 'x' not in 'abc' }} {{ 'x' in "
        "undefined_thing }}",
        "True True True True False");
    row("logic_values", "{{ 0 or 'x' }} {{ 'a' and 'b' }} {{ none or [] }} {{ not 0 }}", "x b [] True");
    row("conditional_expression", "{{ 'y' if 1 else 'n' }}{{ 'y' if 0 else 'n' }}[{{ 'y' if 0 }}]", "yn[]");
    row("undefined", "[{{ nothing }}]{{ nothing is defined }}{{ nothing is undefined }}{{ nothing|length }}",
        "[]FalseTrue0");
    row("missing_key_undefined",
        "{{ messages[0].reasoning is defined }}{{ messages[0]['role'] }}{{ messages[5] is defined }}",
        "FalseuserFalse");
    row("not_precedence", "{{ not x is defined }} {{ not 1 == 2 }}", "True True");
    row("slicing",
        "{{ 'hello'[1:3] }} {{ 'hello'[::-1] }} {{ [1,2,3,4][1:] }} {{ [1,2,3][-1] }} {{ 'héllo'[1] }} {{ "
        "[1,2,3,4,5][::2] }} {{ [1,2,3][:-1] }}",
        "el olleh [2, 3, 4] 3 é [1, 3, 5] [1, 2]");
    row("string_methods",
        "{{ '  a b  '.strip() }}|{{ 'xxaxx'.strip('x') }}|{{ '\\n\\na\\n'.lstrip('\\n') }}|{{ "
        "'a\\n'.rstrip() }}|{{ 'abc'.startswith('ab') }}{{ 'abc'.endswith(('x', 'c')) }}",
        "a b|a|a\n|a|TrueTrue");
    row("split",
        "{{ 'a</t>b</t>c'.split('</t>') }} {{ ' a  b '.split() }} {{ 'a,b,c'.split(',', 1) }} {{ "
        "'a,b,c'.rsplit(',', 1) }}",
        "['a', 'b', 'c'] ['a', 'b'] ['a', 'b,c'] ['a,b', 'c']");
    row("case",
        "{{ 'hello world'.title() }} {{ 'ABC'.lower() }} {{ 'abc'.upper() }} {{ 'hELLO'.capitalize() }} {{ "
        "'straße'.upper() }}",
        "Hello World abc ABC Hello STRASSE");
    row("replace", "{{ 'aaa'.replace('a', 'b', 2) }} {{ 'abc'|replace('b', 'x') }}", "bba axc");
    row("unicode_strip", "[{{ '\\u00a0\\u2003x\\u3000'|trim }}]", "[x]");
    row("filters",
        "{{ [3,1,2]|sort|join(',') }} {{ [1,2,3]|first }}{{ [1,2,3]|last }} {{ 'abc'|list }} {{ "
        "none|default('d') }}{{ x|default('d') }} {{ ''|default('e', true) }} {{ '42'|int + 1 }} {{ 3|string "
        "~ 'x' }} {{ [1,2,2,1]|unique|list }} {{ [1,2]|reverse|list }}",
        "1,2,3 13 ['a', 'b', 'c'] Noned e 43 3x [1, 2] [2, 1]");
    row("items_and_dicts",
        "{% for k, v in {'a': 1, 'b': 2}|items %}{{ k }}={{ v }};{% endfor %}{% for k, v in {'c': 3}.items() "
        "%}{{ k }}{{ v }}{% endfor %}{{ {'a': 1}.get('b', 'none') }}",
        "a=1;b=2;c3none");
    row("selectattr_map",
        "{{ messages|selectattr('role', 'equalto', 'user')|map(attribute='content')|list }} {{ "
        "messages|rejectattr('role', 'equalto', 'user')|list|length }}",
        "['Hi'] 0");
    row("tests",
        "{{ 'a' is string }}{{ 1 is number }}{{ {} is mapping }}{{ [] is iterable }}{{ none is none }}{{ 1 "
        "is integer }}{{ 1.5 is float }}{{ true is boolean }}{{ false is false }}{{ 4 is divisibleby 2 }}{{ "
        "'a' is lower }}",
        "TrueTrueTrueTrueTrueTrueTrueTrueTrueTrueTrue");
    row("tojson_default", R"({{ {"b": [1, 2.5, true, none], "a": "é\"\n"}|tojson }})",
        R"({"b": [1, 2.5, true, null], "a": "é\"\n"})");
    row("tojson_indent", "{{ {'a': [1, {}], 'b': []}|tojson(indent=2) }}",
        "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}");
    row("tojson_options",
        "{{ {'b': 1, 'a': 'é'}|tojson(sort_keys=true, ensure_ascii=true, separators=(',', ':')) }}",
        R"({"a":"\u00e9","b":1})");
    row("repr", "{{ ['a', \"it's\", 1.0, none, true, {'k': 'v'}] }}",
        R"(['a', "it's", 1.0, None, True, {'k': 'v'}])");
    row("strftime_now",
        "{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%B %d, %Y') }}|{{ strftime_now('%Y-%m-%d %A %-d') "
        "}}",
        "26 Jul 2024|July 26, 2024|2024-07-26 Friday 26");
    row("string_escapes", "{{ 'tab\\there' }}|{{ \"q\\\"\" }}|{{ '\\x41\\u00e9' }}|{{ 'a\\d' }}",
        "tab\there|q\"|Aé|a\\d");
    row("set_variable_override",
        "{% if not add_generation_prompt is defined %}{% set add_generation_prompt = false %}{% endif %}{{ "
        "add_generation_prompt }}",
        "True");
    row("extra_variables", "{{ enable_thinking }} {{ tools|length }}", "False 1",
        R"({"enable_thinking": false, "tools": [{"a": 1}]})");
    row("bos_eos", "{{ bos_token }}x{{ eos_token }}", "<s>x</s>");
    row("tuples", "{{ (1, 2) }}{{ (1,) }}{{ {'a': 1}|items|list }}{{ (1, 2) == [1, 2] }}",
        "(1, 2)(1,)[('a', 1)]False");
    row("round_half_even", "{{ 2.5|round }}{{ 3.5|round }}{{ 2.675|round(2) }}{{ 2|round }}", "2.04.02.672");
    row("title_filter_vs_method",
        "{{ 'hello-world (foo) x'|title }} {{ \"it's\"|title }} {{ \"it's\".title() }}",
        "Hello-World (Foo) X It's It'S");
    row("raw_keeps_newline", "{% raw %}\nx{% endraw %}", "\nx");
    row("content_is_data", "{{ messages[0].content }}", "{{ x }}{% if %}",
        R"({"messages": [{"role": "user", "content": "{{ x }}{% if %}"}]})");
}

void TestChatTemplate::semantics()
{
    QFETCH(QString, source);
    QFETCH(QString, variables);
    QFETCH(QString, expected);
    std::string vars = variables.toStdString();
    std::string actual;
    try {
        if (vars.find("\"messages\"") != std::string::npos) {
            const JsonValue all = JsonValue::parse(vars);
            ChatTemplateOptions options = fixedDateOptions();
            actual = ChatTemplate::parse(source.toStdString()).render(*all.find("messages"), options);
        } else {
            actual = render(source.toStdString(), vars);
        }
    } catch (const hearth::Error& e) {
        QFAIL(e.what());
    }
    QCOMPARE(QString::fromStdString(actual), expected);
}

void TestChatTemplate::errorsNameLineAndColumn_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unclosed_expression") << "ab\n  {{ foo( }}"
                                         << "line 2, column 11: unexpected '}' while '(' is still open";
    QTest::newRow("unclosed_block")
        << "x\n{% for m in messages %}\n{{ m }}"
        << "line 2, column 1: the 'for' block is never closed: expected '{% endfor %}'";
    QTest::newRow("unknown_tag") << "{% frobnicate %}"
                                 << "line 1, column 1: unknown or unsupported tag 'frobnicate'";
    QTest::newRow("unknown_filter") << "\n\n   {{ x|regex_replace('a', 'b') }}"
                                    << "line 3, column 9: no filter named 'regex_replace'";
    QTest::newRow("bad_character") << "{{ a $ b }}"
                                   << "line 1, column 6: unexpected character '$'";
    QTest::newRow("unterminated_string") << "{{ 'abc }}"
                                         << "line 1, column 4: unterminated string literal";
    QTest::newRow("raise_exception")
        << "ok\n{% if true %}\n  {{ raise_exception('Roles must alternate') }}\n{% endif %}"
        << "line 3, column 6: Roles must alternate";
    QTest::newRow("undefined_attribute") << "{{ nope.field }}"
                                         << "line 1, column 8: 'nope' is undefined";
    QTest::newRow("type_error") << "\n{{ 'a' + 1 }}"
                                << "line 2, column 8: unsupported operand types for +: string and integer";
    QTest::newRow("column_counts_characters") << "é€{{ 1 + }}"
                                              << "line 1, column 10: expected an expression, found '}}'";
}

void TestChatTemplate::errorsNameLineAndColumn()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QCOMPARE(renderError(source.toStdString()), expected);
}

void TestChatTemplate::limitsStopHostileTemplates_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("endless_loops")
        << "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
        << "was stopped";
    QTest::newRow("gigabyte_by_doubling") << "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set "
                                             "ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"
                                          << "was stopped"; // by size, or by time on a loaded machine
    QTest::newRow("gigabyte_by_repetition") << "{{ 'x' * 1000000000 }}"
                                            << "larger than";
    QTest::newRow("huge_list") << "{{ [1] * 100000000 }}"
                               << "longer than";
    QTest::newRow("huge_range") << "{% for i in range(1000000000) %}{% endfor %}"
                                << "range()";
    QTest::newRow("output_flood") << "{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}"
                                  << "was stopped";
    QTest::newRow("slow_quadratic") << "{% set ns = namespace(s='x' * 8000000) %}{% for i in range(100000) "
                                       "%}{% set ns.t = ns.s ~ '' %}{% endfor %}"
                                    << "was stopped";
    QTest::newRow("infinite_recursion") << "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"
                                        << "levels deep";
    QTest::newRow("deep_parentheses")
        << QString("{{ ") + QString("(").repeated(5000) + "1" + QString(")").repeated(5000) + " }}"
        << "levels deep";
    QTest::newRow("long_operator_chain") << QString("{{ 1") + QString(" + 1").repeated(20000) + " }}"
                                         << "levels deep";
    QTest::newRow("deep_blocks") << QString("{% if true %}").repeated(5000) +
                                        QString("{% endif %}").repeated(5000)
                                 << "levels deep";
    QTest::newRow("self_containing_namespace") << "{% set ns = namespace() %}{% set ns.me = ns %}{{ ns }}"
                                               << "levels deep";
}

void TestChatTemplate::limitsStopHostileTemplates()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QElapsedTimer timer;
    timer.start();
    const QString error = renderError(source.toStdString());
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(error.contains(expected), qPrintable(error));
    qInfo("stopped after %lld ms: %s", elapsed, qPrintable(error));
    QVERIFY2(elapsed < 1000, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
}

void TestChatTemplate::fallsBackToChatMl()
{
    const JsonValue messages =
        JsonValue::parse(R"([{"role": "system", "content": "S"}, {"role": "user", "content": "U"}])");
    ChatTemplateOptions options = fixedDateOptions();
    const hearth::RenderedChat broken =
        hearth::render_chat("{% for m in messages %}{{ m.content", messages, options);
    QCOMPARE(QString::fromStdString(broken.prompt),
             QStringLiteral(
                 "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n"));
    QVERIFY2(QString::fromStdString(broken.warning).contains("line 1, column"), broken.warning.c_str());

    const hearth::RenderedChat raising =
        hearth::render_chat("{{ raise_exception('System role not supported') }}", messages, options);
    QVERIFY(QString::fromStdString(raising.warning).contains("System role not supported"));
    QVERIFY(QString::fromStdString(raising.prompt).startsWith("<|im_start|>system"));

    const hearth::RenderedChat good = hearth::render_chat("{{ messages|length }}", messages, options);
    QCOMPARE(QString::fromStdString(good.prompt), QStringLiteral("2"));
    QVERIFY(good.warning.empty());
}

// Gemma 2's template raises "System role not supported"; render_chat renders it again with the
// system text folded into the first user message, and the result is what the template itself
// prints for that folded conversation.
void TestChatTemplate::foldsSystemIntoFirstUser_data()
{
    QTest::addColumn<QString>("caseName");
    for (const char* name : kGemmaSystemCases)
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestChatTemplate::foldsSystemIntoFirstUser()
{
    QFETCH(QString, caseName);
    const std::string source = toStd(readFile(testdataPath(QStringLiteral("templates/gemma2_it.jinja"))));
    const JsonValue conversation = conversationCase(caseName);
    const JsonValue& messages = *conversation.find("messages");
    const ChatTemplateOptions options = gemmaOptions(conversation);
    QVERIFY_THROWS_EXCEPTION(hearth::Error, ChatTemplate::parse(source).render(messages, options));

    const hearth::RenderedChat rendered = hearth::render_chat(source, messages, options);
    QVERIFY2(rendered.warning.empty(), rendered.warning.c_str());
    const std::string expected = ChatTemplate::parse(source).render(foldedByHand(messages), options);
    QCOMPARE(rendered.prompt, expected);
    QVERIFY(rendered.prompt.starts_with("<bos><start_of_turn>user\n"));
}

// Gemma 3's template folds the system text the same way and prints the same turns, so where
// Gemma 2's trim does not matter its Jinja2 renders are the expected output for Gemma 2.
void TestChatTemplate::foldingMatchesGemma3Vectors_data()
{
    QTest::addColumn<QString>("caseName");
    for (const char* name : {"system_user", "system_multi_turn", "assistant_last"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestChatTemplate::foldingMatchesGemma3Vectors()
{
    QFETCH(QString, caseName);
    const QString dir = testdataPath(QStringLiteral("templates"));
    const JsonValue conversation = conversationCase(caseName);
    const hearth::RenderedChat rendered =
        hearth::render_chat(toStd(readFile(dir + "/gemma2_it.jinja")), *conversation.find("messages"),
                            gemmaOptions(conversation));
    QVERIFY2(rendered.warning.empty(), rendered.warning.c_str());
    QCOMPARE(rendered.prompt, toStd(readFile(dir + "/expected/gemma3_it__" + caseName + ".txt")));
}

void TestChatTemplate::foldingThatStillFailsFallsBack()
{
    const std::string source = toStd(readFile(testdataPath(QStringLiteral("templates/gemma2_it.jinja"))));
    const JsonValue messages = JsonValue::parse(
        R"([{"role": "system", "content": "S"}, {"role": "user", "content": "A"}, {"role": "user", "content": "B"}])");
    const hearth::RenderedChat rendered = hearth::render_chat(source, messages, fixedDateOptions());
    const QString warning = QString::fromStdString(rendered.warning);
    QVERIFY2(warning.contains("System role not supported"), qPrintable(warning));
    QVERIFY2(warning.contains("Conversation roles must alternate"), qPrintable(warning));
    QVERIFY2(warning.contains("ChatML"), qPrintable(warning));
    QVERIFY(rendered.prompt.starts_with("<|im_start|>system\nS<|im_end|>\n"));

    // A template that fails without a system message is not retried.
    const JsonValue user = JsonValue::parse(R"([{"role": "assistant", "content": "A"}])");
    const hearth::RenderedChat alone = hearth::render_chat(source, user, fixedDateOptions());
    QVERIFY(QString::fromStdString(alone.warning).contains("Conversation roles must alternate"));
    QVERIFY(!QString::fromStdString(alone.warning).contains("system message"));
}

// The path every chat takes: a Gemma 2 model file whose template refuses the system role.
void TestChatTemplate::chatPromptFoldsSystemForGemma2()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("gemma2.gguf")).toStdString();
    hearth::GgufWriter writer = hearth::make_test_model({"gemma2", "tiny", "f32", 1});
    writer.set("tokenizer.chat_template",
               toStd(readFile(testdataPath(QStringLiteral("templates/gemma2_it.jinja")))));
    writer.write(path);
    hearth::Engine engine("reference");
    const std::unique_ptr<hearth::Model> model = engine.load(path);
    const hearth::Tokenizer& tokenizer = model->tokenizer();
    const std::string bos = tokenizer.token_text(tokenizer.bos());

    const hearth::ChatPrompt prompt = hearth::build_chat_prompt(
        *model, {{"system", "You are a helpful assistant."}, {"user", "What is the capital of France?"}});
    QVERIFY2(prompt.warning.empty(), prompt.warning.c_str());
    // Jinja2's Gemma 3 render of the same conversation, with this vocabulary's BOS text.
    std::string expected =
        toStd(readFile(testdataPath(QStringLiteral("templates/expected/gemma3_it__system_user.txt"))));
    QVERIFY(expected.starts_with("<bos>"));
    expected.replace(0, 5, bos);
    QCOMPARE(prompt.text, expected);
    QCOMPARE(prompt.tokens, tokenizer.encode(expected, false, true));
    QCOMPARE(prompt.tokens.front(), tokenizer.bos());
}

void TestChatTemplate::simpleMessagesApi()
{
    const ChatTemplate chatTemplate =
        ChatTemplate::parse(toStd(readFile(testdataPath("templates/chatml.jinja"))));
    const std::string prompt = chatTemplate.render({{"user", "Hello!"}}, true, "<s>", "<|im_end|>");
    QCOMPARE(prompt, toStd(readFile(testdataPath("templates/expected/chatml__single_user.txt"))));
}

void TestChatTemplate::jsonParser()
{
    const JsonValue value =
        JsonValue::parse(R"( {"a": [1, -2.5e3, true, false, null, "\u00e9\ud83d\ude00\n"], "b": {}} )");
    QCOMPARE(value.find("a")->as_array().size(), size_t(6));
    QCOMPARE(value.find("a")->as_array()[0].as_int(), std::int64_t(1));
    QCOMPARE(value.find("a")->as_array()[1].as_double(), -2500.0);
    QCOMPARE(value.find("a")->as_array()[5].as_string(), std::string("é😀\n"));
    for (const char* bad : {"", "[1,]", "{\"a\" 1}", "[01]", "\"\\ud800\"", "[1] x", "\"a\nb\"", "'a'",
                            "\"\xff\"", "{\"a\":}", "nul", "[1e999]"}) {
        bool threw = false;
        try {
            JsonValue::parse(bad);
        } catch (const hearth::Error&) {
            threw = true;
        }
        QVERIFY2(threw, bad);
    }
    QVERIFY_THROWS_EXCEPTION(hearth::Error,
                             JsonValue::parse(std::string(1000, '[') + std::string(1000, ']')));
    try {
        JsonValue::parse("[1,\n  2,\n  x]");
    } catch (const hearth::Error& e) {
        QCOMPARE(QString::fromStdString(e.what()),
                 QStringLiteral("JSON line 3, column 3: unexpected character 'x'"));
    }
}

void TestChatTemplate::jsonQuote()
{
    const std::string text = "a\"b\\c\nd\re\tf\x01g\x7fh é😀";
    const std::string quoted = hearth::json_quote(text);
    QCOMPARE(quoted, std::string(R"("a\"b\\c\nd\re\tf\u0001g\u007fh é😀")"));
    QCOMPARE(JsonValue::parse(quoted).as_string(), text);
    QCOMPARE(hearth::json_quote(""), std::string("\"\""));
}

void TestChatTemplate::cliReproducesVectors()
{
    const QString dir = testdataPath(QStringLiteral("templates"));
    const JsonValue conversations = JsonValue::parse(toStd(readFile(dir + "/conversations.json")));
    const QStringList cases = {"qwen3__think_history", "llama3_1_instruct__system_multi_turn",
                               "gpt_oss__unicode_emoji", "gemma2_it__system_user"};
    for (const QString& name : cases) {
        const QString templateName = name.section("__", 0, 0);
        const QString caseName = name.section("__", 1, 1);
        const JsonValue* conversation = nullptr;
        for (const JsonValue& c : conversations.as_array())
            if (c.find("name")->as_string() == caseName.toStdString())
                conversation = &c;
        QVERIFY(conversation);
        // Write the case's messages as their own file, as a user would pass them.
        QTemporaryFile messages;
        QVERIFY(messages.open());
        const QJsonDocument all = QJsonDocument::fromJson(readFile(dir + "/conversations.json"));
        for (const QJsonValue& c : all.array())
            if (c.toObject().value("name").toString() == caseName)
                messages.write(QJsonDocument(c.toObject().value("messages").toArray()).toJson());
        messages.close();
        const JsonValue templates = JsonValue::parse(toStd(readFile(dir + "/templates.json")));
        const JsonValue* info = templates.find(templateName.toStdString());
        QStringList args = {"chat-template",
                            "--template",
                            dir + "/" + templateName + ".jinja",
                            "--messages",
                            messages.fileName(),
                            "--bos",
                            QString::fromStdString(info->find("bos_token")->as_string()),
                            "--eos",
                            QString::fromStdString(info->find("eos_token")->as_string()),
                            "--date",
                            "2024-07-26"};
        if (conversation->find("add_generation_prompt")->as_bool())
            args << "--add-generation-prompt";
        QProcess cli;
        cli.start(hearthCli(), args);
        QVERIFY(cli.waitForFinished(30000));
        const QString stem = dir + "/expected/" + name;
        if (QFile::exists(stem + ".error")) {
            QVERIFY(cli.exitCode() != 0);
            QVERIFY2(QString::fromUtf8(cli.readAllStandardError())
                         .contains(QString::fromUtf8(readFile(stem + ".error"))),
                     qPrintable(name));
        } else {
            QCOMPARE(cli.exitCode(), 0);
            QCOMPARE(cli.readAllStandardOutput(), readFile(stem + ".txt"));
        }
    }
}

void TestChatTemplate::cliUsesModelTemplate()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString model = dir.filePath("tiny.gguf");
    QProcess make;
    make.start(hearthCli(), {"make-test-model", "--preset", "tiny", "-o", model});
    QVERIFY(make.waitForFinished(60000));
    QCOMPARE(make.exitCode(), 0);
    QFile messages(dir.filePath("messages.json"));
    QVERIFY(messages.open(QIODevice::WriteOnly));
    messages.write(R"([{"role": "system", "content": "S"}, {"role": "user", "content": "Hi"}])");
    messages.close();

    QProcess cli;
    cli.start(hearthCli(), {"chat-template", "--model", model, "--messages", messages.fileName(),
                            "--add-generation-prompt"});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    QCOMPARE(cli.readAllStandardOutput(),
             QByteArray(
                 "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"));

    // BOS and EOS come from the model's vocabulary unless given.
    QFile probe(dir.filePath("probe.jinja"));
    QVERIFY(probe.open(QIODevice::WriteOnly));
    probe.write("[{{ bos_token }}|{{ eos_token }}]");
    probe.close();
    cli.start(hearthCli(), {"chat-template", "--template", probe.fileName(), "--messages",
                            messages.fileName(), "--bos", "B", "--eos", "E"});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.readAllStandardOutput(), QByteArray("[B|E]"));
}

void TestChatTemplate::cliReportsErrors()
{
    QTemporaryDir dir;
    QFile broken(dir.filePath("broken.jinja"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{% for m in messages %}\n{{ m.content }\n");
    broken.close();
    QFile messages(dir.filePath("messages.json"));
    QVERIFY(messages.open(QIODevice::WriteOnly));
    messages.write(R"([{"role": "user", "content": "Hi"}])");
    messages.close();
    QProcess cli;
    cli.start(hearthCli(),
              {"chat-template", "--template", broken.fileName(), "--messages", messages.fileName()});
    QVERIFY(cli.waitForFinished(30000));
    QVERIFY(cli.exitCode() != 0);
    const QString error = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(error.startsWith("hearth-cli chat-template: line 2, column"), qPrintable(error));
    QVERIFY(cli.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TestChatTemplate)
#include "tst_chat_template.moc"
