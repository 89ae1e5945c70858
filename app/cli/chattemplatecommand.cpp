// hearth-cli chat-template: renders a conversation with a chat template (a .jinja file, or the one
// inside a GGUF model) and prints the prompt exactly, without adding a newline.
#include "command.h"
#include "hearth/chat_template.h"
#include "hearth/error.h"
#include "hearth/gguf.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>
#include <QTextStream>

namespace {

std::string readFile(const QString& path, const char* what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw hearth::Error(std::string("cannot read the ") + what + " file " + path.toStdString() + ": " +
                            file.errorString().toStdString());
    const QByteArray bytes = file.readAll();
    return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

// The text of a special token named by its id key (tokenizer.ggml.bos_token_id), or "".
std::string tokenText(const hearth::GgufFile& model, const char* idKey)
{
    if (!model.has(idKey) || !model.has("tokenizer.ggml.tokens"))
        return {};
    const auto id = model.get<uint64_t>(idKey);
    const auto tokens = model.get<std::vector<std::string_view>>("tokenizer.ggml.tokens");
    return id < tokens.size() ? std::string(tokens[id]) : std::string();
}

hearth::ChatTemplateDate parseDate(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2}))?)?$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        throw hearth::Error("--date wants YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], not '" + text.toStdString() +
                            "'");
    return {match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt(),
            match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt()};
}

} // namespace

int runChatTemplate(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Renders a conversation with a chat template and prints the prompt exactly (no newline added)."));
    const QCommandLineOption templateOption(
        QStringLiteral("template"), QStringLiteral("Jinja template file."), QStringLiteral("FILE.jinja"));
    const QCommandLineOption modelOption(
        QStringLiteral("model"),
        QStringLiteral("GGUF model whose tokenizer.chat_template (and BOS/EOS) to use."),
        QStringLiteral("FILE.gguf"));
    const QCommandLineOption messagesOption(
        QStringLiteral("messages"), QStringLiteral("JSON array of messages ({\"role\", \"content\", ...})."),
        QStringLiteral("FILE.json"));
    const QCommandLineOption generationOption(QStringLiteral("add-generation-prompt"),
                                              QStringLiteral("End with the assistant turn's opening."));
    const QCommandLineOption bosOption(QStringLiteral("bos"),
                                       QStringLiteral("bos_token text (default: the model's)."),
                                       QStringLiteral("TEXT"));
    const QCommandLineOption eosOption(QStringLiteral("eos"),
                                       QStringLiteral("eos_token text (default: the model's)."),
                                       QStringLiteral("TEXT"));
    const QCommandLineOption dateOption(QStringLiteral("date"),
                                        QStringLiteral("The date strftime_now() sees (default: now)."),
                                        QStringLiteral("YYYY-MM-DD"));
    parser.addOptions(
        {templateOption, modelOption, messagesOption, generationOption, bosOption, eosOption, dateOption});
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("hearth-cli chat-template")} + args)) {
        QTextStream(stderr) << "hearth-cli chat-template: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.isSet(templateOption) == parser.isSet(modelOption) || !parser.isSet(messagesOption)) {
        QTextStream(stderr)
            << "hearth-cli chat-template: give --template FILE or --model FILE, and --messages FILE"
            << " (see --help)\n";
        return 2;
    }

    hearth::ChatTemplateOptions options;
    std::string source;
    if (parser.isSet(modelOption)) {
        const hearth::GgufFile model = hearth::GgufFile::open(parser.value(modelOption).toStdString());
        if (!model.has("tokenizer.chat_template"))
            throw hearth::Error("the model " + model.path() + " has no tokenizer.chat_template");
        source = model.get<std::string>("tokenizer.chat_template");
        options.bos_token = tokenText(model, "tokenizer.ggml.bos_token_id");
        options.eos_token = tokenText(model, "tokenizer.ggml.eos_token_id");
    } else {
        source = readFile(parser.value(templateOption), "template");
    }
    if (parser.isSet(bosOption))
        options.bos_token = parser.value(bosOption).toStdString();
    if (parser.isSet(eosOption))
        options.eos_token = parser.value(eosOption).toStdString();
    if (parser.isSet(dateOption))
        options.now = parseDate(parser.value(dateOption));
    options.add_generation_prompt = parser.isSet(generationOption);

    const hearth::JsonValue messages =
        hearth::JsonValue::parse(readFile(parser.value(messagesOption), "messages"));
    const std::string prompt = hearth::ChatTemplate::parse(source).render(messages, options);
    std::fwrite(prompt.data(), 1, prompt.size(), stdout);
    std::fflush(stdout);
    return 0;
}

static const CommandRegistrar registration("chat-template", "render a conversation with a chat template",
                                           runChatTemplate);
