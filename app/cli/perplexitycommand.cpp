// hearth-cli perplexity: how well a model predicts a text, by llama.cpp's definition, so that a
// change that touches numerics (a fused kernel, a quantized cache) shows whether it costs
// quality. The text is cut into consecutive windows of --ctx tokens; each window starts from
// BOS (when the model uses one) and only its second half is scored, so every scored token has
// at least half a window of context. PPL = exp(mean negative log-likelihood), with the standard
// error of that mean carried through.
#include "command.h"
#include "hearth/error.h"
#include "hearth/gguf.h"
#include "hearth/tokenizer.h"
#include "loadprogress.h"

#include <cmath>
#include <cstdio>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace {

constexpr qint64 kMaxTextBytes = 64 << 20;

struct Accumulator {
    double nll = 0, nll2 = 0;
    qint64 count = 0;

    void add(double logprob)
    {
        nll -= logprob;
        nll2 += logprob * logprob;
        ++count;
    }
    double perplexity() const { return std::exp(nll / double(count)); }
    double error() const // of the perplexity, from the spread of the per-token log-likelihoods
    {
        if (count < 2)
            return 0;
        const double mean = nll / double(count);
        const double variance = std::max(0.0, nll2 / double(count) - mean * mean);
        return perplexity() * std::sqrt(variance / double(count - 1));
    }
};

std::string readText(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw hearth::Error(path.toStdString() + ": " + file.errorString().toStdString());
    if (file.size() > kMaxTextBytes)
        throw hearth::Error(path.toStdString() + " is larger than 64 MB; score a part of it");
    return file.readAll().toStdString();
}

int wholeNumber(const QCommandLineParser& parser, const QString& name, int min)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min)
        throw hearth::Error("--" + name.toStdString() + " needs a whole number of at least " +
                            std::to_string(min));
    return value;
}

} // namespace

int runPerplexity(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Perplexity of a model on a text, as llama.cpp defines it: consecutive windows of --ctx tokens, "
        "the second half of each scored. Lower is better; compare runs on the same file and --ctx only.");
    parser.addHelpOption();
    parser.addOptions({
        {{"m", "model"}, "The GGUF model file.", "FILE"},
        {{"f", "file"}, "The text to score (UTF-8).", "TEXT"},
        {"ctx", "Tokens per window (default 512).", "N", "512"},
        {"windows", "Score at most this many windows (default: all).", "N", "0"},
        {"device", "GPU index, part of its name, or 'reference' for the CPU reference.", "DEVICE"},
        {"json", "Print one JSON object."},
    });
    parser.process(QStringList{"hearth-cli perplexity"} + args);
    if (!parser.isSet("model"))
        throw hearth::Error("no model given; pass -m FILE");
    if (!parser.isSet("file"))
        throw hearth::Error("no text given; pass -f TEXT");
    const int context = wholeNumber(parser, "ctx", 8);
    const int maxWindows = wholeNumber(parser, "windows", 0);
    const bool json = parser.isSet("json");

    const std::string text = readText(parser.value("file"));
    const hearth::GgufFile gguf = hearth::GgufFile::open(parser.value("model").toStdString());
    const hearth::Tokenizer tokenizer = hearth::Tokenizer::from_gguf(gguf);
    const std::vector<int32_t> tokens = tokenizer.encode(text, true, false); // with BOS, as llama.cpp scores
    const qint64 available = qint64(tokens.size()) / context;
    if (available < 1)
        throw hearth::Error(parser.value("file").toStdString() + " is " + std::to_string(tokens.size()) +
                            " tokens long; one window needs --ctx " + std::to_string(context) +
                            ": give a longer text or a smaller --ctx");
    const qint64 windows = maxWindows > 0 ? std::min<qint64>(available, maxWindows) : available;

    EngineService engine;
    LoadRequest request;
    request.path = parser.value("model");
    request.device = parser.value("device");
    request.contextLength = context;
    request.batchSize = context;
    const LoadOutcome loaded = loadModelForCli(engine, request);
    if (loaded.contextLength < context)
        throw hearth::Error("--ctx " + std::to_string(context) + " exceeds the model's context of " +
                            std::to_string(loaded.contextLength) + " tokens");

    // Each window: the first half and one more token as the prompt (its last logits predict the
    // next token), then the rest forced one at a time and scored.
    const int first = context / 2;
    QElapsedTimer clock;
    clock.start();
    Accumulator total;
    QJsonArray perWindow;
    for (qint64 w = 0; w < windows; ++w) {
        const auto begin = tokens.begin() + ptrdiff_t(w * context);
        std::vector<int32_t> window(begin, begin + context);
        if (tokenizer.add_bos() && tokenizer.bos() >= 0)
            window[0] = tokenizer.bos();
        EngineJob job;
        job.kind = JobKind::Completion;
        job.clientId = QStringLiteral("perplexity");
        job.promptTokens = QList<int>(window.begin(), window.begin() + first + 1);
        job.forcedTokens = QList<int>(window.begin() + first + 1, window.end());
        job.maxTokens = int(job.forcedTokens.size());
        job.topLogprobs = 0;
        const JobOutcome outcome = runJobAndWait(engine, job);
        if (!outcome.error.isEmpty())
            throw hearth::Error(outcome.error.toStdString());
        if (outcome.stats.logprobs.size() != job.forcedTokens.size())
            throw hearth::Error("window " + std::to_string(w + 1) + " was not scored completely");
        Accumulator windowScore;
        for (const TokenChoice& choice : outcome.stats.logprobs) {
            total.add(choice.logprob);
            windowScore.add(choice.logprob);
        }
        perWindow.append(windowScore.perplexity());
        if (!json)
            std::fprintf(stderr, "[%lld/%lld] %.4f\n", static_cast<long long>(w + 1),
                         static_cast<long long>(windows), total.perplexity());
    }
    const double seconds = double(clock.elapsed()) / 1000.0;

    if (json) {
        const QJsonObject result{
            {"model", loaded.name},
            {"file", QFileInfo(parser.value("file")).fileName()},
            {"device", loaded.device},
            {"context", context},
            {"tokens", qint64(tokens.size())},
            {"windows", windows},
            {"scored_tokens", total.count},
            {"perplexity", total.perplexity()},
            {"uncertainty", total.error()},
            {"window_perplexities", perWindow},
            {"seconds", seconds},
        };
        QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
    } else {
        QTextStream(stdout) << QStringLiteral(
                                   "perplexity %1 ± %2 over %3 tokens in %4 windows of %5 (%6 s, %7)\n")
                                   .arg(total.perplexity(), 0, 'f', 4)
                                   .arg(total.error(), 0, 'f', 4)
                                   .arg(total.count)
                                   .arg(windows)
                                   .arg(context)
                                   .arg(seconds, 0, 'f', 1)
                                   .arg(loaded.device);
    }
    return 0;
}

static const CommandRegistrar registration("perplexity", "Perplexity of a model on a text (quality check)",
                                           runPerplexity);
