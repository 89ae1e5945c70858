// hearth-cli generate: raw completion of a prompt (no chat template), streamed or as JSON.
#include "command.h"
#include "loadprogress.h"
#include "samplingoptions.h"

#include "hearth/error.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

int runGenerate(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Continue a prompt with a model (raw completion, no chat template). BOS is added when the model's "
        "metadata asks for it; an empty prompt means BOS alone.");
    parser.addHelpOption();
    addModelRunOptions(parser, 128);
    parser.addOptions({
        {{"p", "prompt"}, "The prompt text.", "TEXT", ""},
        {"stop", "Stop when the output would contain TEXT (repeatable).", "TEXT"},
        {"json", "Print one JSON object with the tokens, text, top logits and timings."},
    });
    parser.process(QStringList{"hearth-cli generate"} + args);
    const ModelRunOptions options = readModelRunOptions(parser);
    const bool json = parser.isSet("json");

    EngineService engine;
    const LoadOutcome loaded = loadModelForCli(engine, options.loadRequest());

    EngineJob job;
    job.kind = JobKind::Completion;
    job.clientId = QStringLiteral("cli");
    job.prompt = parser.value("prompt");
    job.sampling = options.sampling;
    job.maxTokens = options.maxTokens;
    job.stopStrings = parser.values("stop");
    const JobOutcome outcome = runJobAndWait(engine, job, [&](const QString& piece) {
        if (!json)
            printPiece(piece);
    });
    if (!outcome.error.isEmpty())
        throw hearth::Error(outcome.error.toStdString());
    const JobStats& result = outcome.stats;

    if (json) {
        const auto ids = [](const QList<int>& tokens) {
            QJsonArray array;
            for (int t : tokens)
                array.append(t);
            return array;
        };
        QJsonArray top;
        for (const auto& [id, logit] : result.topLogits)
            top.append(QJsonArray{id, double(logit)});
        const QJsonObject object{
            {"model", QFileInfo(QString::fromStdString(options.model)).fileName()},
            {"device", loaded.device},
            {"prompt_tokens", ids(result.promptTokenIds)},
            {"tokens", ids(result.tokens)},
            {"text", outcome.text},
            {"top_logits", top},
            {"prompt_ms", result.promptMs},
            {"gen_ms", result.generationMs},
            {"prompt_tps", result.promptTokensPerSecond()},
            {"gen_tps", result.tokensPerSecond()},
            {"stop_reason", result.finishReason},
        };
        QTextStream(stdout) << QJsonDocument(object).toJson(QJsonDocument::Compact) << "\n";
    } else {
        std::fputc('\n', stdout);
        QTextStream(stderr) << QString::asprintf(
            "[%d prompt tokens in %.1f ms (%.1f tok/s), %d tokens in %.1f ms (%.1f tok/s), first token after "
            "%.1f ms, stop: %s, device: %s]\n",
            result.evaluatedTokens, result.promptMs, result.promptTokensPerSecond(), result.generatedTokens,
            result.generationMs, result.tokensPerSecond(), result.firstTokenMs, qPrintable(result.finishReason),
            qPrintable(loaded.device));
    }
    return 0;
}

static const CommandRegistrar registration("generate", "continue a prompt with a model (raw completion)",
                                           runGenerate);
