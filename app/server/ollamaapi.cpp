#include "ollamaapi.h"

#include "apiexchange.h"
#include "hearth/version.h"
#include "jsonfields.h"
#include "servedmodels.h"

#include <memory>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace {

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString parameterSize(qint64 parameters)
{
    if (parameters >= 1000000000)
        return QString::number(double(parameters) / 1e9, 'f', 1) + QLatin1Char('B');
    if (parameters >= 1000000)
        return QString::number(double(parameters) / 1e6, 'f', 1) + QLatin1Char('M');
    return QString::number(double(parameters) / 1e3, 'f', 0) + QLatin1Char('K');
}

QJsonObject details(const ModelFileInfo& info)
{
    return {{"parent_model", ""},
            {"format", "gguf"},
            {"family", info.architecture},
            {"families", QJsonArray{info.architecture}},
            {"parameter_size", parameterSize(info.parameters)},
            {"quantization_level", info.format}};
}

QJsonObject modelEntry(const ServedModels::Entry& entry)
{
    return {{"name", entry.id},
            {"model", entry.id},
            {"modified_at",
             QDateTime::fromMSecsSinceEpoch(entry.modifiedMs, Qt::UTC).toString(Qt::ISODateWithMs)},
            {"size", entry.size},
            {"digest", ""},
            {"details", details(entry.info)}};
}

// Ollama's request options, into the job; num_predict -1 (and -2) mean "as long as the context".
std::optional<qint64> readOptions(const QJsonObject& body, EngineJob& job)
{
    using namespace jsonfields;
    const QJsonObject options = object(body, "options").value_or(QJsonObject{});
    if (const auto t = number(options, "temperature", 0, 100))
        job.sampling.temperature = float(*t);
    if (const auto p = number(options, "top_p", 0, 1))
        job.sampling.top_p = float(*p);
    if (const auto k = integer(options, "top_k", 0, 1 << 24))
        job.sampling.top_k = int(*k);
    if (const auto p = number(options, "min_p", 0, 1))
        job.sampling.min_p = float(*p);
    if (const auto r = number(options, "repeat_penalty", 0, 100))
        job.sampling.repeat_penalty = float(*r);
    if (const auto n = integer(options, "repeat_last_n", 0, 1 << 20))
        job.sampling.penalty_window = int(*n);
    if (const auto f = number(options, "frequency_penalty", -100, 100))
        job.sampling.frequency_penalty = float(*f);
    if (const auto p = number(options, "presence_penalty", -100, 100))
        job.sampling.presence_penalty = float(*p);
    const auto seed = integer(options, "seed", std::numeric_limits<qint64>::min() / 2,
                              std::numeric_limits<qint64>::max() / 2);
    job.sampling.seed = seed ? quint64(*seed) : QRandomGenerator::global()->generate64();
    job.stopStrings = stringOrList(options, "stop", 16);
    const std::optional<qint64> predict = integer(options, "num_predict", -2, 1 << 24);
    if (predict && *predict < 0)
        return std::nullopt;
    return predict;
}

} // namespace

void OllamaApi::sendError(ApiExchange* exchange, const ApiError& error)
{
    exchange->sendError(error, QJsonObject{{"error", error.message}});
}

void OllamaApi::handle(ApiExchange* exchange)
{
    const QByteArray& path = exchange->request().path;
    const auto expect = [exchange](const char* wanted) {
        return exchange->requireMethod(wanted, &OllamaApi::sendError);
    };
    if (path == "/api/tags") {
        if (expect("GET"))
            tags(exchange, false);
    } else if (path == "/api/ps") {
        if (expect("GET"))
            tags(exchange, true);
    } else if (path == "/api/version") {
        if (expect("GET"))
            exchange->sendJson(200, QJsonObject{{"version", QString::fromLatin1(hearth::kVersion)}});
    } else if (path == "/api/show") {
        if (expect("POST"))
            show(exchange);
    } else if (path == "/api/chat") {
        if (expect("POST"))
            generate(exchange, true);
    } else if (path == "/api/generate") {
        if (expect("POST"))
            generate(exchange, false);
    } else {
        sendError(exchange, {404, QStringLiteral("no such endpoint: %1").arg(QString::fromLatin1(path))});
    }
}

