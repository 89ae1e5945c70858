#include "apiserver.h"

#include "engine/engineservice.h"
#include "httpconnection.h"

#include <algorithm>
#include <QJsonObject>
#include <QTcpSocket>

namespace {

bool isOllamaPath(const QByteArray& path)
{
    return path.startsWith("/api/");
}

// Compares without an early exit, so the time taken does not tell how much of a guess was right.
bool sameKey(const QByteArray& given, const QByteArray& expected)
{
    unsigned difference = unsigned(given.size() ^ expected.size());
    for (qsizetype i = 0; i < given.size(); ++i)
        difference |=
            unsigned(uchar(given[i]) ^ uchar(expected.isEmpty() ? 0 : expected[i % expected.size()]));
    return difference == 0 && !expected.isEmpty();
}

} // namespace

ApiServer::ApiServer(EngineService& engine, ServedModels::ListInstalled listInstalled,
                     const ApiServerOptions& options, QObject* parent)
    : QObject(parent), m_engine(engine), m_options(options),
      m_models(engine, std::move(listInstalled), options.loadShape), m_openAi(m_models), m_ollama(m_models)
{
    connect(&m_tcp, &QTcpServer::newConnection, this, &ApiServer::accept);
}

ApiServer::~ApiServer()
{
    // The exchanges and connections go first, while the members their signals reach still exist
    // (each exchange cancels its job as it goes).
    m_stopping = true;
    for (ApiExchange* exchange : std::as_const(m_exchanges))
        disconnect(exchange, nullptr, this, nullptr);
    qDeleteAll(findChildren<ApiExchange*>(Qt::FindDirectChildrenOnly));
    m_exchanges.clear();
    const QList<HttpConnection*> connections = findChildren<HttpConnection*>(Qt::FindDirectChildrenOnly);
    for (HttpConnection* connection : connections)
        disconnect(connection, nullptr, this, nullptr);
    qDeleteAll(connections);
}

bool ApiServer::listen(QString* error)
{
    if (!m_options.host.isLoopback() && m_options.apiKey.isEmpty()) {
        *error = tr("Listening on %1 lets other devices use the model; it needs an API key (--api-key, or make one in Settings → Local API).")
                     .arg(m_options.host.toString());
        return false;
    }
    if (!m_tcp.listen(m_options.host, m_options.port)) {
        *error = tr("Cannot listen on %1:%2: %3")
                     .arg(m_options.host.toString())
                     .arg(m_options.port)
                     .arg(m_tcp.errorString());
        return false;
    }
    return true;
}

void ApiServer::stop()
{
    m_stopping = true;
    m_tcp.close();
    for (ApiExchange* exchange : std::as_const(m_exchanges))
        exchange->cancel();
    if (m_exchanges.isEmpty())
        emit stopped();
}

void ApiServer::accept()
{
    while (QTcpSocket* socket = m_tcp.nextPendingConnection()) {
        auto* connection = new HttpConnection(socket, m_options.limits, this);
        const QString clientId = QStringLiteral("api:%1").arg(++m_lastClient);
        ++m_connections;
        connect(connection, &HttpConnection::closed, this, [this, clientId] {
            --m_connections;
            m_engine.releaseClient(clientId); // ignored by the engine while its job still runs
        });
        connect(connection, &HttpConnection::requestReceived, this,
                [this, connection, clientId](const HttpRequest& request) {
                    dispatch(connection, request, clientId);
                });
        connect(connection, &HttpConnection::requestRejected, this,
                [this, connection](int status, const QString& message, const QByteArray& path) {
                    reject(connection, status, message, path);
                });
        if (m_connections > m_options.maxConnections) {
            connection->refuse();
            reject(connection, 503, tr("Too many connections; try again in a moment."), {});
        }
    }
}

void ApiServer::reject(HttpConnection* connection, int status, const QString& message, const QByteArray& path)
{
    HttpRequest request;
    request.path = path;
    request.method = "?";
    auto* exchange = new ApiExchange(connection, request, {}, m_engine, this);
    connect(exchange, &ApiExchange::ended, this, &ApiServer::requestLogged);
    const ApiError error{status, message, {}, {}, status == 503 ? 1 : 0};
    if (isOllamaPath(path))
        OllamaApi::sendError(exchange, error);
    else
        OpenAiApi::sendError(exchange, error);
}

