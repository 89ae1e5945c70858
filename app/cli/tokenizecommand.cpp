// hearth-cli tokenize: the token ids and pieces a model's tokenizer makes of a text.
#include "command.h"
#include "hearth/gguf.h"
#include "hearth/json.h"
#include "hearth/tokenizer.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QStringList>
#include <QTextStream>
#include <string>

namespace {

// A piece as a JSON value: a string when it is valid UTF-8, else the array of its byte values
// (a piece may be one byte of a multi-byte character).
std::string jsonPiece(const std::string& piece)
{
    if (!hearth::is_valid_utf8(piece)) {
        std::string out = "[";
        for (size_t i = 0; i < piece.size(); ++i) {
            if (i)
                out += ",";
            out += std::to_string(static_cast<unsigned char>(piece[i]));
        }
        return out + "]";
    }
    return hearth::json_quote(piece);
}

// A piece for the terminal: control characters and bytes that are not UTF-8 written as escapes.
std::string displayPiece(const std::string& piece)
{
    std::string out;
    for (size_t i = 0; i < piece.size();) {
        const auto u = static_cast<unsigned char>(piece[i]);
        size_t length = 0; // of a whole valid character at i
        for (size_t n = 1; n <= 4 && i + n <= piece.size() && !length; ++n)
            length = hearth::is_valid_utf8(std::string_view(piece).substr(i, n)) ? n : 0;
        if (u == '\n' || u == '\t' || u == '\r') {
            out += u == '\n' ? "\\n" : u == '\t' ? "\\t" : "\\r";
            ++i;
        } else if (length == 0 || u < 0x20 || u == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            out += buf;
            ++i;
        } else {
            out.append(piece, i, length);
            i += length;
        }
    }
    return out;
}

} // namespace

int runTokenize(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Prints the token ids and pieces of TEXT (or of standard input when no TEXT is "
                       "given), as the model's "
                       "tokenizer makes them. BOS/EOS are added as the model's metadata says."));
    parser.addHelpOption();
    parser.addOption({{QStringLiteral("m"), QStringLiteral("model")},
                      QStringLiteral("GGUF model or vocabulary file."),
                      QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("special"), QStringLiteral("Parse special-token text such as <|im_end|>.")});
    parser.addOption(
        {QStringLiteral("no-bos"), QStringLiteral("Do not add BOS/EOS even if the model asks for them.")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print {\"ids\": [...], \"pieces\": [...]}.")});
    parser.addOption(
        {QStringLiteral("file"), QStringLiteral("Read the text from FILE."), QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("bench"),
         QStringLiteral("Tokenize the text repeated to at least 1 MB and print the throughput.")});
    parser.addPositionalArgument(QStringLiteral("TEXT"), QStringLiteral("The text to tokenize."));
    if (!parser.parse(QStringList{QStringLiteral("hearth-cli tokenize")} + args)) {
        QTextStream(stderr) << "hearth-cli tokenize: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (!parser.isSet(QStringLiteral("model"))) {
        QTextStream(stderr) << "hearth-cli tokenize: -m FILE is required (see --help)\n";
        return 2;
    }

    std::string text;
    if (parser.isSet(QStringLiteral("file"))) {
        QFile file(parser.value(QStringLiteral("file")));
        if (!file.open(QIODevice::ReadOnly)) {
            QTextStream(stderr) << "hearth-cli tokenize: cannot read " << file.fileName() << ": "
                                << file.errorString() << "\n";
            return 1;
        }
        text = file.readAll().toStdString();
    } else if (!parser.positionalArguments().isEmpty()) {
        text = parser.positionalArguments().join(QLatin1Char(' ')).toStdString();
    } else {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return 1;
        text = in.readAll().toStdString();
    }

    const hearth::GgufFile file = hearth::GgufFile::open(parser.value(QStringLiteral("model")).toStdString());
    const hearth::Tokenizer tokenizer = hearth::Tokenizer::from_gguf(file);
    for (const std::string& warning : tokenizer.warnings())
        QTextStream(stderr) << "warning: " << QString::fromStdString(warning) << "\n";
    const bool addSpecial = !parser.isSet(QStringLiteral("no-bos"));
    const bool parseSpecial = parser.isSet(QStringLiteral("special"));

    if (parser.isSet(QStringLiteral("bench"))) {
        if (text.empty())
            text = "The quick brown fox jumps over the lazy dog. ";
        std::string big;
        while (big.size() < (1u << 20))
            big += text;
        QElapsedTimer timer;
        timer.start();
        const std::vector<int32_t> ids = tokenizer.encode(big, addSpecial, parseSpecial);
        const double seconds = std::max<qint64>(timer.nsecsElapsed(), 1) * 1e-9;
        QTextStream(stdout) << big.size() << " bytes -> " << ids.size() << " tokens in "
                            << QString::number(seconds * 1000.0, 'f', 1)
                            << " ms: " << QString::number(big.size() / seconds / 1e6, 'f', 2) << " MB/s, "
                            << QString::number(ids.size() / seconds / 1e6, 'f', 2) << " M tokens/s\n";
        return 0;
    }

    const std::vector<int32_t> ids = tokenizer.encode(text, addSpecial, parseSpecial);
    std::string out;
    if (parser.isSet(QStringLiteral("json"))) {
        out = "{\"ids\": [";
        for (size_t i = 0; i < ids.size(); ++i) {
            if (i)
                out += ", ";
            out += std::to_string(ids[i]);
        }
        out += "], \"pieces\": [";
        for (size_t i = 0; i < ids.size(); ++i) {
            if (i)
                out += ", ";
            out += jsonPiece(tokenizer.token_piece(ids[i]));
        }
        out += "]}\n";
    } else {
        for (int32_t id : ids)
            out += std::to_string(id) + "\t" + displayPiece(tokenizer.token_piece(id)) + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

static const CommandRegistrar registration("tokenize", "print the token ids and pieces of a text",
                                           runTokenize);