void OllamaApi::tags(ApiExchange* exchange, bool loadedOnly)
{
    QJsonArray models;
    for (const ServedModels::Entry& entry : m_models.list()) {
        if (loadedOnly && !entry.loaded)
            continue;
        QJsonObject object = modelEntry(entry);
        if (loadedOnly) {
            object.insert("size_vram", entry.size);
            object.insert("expires_at", "0001-01-01T00:00:00Z"); // kept until another model is chosen
        }
        models.append(object);
    }
    exchange->sendJson(200, QJsonObject{{"models", models}});
}

void OllamaApi::show(ApiExchange* exchange)
{
    try {
        const QJsonObject body = jsonfields::parseObject(exchange->request().body);
        QString name = jsonfields::string(body, "model").value_or(QString());
        if (name.isEmpty())
            name = jsonfields::string(body, "name").value_or(QString());
        if (name.isEmpty())
            throw ApiError{400, QStringLiteral("'model' is required")};
        const std::optional<ServedModels::Entry> entry = m_models.find(name);
        if (!entry)
            throw ApiError{404, QStringLiteral("model '%1' not found").arg(name)};
        exchange->log().model = entry->id;
        const ModelFileInfo& info = entry->info;
        QJsonObject modelInfo{{"general.architecture", info.architecture},
                              {"general.parameter_count", info.parameters}};
        if (!info.name.isEmpty())
            modelInfo.insert("general.name", info.name);
        if (info.contextLength > 0)
            modelInfo.insert(info.architecture + ".context_length", info.contextLength);
        if (info.embeddingLength > 0)
            modelInfo.insert(info.architecture + ".embedding_length", info.embeddingLength);
        if (info.layers > 0)
            modelInfo.insert(info.architecture + ".block_count", info.layers);
        exchange->sendJson(
            200, QJsonObject{{"modelfile", ""},
                             {"parameters", ""},
                             {"template", ""},
                             {"details", details(info)},
                             {"model_info", modelInfo},
                             {"capabilities", QJsonArray{"completion"}},
                             {"modified_at", QDateTime::fromMSecsSinceEpoch(entry->modifiedMs, Qt::UTC)
                                                 .toString(Qt::ISODateWithMs)}});
    } catch (const ApiError& error) {
        sendError(exchange, error);
    }
}

