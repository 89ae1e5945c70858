#include "samplingoptions.h"

#include "hearth/error.h"
#include "modelargument.h"

#include <random>

void addModelRunOptions(QCommandLineParser& parser, int defaultMaxTokens)
{
    const auto def = [](auto value) { return QString::number(value); };
    parser.addOptions({
        {{"m", "model"},
         "The GGUF model file, or an installed model by the name `hearth-cli models list` shows.",
         "MODEL"},
        {{"n", "max-tokens"},
         "Generate at most N tokens (default " + def(defaultMaxTokens) + ").",
         "N",
         def(defaultMaxTokens)},
        {"temp", "Sampling temperature; 0 is greedy (default 0.8).", "T", "0.8"},
        {"seed", "Seed of the sampler (default: random).", "S"},
        {"top-k", "Keep the K most likely tokens; 0 turns it off (default 40).", "K", "40"},
        {"top-p", "Keep the most likely tokens up to probability P; 1 turns it off (default 0.95).", "P",
         "0.95"},
        {"min-p", "Drop tokens less likely than P times the best; 0 turns it off (default 0.05).", "P",
         "0.05"},
        {"repeat-penalty", "Penalty for recently seen tokens; 1 turns it off (default 1).", "R", "1"},
        {"frequency-penalty", "Subtracted per occurrence in the recent window (default 0).", "F", "0"},
        {"presence-penalty", "Subtracted once for tokens in the recent window (default 0).", "F", "0"},
        {"penalty-window", "How many recent tokens the penalties look at (default 64).", "N", "64"},
        {"ctx", "Context length in tokens (default 4096, at most the model's).", "N", "4096"},
        {"device", "GPU index, part of its name, or 'reference' for the CPU reference.", "DEVICE"},
    });
}

namespace {

double number(const QCommandLineParser& parser, const QString& name)
{
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok)
        throw hearth::Error("--" + name.toStdString() + " needs a number, not '" +
                            parser.value(name).toStdString() + "'");
    return value;
}

} // namespace

LoadRequest ModelRunOptions::loadRequest() const
{
    LoadRequest request;
    request.path = QString::fromStdString(model);
    request.device = QString::fromStdString(device);
    request.contextLength = int(context);
    return request;
}

ModelRunOptions readModelRunOptions(const QCommandLineParser& parser)
{
    ModelRunOptions o;
    if (!parser.isSet("model"))
        throw hearth::Error("no model given; pass -m FILE");
    o.model = resolveModelArgument(parser.value("model")).toStdString();
    o.device = parser.value("device").toStdString();
    o.maxTokens = int(number(parser, "max-tokens"));
    const double context = number(parser, "ctx");
    if (context < 2 || context > 1 << 24)
        throw hearth::Error("--ctx must be between 2 and 16777216");
    o.context = uint32_t(context);
    o.sampling.temperature = float(number(parser, "temp"));
    o.sampling.top_k = int(number(parser, "top-k"));
    o.sampling.top_p = float(number(parser, "top-p"));
    o.sampling.min_p = float(number(parser, "min-p"));
    o.sampling.repeat_penalty = float(number(parser, "repeat-penalty"));
    o.sampling.frequency_penalty = float(number(parser, "frequency-penalty"));
    o.sampling.presence_penalty = float(number(parser, "presence-penalty"));
    o.sampling.penalty_window = int(number(parser, "penalty-window"));
    if (parser.isSet("seed")) {
        bool ok = false;
        o.sampling.seed = parser.value("seed").toULongLong(&ok);
        if (!ok)
            throw hearth::Error("--seed needs a whole number");
    } else {
        o.sampling.seed = std::random_device{}();
    }
    return o;
}
