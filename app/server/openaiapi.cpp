#include "openaiapi.h"

#include "apiexchange.h"
#include "jsonfields.h"
#include "servedmodels.h"

#include <memory>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace {

QString errorType(int status)
{
    switch (status) {
    case 401:
        return QStringLiteral("authentication_error");
    case 404:
        return QStringLiteral("invalid_request_error");
    case 429:
        return QStringLiteral("rate_limit_error");
    case 500:
        return QStringLiteral("server_error");
    case 503:
        return QStringLiteral("service_unavailable");
    default:
        return QStringLiteral("invalid_request_error");
    }
}

QString randomId(const char* prefix)
{
    return QLatin1String(prefix) + QString::number(QRandomGenerator::global()->generate64(), 16);
}

QString finishReason(const JobStats& stats)
{
    return stats.finishReason == QLatin1String("length") ? QStringLiteral("length") : QStringLiteral("stop");
}

QJsonObject usage(const JobStats& stats)
{
    return {
        {"prompt_tokens", stats.promptTokens},
        {"completion_tokens", stats.generatedTokens},
        {"total_tokens", stats.promptTokens + stats.generatedTokens},
        {"prompt_tokens_details", QJsonObject{{"cached_tokens", stats.cachedTokens}}},
    };
}

QString messageText(const QJsonValue& content, int index)
{
    if (content.isString())
        return content.toString();
    if (content.isNull() || content.isUndefined())
        return {};
    const QString param = QStringLiteral("messages[%1].content").arg(index);
    if (!content.isArray())
        throw ApiError{400, QStringLiteral("'%1' must be a string or a list of text parts").arg(param),
                       param};
    QString text;
    for (const QJsonValue& part : content.toArray()) {
        const QJsonObject object = part.toObject();
        if (object.value("type").toString() != QLatin1String("text") || !object.value("text").isString())
            throw ApiError{
                400,
                QStringLiteral("'%1' may only hold text parts ({\"type\": \"text\", \"text\": ...}); "
                               "this model reads text only")
                    .arg(param),
                param};
        text += object.value("text").toString();
    }
    return text;
}

QList<QPair<QString, QString>> chatTurns(const QJsonObject& body)
{
    const QJsonValue messages = body.value("messages");
    if (!messages.isArray() || messages.toArray().isEmpty())
        throw ApiError{400, QStringLiteral("'messages' must be a non-empty list"),
                       QStringLiteral("messages")};
    const QJsonArray array = messages.toArray();
    if (array.size() > jsonfields::kMaxMessages)
        throw ApiError{400, QStringLiteral("at most %1 messages are accepted").arg(jsonfields::kMaxMessages),
                       QStringLiteral("messages")};
    QList<QPair<QString, QString>> turns;
    for (int i = 0; i < array.size(); ++i) {
        if (!array[i].isObject())
            throw ApiError{400, QStringLiteral("'messages[%1]' must be an object").arg(i),
                           QStringLiteral("messages")};
        const QJsonObject message = array[i].toObject();
        QString role = message.value("role").toString();
        if (role == QLatin1String("developer"))
            role = QStringLiteral("system"); // OpenAI's newer name for the system role
        if (role != QLatin1String("system") && role != QLatin1String("user") &&
            role != QLatin1String("assistant"))
            throw ApiError{
                400,
                QStringLiteral("'messages[%1].role' must be system, developer, user or assistant").arg(i),
                QStringLiteral("messages")};
        turns.append({role, messageText(message.value("content"), i)});
    }
    return turns;
}

