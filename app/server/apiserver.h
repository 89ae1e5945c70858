#pragma once
// The local API: an HTTP server on 127.0.0.1 (by default port 8642) answering the OpenAI- and
// Ollama-compatible endpoints as a client of the engine service. Every request's job runs at
// JobPriority::Api in the session of its connection ("api:<n>"), so a chat in the window goes
// first and a client keeping its connection keeps its cached prefix. Listening beyond the
// loopback needs an API key, checked on every request (Authorization: Bearer KEY).
#include "apiexchange.h"
#include "httprequest.h"
#include "ollamaapi.h"
#include "openaiapi.h"
#include "servedmodels.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTcpServer>

class EngineService;
class HttpConnection;

struct ApiServerOptions {
    QHostAddress host = QHostAddress::LocalHost;
    quint16 port = 8642;
    QString apiKey;        // required when host is not a loopback address
    LoadRequest loadShape; // device and context length of models a request loads
    HttpLimits limits;
    int maxConnections = 256; // beyond this, new connections get 503 and are closed
    // API requests waiting for the engine besides the one it runs; more get 429. Kept below the
    // engine's own bound so the window's chat always finds room in the engine's queue.
    int maxQueuedRequests = 16;
    // Web pages (by their Origin) allowed to call the API from a browser; "*" allows any. A
    // request carrying another Origin is refused, so a page the user visits cannot use the model.
    QStringList allowedOrigins;
};

class ApiServer : public QObject {
    Q_OBJECT
  public:
    ApiServer(EngineService& engine, ServedModels::ListInstalled listInstalled,
              const ApiServerOptions& options, QObject* parent = nullptr);
    ~ApiServer() override;

    // Starts listening; false with the reason in `error` (port taken, no key off the loopback).
    bool listen(QString* error);
    quint16 port() const { return m_tcp.serverPort(); }
    bool isListening() const { return m_tcp.isListening(); }
    // Stops taking connections and cancels the running answers (each still ends its response
    // properly); stopped() follows once none is left.
    void stop();
    int activeRequests() const { return int(m_exchanges.size()); }
    // Requests from now on need this key; those running go on.
    void setApiKey(const QString& key) { m_options.apiKey = key; }
    ServedModels& models() { return m_models; }

  signals:
    void requestLogged(const ApiLogEntry& entry);
    void chatAnswered(const ApiChat& chat);
    void activeRequestsChanged(int count);
    void stopped();

  private:
    void accept();
    void dispatch(HttpConnection* connection, const HttpRequest& request, const QString& clientId);
    void reject(HttpConnection* connection, int status, const QString& message, const QByteArray& path);
    bool authorized(const HttpRequest& request) const;
    // Applies the CORS rules; false when the exchange was answered (a preflight, a refused origin).
    bool checkOrigin(ApiExchange* exchange, bool ollama);

    EngineService& m_engine;
    ApiServerOptions m_options;
    ServedModels m_models;
    OpenAiApi m_openAi;
    OllamaApi m_ollama;
    QTcpServer m_tcp;
    QSet<ApiExchange*> m_exchanges;
    int m_connections = 0;
    qint64 m_lastClient = 0;
    bool m_stopping = false;
};
