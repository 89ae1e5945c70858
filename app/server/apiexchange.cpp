#include "apiexchange.h"

#include "engine/engineservice.h"

#include <memory>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QString ApiLogEntry::line() const
{
    QString text = time.toUTC().toString(Qt::ISODate) + QLatin1Char(' ') + clientAddress + QLatin1Char(' ') +
                   QString::fromLatin1(method) + QLatin1Char(' ') + QString::fromLatin1(path) +
                   QLatin1Char(' ') + QString::number(status);
    if (!model.isEmpty())
        text += QStringLiteral(" model=") + model;
    if (promptTokens || completionTokens)
        text += QStringLiteral(" tokens=%1+%2").arg(promptTokens).arg(completionTokens);
    return text + QStringLiteral(" %1 ms").arg(durationMs, 0, 'f', 1);
}

ApiExchange::ApiExchange(HttpConnection* connection, const HttpRequest& request, const QString& clientId,
                         EngineService& engine, QObject* parent)
    : QObject(parent), m_connection(connection), m_request(request), m_clientId(clientId), m_engine(engine)
{
    m_clock.start();
    m_log.time = QDateTime::currentDateTimeUtc();
    QHostAddress peer = connection->peerAddress();
    bool v4 = false;
    if (const quint32 ipv4 = peer.toIPv4Address(&v4); v4)
        peer = QHostAddress(ipv4); // ::ffff:127.0.0.1 is shown as 127.0.0.1
    m_log.clientAddress = peer.toString();
    m_log.method = request.method;
    m_log.path = request.path;
    connect(connection, &HttpConnection::closed, this, &ApiExchange::onClientGone);
}

ApiExchange::~ApiExchange()
{
    if (m_jobId)
        m_engine.cancel(m_jobId);
}

void ApiExchange::sendBody(int status, const QByteArray& contentType, const QByteArray& body,
                           const HttpHeaders& headers)
{
    if (m_ended)
        return;
    if (m_connection)
        m_connection->respond(status, contentType, body, headers + m_responseHeaders);
    end(status);
}

void ApiExchange::sendJson(int status, const QJsonValue& json, const HttpHeaders& headers)
{
    const QByteArray body = json.isArray() ? QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact)
                                           : QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact);
    sendBody(status, "application/json", body, headers);
}

void ApiExchange::sendError(const ApiError& error, const QJsonObject& body)
{
    HttpHeaders headers;
    if (error.retryAfterSeconds > 0)
        headers.append({"Retry-After", QByteArray::number(error.retryAfterSeconds)});
    sendJson(error.status, body, headers);
}

bool ApiExchange::requireMethod(const char* wanted, void (*sendApiError)(ApiExchange*, const ApiError&))
{
    if (m_request.method == wanted)
        return true;
    sendApiError(
        this,
        {405, tr("%1 takes %2 requests").arg(QString::fromLatin1(m_request.path), QLatin1String(wanted))});
    return false;
}

void ApiExchange::beginStream(const QByteArray& contentType)
{
    m_streamStatus = 200;
    if (m_connection)
        m_connection->beginStream(200, contentType,
                                  HttpHeaders{{"Cache-Control", "no-cache"}} + m_responseHeaders);
}

void ApiExchange::writeStream(const QByteArray& data)
{
    if (m_connection)
        m_connection->writeStream(data);
}

void ApiExchange::endStream()
{
    if (m_ended)
        return;
    if (m_connection)
        m_connection->endStream();
    end(m_streamStatus);
}

std::optional<ApiError> ApiExchange::run(EngineJob job, JobHandlers handlers)
{
    if (m_cancelled) // the server stopped while this request waited for its model
        return ApiError{503, tr("The server is stopping."), {}, QStringLiteral("server_stopping")};
    if (admit && !admit())
        return ApiError{
            429,
            tr("The local API is busy: too many requests are waiting for the model. Try again in a moment."),
            {},
            QStringLiteral("rate_limit_exceeded"),
            1};
    job.clientId = m_clientId;
    job.priority = JobPriority::Api;
    const EngineService::Submission submission = m_engine.submit(job);
    if (!submission.accepted())
        return ApiError{429, submission.error, {}, QStringLiteral("rate_limit_exceeded"), 1};
    m_jobId = submission.jobId;
    m_switchesAtSubmit = switchCounter ? switchCounter() : 0;
    const qint64 id = m_jobId;
    // A chat turn keeps its answer's text besides sending it, for chatAnswered.
    std::shared_ptr<ApiChat> chat;
    if (job.kind == JobKind::ChatTurn) {
        chat = std::make_shared<ApiChat>();
        chat->turns = job.turns;
    }
    connect(&m_engine, &EngineService::jobStarted, this, [this, id](qint64 jobId) {
        if (jobId == id)
            m_jobStarted = true;
    });
    connect(&m_engine, &EngineService::jobPiece, this,
            [this, id, handlers, chat](qint64 jobId, const QString& piece) {
                if (jobId != id || clientGone())
                    return;
                if (chat)
                    chat->answer += piece;
                handlers.piece(piece);
            });
    if (handlers.tokens)
        connect(&m_engine, &EngineService::jobTokens, this,
                [this, id, handlers](qint64 jobId, const TokenChoices& tokens) {
                    if (jobId == id && !clientGone())
                        handlers.tokens(tokens);
                });
    connect(&m_engine, &EngineService::jobFinished, this,
            [this, id, handlers, chat](qint64 jobId, const JobStats& stats) {
                if (jobId != id)
                    return;
                m_jobId = 0;
                m_log.promptTokens = stats.promptTokens;
                m_log.completionTokens = stats.generatedTokens;
                if (clientGone())
                    return end(499);
                if (chat && stats.finishReason != QLatin1String("cancel")) {
                    chat->model = m_log.model;
                    chat->stats = stats;
                    emit chatAnswered(*chat);
                }
                handlers.finished(stats);
            });
    connect(&m_engine, &EngineService::jobFailed, this,
            [this, id, handlers](qint64 jobId, const QString& error) {
                if (jobId != id)
                    return;
                m_jobId = 0;
                if (clientGone())
                    return end(499);
                // Before it started, a job fails for its own prompt (too long, empty) or because a model
                // switch pushed it out; once running, only the engine can be at fault.
                const bool switched = switchCounter && switchCounter() != m_switchesAtSubmit;
                if (!m_jobStarted && switched)
                    handlers.failed({503, error, {}, QStringLiteral("model_switched"), 1});
                else if (!m_jobStarted)
                    handlers.failed({400, error, {}, QStringLiteral("invalid_prompt")});
                else
                    handlers.failed({500, error, {}, QStringLiteral("engine_error")});
            });
    return std::nullopt;
}

void ApiExchange::cancel()
{
    m_cancelled = true;
    if (m_jobId)
        m_engine.cancel(m_jobId);
}

void ApiExchange::onClientGone()
{
    if (m_jobId) {
        m_engine.cancel(m_jobId); // jobFinished (cancelled) ends the exchange
        return;
    }
    end(499);
}

void ApiExchange::end(int status)
{
    if (m_ended)
        return;
    m_ended = true;
    // The connection closed while the job ran, when the engine still kept its session.
    if (clientGone() && !m_clientId.isEmpty())
        m_engine.releaseClient(m_clientId);
    m_log.status = status;
    m_log.durationMs = double(m_clock.nsecsElapsed()) / 1e6;
    emit ended(m_log);
    deleteLater();
}