void OllamaApi::generate(ApiExchange* exchange, bool chat)
{
    EngineJob job;
    QString model;
    bool stream = true;
    std::optional<qint64> maxTokens;
    bool loadOnly = false;
    try {
        const QJsonObject body = jsonfields::parseObject(exchange->request().body);
        model = jsonfields::string(body, "model").value_or(QString());
        stream = jsonfields::boolean(body, "stream").value_or(true);
        // "json": the answer is one JSON object (constrained sampling). A JSON schema is not
        // enforced, so it is refused rather than silently ignored.
        if (const auto format = body.value("format"); format.isString() && format.toString() == QLatin1String("json"))
            job.jsonObject = true;
        else if (!format.isUndefined() && !format.isNull() && !(format.isString() && format.toString().isEmpty()))
            throw ApiError{400, QStringLiteral("'format' must be \"json\"; a JSON schema is not supported (describe "
                                               "the fields in the prompt and use \"json\")")};
        maxTokens = readOptions(body, job);
        if (chat) {
            const QJsonValue messages = body.value("messages");
            if (!messages.isUndefined() && !messages.isNull() && !messages.isArray())
                throw ApiError{400, QStringLiteral("'messages' must be a list")};
            const QJsonArray array = messages.toArray();
            if (array.size() > jsonfields::kMaxMessages)
                throw ApiError{
                    400, QStringLiteral("at most %1 messages are accepted").arg(jsonfields::kMaxMessages)};
            for (int i = 0; i < array.size(); ++i) {
                const QJsonObject message = array[i].toObject();
                const QString role = message.value("role").toString();
                if (role != QLatin1String("system") && role != QLatin1String("user") &&
                    role != QLatin1String("assistant"))
                    throw ApiError{
                        400, QStringLiteral("messages[%1].role must be system, user or assistant").arg(i)};
                if (!message.value("content").isString() && !message.value("content").isUndefined())
                    throw ApiError{400, QStringLiteral("messages[%1].content must be a string").arg(i)};
                if (!message.value("images").toArray().isEmpty())
                    throw ApiError{400,
                                   QStringLiteral("images are not supported; this model reads text only")};
                job.turns.append({role, message.value("content").toString()});
            }
            job.kind = JobKind::ChatTurn;
            loadOnly = job.turns.isEmpty(); // Ollama's way of asking to load a model
        } else {
            const QString prompt = jsonfields::string(body, "prompt").value_or(QString());
            const QString system = jsonfields::string(body, "system").value_or(QString());
            if (jsonfields::boolean(body, "raw").value_or(false)) {
                job.kind = JobKind::Completion;
                job.prompt = prompt;
            } else {
                job.kind = JobKind::ChatTurn;
                if (!system.isEmpty())
                    job.turns.append({QStringLiteral("system"), system});
                job.turns.append({QStringLiteral("user"), prompt});
            }
            loadOnly = prompt.isEmpty();
        }
    } catch (const ApiError& error) {
        return sendError(exchange, error);
    }
    exchange->log().model = model;
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();

    const auto ready = [this, exchange, job, stream, maxTokens, chat, loadOnly,
                        clock](const QString& modelId) mutable {
        exchange->log().model = modelId;
        const auto piece = [modelId, chat](const QString& text) {
            QJsonObject object{{"model", modelId}, {"created_at", now()}};
            if (chat)
                object.insert("message", QJsonObject{{"role", "assistant"}, {"content", text}});
            else
                object.insert("response", text);
            return object;
        };
        if (loadOnly) {
            QJsonObject done = piece({});
            done.insert("done", true);
            done.insert("done_reason", "load");
            return exchange->sendJson(200, done);
        }
        const int context = m_models.loaded() ? m_models.loaded()->contextLength : 4096;
        job.maxTokens = int(qMin<qint64>(maxTokens.value_or(context), context));
        const auto last = [piece, clock](const QString& text, const JobStats& stats) {
            QJsonObject object = piece(text);
            object.insert("done", true);
            object.insert("done_reason", stats.finishReason == QLatin1String("length") ? "length" : "stop");
            object.insert("total_duration", qint64(clock->nsecsElapsed()));
            object.insert("load_duration", 0);
            object.insert("prompt_eval_count", stats.promptTokens);
            object.insert("prompt_eval_duration", qint64(stats.promptMs * 1e6));
            object.insert("eval_count", stats.generatedTokens);
            object.insert("eval_duration", qint64(stats.generationMs * 1e6));
            return object;
        };
        const auto line = [](const QJsonObject& object) {
            return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
        };
        ApiExchange::JobHandlers handlers;
        auto text = std::make_shared<QString>();
        auto begun = std::make_shared<bool>(false);
        const auto begin = [exchange, begun] {
            if (!std::exchange(*begun, true))
                exchange->beginStream("application/x-ndjson");
        };
        if (stream) {
            handlers.piece = [=](const QString& text) {
                begin();
                QJsonObject object = piece(text);
                object.insert("done", false);
                exchange->writeStream(line(object));
            };
            handlers.finished = [=](const JobStats& stats) {
                begin();
                exchange->writeStream(line(last({}, stats)));
                exchange->endStream();
            };
        } else {
            handlers.piece = [text](const QString& piece) { *text += piece; };
            handlers.finished = [=](const JobStats& stats) { exchange->sendJson(200, last(*text, stats)); };
        }
        // A failure after the stream began is one more line, {"error": ...}, as Ollama sends it.
        handlers.failed = [exchange, begun, line](const ApiError& error) {
            if (!*begun)
                return sendError(exchange, error);
            exchange->writeStream(line(QJsonObject{{"error", error.message}}));
            exchange->endStream();
        };
        if (const std::optional<ApiError> refused = exchange->run(job, handlers))
            sendError(exchange, *refused);
    };
    m_models.acquire(model, exchange, ready,
                     [exchange](const ApiError& error) { sendError(exchange, error); });
}
