#include "catalogrefresher.h"

#include "catalog.h"
#include "core/networkgate.h"
#include "hearth/error.h"
#include "hubclient.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkReply>
#include <QSaveFile>
#include <QTimer>

namespace {
constexpr qint64 kMaxCatalogBytes = 4 << 20;
}

CatalogRefresher::CatalogRefresher(NetworkGate* network, const QUrl& url, const QString& cachePath,
                                   QObject* parent)
    : QObject(parent), m_network(network), m_url(url), m_cachePath(cachePath)
{
}

void CatalogRefresher::refresh()
{
    const auto failLater = [this](const QString& message) {
        QTimer::singleShot(0, this, [this, message] { emit failed(message); });
    };
    if (!m_url.isValid() || m_url.isEmpty())
        return failLater(tr("No catalog URL is set."));
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Hearth"));
    QNetworkReply* reply = m_network->get(request, tr("catalog refresh"));
    if (!reply)
        return failLater(NetworkGate::offlineMessage());
    connect(reply, &QNetworkReply::downloadProgress, this, [reply](qint64 received, qint64) {
        if (received > kMaxCatalogBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::OperationCanceledError && m_network->offline())
            return emit failed(NetworkGate::offlineMessage());
        if (reply->error() != QNetworkReply::NoError)
            return emit failed(
                hubErrorMessage(status, reply->error(), reply->errorString(), tr("the catalog")));
        const QByteArray json = reply->readAll();
        int count = 0;
        try {
            count = int(Catalog::fromJson(json).entries().size());
        } catch (const hearth::Error& e) {
            return emit failed(QString::fromStdString(e.what()));
        }
        QDir().mkpath(QFileInfo(m_cachePath).absolutePath());
        QSaveFile file(m_cachePath);
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
            return emit failed(
                tr("Could not save the catalog to %1: %2").arg(m_cachePath, file.errorString()));
        emit refreshed(count);
    });
}
