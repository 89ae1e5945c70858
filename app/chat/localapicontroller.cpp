#include "localapicontroller.h"

#include "models/modelsconfig.h"
#include "server/apiserver.h"

#include <QSettings>

LocalApiController::LocalApiController(QObject* parent) : QObject(parent) {}

LocalApiController::~LocalApiController() = default;

void LocalApiController::setEngine(EngineService* engine)
{
    if (engine == m_engine)
        return;
    m_server.reset();
    m_engine = engine;
    emit engineChanged();
    apply();
}

bool LocalApiController::enabled() const
{
    return QSettings().value(QStringLiteral("api/enabled"), false).toBool();
}

void LocalApiController::setEnabled(bool enabled)
{
    if (enabled == this->enabled())
        return;
    QSettings().setValue(QStringLiteral("api/enabled"), enabled);
    apply();
}

int LocalApiController::port() const
{
    return QSettings().value(QStringLiteral("api/port"), kDefaultPort).toInt();
}

void LocalApiController::setPort(int port)
{
    if (port == this->port() || port < 0 || port > 65535)
        return;
    QSettings().setValue(QStringLiteral("api/port"), port);
    m_server.reset(); // listens again on the new port
    apply();
}

bool LocalApiController::running() const
{
    return m_server && m_server->isListening();
}

QString LocalApiController::baseUrl() const
{
    const int shown = running() ? int(m_server->port()) : port();
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(shown);
}

int LocalApiController::activeRequests() const
{
    return m_server ? m_server->activeRequests() : 0;
}

QString LocalApiController::status() const
{
    if (!m_error.isEmpty())
        return m_error;
    if (!running())
        return tr("Off");
    const int active = activeRequests();
    return active > 0 ? tr("Serving %n request(s) at %1", nullptr, active).arg(baseUrl())
                      : tr("Listening at %1").arg(baseUrl());
}

void LocalApiController::apply()
{
    m_error.clear();
    if (!enabled() || !m_engine) {
        m_server.reset();
        emit changed();
        return;
    }
    if (m_server) {
        emit changed();
        return;
    }
    const ModelsConfig config = ModelsConfig::load(QSettings());
    m_installed = std::make_unique<InstalledModels>(config.modelsDir, config.extraFolders);
    ApiServerOptions options;
    options.port = quint16(port());
    options.loadShape.device = QSettings().value(QStringLiteral("engine/device")).toString();
    // The window scans the folder when its models change; a request names what was there then
    // or at the previous request, which is what the API lists.
    InstalledModels* installed = m_installed.get();
    m_server = std::make_unique<ApiServer>(
        *m_engine, [installed] { return installed->scan(); }, options);
    connect(m_server.get(), &ApiServer::activeRequestsChanged, this, &LocalApiController::changed);
    connect(m_server.get(), &ApiServer::requestLogged, this, [this](const ApiLogEntry& entry) {
        m_log.append(entry.line());
        if (m_log.size() > kLogLines)
            m_log.removeFirst();
        emit requestLogged();
    });
    if (!m_server->listen(&m_error))
        m_server.reset();
    emit changed();
}
