#pragma once
// One API request being answered: the connection it came on, the engine job it runs (at most
// one), and the log line it leaves. A client that goes away cancels the job (the engine stops
// within a token); the exchange ends itself once the answer is written or the job has ended.
#include "apierror.h"
#include "engine/enginejob.h"
#include "httpconnection.h"

#include <functional>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonValue>
#include <QObject>
#include <QPointer>

class EngineService;

struct ApiLogEntry {
    QDateTime time;
    QString clientAddress;
    QByteArray method;
    QByteArray path;
    QString model;
    int status = 0; // 499: the client went away before the answer ended
    int promptTokens = 0;
    int completionTokens = 0;
    double durationMs = 0;

    QString line()
        const; // "2026-12-07T01:50:00Z 127.0.0.1 POST /v1/chat/completions 200 model=... 12+40 tokens 830 ms"
};

// A chat turn the API answered in full (not cut off by the client or a stop), so that the window
// can keep it in its history when the user asks for that.
struct ApiChat {
    QString model;
    QList<QPair<QString, QString>> turns; // (role, content) as the client sent them
    QString answer;
    JobStats stats;
};

class ApiExchange : public QObject {
    Q_OBJECT
  public:
    ApiExchange(HttpConnection* connection, const HttpRequest& request, const QString& clientId,
                EngineService& engine, QObject* parent = nullptr);
    ~ApiExchange() override;

    const HttpRequest& request() const { return m_request; }
    const QString& clientId() const { return m_clientId; }
    ApiLogEntry& log() { return m_log; }
    // Sent with whatever answer this exchange gives (the CORS headers).
    void addResponseHeader(const QByteArray& name, const QByteArray& value)
    {
        m_responseHeaders.append({name, value});
    }

    // Each of these answers the request and ends the exchange.
    void sendJson(int status, const QJsonValue& json, const HttpHeaders& headers = {});
    // An error's body in the shape of its API, with the error's status and Retry-After.
    void sendError(const ApiError& error, const QJsonObject& body);
    // True when the request's method is `wanted`; otherwise answers 405 through `sendApiError`.
    bool requireMethod(const char* wanted, void (*sendApiError)(ApiExchange*, const ApiError&));
    void sendBody(int status, const QByteArray& contentType, const QByteArray& body,
                  const HttpHeaders& headers = {});
    // A streamed answer: begin once, write pieces, end once.
    void beginStream(const QByteArray& contentType);
    void writeStream(const QByteArray& data);
    void endStream();

    struct JobHandlers {
        std::function<void(const QString& piece)> piece;
        std::function<void(const TokenChoices& tokens)> tokens; // optional: before their piece
        std::function<void(const JobStats& stats)> finished;
        std::function<void(const ApiError& error)> failed;
    };
    // Submits the job; a refusal (the queue is full) comes back as an ApiError (429), and
    // then nothing else is called.
    std::optional<ApiError> run(EngineJob job, JobHandlers handlers);
    // ServedModels::switches, so a job pushed out by a model switch (503) is told apart from
    // one refused for its prompt (400).
    std::function<int()> switchCounter;
    // Whether one more job may wait (the server's own queue bound); refused jobs get 429.
    std::function<bool()> admit;
    bool hasJob() const { return m_jobId != 0; }

    // Ends a running job early (the server is stopping); its handlers still run. A job not yet
    // submitted is refused (503).
    void cancel();
    bool clientGone() const { return !m_connection || !m_connection->isOpen(); }

  signals:
    void ended(const ApiLogEntry& entry);
    void chatAnswered(const ApiChat& chat);

  private:
    void end(int status);
    void onClientGone();

    QPointer<HttpConnection> m_connection;
    HttpRequest m_request;
    QString m_clientId;
    EngineService& m_engine;
    ApiLogEntry m_log;
    HttpHeaders m_responseHeaders;
    QElapsedTimer m_clock;
    qint64 m_jobId = 0;
    bool m_jobStarted = false;
    int m_switchesAtSubmit = 0;
    bool m_ended = false;
    bool m_cancelled = false;
    int m_streamStatus = 0;
};
