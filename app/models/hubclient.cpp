#include "hubclient.h"

#include "core/networkgate.h"
#include "modelserror.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("HubClient", text);
}

QJsonArray parseArray(const QByteArray& json, const QString& what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        throwModelsError(tr("The server's answer to %1 is not the expected JSON list.").arg(what));
    return doc.array();
}

QByteArray encodePath(const QString& path)
{
    QByteArrayList segments;
    for (const QString& segment : path.split(QLatin1Char('/')))
        segments.append(QUrl::toPercentEncoding(segment));
    return segments.join('/');
}

// The "next" page of a paginated listing: Link: <url>; rel="next".
QUrl nextPageLink(const QByteArray& link)
{
    static const QRegularExpression next(QStringLiteral("<([^>]+)>\\s*;\\s*rel=\"?next\"?"));
    const QRegularExpressionMatch match = next.match(QString::fromLatin1(link));
    return match.hasMatch() ? QUrl(match.captured(1)) : QUrl();
}
} // namespace

QList<HubRepo> parseHubSearch(const QByteArray& json)
{
    QList<HubRepo> repos;
    for (const QJsonValue& v : parseArray(json, tr("the model search"))) {
        const QJsonObject o = v.toObject();
        HubRepo repo;
        repo.id = o.value(QLatin1String("id")).toString();
        if (repo.id.isEmpty())
            repo.id = o.value(QLatin1String("modelId")).toString();
        if (!isValidRepoId(repo.id))
            continue;
        repo.downloads = o.value(QLatin1String("downloads")).toInteger();
        repo.likes = o.value(QLatin1String("likes")).toInteger();
        const QJsonValue gated = o.value(QLatin1String("gated"));
        repo.gated = gated.isString() || gated.toBool();
        repo.lastModified = o.value(QLatin1String("lastModified")).toString();
        repos.append(repo);
    }
    return repos;
}

QList<HubFile> parseHubTree(const QByteArray& json)
{
    QList<HubFile> files;
    for (const QJsonValue& v : parseArray(json, tr("the file listing"))) {
        const QJsonObject o = v.toObject();
        if (o.value(QLatin1String("type")).toString() != QLatin1String("file"))
            continue;
        HubFile file;
        file.path = o.value(QLatin1String("path")).toString();
        file.size = o.value(QLatin1String("size")).toInteger();
        const QJsonObject lfs = o.value(QLatin1String("lfs")).toObject();
        if (!lfs.isEmpty()) {
            file.sha256 = lfs.value(QLatin1String("oid")).toString().toLower();
            file.size = lfs.value(QLatin1String("size")).toInteger(file.size);
        }
        if (file.path.isEmpty() || file.size < 0)
            throwModelsError(tr("The file listing has an entry without a path or size."));
        files.append(file);
    }
    return files;
}

bool isValidRepoId(const QString& repo)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9._-]+$"));
    return pattern.match(repo).hasMatch() && !repo.contains(QLatin1String(".."));
}

bool splitRepoFile(const QString& spec, QString* repo, QString* file)
{
    const QStringList parts = spec.split(QLatin1Char('/'));
    if (parts.size() < 3)
        return false;
    *repo = parts[0] + QLatin1Char('/') + parts[1];
    *file = parts.mid(2).join(QLatin1Char('/'));
    return isValidRepoId(*repo) && !file->isEmpty() && !parts.mid(2).contains(QStringLiteral("..")) &&
           !parts.mid(2).contains(QString());
}

QString hubErrorMessage(int httpStatus, QNetworkReply::NetworkError error, const QString& errorString,
                        const QString& what)
{
    switch (httpStatus) {
    case 401:
        return tr("%1 is gated or private: Hugging Face needs an access token. Accept the model's licence "
                  "on its Hugging Face page, then set your token with `hearth-cli models token` (or the "
                  "HF_TOKEN variable).")
            .arg(what);
    case 403:
        return tr("Access to %1 was refused: accept the model's licence on its Hugging Face page with the "
                  "account whose token Hearth uses.")
            .arg(what);
    case 404:
        return tr("%1 was not found: check the repository and file name.").arg(what);
    case 429:
        return tr("The server is rate-limiting requests for %1; try again in a few minutes.").arg(what);
    default:
        break;
    }
    if (httpStatus >= 500)
        return tr("The server failed to deliver %1 (HTTP %2); try again later.").arg(what).arg(httpStatus);
    if (httpStatus >= 400)
        return tr("The server refused %1 (HTTP %2).").arg(what).arg(httpStatus);
    if (error == QNetworkReply::HostNotFoundError || error == QNetworkReply::ConnectionRefusedError)
        return tr("Could not reach the server for %1 (%2). Check your connection or HF_ENDPOINT.")
            .arg(what, errorString);
    return tr("Downloading %1 failed: %2.").arg(what, errorString);
}

