#include "localapicontroller.h"

#include "server/apihistory.h"
#include "models/modelsconfig.h"
#include "server/apiserver.h"
#include "storage/conversationstore.h"
#include "storage/database.h"
#include "storage/historyencryption.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QNetworkInterface>
#include <QSettings>

namespace {

// The address other devices on the network reach this computer at: the first IPv4 address of an
// interface that is up (IPv4 first, since that is what people type), else an IPv6 one.
QString networkAddress()
{
    QString ipv6;
    for (const QNetworkInterface& interface : QNetworkInterface::allInterfaces()) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) || !flags.testFlag(QNetworkInterface::IsRunning) ||
            flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry& entry : interface.addressEntries()) {
            const QHostAddress address = entry.ip();
            if (address.isLoopback() || address.isLinkLocal())
                continue;
            if (address.protocol() == QAbstractSocket::IPv4Protocol)
                return address.toString();
            if (ipv6.isEmpty() && address.protocol() == QAbstractSocket::IPv6Protocol)
                ipv6 = QLatin1Char('[') + address.toString() + QLatin1Char(']');
        }
    }
    return ipv6.isEmpty() ? QStringLiteral("127.0.0.1") : ipv6;
}

} // namespace

LocalApiController::LocalApiController(QObject* parent)
    : QObject(parent), m_configDir(ModelsConfig::load(QSettings()).configDir),
      m_key(std::make_unique<LocalApiKey>(m_configDir))
{
    // The server goes before the window's engine does, whatever order the window's objects
    // are destroyed in.
    connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this, [this] { m_server.reset(); });
}

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
    restart();
}

bool LocalApiController::allowNetwork() const
{
    return QSettings().value(QStringLiteral("api/allowNetwork"), false).toBool();
}

void LocalApiController::setAllowNetwork(bool allow)
{
    if (allow == allowNetwork())
        return;
    if (allow && !ensureKey()) {
        emit changed(); // the switch goes back off, the error says why
        return;
    }
    QSettings().setValue(QStringLiteral("api/allowNetwork"), allow);
    restart();
}

bool LocalApiController::saveConversations() const
{
    return QSettings().value(QStringLiteral("api/saveConversations"), false).toBool();
}

void LocalApiController::setSaveConversations(bool save)
{
    if (save == saveConversations())
        return;
    QSettings().setValue(QStringLiteral("api/saveConversations"), save);
    emit changed();
}

bool LocalApiController::running() const
{
    return m_server && m_server->isListening();
}

QString LocalApiController::baseUrl() const
{
    const int shown = running() ? int(m_server->port()) : port();
    const QString host = allowNetwork() ? networkAddress() : QStringLiteral("127.0.0.1");
    return QStringLiteral("http://%1:%2/v1").arg(host).arg(shown);
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
    if (active > 0)
        return tr("Serving %n request(s) at %1", nullptr, active).arg(baseUrl());
    return allowNetwork()
               ? tr("Listening at %1 for this computer and the local network; requests need the key")
                     .arg(baseUrl())
               : tr("Listening at %1").arg(baseUrl());
}

void LocalApiController::regenerateKey()
{
    try {
        m_key->generate();
    } catch (const hearth::Error& e) {
        setError(QString::fromUtf8(e.what()));
        return;
    }
    if (m_server && allowNetwork())
        m_server->setApiKey(m_key->value());
    emit changed();
}

void LocalApiController::copyBaseUrl() const
{
    if (qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        QGuiApplication::clipboard()->setText(baseUrl());
}

void LocalApiController::dismissError()
{
    setError({});
}

void LocalApiController::setError(const QString& error)
{
    if (error == m_error)
        return;
    m_error = error;
    emit changed();
}

bool LocalApiController::ensureKey()
{
    if (m_key->exists())
        return true;
    try {
        m_key->generate();
        return true;
    } catch (const hearth::Error& e) {
        setError(QString::fromUtf8(e.what()));
        return false;
    }
}

void LocalApiController::restart()
{
    m_server.reset();
    apply();
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
    m_installed =
        std::make_unique<InstalledModels>(config.modelsDir, config.extraFolders, config.externalRoots);
    ApiServerOptions options;
    options.port = quint16(port());
    options.loadShape.device = QSettings().value(QStringLiteral("engine/device")).toString();
    // Beyond the loopback only with a key (the key file may have been removed since).
    if (allowNetwork() && ensureKey()) {
        options.host = QHostAddress::Any;
        options.apiKey = m_key->value();
    }
    // The window scans the folder when its models change; a request names what was there then
    // or at the previous request, which is what the API lists.
    InstalledModels* installed = m_installed.get();
    m_server = std::make_unique<ApiServer>(
        *m_engine, [installed] { return installed->scan(); }, options);
    connect(m_server.get(), &ApiServer::activeRequestsChanged, this, &LocalApiController::changed);
    connect(m_server.get(), &ApiServer::requestLogged, &m_log, &RequestLogModel::add);
    connect(m_server.get(), &ApiServer::chatAnswered, this, &LocalApiController::saveChat);
    QString error;
    if (!m_server->listen(&error)) {
        m_server.reset();
        m_error = error;
    }
    emit changed();
}

void LocalApiController::saveChat(const ApiChat& chat)
{
    if (!saveConversations())
        return;
    // A connection of its own for each save: it sees the history as it is now (unlocked,
    // encrypted or not) and holds nothing open between requests.
    Database database(Database::defaultFilePath());
    try {
        database.open();
        if (HistoryEncryption::isLocked(database))
            return setError(tr("An API conversation was not saved: the history is locked."));
        ConversationStore store(database);
        const Conversation saved = api_history::save(store, chat);
        emit conversationSaved(saved.id);
    } catch (const hearth::Error& e) {
        setError(tr("An API conversation was not saved: %1").arg(QString::fromUtf8(e.what())));
    }
}