// The fields both endpoints share, into the job; the token limit is settled once the model's
// context is known.
std::optional<qint64> readSampling(const QJsonObject& body, EngineJob& job)
{
    using namespace jsonfields;
    if (const auto n = integer(body, "n", 1, 128); n && *n != 1)
        throw ApiError{400, QStringLiteral("only n = 1 is supported (one answer per request)"),
                       QStringLiteral("n")};
    if (const auto format = object(body, "response_format")) {
        const QString type = format->value("type").toString();
        if (type == QLatin1String("json_schema"))
            throw ApiError{400,
                           QStringLiteral("'response_format' json_schema is not supported; use {\"type\": "
                                          "\"json_object\"} (the answer is then always one valid JSON object) and "
                                          "describe the fields in the prompt"),
                           QStringLiteral("response_format")};
        if (type != QLatin1String("text") && type != QLatin1String("json_object"))
            throw ApiError{400, QStringLiteral("'response_format.type' must be text or json_object"),
                           QStringLiteral("response_format")};
        job.jsonObject = type == QLatin1String("json_object");
    }
    if (const auto t = number(body, "temperature", 0, 2))
        job.sampling.temperature = float(*t);
    if (const auto p = number(body, "top_p", 0, 1))
        job.sampling.top_p = float(*p);
    if (const auto f = number(body, "frequency_penalty", -2, 2))
        job.sampling.frequency_penalty = float(*f);
    if (const auto p = number(body, "presence_penalty", -2, 2))
        job.sampling.presence_penalty = float(*p);
    const auto seed =
        integer(body, "seed", std::numeric_limits<qint64>::min() / 2, std::numeric_limits<qint64>::max() / 2);
    job.sampling.seed = seed ? quint64(*seed) : QRandomGenerator::global()->generate64();
    job.stopStrings = stringOrList(body, "stop", 16);
    std::optional<qint64> maxTokens = integer(body, "max_completion_tokens", 1, 1 << 24);
    if (!maxTokens)
        maxTokens = integer(body, "max_tokens", 1, 1 << 24);
    return maxTokens;
}

// Chat: `logprobs` true, with `top_logprobs` alternatives (0-20). Completions: `logprobs` is
// itself the number of alternatives (0-5). -1: none asked for.
int readLogprobs(const QJsonObject& body, bool chat)
{
    using namespace jsonfields;
    if (!chat)
        return int(integer(body, "logprobs", 0, 5).value_or(-1));
    const std::optional<qint64> top = integer(body, "top_logprobs", 0, 20);
    if (!boolean(body, "logprobs").value_or(false)) {
        if (top)
            throw ApiError{400, QStringLiteral("'top_logprobs' needs 'logprobs' set to true"),
                           QStringLiteral("top_logprobs")};
        return -1;
    }
    return int(top.value_or(0));
}

QJsonArray byteValues(const QByteArray& bytes)
{
    QJsonArray values;
    for (char c : bytes)
        values.append(int(uint8_t(c)));
    return values;
}

QJsonObject tokenObject(const QByteArray& bytes, float logprob)
{
    return {{"token", QString::fromUtf8(bytes)}, {"logprob", double(logprob)}, {"bytes", byteValues(bytes)}};
}

// A choice's "logprobs": chat's {"content": [...]}, or the completions API's parallel lists.
QJsonValue logprobsJson(const TokenChoices& tokens, bool chat, int textOffset = 0)
{
    if (chat) {
        QJsonArray content;
        for (const TokenChoice& token : tokens) {
            QJsonObject entry = tokenObject(token.bytes, token.logprob);
            QJsonArray top;
            for (const auto& [bytes, logprob] : token.top)
                top.append(tokenObject(bytes, logprob));
            entry.insert("top_logprobs", top);
            content.append(entry);
        }
        return QJsonObject{{"content", content}, {"refusal", QJsonValue()}};
    }
    QJsonArray strings, logprobs, tops, offsets;
    for (const TokenChoice& token : tokens) {
        const QString text = QString::fromUtf8(token.bytes);
        strings.append(text);
        logprobs.append(double(token.logprob));
        QJsonObject top;
        for (const auto& [bytes, logprob] : token.top)
            top.insert(QString::fromUtf8(bytes), double(logprob));
        tops.append(top);
        offsets.append(textOffset);
        textOffset += int(text.size());
    }
    return QJsonObject{
        {"tokens", strings}, {"token_logprobs", logprobs}, {"top_logprobs", tops}, {"text_offset", offsets}};
}

} // namespace

void OpenAiApi::sendError(ApiExchange* exchange, const ApiError& error)
{
    const QJsonObject body{
        {"error", QJsonObject{
                      {"message", error.message},
                      {"type", errorType(error.status)},
                      {"param", error.param.isEmpty() ? QJsonValue() : QJsonValue(error.param)},
                      {"code", error.code.isEmpty() ? QJsonValue() : QJsonValue(error.code)},
                  }}};
    exchange->sendError(error, body);
}