HubClient::HubClient(NetworkGate* network, const QUrl& endpoint, const QString& token, QObject* parent)
    : QObject(parent), m_network(network), m_endpoint(endpoint), m_token(token)
{
}

QUrl HubClient::searchUrl(const QString& query, int limit) const
{
    QUrl url = m_endpoint;
    url.setPath(url.path() + QStringLiteral("/api/models"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("search"), query);
    q.addQueryItem(QStringLiteral("filter"), QStringLiteral("gguf"));
    q.addQueryItem(QStringLiteral("sort"), QStringLiteral("downloads"));
    q.addQueryItem(QStringLiteral("direction"), QStringLiteral("-1"));
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    url.setQuery(q);
    return url;
}

QUrl HubClient::treeUrl(const QString& repo) const
{
    QUrl url = m_endpoint;
    url.setPath(url.path() + QStringLiteral("/api/models/") + repo + QStringLiteral("/tree/main"));
    return url;
}

QUrl HubClient::fileUrl(const QString& repo, const QString& file) const
{
    const QByteArray base = m_endpoint.toEncoded(QUrl::StripTrailingSlash);
    return QUrl::fromEncoded(base + '/' + encodePath(repo) + "/resolve/main/" + encodePath(file));
}

QNetworkRequest HubClient::request(const QUrl& url) const
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Hearth"));
    if (!m_token.isEmpty() && url.host() == m_endpoint.host() && url.port() == m_endpoint.port())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return request;
}

void HubClient::search(const QString& query, int limit, SearchDone done)
{
    QNetworkReply* reply = m_network->get(request(searchUrl(query, limit)), tr("model search"));
    if (!reply)
        return QTimer::singleShot(0, this, [done = std::move(done)] { done({}, NetworkGate::offlineMessage()); });
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::OperationCanceledError && m_network->offline())
            return done({}, NetworkGate::offlineMessage());
        if (reply->error() != QNetworkReply::NoError)
            return done({}, hubErrorMessage(status, reply->error(), reply->errorString(), tr("the search")));
        try {
            done(parseHubSearch(reply->readAll()), QString());
        } catch (const hearth::Error& e) {
            done({}, QString::fromStdString(e.what()));
        }
    });
}

void HubClient::listFiles(const QString& repo, FilesDone done)
{
    if (!isValidRepoId(repo))
        return done({}, tr("\"%1\" is not a repository name of the form owner/name.").arg(repo));
    fetchTreePage(treeUrl(repo), repo, {}, std::move(done));
}

void HubClient::fetchTreePage(const QUrl& url, const QString& repo, QList<HubFile> soFar, FilesDone done)
{
    QNetworkReply* reply = m_network->get(request(url), tr("file listing"));
    if (!reply)
        return QTimer::singleShot(0, this, [done = std::move(done)] { done({}, NetworkGate::offlineMessage()); });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, repo, soFar = std::move(soFar), done = std::move(done)]() mutable {
                reply->deleteLater();
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (reply->error() == QNetworkReply::OperationCanceledError && m_network->offline())
                    return done({}, NetworkGate::offlineMessage());
                if (reply->error() != QNetworkReply::NoError)
                    return done({}, hubErrorMessage(status, reply->error(), reply->errorString(), repo));
                try {
                    soFar.append(parseHubTree(reply->readAll()));
                } catch (const hearth::Error& e) {
                    return done({}, QString::fromStdString(e.what()));
                }
                const QUrl next = nextPageLink(reply->rawHeader("Link"));
                if (next.isValid() && soFar.size() < 100000)
                    return fetchTreePage(reply->url().resolved(next), repo, std::move(soFar),
                                         std::move(done));
                done(soFar, QString());
            });
}
