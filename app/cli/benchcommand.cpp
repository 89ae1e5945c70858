// hearth-cli bench: prompt-processing and generation speed of a model on a device, as the median
// over repetitions with the spread, and the decode bandwidth that implies.
#include "command.h"
#include "loadprogress.h"

#include "hearth/error.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

namespace {

using Clock = std::chrono::steady_clock;

struct Stats {
    double median = 0, min = 0, max = 0;
};

Stats stats(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    const double median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    return {median, values.front(), values.back()};
}

int positiveOption(const QCommandLineParser& parser, const QString& name)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < 1)
        throw hearth::Error("--" + name.toStdString() + " needs a whole number of at least 1");
    return value;
}

// Embedding throughput: `chunks` random chunks of pp tokens per repetition, one Embedding job
// (the engine packs them into passes), timed by the worker around its encoder passes.
int benchEmbedding(EngineService& engine, const LoadedModel& loaded, const QCommandLineParser& parser, int pp,
                   int chunks, int reps, double loadMs)
{
    if (pp > loaded.contextLength)
        throw hearth::Error("--pp " + std::to_string(pp) + " exceeds the embedding model's context of " +
                            std::to_string(loaded.contextLength) + " tokens");
    std::mt19937 rng(1);
    std::uniform_int_distribution<int> token(0, loaded.vocabSize - 1);
    std::vector<double> rates;
    for (int rep = 0; rep < reps; ++rep) {
        EngineJob job;
        job.kind = JobKind::Embedding;
        job.clientId = QStringLiteral("bench");
        job.priority = JobPriority::Interactive;
        for (int c = 0; c < chunks; ++c) {
            QList<int> chunk;
            for (int i = 0; i < pp; ++i)
                chunk.append(token(rng));
            job.tokenSequences.append(chunk);
        }
        const JobOutcome outcome = runJobAndWait(engine, job);
        if (!outcome.error.isEmpty())
            throw hearth::Error(outcome.error.toStdString());
        rates.push_back(1000.0 * chunks / outcome.stats.promptMs);
    }
    const Stats s = stats(rates);
    if (parser.isSet("json")) {
        const QJsonObject result{
            {"model", QFileInfo(parser.value("model")).fileName()},
            {"device", loaded.device},
            {"chunk_tokens", pp},
            {"chunks", chunks},
            {"reps", reps},
            {"load_ms", loadMs},
            {"chunks_per_second", QJsonObject{{"median", s.median}, {"min", s.min}, {"max", s.max}}},
            {"tokens_per_second", s.median * pp},
        };
        QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
        return 0;
    }
    std::printf("model   %s (embedding model, %d dimensions), loaded in %.0f ms\ndevice  %s\n",
                QFileInfo(parser.value("model")).fileName().toUtf8().constData(), loaded.embeddingLength,
                loadMs, qPrintable(loaded.device));
    std::printf(
        "embed %d-token chunks %10.2f chunks/s  (min %.2f, max %.2f over %d runs of %d; %.0f tok/s)\n", pp,
        s.median, s.min, s.max, reps, chunks, s.median * pp);
    return 0;
}

} // namespace