void OpenAiApi::handle(ApiExchange* exchange)
{
    const QByteArray& path = exchange->request().path;
    const auto expect = [exchange](const char* wanted) {
        return exchange->requireMethod(wanted, &OpenAiApi::sendError);
    };
    if (path == "/v1/models") {
        if (expect("GET"))
            listModels(exchange);
    } else if (path.startsWith("/v1/models/")) {
        if (expect("GET"))
            showModel(exchange, QString::fromUtf8(QByteArray::fromPercentEncoding(path.mid(11))));
    } else if (path == "/v1/chat/completions") {
        if (expect("POST"))
            complete(exchange, true);
    } else if (path == "/v1/completions") {
        if (expect("POST"))
            complete(exchange, false);
    } else {
        sendError(exchange, {404,
                             QStringLiteral("no such endpoint: %1").arg(QString::fromLatin1(path)),
                             {},
                             QStringLiteral("unknown_url")});
    }
}

namespace {

QJsonObject modelObject(const ServedModels::Entry& entry)
{
    return {
        {"id", entry.id}, {"object", "model"}, {"created", entry.modifiedMs / 1000}, {"owned_by", "local"}};
}

} // namespace

void OpenAiApi::listModels(ApiExchange* exchange)
{
    QJsonArray data;
    for (const ServedModels::Entry& entry : m_models.list())
        data.append(modelObject(entry));
    exchange->sendJson(200, QJsonObject{{"object", "list"}, {"data", data}});
}

void OpenAiApi::showModel(ApiExchange* exchange, const QString& id)
{
    if (const std::optional<ServedModels::Entry> entry = m_models.find(id))
        return exchange->sendJson(200, modelObject(*entry));
    sendError(exchange, {404, QStringLiteral("The model '%1' does not exist").arg(id),
                         QStringLiteral("model"), QStringLiteral("model_not_found")});
}

