// hearth-cli embed: the embedding of each TEXT with an embedding model (bert, nomic-bert), one
// vector per text, as numbers on a line or as JSON.
#include "command.h"
#include "hearth/error.h"
#include "loadprogress.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

int runEmbed(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Print the embedding of each TEXT: one line of numbers per text (unit length, as the model pools "
        "them), or with --json one object. Needs an embedding model such as bge or nomic-embed-text; a "
        "text longer than the model's context is cut to it, and a note on stderr says which.");
    parser.addHelpOption();
    parser.addOptions({
        {{"m", "model"}, "The GGUF embedding model.", "FILE"},
        {"device", "GPU index, part of its name, or 'reference' for the CPU reference.", "DEVICE"},
        {"json", "Print {\"model\", \"dimension\", \"embeddings\": [{\"index\", \"tokens\", \"truncated\", "
                 "\"embedding\"}]}."},
    });
    parser.addPositionalArgument("TEXT", "A text to embed (repeatable).", "TEXT...");
    parser.process(QStringList{"hearth-cli embed"} + args);
    if (!parser.isSet("model"))
        throw hearth::Error("no model given; pass -m FILE");
    const QStringList texts = parser.positionalArguments();
    if (texts.isEmpty())
        throw hearth::Error("nothing to embed; give one or more TEXT arguments");
    for (qsizetype i = 0; i < texts.size(); ++i)
        if (texts[i].trimmed().isEmpty())
            throw hearth::Error("text " + std::to_string(i + 1) + " is empty; there is nothing to embed");

    EngineService engine;
    LoadRequest request;
    request.path = parser.value("model");
    request.device = parser.value("device");
    const LoadOutcome loaded = loadModelForCli(engine, request);

    EngineJob job;
    job.kind = JobKind::Embedding;
    job.clientId = QStringLiteral("cli");
    job.texts = texts;
    const JobOutcome outcome = runJobAndWait(engine, job);
    if (!outcome.error.isEmpty())
        throw hearth::Error(outcome.error.toStdString());
    const QList<TextEmbedding>& embeddings = outcome.stats.embeddings;
    for (qsizetype i = 0; i < embeddings.size(); ++i)
        if (embeddings[i].truncated)
            std::fprintf(stderr,
                         "note: text %lld is longer than the model's context of %d tokens; only its first %d "
                         "tokens were embedded\n",
                         static_cast<long long>(i + 1), loaded.contextLength, embeddings[i].tokens);

    if (parser.isSet("json")) {
        QJsonArray items;
        for (qsizetype i = 0; i < embeddings.size(); ++i) {
            QJsonArray values;
            for (float v : embeddings[i].values)
                values.append(double(v));
            items.append(QJsonObject{{"index", int(i)},
                                     {"tokens", embeddings[i].tokens},
                                     {"truncated", embeddings[i].truncated},
                                     {"embedding", values}});
        }
        const QJsonObject result{{"model", QFileInfo(request.path).fileName()},
                                 {"dimension", loaded.embeddingLength},
                                 {"embeddings", items}};
        QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
        return 0;
    }
    QTextStream out(stdout);
    for (const TextEmbedding& e : embeddings) {
        QStringList numbers;
        for (float v : e.values)
            numbers << QString::number(double(v), 'g', 7);
        out << numbers.join(QLatin1Char(' ')) << "\n";
    }
    return 0;
}

static const CommandRegistrar registration("embed", "print the embedding of texts (embedding models)",
                                           runEmbed);
