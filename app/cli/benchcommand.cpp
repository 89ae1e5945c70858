// hearth-cli bench: prompt-processing and generation speed of a model on a device, as the median
// over repetitions with the spread, and the decode bandwidth that implies.
#include "command.h"
#include "loadprogress.h"

#include "hearth/engine.h"
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

} // namespace

int runBench(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Measure a model's prompt processing (pp) and generation (tg) speed: pp prompt tokens in one "
        "prefill, then tg tokens decoded one at a time, repeated; prints the median and the range.");
    parser.addHelpOption();
    parser.addOptions({
        {{"m", "model"}, "The GGUF model file.", "FILE"},
        {"pp", "Prompt tokens per repetition (default 512).", "N", "512"},
        {"tg", "Generated tokens per repetition (default 128).", "N", "128"},
        {"reps", "Repetitions (default 3).", "N", "3"},
        {"device", "GPU index, part of its name, or 'reference' for the CPU reference.", "DEVICE"},
        {"json", "Print one JSON object."},
    });
    parser.process(QStringList{"hearth-cli bench"} + args);
    if (!parser.isSet("model"))
        throw hearth::Error("no model given; pass -m FILE");
    const int pp = positiveOption(parser, "pp"), tg = positiveOption(parser, "tg"), reps = positiveOption(parser, "reps");

    hearth::Engine engine(parser.value("device").toStdString());
    const Clock::time_point loadStart = Clock::now();
    const std::unique_ptr<hearth::Model> model = engine.load(parser.value("model").toStdString(), terminalLoadProgress(parser.value("model").toStdString()));
    const double loadMs = std::chrono::duration<double, std::milli>(Clock::now() - loadStart).count();
    if (uint32_t(pp + tg) > model->trained_context_length())
        throw hearth::Error("--pp plus --tg exceeds the model's context of " +
                            std::to_string(model->trained_context_length()) + " tokens");

    // Random tokens: speed does not depend on what they say.
    std::mt19937 rng(1);
    std::uniform_int_distribution<int32_t> token(0, int32_t(model->vocab_size()) - 1);
    std::vector<double> prompt, generation;
    for (int rep = 0; rep < reps; ++rep) {
        hearth::SessionOptions options;
        options.context_length = uint32_t(pp + tg);
        options.batch_size = uint32_t(pp);
        const std::unique_ptr<hearth::Session> session = model->create_session(options);
        std::vector<int32_t> tokens(static_cast<size_t>(pp));
        for (int32_t& t : tokens)
            t = token(rng);
        Clock::time_point start = Clock::now();
        session->append(tokens);
        prompt.push_back(pp / std::chrono::duration<double>(Clock::now() - start).count());
        start = Clock::now();
        for (int i = 0; i < tg; ++i) {
            const int32_t next = token(rng);
            session->append(std::span<const int32_t>(&next, 1));
        }
        generation.push_back(tg / std::chrono::duration<double>(Clock::now() - start).count());
    }
    const Stats pps = stats(prompt), tgs = stats(generation);
    const double gigabytes = double(model->weight_bytes()) / 1e9;

    if (parser.isSet("json")) {
        const auto object = [](const Stats& s) {
            return QJsonObject{{"median", s.median}, {"min", s.min}, {"max", s.max}};
        };
        const QJsonObject result{
            {"model", QFileInfo(parser.value("model")).fileName()},
            {"device", QString::fromStdString(model->device_name())},
            {"pp", pp},
            {"tg", tg},
            {"reps", reps},
            {"load_ms", loadMs},
            {"weight_bytes", double(model->weight_bytes())},
            {"prompt_tps", object(pps)},
            {"gen_tps", object(tgs)},
            {"decode_gbps", tgs.median * gigabytes},
        };
        QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
        return 0;
    }
    std::printf("model   %s (%.1f MB of weights), loaded in %.0f ms\ndevice  %s\n",
                QFileInfo(parser.value("model")).fileName().toUtf8().constData(), gigabytes * 1000, loadMs,
                model->device_name().c_str());
    std::printf("pp%-5d %10.2f tok/s  (min %.2f, max %.2f over %d runs)\n", pp, pps.median, pps.min, pps.max, reps);
    std::printf("tg%-5d %10.2f tok/s  (min %.2f, max %.2f over %d runs)\n", tg, tgs.median, tgs.min, tgs.max, reps);
    std::printf("decode bandwidth %.2f GB/s (weights read per token / time per token)\n", tgs.median * gigabytes);
    return 0;
}

static const CommandRegistrar registration("bench", "measure a model's prompt and generation speed",
                                           runBench);