void OpenAiApi::complete(ApiExchange* exchange, bool chat)
{
    EngineJob job;
    QString model;
    bool stream = false;
    bool includeUsage = false;
    std::optional<qint64> maxTokens;
    try {
        const QJsonObject body = jsonfields::parseObject(exchange->request().body);
        model = jsonfields::string(body, "model").value_or(QString());
        stream = jsonfields::boolean(body, "stream").value_or(false);
        if (const auto options = jsonfields::object(body, "stream_options"))
            includeUsage = jsonfields::boolean(*options, "include_usage").value_or(false);
        maxTokens = readSampling(body, job);
        job.topLogprobs = readLogprobs(body, chat);
        if (chat) {
            job.kind = JobKind::ChatTurn;
            job.turns = chatTurns(body);
        } else {
            job.kind = JobKind::Completion;
            QJsonValue prompt = body.value("prompt");
            if (prompt.isArray() && prompt.toArray().size() == 1 && prompt.toArray().first().isString())
                prompt = prompt.toArray().first(); // a list of one prompt, as some clients send
            if (prompt.isArray()) {
                for (const QJsonValue& token : prompt.toArray()) {
                    if (!token.isDouble())
                        throw ApiError{400,
                                       QStringLiteral("'prompt' must be a string or a list of token ids "
                                                      "(one prompt per request)"),
                                       QStringLiteral("prompt")};
                    job.promptTokens.append(token.toInt());
                }
            } else if (prompt.isString()) {
                job.prompt = prompt.toString();
            } else {
                throw ApiError{400, QStringLiteral("'prompt' must be a string"), QStringLiteral("prompt")};
            }
        }
    } catch (const ApiError& error) {
        return sendError(exchange, error);
    }
    exchange->log().model = model;

    const auto ready = [this, exchange, job, stream, includeUsage, maxTokens,
                        chat](const QString& modelId) mutable {
        exchange->log().model = modelId;
        const int context = m_models.loaded() ? m_models.loaded()->contextLength : 4096;
        job.maxTokens = int(qMin<qint64>(maxTokens.value_or(context), context));
        const QString id = randomId(chat ? "chatcmpl-" : "cmpl-");
        const qint64 created = QDateTime::currentSecsSinceEpoch();
        const QString object = chat ? QStringLiteral("chat.completion") : QStringLiteral("text_completion");
        const auto chunk = [=](const QJsonValue& delta, const QJsonValue& finish,
                               const QJsonValue& logprobs = QJsonValue()) {
            QJsonObject choice{{"index", 0}, {"logprobs", logprobs}, {"finish_reason", finish}};
            if (chat)
                choice.insert("delta", delta);
            else
                choice.insert("text", delta);
            QJsonObject c{{"id", id},
                          {"object", chat ? QStringLiteral("chat.completion.chunk") : object},
                          {"created", created},
                          {"model", modelId},
                          {"system_fingerprint", QJsonValue()},
                          {"choices", QJsonArray{choice}}};
            if (includeUsage)
                c.insert("usage", QJsonValue());
            return "data: " + QJsonDocument(c).toJson(QJsonDocument::Compact) + "\n\n";
        };
        ApiExchange::JobHandlers handlers;
        auto text = std::make_shared<QString>();
        // Log-probabilities of the tokens whose text has been sent (streamed: not yet sent).
        auto tokens = std::make_shared<TokenChoices>();
        const bool logprobs = job.topLogprobs >= 0;
        if (logprobs)
            handlers.tokens = [tokens](const TokenChoices& more) { tokens->append(more); };
        if (stream) {
            // The stream begins with the first piece, so a job refused before it runs (a prompt
            // too long) still gets its own status and error body.
            auto begun = std::make_shared<bool>(false);
            const auto begin = [exchange, chunk, chat, begun] {
                if (std::exchange(*begun, true))
                    return;
                exchange->beginStream("text/event-stream");
                if (chat)
                    exchange->writeStream(
                        chunk(QJsonObject{{"role", "assistant"}, {"content", ""}}, QJsonValue()));
            };
            auto offset = std::make_shared<int>(0);
            handlers.piece = [exchange, chunk, chat, begin, tokens, logprobs, offset](const QString& piece) {
                begin();
                const QJsonValue pieceLogprobs =
                    logprobs ? logprobsJson(std::exchange(*tokens, {}), chat, *offset) : QJsonValue();
                *offset += int(piece.size());
                exchange->writeStream(chunk(chat ? QJsonValue(QJsonObject{{"content", piece}}) : QJsonValue(piece),
                                            QJsonValue(), pieceLogprobs));
            };
            handlers.finished = [=](const JobStats& stats) {
                begin();
                exchange->writeStream(
                    chunk(chat ? QJsonValue(QJsonObject{}) : QJsonValue(QString()), finishReason(stats)));
                if (includeUsage) {
                    const QJsonObject last{{"id", id},
                                           {"object", chat ? "chat.completion.chunk" : "text_completion"},
                                           {"created", created},
                                           {"model", modelId},
                                           {"system_fingerprint", QJsonValue()},
                                           {"choices", QJsonArray{}},
                                           {"usage", usage(stats)}};
                    exchange->writeStream("data: " + QJsonDocument(last).toJson(QJsonDocument::Compact) +
                                          "\n\n");
                }
                exchange->writeStream("data: [DONE]\n\n");
                exchange->endStream();
            };
            // Once the stream has begun its status is sent; a failure then comes as an error
            // event, as OpenAI's streams report one.
            handlers.failed = [exchange, begun](const ApiError& error) {
                if (!*begun)
                    return sendError(exchange, error);
                const QJsonObject body{{"error", QJsonObject{{"message", error.message},
                                                             {"type", errorType(error.status)},
                                                             {"code", error.code}}}};
                exchange->writeStream("data: " + QJsonDocument(body).toJson(QJsonDocument::Compact) + "\n\n");
                exchange->endStream();
            };
        } else {
            handlers.piece = [text](const QString& piece) { *text += piece; };
            handlers.finished = [=](const JobStats& stats) {
                QJsonObject choice{{"index", 0},
                                   {"logprobs", logprobs ? logprobsJson(*tokens, chat) : QJsonValue()},
                                   {"finish_reason", finishReason(stats)}};
                if (chat)
                    choice.insert(
                        "message",
                        QJsonObject{{"role", "assistant"}, {"content", *text}, {"refusal", QJsonValue()}});
                else
                    choice.insert("text", *text);
                exchange->sendJson(200, QJsonObject{{"id", id},
                                                    {"object", object},
                                                    {"created", created},
                                                    {"model", modelId},
                                                    {"system_fingerprint", QJsonValue()},
                                                    {"choices", QJsonArray{choice}},
                                                    {"usage", usage(stats)}});
            };
            handlers.failed = [exchange](const ApiError& error) { sendError(exchange, error); };
        }
        if (const std::optional<ApiError> refused = exchange->run(job, handlers))
            sendError(exchange, *refused);
    };
    m_models.acquire(model, exchange, ready,
                     [exchange](const ApiError& error) { sendError(exchange, error); });
}
