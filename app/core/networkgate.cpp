#include "networkgate.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {
QString hostOf(const QUrl& url)
{
    return url.port() < 0 ? url.host() : QStringLiteral("%1:%2").arg(url.host()).arg(url.port());
}

// What Hearth itself puts on the wire for a GET: the request line, Host and the headers it set.
qint64 requestHeadBytes(const QNetworkRequest& request)
{
    const QUrl url = request.url();
    qint64 bytes = QByteArrayLiteral("GET  HTTP/1.1\r\n").size() +
                   url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority).size() +
                   QByteArrayLiteral("Host: \r\n").size() + hostOf(url).toUtf8().size();
    for (const QByteArray& name : request.rawHeaderList())
        bytes += name.size() + 2 + request.rawHeader(name).size() + 2;
    const QVariant agent = request.header(QNetworkRequest::UserAgentHeader);
    if (agent.isValid())
        bytes += QByteArrayLiteral("User-Agent: \r\n").size() + agent.toByteArray().size();
    return bytes;
}
} // namespace

NetworkGate::NetworkGate(const QString& logPath, QObject* parent) : QObject(parent), m_logPath(logPath)
{
    // Home and office networks often reach the internet only through the system's proxy.
    QNetworkProxyFactory::setUseSystemConfiguration(true);
}

QString NetworkGate::offlineMessage()
{
    return QCoreApplication::translate("NetworkGate", "Offline mode is on: Hearth makes no network requests. "
                                                      "Turn offline mode off to go on.");
}

QNetworkReply* NetworkGate::get(const QNetworkRequest& request, const QString& purpose)
{
    NetworkRecord record;
    record.time = QDateTime::currentDateTime();
    record.host = hostOf(request.url());
    record.url = request.url().toString(QUrl::RemoveUserInfo);
    record.purpose = purpose;
    if (m_offline) {
        record.refused = true;
        record.finished = true;
        record.result = tr("refused: offline mode is on");
        addRecord(record);
        return nullptr;
    }
    record.bytesOut = requestHeadBytes(request);
    const int index = addRecord(record);
    QNetworkReply* reply = m_network.get(request);
    m_running.insert(reply, reply);
    connect(reply, &QNetworkReply::downloadProgress, this, [this, index](qint64 received, qint64) {
        if (received > m_records[index].bytesIn) {
            m_records[index].bytesIn = received;
            emit recordChanged(index);
        }
    });
    connect(reply, &QNetworkReply::uploadProgress, this,
            [this, index, head = record.bytesOut](qint64 sent, qint64) {
                m_records[index].bytesOut = head + sent;
            });
    connect(reply, &QNetworkReply::redirected, this, [this, index](const QUrl& url) {
        const QString host = hostOf(url);
        if (!m_records[index].host.endsWith(host))
            m_records[index].host += QStringLiteral(" → ") + host;
        emit recordChanged(index);
    });
    connect(reply, &QNetworkReply::finished, this, [this, index, reply] { finish(index, reply); });
    connect(reply, &QObject::destroyed, this, [this, reply] { m_running.remove(reply); });
    return reply;
}

void NetworkGate::finish(int index, QNetworkReply* reply)
{
    m_running.remove(reply);
    NetworkRecord& record = m_records[index];
    record.finished = true;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::OperationCanceledError)
        record.result = m_offline ? tr("stopped: offline mode turned on") : tr("stopped");
    else if (status > 0)
        record.result = QStringLiteral("HTTP %1").arg(status);
    else
        record.result = reply->errorString();
    append(record);
    emit recordChanged(index);
}

int NetworkGate::addRecord(NetworkRecord record)
{
    m_records.append(std::move(record));
    const int index = int(m_records.size() - 1);
    if (m_records[index].finished)
        append(m_records[index]);
    emit recordAdded(index);
    return index;
}

void NetworkGate::append(const NetworkRecord& record) const
{
    if (!m_saveLog || m_logPath.isEmpty())
        return;
    QDir().mkpath(QFileInfo(m_logPath).absolutePath());
    QFile file(m_logPath);
    if (file.open(QIODevice::WriteOnly | QIODevice::Append))
        file.write(QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact) + '\n');
}

void NetworkGate::setOffline(bool offline)
{
    if (m_offline == offline)
        return;
    m_offline = offline;
    emit offlineChanged(offline); // downloads pause here, before the rest is stopped
    if (!offline)
        return;
    const QList<QPointer<QNetworkReply>> running = m_running.values();
    for (const QPointer<QNetworkReply>& reply : running)
        if (reply)
            reply->abort();
}

void NetworkGate::setSaveLog(bool save)
{
    if (m_saveLog == save)
        return;
    m_saveLog = save;
    emit saveLogChanged(save);
}