bool ApiServer::authorized(const HttpRequest& request) const
{
    if (m_options.apiKey.isEmpty())
        return true;
    const QByteArray header = request.header("authorization");
    if (!header.startsWith("Bearer "))
        return false;
    return sameKey(header.mid(7).trimmed(), m_options.apiKey.toUtf8());
}

bool ApiServer::checkOrigin(ApiExchange* exchange, bool ollama)
{
    const HttpRequest& request = exchange->request();
    const QByteArray origin = request.header("origin");
    if (origin.isEmpty())
        return true; // not a browser page: curl, the SDKs, editors
    const bool allowed = m_options.allowedOrigins.contains(QStringLiteral("*")) ||
                         m_options.allowedOrigins.contains(QString::fromUtf8(origin));
    if (!allowed) {
        const ApiError error{403,
                             tr("Web pages from %1 may not use this API (serve --cors-origin allows them).")
                                 .arg(QString::fromUtf8(origin)),
                             {},
                             QStringLiteral("origin_not_allowed")};
        if (ollama)
            OllamaApi::sendError(exchange, error);
        else
            OpenAiApi::sendError(exchange, error);
        return false;
    }
    exchange->addResponseHeader("Access-Control-Allow-Origin", origin);
    exchange->addResponseHeader("Vary", "Origin");
    if (request.method != "OPTIONS")
        return true;
    exchange->addResponseHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    exchange->addResponseHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
    exchange->addResponseHeader("Access-Control-Max-Age", "600");
    exchange->sendBody(204, {}, {});
    return false;
}

void ApiServer::dispatch(HttpConnection* connection, const HttpRequest& request, const QString& clientId)
{
    auto* exchange = new ApiExchange(connection, request, clientId, m_engine, this);
    exchange->switchCounter = [this] { return m_models.switches(); };
    exchange->admit = [this] {
        const auto jobs = std::count_if(m_exchanges.cbegin(), m_exchanges.cend(),
                                        [](const ApiExchange* e) { return e->hasJob(); });
        return jobs <= m_options.maxQueuedRequests;
    };
    m_exchanges.insert(exchange);
    connect(exchange, &ApiExchange::chatAnswered, this, &ApiServer::chatAnswered);
    emit activeRequestsChanged(int(m_exchanges.size()));
    connect(exchange, &ApiExchange::ended, this, [this, exchange](const ApiLogEntry& entry) {
        m_exchanges.remove(exchange);
        emit requestLogged(entry);
        emit activeRequestsChanged(int(m_exchanges.size()));
        if (m_stopping && m_exchanges.isEmpty())
            emit stopped();
    });
    const bool ollama = isOllamaPath(request.path);
    const auto fail = [&](const ApiError& error) {
        if (ollama)
            OllamaApi::sendError(exchange, error);
        else
            OpenAiApi::sendError(exchange, error);
    };
    if (m_stopping)
        return fail({503, tr("The server is stopping."), {}, QStringLiteral("server_stopping")});
    if (!checkOrigin(exchange, ollama))
        return;
    if (!authorized(request))
        return fail({401,
                     tr("A valid API key is required (Authorization: Bearer KEY)."),
                     {},
                     QStringLiteral("invalid_api_key")});
    if (request.path == "/")
        return exchange->sendBody(200, "text/plain", "Hearth is running"); // what Ollama clients probe
    if (request.path == "/health") {
        const bool ready = m_models.loaded().has_value() && !m_models.loading();
        const QString status = m_models.loading() ? QStringLiteral("loading")
                               : ready            ? QStringLiteral("ok")
                                                  : QStringLiteral("no model");
        return exchange->sendJson(m_models.loading() ? 503 : 200,
                                  QJsonObject{{"status", status}, {"model", m_models.loadedId()}});
    }
    if (ollama)
        m_ollama.handle(exchange);
    else if (request.path.startsWith("/v1/"))
        m_openAi.handle(exchange);
    else
        fail({404,
              tr("No such endpoint: %1").arg(QString::fromLatin1(request.path)),
              {},
              QStringLiteral("unknown_url")});
}
