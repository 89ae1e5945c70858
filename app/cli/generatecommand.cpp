// hearth-cli generate: raw completion of a prompt (no chat template), streamed or as JSON.
#include "command.h"
#include "loadprogress.h"
#include "samplingoptions.h"

#include "hearth/engine.h"
#include "hearth/error.h"
#include "hearth/tokenizer.h"

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

    hearth::Engine engine(options.device);
    const std::unique_ptr<hearth::Model> model = engine.load(options.model, terminalLoadProgress(options.model));
    hearth::SessionOptions sessionOptions;
    sessionOptions.context_length = options.context;
    const std::unique_ptr<hearth::Session> session = model->create_session(sessionOptions);

    const std::vector<int32_t> prompt = model->tokenizer().encode(parser.value("prompt").toStdString(), true, true);
    if (prompt.empty())
        throw hearth::Error("the prompt is empty and the model adds no BOS token; give a prompt with -p");
    hearth::Sampler sampler(options.sampling);
    hearth::GenerateOptions generateOptions;
    generateOptions.max_tokens = options.maxTokens;
    for (const QString& stop : parser.values("stop"))
        generateOptions.stop_strings.push_back(stop.toStdString());

    const auto stream = [&](std::string_view piece) {
        if (!json) {
            std::fwrite(piece.data(), 1, piece.size(), stdout);
            std::fflush(stdout);
        }
    };
    const hearth::GenerateResult result =
        hearth::generate(*session, *model, sampler, prompt, generateOptions, stream);

    if (json) {
        const auto ids = [](const std::vector<int32_t>& tokens) {
            QJsonArray array;
            for (int32_t t : tokens)
                array.append(t);
            return array;
        };
        QJsonArray top;
        for (const auto& [id, logit] : result.top_logits)
            top.append(QJsonArray{id, double(logit)});
        const QJsonObject object{
            {"model", QFileInfo(QString::fromStdString(options.model)).fileName()},
            {"device", QString::fromStdString(model->device_name())},
            {"prompt_tokens", ids(prompt)},
            {"tokens", ids(result.tokens)},
            {"text", QString::fromStdString(result.text)},
            {"top_logits", top},
            {"prompt_ms", result.prompt_ms},
            {"gen_ms", result.generation_ms},
            {"prompt_tps", result.prompt_tokens_per_second()},
            {"gen_tps", result.generation_tokens_per_second()},
            {"stop_reason", hearth::stop_reason_name(result.stop_reason)},
        };
        QTextStream(stdout) << QJsonDocument(object).toJson(QJsonDocument::Compact) << "\n";
    } else {
        std::fputc('\n', stdout);
        QTextStream(stderr) << QString::asprintf(
            "[%u prompt tokens in %.1f ms (%.1f tok/s), %zu tokens in %.1f ms (%.1f tok/s), first token after "
            "%.1f ms, stop: %s, device: %s]\n",
            result.prompt_tokens, result.prompt_ms, result.prompt_tokens_per_second(), result.tokens.size(),
            result.generation_ms, result.generation_tokens_per_second(), result.first_token_ms,
            hearth::stop_reason_name(result.stop_reason), model->device_name().c_str());
    }
    return 0;
}

static const CommandRegistrar registration("generate", "continue a prompt with a model (raw completion)",
                                           runGenerate);