int runBench(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Measure a model's prompt processing (pp) and generation (tg) speed: pp prompt tokens in one "
        "prefill, then tg tokens decoded one at a time, repeated; prints the median and the range. For an "
        "embedding model: chunks of pp tokens embedded per second, --chunks of them per repetition.");
    parser.addHelpOption();
    parser.addOptions({
        {{"m", "model"}, "The GGUF model file.", "FILE"},
        {"pp", "Prompt tokens per repetition (default 512).", "N", "512"},
        {"tg", "Generated tokens per repetition (default 128).", "N", "128"},
        {"reps", "Repetitions (default 3).", "N", "3"},
        {"chunks", "Embedding models: chunks of pp tokens per repetition (default 16).", "N", "16"},
        {"device", "GPU index, part of its name, or 'reference' for the CPU reference.", "DEVICE"},
        {"json", "Print one JSON object."},
    });
    parser.process(QStringList{"hearth-cli bench"} + args);
    if (!parser.isSet("model"))
        throw hearth::Error("no model given; pass -m FILE");
    const int pp = positiveOption(parser, "pp"), tg = positiveOption(parser, "tg"), reps = positiveOption(parser, "reps");

    // Through the engine service like every answer: what is measured is what a user gets,
    // sampling and streaming included. Each prompt is one forward pass (the batch is pp).
    EngineService engine;
    LoadRequest request;
    request.path = parser.value("model");
    request.device = parser.value("device");
    request.contextLength = pp + tg + 1;
    request.batchSize = pp;
    const Clock::time_point loadStart = Clock::now();
    const LoadOutcome loaded = loadModelForCli(engine, request);
    const double loadMs = std::chrono::duration<double, std::milli>(Clock::now() - loadStart).count();
    if (loaded.embedding)
        return benchEmbedding(engine, loaded, parser, pp, positiveOption(parser, "chunks"), reps, loadMs);
    if (loaded.contextLength < pp + tg + 1)
        throw hearth::Error("--pp plus --tg exceeds the model's context of " + std::to_string(loaded.contextLength) +
                            " tokens");

    // Random tokens: speed does not depend on what they say. Greedy, and never stopping early,
    // so every repetition decodes tg tokens after its prompt (tg + 1 sampled: the first comes
    // from the prompt's logits).
    std::mt19937 rng(1);
    std::uniform_int_distribution<int> token(0, loaded.vocabSize - 1);
    std::vector<double> prompt, generation;
    for (int rep = 0; rep < reps; ++rep) {
        EngineJob job;
        job.kind = JobKind::Completion;
        job.clientId = QStringLiteral("bench");
        for (int i = 0; i < pp; ++i)
            job.promptTokens.append(token(rng));
        job.sampling.temperature = 0;
        job.maxTokens = tg + 1;
        job.ignoreEndOfGeneration = true;
        const JobOutcome outcome = runJobAndWait(engine, job);
        if (!outcome.error.isEmpty())
            throw hearth::Error(outcome.error.toStdString());
        prompt.push_back(1000.0 * outcome.stats.evaluatedTokens / outcome.stats.promptMs);
        generation.push_back(1000.0 * tg / outcome.stats.generationMs);
    }
    const Stats pps = stats(prompt), tgs = stats(generation);
    const double gigabytes = double(loaded.weightBytes) / 1e9;

    if (parser.isSet("json")) {
        const auto object = [](const Stats& s) {
            return QJsonObject{{"median", s.median}, {"min", s.min}, {"max", s.max}};
        };
        const QJsonObject result{
            {"model", QFileInfo(parser.value("model")).fileName()},
            {"device", loaded.device},
            {"pp", pp},
            {"tg", tg},
            {"reps", reps},
            {"load_ms", loadMs},
            {"weight_bytes", double(loaded.weightBytes)},
            {"prompt_tps", object(pps)},
            {"gen_tps", object(tgs)},
            {"decode_gbps", tgs.median * gigabytes},
        };
        QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
        return 0;
    }
    std::printf("model   %s (%.1f MB of weights), loaded in %.0f ms\ndevice  %s\n",
                QFileInfo(parser.value("model")).fileName().toUtf8().constData(), gigabytes * 1000, loadMs,
                qPrintable(loaded.device));
    std::printf("pp%-5d %10.2f tok/s  (min %.2f, max %.2f over %d runs)\n", pp, pps.median, pps.min, pps.max, reps);
    std::printf("tg%-5d %10.2f tok/s  (min %.2f, max %.2f over %d runs)\n", tg, tgs.median, tgs.min, tgs.max, reps);
    std::printf("decode bandwidth %.2f GB/s (weights read per token / time per token)\n", tgs.median * gigabytes);
    return 0;
}

static const CommandRegistrar registration("bench", "measure a model's prompt and generation speed",
                                           runBench);
